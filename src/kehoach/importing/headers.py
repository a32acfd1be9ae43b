"""Table headers (dòng tiêu đề bảng): one row, or two rows with merged parents over their
sub-columns ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp", "Thời gian" over "Bắt đầu" | "Hoàn
thành"), found in a table's first rows."""

from __future__ import annotations

import re

from .columns import cell_affinity, column_role, guess_roles, header_map

# sub-column wording under a merged parent ("Thời gian thực hiện" over "Bắt đầu" | "Hoàn thành")
_SUB_START = re.compile(
    r"^(?:ngày |thời gian |thời điểm )?(?:bắt đầu|khởi công|triển khai|từ(?: ngày| tháng)?)$", re.I
)
_SUB_END = re.compile(
    r"^(?:ngày |thời gian |thời điểm |thời hạn )?(?:hoàn thành|kết thúc|đến(?: ngày| tháng)?|xong)$", re.I
)
_SUB_BUDGET = re.compile(r"^(?:nguồn(?: vốn| kinh phí)?|số tiền|dự toán|kinh phí|tổng(?: số| kinh phí)?|(?:triệu|nghìn|ngàn)? ?đồng|\(?(?:triệu|nghìn|ngàn) đồng\)?)$", re.I)  # fmt: skip


def _sub_label(cell: str) -> bool:
    t = cell.strip(" :.*").casefold()
    return bool(t) and bool(
        column_role(cell) or _SUB_START.match(t) or _SUB_END.match(t) or _SUB_BUDGET.match(t)
    )


def _two_row_roles(head: list[str], sub: list[str]) -> dict[int, str] | None:
    """Column roles of a header split over two rows, merged parents over their sub-columns:
    "Cơ quan thực hiện" over "Chủ trì" | "Phối hợp", "Thời gian thực hiện" over "Bắt đầu" |
    "Hoàn thành" (or "Từ" | "Đến"), "Kinh phí" over "Nguồn" | "Số tiền". None when ``sub`` is not
    such a second header row. Vertically merged cells are empty or repeat the cell above."""
    width = max(len(head), len(sub))
    head = head + [""] * (width - len(head))
    sub = sub + [""] * (width - len(sub))
    own = [bool(c) and c != head[i] for i, c in enumerate(sub)]
    spanned = [head[i] == "" or (i + 1 < width and head[i + 1] == "") for i in range(width)]
    if sum(own) < 2 or not all(_sub_label(c) and spanned[i] for i, c in enumerate(sub) if own[i]):
        return None
    roles: dict[int, str] = {}
    parent = ""
    for i in range(width):
        if head[i]:
            parent = head[i]
        elif not own[i]:
            parent = ""
        label = parent if head[i] or own[i] else ""
        prole = column_role(label) if label else None
        if not own[i]:
            role = prole
        else:
            t = sub[i].strip(" :.*").casefold()
            srole = column_role(sub[i])
            if prole == "time" and _SUB_START.match(t):
                role = "time"
            elif prole == "time" and _SUB_END.match(t):
                role = "time_end"
            elif prole == "budget" or (srole is None and _SUB_BUDGET.match(t)):
                role = "budget"
            else:
                role = srole or prole
        if not role:
            continue
        if role in roles.values():
            if role == "time":
                role = "time_end"
            elif role == "budget":
                role = "budget_more"
            if role in roles.values():
                continue
        roles[i] = role
    found = set(roles.values())
    if "content" in found and len(found) >= 3 and ({"lead", "time", "coord"} & found):
        return roles
    return None


def _realign(head: list[str], sub: list[str], width: int) -> list[str]:
    """A second header row whose leading empty cells were lost (text copies strip leading tabs:
    "Chủ trì | Phối hợp | Từ | Đến" under "STT | Nội dung | Cơ quan thực hiện | | Thời gian | |"):
    its labels go to the columns under merged parents, left to right."""
    labels = [c for c in sub if c]
    if not labels or not sub[0] or len(sub) >= width or not all(_sub_label(c) for c in labels):
        return sub
    head = head + [""] * (width - len(head))
    slots = [i for i in range(width) if head[i] == "" or (i + 1 < width and head[i + 1] == "")]
    if len(slots) != len(labels) or any(head[i] == "" for i in slots[:1]) or len(slots) < 2:
        return sub
    out = [""] * width
    for i, c in zip(slots, labels, strict=True):
        out[i] = c
    return out


def find_header(rows: list[list[str]]) -> tuple[dict[int, str] | None, int, list[list[str]]]:
    """(column map, first body row, header rows) of the table's header in its first rows."""
    width = max((len(r) for r in rows[:8]), default=0)
    for k, r in enumerate(rows[:4]):
        nxt = _realign(r, rows[k + 1], width) if k + 1 < len(rows) else None
        two = _two_row_roles(r, nxt) if nxt is not None else None
        if two and (header_map(r) or "content" in two.values()):
            return two, k + 2, [r, nxt]
        cmap = header_map(r)
        if cmap:
            return cmap, k + 1, [r]
    return None, 0, []


_GUESS_ROWS = 40  # the cells of a table's first rows are enough to tell its columns


def guess_header(rows: list[list[str]]) -> dict[int, str] | None:
    """Column roles of a table whose header is missing (vai trò cột đoán từ nội dung ô): from what
    its cells hold (:func:`.columns.guess_roles`). Only a table whose cells plainly are tasks is
    taken: a content, a lead and a time column, and most rows with a unit in the lead cell and a
    time in the time cell (a layout or budget table is not)."""
    rows = [r for r in rows[:_GUESS_ROWS] if any(c.strip() for c in r)]
    if len(rows) < 2 or max(len(r) for r in rows) < 3:
        return None
    roles = guess_roles(rows)
    where = {role: col for col, role in roles.items()}
    if not {"content", "lead", "time"} <= set(where):
        return None
    fit = 0
    for r in rows:
        lead = r[where["lead"]] if where["lead"] < len(r) else ""
        time = r[where["time"]] if where["time"] < len(r) else ""
        fit += bool(lead.strip()) and cell_affinity(lead, "lead") > 0 and cell_affinity(time, "time") > 0
    return roles if fit * 3 >= len(rows) * 2 else None


def complete_header(cmap: dict[int, str], body: list[list[str]]) -> dict[int, str]:
    """An ambiguous header (no column named the lead or the time: "Đơn vị", "Ghi chú" ...): the
    columns it leaves unnamed take the lead, coordinator or time role their cells fit."""
    if {"lead", "time"} <= set(cmap.values()) or not body:
        return cmap
    guessed = guess_roles(body[:_GUESS_ROWS], cmap)
    extra = {c: r for c, r in guessed.items() if c not in cmap and r in ("lead", "coord", "time")}
    extra = {c: r for c, r in extra.items() if r not in cmap.values()}
    return dict(sorted({**cmap, **extra}.items())) if extra else cmap
