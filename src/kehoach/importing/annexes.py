"""Dated duties in a Phụ lục of tasks (nhiệm vụ trong phụ lục): "Phụ lục I / NHIỆM VỤ CỦA CÁC BỘ,
NGÀNH, ĐỊA PHƯƠNG … / (Kèm theo Nghị quyết số …)" over numbered duties with their time ("2. Rà soát …
(hoàn thành trong Quý IV/2023)", "7. Đối với các đơn vị đã …: Tiếp tục … trong Quý II/2025"). Each
is a dated duty of the parties the Phụ lục's title names (or of those its "Đối với …:" names), and
its section starts with the Phụ lục ("Phụ lục I.I.2"). Tables of the Phụ lục are read apart (as
activities); a Phụ lục whose title names no one's tasks (a list of sites, forms) gives nothing.
"""

from __future__ import annotations

import re

from .clauses import build_tree, repair_labels
from .duties import extract_duties
from .names import fold

_ANNEX = re.compile(r"^phụ lục\s+([IVX]{1,5}|\d{1,2})\.?$", re.I)
_ATTACHED = re.compile(r"^\(\s*(?:kèm|ban hành kèm)\s+theo", re.I)
_WHOSE = re.compile(
    r"\bnhiệm vụ (?:của|cho)\s+(.+?)(?:\s+(?:trong|về|để|thực hiện|triển khai|khi|theo)\b|$)", re.I
)
_FOR = re.compile(r"^đối với\s+(.{4,120}?):\s*\S", re.I)
_MAX_TITLE = 8


def annex_duties(lines: list[str], year: int | None, issued_on: str | None) -> list[dict]:
    """The dated duties of every Phụ lục of tasks in ``lines`` (the text after the body)."""
    starts = [k for k, x in enumerate(lines) if _ANNEX.match(x.strip())]
    out: list[dict] = []
    for n, k in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        label = _ANNEX.match(lines[k].strip()).group(1)
        title: list[str] = []
        j = k + 1
        while j < end and len(title) < _MAX_TITLE and not _ATTACHED.match(lines[j].strip()):
            if lines[j].strip():
                title.append(lines[j].strip())
            j += 1
        if j >= end or not _ATTACHED.match(lines[j].strip()):
            continue
        while j < end and not lines[j].rstrip().endswith(")"):  # "(Kèm theo …" / "… của Chính phủ)"
            j += 1
        m = _WHOSE.search(fold(" ".join(title)))
        if not m:
            continue
        whose = m.group(1).strip(" ,.;:").lower()
        tree = build_tree(repair_labels(lines[j + 1 : end]))
        duties, _ = extract_duties(tree, year, issued_on, None)
        headings = _headings(tree)
        for d in duties:
            if not (d["due"] or d["recurrence"]):
                continue
            named = _FOR.match(f"{headings.get(d['section'], '')}: {d['text']}") or _FOR.match(d["text"])
            d["who"] = [named.group(1)] if named else d["who"] or [whose]
            d["section"] = f"Phụ lục {label}.{d['section']}"
            out.append(d)
    return out


def _headings(tree: list) -> dict[str, str]:
    """Section path -> the heading its label carries ("7. Đối với các đơn vị …: Tiếp tục …")."""
    out: dict[str, str] = {}
    stack = list(tree)
    while stack:
        node = stack.pop()
        if node.heading:
            out[node.path] = node.heading
        stack.extend(node.children)
    return out
