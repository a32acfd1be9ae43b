"""The body as a tree of clauses (điều, mục, khoản, điểm, gạch đầu dòng): I / 1 / 1.1 / a / - / +,
with the labels web and PDF copies put on the wrong line repaired first."""

from __future__ import annotations

import re

from .names import fold


class Clause:
    """One numbered/lettered/bulleted item of the body."""

    __slots__ = ("label", "heading", "text", "children", "kind", "path", "more")

    def __init__(self, label: str, heading: str | None = None, text: str = "", kind: str = ""):
        self.label = label
        self.heading = heading
        self.text = text
        self.children: list[Clause] = []
        self.kind = kind  # roman, num, letter, dash, plus
        self.path = ""
        self.more: list[str] = []  # continuation lines, joined once by build_tree (linear time)

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "heading": self.heading,
            "text": self.text,
            "children": [c.as_dict() for c in self.children],
        }

    def full_text(self) -> str:
        parts = [p for p in (self.text,) if p]
        for c in self.children:
            t = c.full_text()
            if t:
                parts.append(t)
        head = self.heading
        if head and not parts:
            return head
        return " ".join(parts)


_ROMAN = re.compile(r"^([IVX]{1,5})\s*[.\-–:)]\s*(.*)$")
_NUM = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]\s*(\S.*)?$|^(\d{1,2}(?:\.\d{1,2}){1,3})\s+(\S.*)$")
_NUM_BARE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\s+([^\d\s].*)$")
_LETTER = re.compile(r"^([a-zđ])\s*\)\s*(.*)$|^([a-eghik-vxyđ])\.\s+(?=[A-ZĐÀ-Ỹ])(.*)$")
_DASH = re.compile(r"^(?:[-–—•·●▪◦]|\*(?=\s))\s*(.*)$")
_PLUS = re.compile(r"^\+\s*(.*)$")
_RANK = {"article": 0, "roman": 0, "num": 1, "letter": 5, "dash": 6, "plus": 7}
# "Điều 2. Tổ chức thực hiện": an article of a decision or resolution, above its numbered items
_ARTICLE = re.compile(r"^Điều\s+(\d{1,3})\s*[.:]\s*(\S.*)?$")


def classify(line: str) -> tuple[str, str, str] | None:
    """(kind, label, rest) for a labelled line, else None."""
    m = _ARTICLE.match(line)
    if m:
        return "article", f"Điều {m.group(1)}", m.group(2) or ""
    m = _ROMAN.match(line)
    if m and (m.group(2) or "").strip() and not re.match(r"^[IVX]+\.\d", line):
        return "roman", m.group(1), m.group(2)
    m = _NUM.match(line)
    if m:
        label = m.group(1) or m.group(3)
        rest = m.group(2) if m.group(1) else m.group(4)
        if rest and re.match(r"^\d", rest) and m.group(1):
            m2 = _NUM_BARE.match(line)  # "1.3 Xây dựng …": read as "1." then "3 Xây" by the first form
            if m2:
                label, rest = m2.group(1), m2.group(2)
        if rest and not re.match(r"^[\d/%]", rest):
            return "num", label, rest
    m = _LETTER.match(line)
    if m and (m.group(2) or m.group(4) or "").strip():
        return "letter", m.group(1) or m.group(3), m.group(2) or m.group(4)
    m = _DASH.match(line)
    if m and m.group(1):
        return "dash", "-", m.group(1)
    m = _PLUS.match(line)
    if m and m.group(1):
        return "plus", "+", m.group(1)
    return None


def _rank(kind: str, label: str) -> int:
    if kind == "num":
        return 1 + label.count(".")
    return _RANK[kind]


def _split_heading(kind: str, rest: str) -> tuple[str | None, str]:
    rest = fold(rest)
    m = re.match(r"^([^:]{2,200}?):(?!\d)\s*(.*)$", rest)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    if kind in ("dash", "plus"):
        return None, rest
    if rest.endswith((".", ";", ",")):
        return None, rest
    if kind in ("roman", "article") or rest.upper() == rest or len(rest.split()) <= 15:
        return rest, ""
    return None, rest


_LONE_LABEL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3}\.|[a-zđ]\)|[IVX]{1,5}\.)$")
_TAIL_LABEL = re.compile(r"^(.*\S)\s+(\d{1,2}(?:\.\d{1,2}){1,3}\.)$")
_FIELD_AFTER = re.compile(
    r"\s+[-–]\s*(?=(?:Thời gian|Thời hạn|Cơ quan|Đơn vị|Kinh phí|Sản phẩm)[^:]{0,40}:)", re.I
)


