"""Sửa dòng khi kiểm tra (row edits on review): add a row, split one in two, merge one with the next.

Pure functions over the schema's activity dicts, used by the import review page. Each returns a new
list and leaves its input alone. A changed row loses its ``lead_unit`` only when its lead changes,
and its doubts (the reviewer has looked at it).
"""

from __future__ import annotations

import copy
import re

_SPLIT_AT = (
    re.compile(r"\n+"),  # cell lines
    re.compile(r"\s+(?=[-–+•]\s)"),  # "- ..." bullets in one cell
    re.compile(r";\s+"),
    re.compile(r"(?<=[.:])\s+(?=[A-ZĐÀ-Ỹ])"),  # sentences
)


def empty_row(no: str = "") -> dict:
    return {
        "no": no,
        "content": "",
        "lead": None,
        "coordinators": [],
        "timeframe": {"text": None, "start": None, "end": None, "regular": False},
        "note": None,
        "product": None,
    }


def add_row(rows: list[dict], after: int | None = None) -> list[dict]:
    """A blank row after ``after`` (at the end when None)."""
    out = [copy.deepcopy(r) for r in rows]
    at = len(out) if after is None else max(0, min(after + 1, len(out)))
    out.insert(at, empty_row(str(len(out) + 1)))
    return out


def split_content(content: str) -> tuple[str, str] | None:
    """Cut a content cell where a second task starts: at a line break, a "- " bullet, a "; " or a
    new sentence (the first such place found, in that order). None when there is no such place."""
    text = (content or "").strip()
    for rx in _SPLIT_AT:
        m = rx.search(text)
        if m and m.start() > 0 and text[m.end() :].strip():
            return text[: m.start()].strip(" ;"), text[m.end() :].strip()
    return None


def split_row(rows: list[dict], i: int, at: str | None = None) -> list[dict]:
    """Row ``i`` as two rows with the same lead, coordinators and time: the content is cut at ``at``
    (the text the second row starts with) or by :func:`split_content`. Unchanged when it cannot be cut."""
    if not 0 <= i < len(rows):
        return [copy.deepcopy(r) for r in rows]
    row = rows[i]
    content = row.get("content") or ""
    if at and at in content and content.index(at) > 0:
        k = content.index(at)
        parts = (content[:k].strip(" ;"), content[k:].strip())
    else:
        parts = split_content(content)
    if not parts:
        return [copy.deepcopy(r) for r in rows]
    first, second = copy.deepcopy(row), copy.deepcopy(row)
    first["content"], second["content"] = parts
    second["no"] = f"{row.get('no') or i + 1}.b"
    for r in (first, second):
        r.pop("doubts", None)
        r.pop("confidence", None)
    return [copy.deepcopy(r) for r in rows[:i]] + [first, second] + [copy.deepcopy(r) for r in rows[i + 1 :]]


def merge_rows(rows: list[dict], i: int) -> list[dict]:
    """Row ``i`` and the row after it as one (a task continued over two rows): contents joined,
    the first lead kept (the second's when the first has none), coordinators united, the time frame
    widened to cover both."""
    if not 0 <= i < len(rows) - 1:
        return [copy.deepcopy(r) for r in rows]
    a, b = rows[i], rows[i + 1]
    merged = copy.deepcopy(a)
    merged["content"] = " ".join(
        x for x in ((a.get("content") or "").strip(), (b.get("content") or "").strip()) if x
    )
    if not a.get("lead") and b.get("lead"):
        merged["lead"] = b["lead"]
        merged.pop("lead_unit", None)
        if b.get("lead_unit"):
            merged["lead_unit"] = b["lead_unit"]
    coords = list(a.get("coordinators") or [])
    coords += [c for c in b.get("coordinators") or [] if c not in coords]
    merged["coordinators"] = coords
    ta, tb = a.get("timeframe") or {}, b.get("timeframe") or {}
    starts = [d for d in (ta.get("start"), tb.get("start")) if d]
    ends = [d for d in (ta.get("end"), tb.get("end")) if d]
    merged["timeframe"] = {
        "text": "; ".join(t for t in dict.fromkeys((ta.get("text"), tb.get("text"))) if t) or None,
        "start": min(starts) if starts else None,
        "end": max(ends) if ends else None,
        "regular": bool(ta.get("regular") or tb.get("regular")),
    }
    for key in ("note", "product"):
        merged[key] = "; ".join(x for x in dict.fromkeys((a.get(key), b.get(key))) if x) or None
    merged.pop("doubts", None)
    merged.pop("confidence", None)
    return [copy.deepcopy(r) for r in rows[:i]] + [merged] + [copy.deepcopy(r) for r in rows[i + 2 :]]
