"""Tables whose lead column is merged down over its rows (cột đơn vị chủ trì gộp ô), as the text
layer of a PDF gives them (092, Phụ lục I of NQ 175/NQ-CP): "STT | Đơn vị | Nhiệm vụ chủ trì | Đơn vị
phối hợp | Thời gian hoàn thành", every visual line of every cell on its own line, and the merged
"STT + Đơn vị" cell printed ONCE, at the vertical middle of the rows it covers, so its text stands
between two of its rows (a one-row group: before the row).

Reading: the rows are cut from the cells they hold (content lines run the full width, the last one
short; then the coordinators, "(1) …" or one unit; then the narrow time cell); the printed leads cut
the sequence into gaps, and each gap's rows are shared between the lead above and the lead below
so that (1) no row has its own lead among its coordinators (no body coordinates its own task) and
(2) each lead stands as near the middle of its rows as the lines allow (or at their top). The
best sharing is found by dynamic programming over the split points (linear in the rows times the
rows of one gap).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .blocks import Block, Table
from .columns import cell_affinity, column_role
from .names import fold
from .wrapped import _OPEN_END

_PAGE_HEAD = re.compile(r"^(?:CÔNG BÁO|Công báo)\s*/")
_END = re.compile(r"^(?:nơi nhận|trên đây|phụ lục\b|ghi chú\s*:|(?:tm|kt)\.\s|[IVX]{1,5}\.\s+\S)", re.I)
_STT = re.compile(r"^(\d{1,2})\.?$")
_NUMBERED = re.compile(r"^\((\d{1,2})\)\s*(.*)$")
# a time that hangs on the roadmap or an event; cell_affinity reads only calendar words as time
_EVENT_TIME = re.compile(r"^(?:theo lộ trình|trong quá trình|theo kế hoạch|theo tiến độ|khi có)", re.I)
# the time cell printed on the coordinator's line ("Bộ Khoa học và Công nghệ Theo lộ trình thực")
_TIME_TAIL = re.compile(
    r"^(.*\S)\s+((?:Theo lộ trình|Trong quá trình|Thường xuyên|Hằng năm|Quý\s+[IV]{1,3}/|Tháng\s+\d|"
    r"Trong năm|Trước năm|Từ (?:tháng|quý|năm)).*)$"
)
_BIG = 10_000
_BREAK = "\f"  # a page break between the table's lines
_MAX_ROWS = 400


def _header(items: list[Block], i: int) -> tuple[list[str], list[str], int] | None:
    """ "STT" / "Đơn vị" / "Nhiệm vụ chủ trì" / "Đơn vị phối hợp" / "Thời gian" / "hoàn thành"."""
    cells: list[str] = []
    frags: list[str] = []
    j = i
    while j < len(items) and isinstance(items[j], str) and len(cells) < 8:
        line = items[j].strip()
        j += 1
        if not line:
            continue
        if cells and line[:1].islower() and len(line) <= 30:
            cells[-1] = f"{cells[-1]} {line}"
        elif len(line) <= 40 and (not cells or _role(line)):
            cells.append(line)
        else:
            j -= 1
            break
        frags.append(line)
    roles = [_role(c) for c in cells]
    # the merged pair: the number, then the unit ("Đơn vị") right after it
    if len(cells) < 4 or roles[:2] != ["no", "lead"] or "content" not in roles:
        return None
    if not ({"coord", "time"} & set(roles)):
        return None
    return cells, frags, j


def _role(cell: str) -> str | None:
    """A header cell's role; "Nhiệm vụ chủ trì" is the content (the task led), a bare "Đơn vị" /
    "Cơ quan" beside it the lead."""
    t = fold(cell).strip(" :.").lower()
    if re.match(r"^(?:nhiệm vụ|nội dung|công việc)\b", t):
        return "content"
    if re.fullmatch(r"(?:đơn vị|cơ quan|cơ quan, đơn vị)", t):
        return "lead"
    return column_role(cell)


def merged_table(items: list[Block], i: int) -> tuple[Table, int] | None:
    """A merged-lead table starting at ``items[i]`` (its header), and the index after it."""
    found = _header(items, i)
    if not found:
        return None
    header, frags, j = found
    lines: list[str] = []
    page_no = False
    n = len(items)
    while j < n and isinstance(items[j], str):
        line = items[j].strip()
        if _END.match(line):
            break
        j += 1
        if not line:
            continue
        if _PAGE_HEAD.match(line):
            page_no = True
            if lines and lines[-1] != _BREAK:
                lines.append(_BREAK)
            continue
        if (page_no or not lines) and re.fullmatch(r"\d{2,4}", line):
            continue  # the page number around the page header
        page_no = False
        if line == frags[0]:  # the header again after a page break
            k = 1
            while j < n and isinstance(items[j], str) and k < len(frags):
                if items[j].strip() == frags[k]:
                    k += 1
                elif items[j].strip():
                    break
                j += 1
            continue
        lines.append(line)
        if len(lines) > _MAX_ROWS * 12:
            return None
    tokens = _tokens(lines)
    if tokens is None:
        return None
    rows, leads = tokens
    if not leads or len(rows) < 2 or len(rows) > _MAX_ROWS:
        return None
    owners = _share(rows, leads)
    out: list[list[str]] = [["STT", "Cơ quan chủ trì", "Nội dung", "Cơ quan phối hợp", "Thời gian"]]
    count: dict[int, int] = {}
    for row, k in zip(rows, owners, strict=True):
        no, name = leads[k][1], leads[k][2]
        count[k] = count.get(k, 0) + 1
        out.append([f"{no}.{count[k]}", name, row["content"], "; ".join(row["coord"]), row["time"]])
    return Table(out), j


def _widths(lines: list[str]) -> float:
    lengths = sorted(len(x) for x in lines)
    return float(lengths[int(len(lengths) * 0.9)]) if lengths else 40.0


def _tokens(lines: list[str]) -> tuple[list[dict], list[tuple[int, str, str, int]]] | None:
    """The rows (content, coordinators, time, height in lines) and the printed leads (rows before
    them, number, name) in reading order."""
    wide = _widths(lines)
    rows: list[dict] = []
    leads: list[tuple[int, str, str, int]] = []
    row: dict | None = None
    phase = ""  # content -> coord -> time
    k = page = 0
    while k < len(lines):
        line = lines[k]
        k += 1
        if line == _BREAK:
            page += 1
            continue
        m = _STT.match(line)
        if re.fullmatch(r"\d{1,4}", line) and not (m and int(m.group(1)) == len(leads) + 1):
            continue  # a page number ("75" under the page header or over the next one)
        if m and int(m.group(1)) == len(leads) + 1:
            name: list[str] = []
            while k < len(lines) and len(name) < 6 and len(lines[k]) <= 0.55 * wide:
                # "UBND thành phố" / "Hà Nội, Thành" / "phố Hồ Chí Minh,": the narrow cell wraps
                if _STT.match(lines[k]) or cell_affinity(lines[k], "time") > 0:
                    break
                name.append(lines[k])
                k += 1
            if not name:
                return None
            if row:
                rows.append(row)
                row, phase = None, ""
            leads.append((len(rows), m.group(1), " ".join(name), page))
            continue
        if (
            row is None
            or (phase == "time" and len(line) > 0.5 * wide)
            or (phase == "coord" and len(line) > 0.8 * wide)
        ):
            if row:
                rows.append(row)
            row = {"content": line, "coord": [], "time": "", "lines": 1, "cells": [1, 0, 0], "page": page}
            phase = "content"
            if len(line) < 0.75 * wide:
                phase = "ended"
            continue
        numbered = _NUMBERED.match(line)
        if phase == "content" and _unit_after(row, line, wide):
            phase = "ended"  # the last content line was nearly full: a short unit opens the coordinators
        if phase == "content" and not numbered:
            row["content"] += " " + line
            row["cells"][0] += 1
            if len(line) < 0.75 * wide:
                phase = "ended"
            continue
        if phase == "ended" and not numbered and _continues(row, line):
            row["content"] += " " + line
            row["cells"][0] += 1
            continue
        if phase in ("content", "ended", "coord") and numbered:
            row["coord"].append(numbered.group(2))
            row["cells"][1] += 1
            phase = "coord"
            continue
        if phase in ("ended", "coord"):
            if phase == "coord" and line[:1].islower() and row["coord"]:
                row["coord"][-1] += " " + line
                row["cells"][1] += 1
                continue
            timely = cell_affinity(line, "time") > 0 or bool(_EVENT_TIME.match(line))
            if phase == "ended" and not timely:
                tail = _TIME_TAIL.match(line)
                unit, time = (tail.group(1), tail.group(2)) if tail else (line, "")
                row["coord"].append(unit)
                row["cells"][1] += 1
                phase = "coord"
                if time:
                    row["time"], phase = time, "time"
                    row["cells"][2] += 1
                continue
            row["time"], phase = line, "time"
            row["cells"][2] += 1
            continue
        row["time"] += " " + line  # phase == "time": the narrow cell wraps
        row["cells"][2] += 1
    if row:
        rows.append(row)
    for r in rows:
        r["lines"] = max(r["cells"])
    return rows, leads


def _unit_after(row: dict, line: str, wide: float) -> bool:
    """A short line naming a unit after a content line that closes its phrase ("… 22237-1:2021…)" /
    "Bộ Thông tin và Truyền")."""
    last = row["content"].rsplit(" ", 8)[-8:]
    return len(line) < 0.6 * wide and cell_affinity(line, "lead") > 0 and not _OPEN_END.search(" ".join(last))


def _continues(row: dict, line: str) -> bool:
    """A content line after a short one: the sentence was left open ("… theo" / "quy định …")."""
    return line[:1].islower() and not row["coord"]


def _share(rows: list[dict], leads: list[tuple[int, str, str, int]]) -> list[int]:
    """The lead (index in ``leads``) of every row: each lead's rows are a run around the place it is
    printed; see the module docstring."""
    n, m = len(rows), len(leads)
    heights = [r["lines"] for r in rows]
    pages = [r["page"] for r in rows]
    prefix = [0]
    for h in heights:
        prefix.append(prefix[-1] + h)
    conflict = [[_coordinates(r, lead[2]) for lead in leads] for r in rows]
    cprefix = [[0] * (n + 1) for _ in range(m)]
    for g in range(m):
        for r in range(n):
            cprefix[g][r + 1] = cprefix[g][r] + conflict[r][g]

    def off(a: int, b: int, p: int) -> float:
        """How far the middle of rows a..b-1 is from where the lead is printed: inside row p, the
        row printed after it (a lead printed first stands in its first row)."""
        if a >= b:
            return 0.0
        middle = (prefix[b] - prefix[a]) / 2
        top = prefix[min(p, b)] - prefix[a]
        bottom = top + (heights[p] if p < b else 0)
        return max(top - middle, middle - bottom, 0.0)

    def cost(g: int, a: int, b: int) -> float:
        p, page = leads[g][0], leads[g][3]
        # a merged cell cut by a page break is centred on its whole height, or on its part on the
        # page where its text stands (the rest of the cell on the next page stays blank)
        pa = max(a, bisect_left(pages, page))  # pages never go down: the page's rows are a run
        pb = min(b, bisect_right(pages, page))
        if pa >= pb:
            pa, pb = p, p
        away = min(off(a, b, p), off(min(pa, p), max(pb, p), p))
        return _BIG * (cprefix[g][b] - cprefix[g][a]) + away + (0.5 if b - a > 1 else 0.0)

    # best[g][s]: the least cost of leads 0..g-1 covering rows 0..s-1; group g then starts at s
    inf = float("inf")
    best = [{0: 0}]
    back: list[dict[int, int]] = [{}]
    for g in range(m):
        nxt: dict[int, float] = {}
        arg: dict[int, int] = {}
        lo_end = max(leads[g][0], 1)
        hi_end = leads[g + 1][0] if g + 1 < m else n
        for s, c in best[g].items():
            if s > leads[g][0]:
                continue
            ends = [n] if g + 1 == m else range(max(lo_end, s + 1), hi_end + 1)
            for e in ends:
                if e <= s:
                    continue
                total = c + cost(g, s, e)
                if total < nxt.get(e, inf):
                    nxt[e], arg[e] = total, s
        best.append(nxt)
        back.append(arg)
    if n not in best[m]:
        return [min(range(m), key=lambda g: abs(leads[g][0] - r)) for r in range(n)]
    owners = [0] * n
    e = n
    for g in range(m, 0, -1):
        s = back[g][e]
        for r in range(s, e):
            owners[r] = g - 1
        e = s
    return owners


def _coordinates(row: dict, lead: str) -> int:
    """1 when ``lead`` is among the row's coordinators."""
    name = fold(lead).casefold()
    return int(any(fold(c).casefold().strip(" ;,.") == name for c in row["coord"]))


_ANNEX = re.compile(r"^phụ lục\b", re.I)
_ANNEX_PHASE = re.compile(r"^giai đoạn\b.*?\(\s*((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\s*\)", re.I)


def phase_horizons(items: list[Block]) -> list[Block]:
    """A table under a Phụ lục titled for one phase ("GIAI ĐOẠN 1 (2023 - 2025)", a few lines under
    "Phụ lục I") has that phase as its horizon, until the next Phụ lục."""
    phase: tuple[int, int] | None = None
    since = 99
    for it in items:
        if isinstance(it, Table):
            it.horizon = it.horizon or phase
            continue
        line = it.strip()
        since += 1
        if _ANNEX.match(line):
            phase, since = None, 0
        elif since <= 6 and (m := _ANNEX_PHASE.match(line)) and int(m.group(1)) <= int(m.group(2)):
            phase = (int(m.group(1)), int(m.group(2)))
    return items
