"""Tasks written in the body instead of a table: a numbered or lettered item followed by labelled
lines ("- Cơ quan chủ trì: ...", "Thời gian thực hiện: ...") or a sentence "Sở X chủ trì, phối hợp
với Sở Y, Sở Z và các cơ quan liên quan".
"""

from __future__ import annotations

import re

from .clauses import Clause
from .leads import merge_coordinators, split_lead_field
from .names import fold, looks_like_org, split_parties
from .timeframes import parse_timeframe

_FIELDS = (
    (
        "coord",
        re.compile(r"^(?:cơ quan|đơn vị|cơ quan, đơn vị)?\s*phối hợp(?: thực hiện)?\s*:\s*(.*)$", re.I),
    ),
    (
        "lead",
        re.compile(
            r"^(?:cơ quan|đơn vị|cơ quan, đơn vị)\s*(?:chủ trì|thực hiện|tham mưu)[^:]{0,40}:\s*(.*)$", re.I
        ),
    ),
    ("lead", re.compile(r"^chủ trì(?: thực hiện)?\s*:\s*(.*)$", re.I)),
    ("time", re.compile(r"^(?:thời gian|thời hạn|tiến độ)[^:]{0,30}:\s*(.*)$", re.I)),
    ("product", re.compile(r"^(?:sản phẩm|kết quả)[^:]{0,30}:\s*(.*)$", re.I)),
    ("budget", re.compile(r"^(?:kinh phí|nguồn kinh phí)[^:]{0,30}:\s*(.*)$", re.I)),
    ("content", re.compile(r"^(?:nội dung|nhiệm vụ|tên nhiệm vụ)\s*:\s*(.*)$", re.I)),
)
_SENTENCE = re.compile(
    r"(?:^|[.;:]\s+)(?:Giao\s+)?(?P<lead>[^.;:]{3,120}?)\s+(?:chủ trì|là cơ quan chủ trì),?\s*(?:và\s+)?phối hợp\s+(?:với\s+)?"
    r"(?P<coord>[^.;:]+?)(?:\s+(?:thực hiện|triển khai|tổ chức|tham mưu|xây dựng)\b[^.;]*)?(?=[.;]|$)"
)


def _field(line: str) -> tuple[str, str] | None:
    s = fold(line)
    for role, rx in _FIELDS:
        m = rx.match(s)
        if m:
            return role, m.group(1).strip()
    return None


def _whole(c: Clause) -> str:
    """A dash item as printed: its heading, its text and what hangs under it."""
    head = f"{c.heading}: " if c.heading else ""
    return (head + c.full_text()).strip()


def is_field(line: str) -> bool:
    """Whether a line is a task's labelled field ("Cơ quan chủ trì: ...", "Thời hạn hoàn thành: ...")."""
    return _field(line) is not None


_TIME_PHRASE = re.compile(
    r"(?:(?:trong|vào|từ|trước|đến|hoàn thành trong|chậm nhất)\s+)?(?:(?:ngày|tháng|quý|quí|năm)\s*[\dIVX][^.;]*|"
    r"thường xuyên[^.;]*|hằng (?:năm|quý|tháng)[^.;]*)",
    re.I,
)


def inline_activities(tree: list[Clause], year: int | None, horizon: tuple[int, int] | None) -> list[dict]:
    out: list[dict] = []

    def visit(node: Clause) -> None:
        fields: dict[str, str] = {}
        rest_children = []
        explained: list[str] = []  # "- …" lines that explain the task, before its labelled fields
        for c in node.children:
            line = f"{c.heading}: {c.text}" if c.heading else c.text
            f = _field(line)
            if f and f[0] not in fields:
                fields[f[0]] = f[1]
            else:
                rest_children.append(c)
                if not fields and c.kind in ("dash", "plus"):
                    explained.append(f"- {_whole(c)}")
        # labelled fields written inside the clause's own text ("... Cơ quan chủ trì: Sở X. Thời gian: ...")
        own = node.text
        for role, rx in (
            ("lead", r"(?:Cơ quan|Đơn vị)\s+chủ trì[^:]{0,40}:\s*([^.;]+)"),
            ("coord", r"(?:Cơ quan|Đơn vị)\s+phối hợp[^:]{0,20}:\s*([^.;]+(?:;[^.;]+)*)"),
            ("time", r"(?:Thời gian|Thời hạn)[^:]{0,30}:\s*([^.;]+)"),
        ):
            m = re.search(rx, own)
            if m and role not in fields:
                fields[role] = m.group(1).strip()
                own = own.replace(m.group(0), "").strip(" .;")
        if "lead" not in fields:
            m = _SENTENCE.search(node.text or "")
            if m and looks_like_org(m.group("lead")):
                tail = node.text[m.end("coord") :]
                tm = _TIME_PHRASE.search(tail)
                if fields.get("time") or tm:
                    fields["lead"] = m.group("lead").strip()
                    fields["_sentence"] = "1"
                    fields.setdefault("coord", m.group("coord").strip())
                    if tm:
                        fields.setdefault("time", tm.group(0).strip())
                    before = node.text[: m.start("lead")].strip(" .;:")
                    own = before if before else own
        if "lead" in fields and node.kind != "roman":
            lead, named, _sentence = split_lead_field(re.sub(r"^Giao\s+", "", fold(fields["lead"])))
            coordinators = merge_coordinators(named, split_parties(fields.get("coord", "")))
            content = fields.get("content") or " ".join(x for x in (node.heading, own, *explained) if x)
            content = fold(content).rstrip(":").strip()
            if content:
                out.append(
                    {
                        "no": node.label if node.kind not in ("dash", "plus") else str(len(out) + 1),
                        "content": content,
                        "lead": (lead or "").rstrip(". ") or None,
                        "coordinators": coordinators,
                        "timeframe": parse_timeframe((fields.get("time") or "").rstrip(" .;"), year, horizon),
                        "note": None,
                        "product": fields.get("product") or None,
                        "budget": fields.get("budget") or None,
                        "group": None,
                        "section": node.path,
                        "_sentence": bool(fields.get("_sentence")),
                    }
                )
                return
        for c in node.children:
            visit(c)

    for n in tree:
        visit(n)
    return out