def repair_labels(lines: list[str]) -> list[str]:
    """Labels that web and PDF copies put on the wrong line: a label alone ("1.4.") over its text,
    a sub-label left at the end of its parent's heading ("2. Nâng cao ... lao động 2.1." over the
    text of 2.1), a sub-item run into its parent ("3. Giải quyết ... 3.1. Rà soát ..."), and a
    labelled field run into the line before ("... và địa phương -Thời gian thực hiện: ...")."""
    out: list[str] = []
    carry = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            out.append(raw)
            continue
        if carry:
            if classify(fold(line)) is None:
                line = f"{carry} {line}"
            else:
                out.append(carry)
            carry = ""
        if _LONE_LABEL.match(line):
            carry = line
            continue
        m = _TAIL_LABEL.match(line)
        if m and classify(fold(line)) and m.group(2).startswith(_parent_no(line)):
            out.append(m.group(1))
            carry = m.group(2)
            continue
        m = re.match(r"^(\d{1,2})\.\s+\S.*?\s((\1\.\d{1,2})\.\s+\S.*)$", line)
        if m and classify(fold(line)):
            out.append(line[: m.start(2)].strip())
            line = m.group(2)
        parts = _FIELD_AFTER.split(line)
        out.extend([parts[0], *[f"- {p}" for p in parts[1:]]])
    if carry:
        out.append(carry)
    return out


def _parent_no(line: str) -> str:
    m = re.match(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\.", line)
    return f"{m.group(1)}." if m else "\0"


def build_tree(lines: list[str]) -> list[Clause]:
    """Body lines -> clauses (I / 1 / 1.1 / a / - / +). Unlabelled lines continue the last clause."""
    roots: list[Clause] = []
    stack: list[tuple[int, Clause]] = []
    for raw in lines:
        line = fold(raw)
        if not line:
            continue
        c = classify(line)
        if c is None:
            if not stack:
                continue
            top = stack[-1][1]
            if top.heading and not top.text and not top.more and not top.children and len(top.heading) < 500:
                joinable = top.heading.upper() == top.heading and line.upper() == line
                joinable = joinable or (
                    not top.heading.endswith((":", "."))
                    and (line[:1].islower() or re.match(r"^\d{1,2}\s+[a-zà-ỹđ]", line) is not None)
                    and top.kind != "roman"
                )  # "... trước ngày 31 tháng" / "12 để tổng hợp ...": a date cut at the line's end
                if joinable and top.kind in ("roman", "num", "letter"):
                    top.heading = fold(f"{top.heading} {line}").rstrip(":").strip()
                    continue
                if (
                    top.kind in ("num", "letter")
                    and len(top.heading.split()) > 15
                    and top.heading.upper() != top.heading
                    and not top.heading.endswith(":")
                ):
                    # the lines joined so far were a sentence, not a heading ("3. Bộ trưởng, ...
                    # định kỳ trước ngày 01 tháng 12 hằng năm báo cáo kết quả thực hiện" over
                    # "Chương trình hành động ..."): the clause's text, and this line goes on it
                    top.text, top.heading = top.heading, None
            top.more.append(line)
            continue
        kind, label, rest = c
        heading, text = _split_heading(kind, rest)
        node = Clause(label=label, heading=heading, text=text, kind=kind)
        r = _rank(kind, label)
        if kind == "roman" and stack and stack[0][1].kind == "article" and _announces(stack[0][1]):
            r = 0.5  # "Điều 1. Phê duyệt Đề án ... với những nội dung sau:" over I, II ...: its parts
        while stack and stack[-1][0] >= r:
            stack.pop()
        if stack:
            stack[-1][1].children.append(node)
        else:
            roots.append(node)
        stack.append((r, node))
    _paths(roots, "")
    return roots


def _announces(article: Clause) -> bool:
    """Whether an article's opening ends by announcing its contents ("... với những nội dung sau:"):
    the roman parts after it are its own, not the plan printed after the decision's signature."""
    words = " ".join([article.heading or "", article.text, *article.more]).rstrip()
    # the heading reader drops a final ':' ("... với các nội dung sau đây:" -> its heading)
    return words.endswith(":") or bool(re.search(r"(?:như sau|sau đây|dưới đây|nội dung sau)$", words))


def _join_more(node: Clause) -> None:
    if node.more:
        node.text = " ".join([node.text, *node.more] if node.text else node.more)
        node.more = []


def _paths(nodes: list[Clause], prefix: str, parent: Clause | None = None) -> None:
    for n in nodes:
        _join_more(n)
        if n.kind in ("dash", "plus"):
            n.path = prefix
        elif parent is not None and parent.kind == "num" and n.label.startswith(f"{parent.label}."):
            # "2.1" under "2" of II is II.2.1 (its label already names its parent), not II.2.2.1
            base = prefix[: -len(parent.label)].rstrip(".")
            n.path = f"{base}.{n.label}" if base else n.label
        else:
            n.path = f"{prefix}.{n.label}" if prefix else n.label
        _paths(n.children, n.path, n)
