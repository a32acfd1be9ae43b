"""Activity tables (bảng phân công nhiệm vụ, usually the Phụ lục).

Text tables come tab-separated, as Markdown pipe tables, or flattened with each cell on its own
line; .docx tables arrive as :class:`~.readers.Table`. Columns are recognised by their header
wording in any order; a header row repeated after a page break is skipped.
"""

from __future__ import annotations

import re

from .blocks import Block, Table
from .columns import column_role, fit_score, header_map
from .headers import complete_header, find_header, guess_header
from .leads import merge_coordinators, split_lead_sentence
from .merged import merged_table, phase_horizons
from .names import fold, looks_like_org, split_parties
from .timeframes import parse_timeframe
from .wrapped import looks_wrapped, wrapped_table

# ---------------------------------------------------------------- text -> Table


def _cells_tab(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def _cells_pipe(line: str, outer: bool = True) -> list[str]:
    """Cells of a pipe row. In a table written without outer pipes ("a | b | c"), a row that starts
    with '|' starts with an empty cell (" |  |  | Đơn vị chủ trì | Đơn vị phối hợp")."""
    s = line.strip()
    s = s[1:] if s.startswith("|") and outer else s
    s = s[:-1] if s.endswith("|") else s
    return [
        c.strip().replace("<br>", "\n").replace("<br/>", "\n").replace("<br />", "\n") for c in s.split("|")
    ]


_PIPE_SEP = re.compile(r"^\s*\|?[\s:|\-–]+\|?\s*$")
_ROW_NO = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*|[IVX]{1,5}(?:\.\d{1,2})*|[A-Z])\.?$")


def find_tables(items: list[Block]) -> list[Block]:
    """Turn runs of tab-separated, pipe or flattened lines into :class:`Table` blocks."""
    items = _cell_runs(items)
    out: list[Block] = []
    i, n = 0, len(items)
    while i < n:
        it = items[i]
        if isinstance(it, Table):
            out.append(it)
            i += 1
            continue
        if it.count("\t") >= 2 or (it.count("|") >= 3 and _is_row(it, True)):
            pipe = "|" in it and it.count("\t") < 2
            outer = it.strip().startswith("|")
            rows: list[list[str]] = []
            j = i
            while j < n and isinstance(items[j], str):
                line = items[j]
                if not line.strip():
                    # blank lines inside a table (paragraph spacing, page breaks) are skipped
                    k = j
                    while k < n and isinstance(items[k], str) and not items[k].strip():
                        k += 1
                    if k < n and isinstance(items[k], str) and _is_row(items[k], pipe):
                        j = k
                        continue
                    break
                if not _is_row(line, pipe, inside=True):
                    k = _wrapped(items, j, rows, pipe)
                    if k is None:
                        break
                    j = k
                    continue
                if not (pipe and _PIPE_SEP.match(line)):
                    rows.append(_cells_pipe(line, outer) if pipe else _cells_tab(line))
                j += 1
            if len(rows) == 1 and header_map(rows[0]) and j < n and isinstance(items[j], str):
                # a pipe header over cells written one per line (a web copy): read it flattened
                flat = _flattened(_Spliced(rows[0], items, j), 0)
                if flat:
                    out.append(flat[0])
                    i = j + flat[1] - len(rows[0])
                    continue
            if len(rows) >= 2 or (rows and header_map(rows[0])):
                out.append(Table(rows))
                i = j
                continue
        # only a line naming a column can open a flattened table: blank and ordinary lines are
        # not scanned from (scanning from each one made long runs quadratic)
        flat = _flattened(items, i) if it.strip() and column_role(it.strip()) else None
        if it.strip() and looks_wrapped(it):
            # a PDF text copy (every cell cut line by line) also opens with "STT": both readers
            # try, and the one whose cells fit their columns better explains the table
            other = wrapped_table(items, i) or merged_table(items, i)
            if other and (not flat or fit_score(other[0]) > fit_score(flat[0])):
                flat = other
        if flat:
            table, j = flat
            out.append(table)
            i = j
            continue
        out.append(it)
        i += 1
    return phase_horizons(out)


_NOT_CELL = re.compile(
    r"^(?:trên đây|nơi nhận|phụ lục|kế hoạch$|quyết định$|tm\.|kt\.|[IVX]{1,5}\.\s+\S)", re.I
)
_GROUP_LINE = re.compile(r"^(?:[IVX]{1,5}|[A-ZĐ])[.)]\s+\S")


def _wrapped(items: list[Block], j: int, rows: list[list[str]], pipe: bool) -> int | None:
    """Lines without cell separators inside a table: a group title over the whole row
    ("A. NHIỆM VỤ TRỌNG TÂM"), or a cell that went on over several lines ("Rà soát:" / "a) ..." /
    "b) ...<TAB>Sở Tư pháp<TAB>...") copied from a table whose cells hold line breaks. Returns the
    index after what was taken into ``rows``, or None when the table ends at ``j``."""
    if not rows or not header_map(rows[0]):
        return None
    lines: list[str] = []
    k = j
    while k < len(items) and isinstance(items[k], str) and len(lines) < 12:
        line = items[k].strip()
        if not line:
            break
        if _is_row(line, pipe, inside=True):
            break
        lines.append(line)
        k += 1
    if not lines or k >= len(items) or not isinstance(items[k], str) or not _is_row(items[k], pipe, True):
        return None
    nxt = _cells_pipe(items[k]) if pipe else _cells_tab(items[k])
    if any(_NOT_CELL.match(t) for t in [*lines, nxt[0]]):
        return None  # the text after the table ("Trên đây là ...", "Nơi nhận:<TAB>KT. CHỦ TỊCH")
    width = len(rows[0])
    if len(lines) == 1 and _GROUP_LINE.match(lines[0]) and lines[0].upper() == lines[0]:
        rows.append([lines[0]])
        return k
    last = rows[-1]
    if len(rows) >= 2 and _ROW_NO.match(nxt[0] or "-"):
        # lines between two numbered rows ("- Văn bản cấp tỉnh" whose empty cells a text copy
        # dropped): they go on the content of the row above, and the table goes on
        roles = header_map(rows[0]) or {}
        at = next((i for i, r in roles.items() if r == "content"), None)
        if at is None or len(last) <= at:
            return None
        rows[-1] = last[:at] + ["\n".join([last[at], *lines])] + last[at + 1 :]
        return k
    if len(rows) < 2 or len(last) + len(nxt) - 1 > width:
        return None
    merged = last[:-1] + ["\n".join([last[-1], *lines, nxt[0]])] + nxt[1:]
    rows[-1] = merged
    return k + 1


def _is_row(line: str, pipe: bool, inside: bool = False) -> bool:
    """A table row: '| a | b |', 'a | b | c |' (web copies), or tab-separated cells. Inside a table a
    row whose trailing cells are empty ('I<TAB>CẢI CÁCH THỂ CHẾ', 'I | Group |') still counts."""
    if pipe:
        s = line.strip()
        return s.count("|") >= 2 and (s.startswith("|") or s.endswith("|") or s.count("|") >= 3)
    return line.count("\t") >= (1 if inside else 2)


def _cell_runs(items: list[Block]) -> list[Block]:
    """Web copies that end every table cell with a line holding only '|' (cells wrap over several
    lines): an activity table becomes a :class:`Table`; other lone '|' lines become blank lines."""
    n = len(items)
    if sum(1 for it in items if isinstance(it, str) and it.strip() == "|") < 4:
        return items
    out: list[Block] = []
    i = 0
    while i < n:
        found = _pipe_cells(items, i)
        if found:
            out.append(found[0])
            i = found[1]
            continue
        it = items[i]
        out.append("" if isinstance(it, str) and it.strip() == "|" else it)
        i += 1
    return out


def _segments(items: list[Block], i: int, limit: int) -> list[tuple[list[str], int]]:
    """Up to ``limit`` '|'-terminated cells from ``i``: (lines, index after the closing '|')."""
    segs: list[tuple[list[str], int]] = []
    cur: list[str] = []
    j = i
    while j < len(items) and isinstance(items[j], str) and len(segs) < limit:
        s = items[j].strip()
        j += 1
        if s == "|":
            segs.append((cur, j))
            cur = []
        elif s:
            cur.append(s)
            if len(cur) > 12:
                break
    return segs


def _pipe_cells(items: list[Block], i: int) -> tuple[Table, int] | None:
    if not isinstance(items[i], str) or not items[i].strip() or items[i].strip() == "|":
        return None
    head: list[str] = []
    j = i
    for lines, after in _segments(items, i, 12):
        cell = " ".join(lines)
        if not column_role(cell) or len(lines) > 3:
            break
        head.append(cell)
        j = after
    if len(head) < 4 or not header_map(head):
        return None
    ncol = len(head)
    rows = [head]
    while j < len(items):
        segs = _segments(items, j, ncol)
        if len(segs) < ncol:
            break
        cells = [" ".join(lines) for lines, _ in segs]
        if not (_ROW_NO.match(cells[0]) or cells == head):
            break
        if cells != head:
            rows.append(cells)
        j = segs[-1][1]
    if len(rows) < 2:
        return None
    return Table(rows), j


_TIME_LIKE = re.compile(
    r"^(?:quý|quí|tháng|năm|\d{1,2}/|trước|từ|thường xuyên|hằng|hàng|định kỳ|trong|cả năm|giai đoạn|"
    r"\d{4}|6 tháng|sáu tháng|khi có|theo|đến|chậm nhất|liên tục)",
    re.I,
)
_STOP_FLAT = re.compile(r"^(?:[IVX]{1,5}\.\s+\S|nơi nhận|trên đây|phụ lục|kế hoạch$|quyết định$)", re.I)


_MAX_COLUMNS = 16  # no activity table has more; bounds the header scan
_SUB_ROW = re.compile(r"^([a-zđ])\)$")


class _Spliced:
    """``head`` followed by ``items[start:]``, without copying the items (read-only, by index)."""

    __slots__ = ("head", "items", "start")

    def __init__(self, head: list[str], items: list[Block], start: int):
        self.head, self.items, self.start = head, items, start

    def __len__(self) -> int:
        return len(self.head) + len(self.items) - self.start

    def __getitem__(self, k: int) -> Block:
        return self.head[k] if k < len(self.head) else self.items[self.start + k - len(self.head)]


def _flattened(items: list[Block], i: int) -> tuple[Table, int] | None:
    """A table written one cell per line: header cells, then rows starting with their STT."""
    header: list[str] = []
    j = i
    while j < len(items) and isinstance(items[j], str) and len(header) < _MAX_COLUMNS:
        line = items[j].strip()
        if not line:
            j += 1
            continue
        if (
            column_role(line)
            and len(line.split()) <= 8
            and line not in header
            and not re.match(r"^(?:[IVX]{1,5}|\d{1,2}|[a-zđ])[.)]\s", line)  # a clause, not a header cell
        ):
            header.append(line)
            j += 1
            continue
        break
    if len(header) < 4 or not header_map(header):
        return None
    roles = header_map(header) or {}
    ncol = len(header)
    rows: list[list[str]] = [header]
    current: list[str] | None = None
    last_no = 0

    def flush() -> None:
        if current:
            rows.append(_fit(current, ncol, roles))

    while j < len(items) and isinstance(items[j], str):
        line = items[j].strip()
        j += 1
        if not line:
            continue
        if _STOP_FLAT.match(line) and current is not None and len(current) > 2:
            j -= 1
            break
        if line in header:  # header repeated after a page break
            continue
        starts = bool(_ROW_NO.match(line))
        if starts and re.match(r"^\d", line):
            no = int(re.match(r"\d+", line).group())
            starts = no in (last_no + 1, 1) or (current is not None and len(current) >= ncol - 1)
            if starts:
                last_no = no
        sub = _SUB_ROW.match(line) if last_no and current is not None else None
        if sub:  # "a)" under "1": the row 1.a
            flush()
            current = [f"{last_no}.{sub.group(1)}"]
        elif starts or current is None or re.match(r"^[IVX]{1,5}\.\s+\S", line):
            flush()
            current = [line]
        else:
            current.append(line)
            if len(current) > 4 * ncol:
                break
    flush()
    if len(rows) < 2:
        return None
    return Table(rows), j


def roles_order_index(order: list[str | None], role: str) -> int | None:
    return order.index(role) if role in order else None


def _fit(cells: list[str], ncol: int, roles: dict[int, str]) -> list[str]:
    """Spread the lines of one flattened row over ``ncol`` columns (empty cells are missing)."""
    m = re.match(r"^([IVX]{1,5})\.\s+(.+)$", cells[0])
    if m and len(cells) == 1:  # group row "I. TITLE"
        return [m.group(1), m.group(2)] + [""] * (ncol - 2)
    if len(cells) == ncol:
        return cells
    no, rest = cells[0], cells[1:]
    order = [roles.get(k) for k in range(1, ncol)]
    need = ncol - 1
    t_idx = roles_order_index(order, "time")
    extra = len(rest) - need
    if 0 < extra < need and t_idx is not None and _TIME_LIKE.match(rest[t_idx]) and t_idx == need - 1:
        # a row split by a page break: every cell complete up to the time, then the rest of the
        # first cells ("... thẩm định" / "Viện ..., Cục" / ... / "kết quả giảm phát thải; ..." /
        # "Lâm nghiệp và Kiểm lâm"): the lines go on the cells in order
        cells_out = rest[:need]
        for k, c in enumerate(rest[need:]):
            cells_out[k] = f"{cells_out[k]} {c}"
        return [no] + cells_out
    if len(rest) > need:  # wrapped content: extra lines belong to the content cell
        extra = len(rest) - need
        rest = [" ".join(rest[: extra + 1])] + rest[extra + 1 :]
        return [no] + rest
    out = [""] * need
    if not rest:
        return [no] + out
    out[0] = rest[0]
    rest = rest[1:]
    try:
        t_idx = order.index("time")
    except ValueError:
        t_idx = None
    t_line = next((k for k, c in enumerate(rest) if _TIME_LIKE.match(c)), None)
    if t_idx is not None and t_line is not None:
        before, at, after = rest[:t_line], rest[t_line], rest[t_line + 1 :]
        for k, c in enumerate(before):
            if 1 + k < t_idx:
                out[1 + k] = c
        out[t_idx] = at
        for k, c in enumerate(after):
            if t_idx + 1 + k < need:
                out[t_idx + 1 + k] = c
    else:
        for k, c in enumerate(rest):
            if 1 + k < need:
                out[1 + k] = c
    return [no] + out


def is_activity_table(table: Table) -> bool:
    """Whether ``table`` has an activity table's header (one row, or two with merged parents)."""
    rows = [[fold(c) for c in r] for r in table.rows[:6] if any(c.strip() for c in r)]
    return find_header(rows)[0] is not None or guess_header(rows) is not None


def _lines_to_parties(cell: str) -> str:
    """A cell with one party per line ("Sở Nội vụ\nVăn phòng UBND tỉnh") -> "Sở Nội vụ; Văn phòng
    UBND tỉnh". A line that does not open an organisation continues the one before (wrapped name)."""
    lines = [re.sub(r"^[-+•–]\s*", "", ln.strip()) for ln in (cell or "").split("\n")]
    lines = [ln for ln in lines if ln]
    if len(lines) < 2:
        return fold(cell)
    out: list[str] = []
    for ln in lines:
        if out and not (looks_like_org(ln) and not out[-1].endswith((",", " và", " các"))):
            out[-1] = f"{out[-1]} {ln}"
        else:
            out.append(ln)
    return fold("; ".join(p.rstrip(" ;,.") for p in out))


# ---------------------------------------------------------------- Table -> activities

_GROUP_NO = re.compile(r"^(?:[IVXLC]{1,6}|[A-ZĐ]|Phần\s+\w+|PHẦN\s+\w+)\.?$")
_NUMBER_ROW = re.compile(r"^\(?\d{1,2}\)?$")


def table_activities(
    table: Table,
    year: int | None,
    horizon: tuple[int, int] | None = None,
    prev_map: dict[int, str] | None = None,
    warnings: list[str] | None = None,
) -> tuple[list[dict], dict[int, str] | None]:
    """Activities in ``table`` (and the column map, to continue a table split over pages)."""
    raw_rows = [r for r in table.rows if any(fold(c) for c in r)]
    rows = [[fold(c) for c in r] for r in raw_rows]
    cmap, start, head_rows = find_header(rows)
    if cmap is not None:
        cmap = complete_header(cmap, rows[start:])
    else:
        width = max((len(r) for r in rows), default=0)
        if prev_map and width >= min(4, max(prev_map) + 1):
            cmap = prev_map
        else:
            cmap = guess_header(rows)  # no header: the roles the cells show
            if cmap is None:
                return [], prev_map
    activities: list[dict] = []
    group = None
    last: dict | None = None
    header_cells = list(head_rows)
    body = rows[start:]
    for k, r in enumerate(body):
        raw = raw_rows[start + k]
        cells = {role: (r[idx] if idx < len(r) else "") for idx, role in cmap.items()}
        if r in header_cells:  # header rows repeated after a page break
            continue
        if header_map(r):  # repeated header row
            header_cells.append(r)
            continue
        nonempty = [c for c in r if c]
        if nonempty and all(_NUMBER_ROW.match(c) for c in nonempty):
            continue  # column numbering row "(1) (2) (3)"
        no = cells.get("no", "").strip().rstrip(".")
        content = cells.get("content", "")
        lead, coord, time = cells.get("lead", ""), cells.get("coord", ""), cells.get("time", "")
        time_end = cells.get("time_end", "")
        for idx, role in cmap.items():
            if role in ("lead", "coord") and idx < len(raw) and "\n" in raw[idx]:
                if role == "lead":
                    lead = _lines_to_parties(raw[idx])
                else:
                    coord = _lines_to_parties(raw[idx])
        distinct = {c for c in r if c}
        if len(distinct) == 1 and not (lead or time):
            # one text over the whole row (horizontally merged): a group title
            group = next(iter(distinct))
            label = next((c for c in raw if fold(c) == group), "")
            m = re.match(r"^\s*([IVXLC]{1,6}|[A-ZĐ])\.?\s*\n\s*(\S.*)$", label, re.S)
            if m:  # Word cells merged over "I" | "TITLE": "I\nTITLE"
                group = f"{m.group(1)}. {fold(m.group(2))}"
            continue
        if _GROUP_NO.match(no) and not (lead or time or coord):
            group = f"{no}. {content}".strip(". ") if content else no
            continue
        m = re.match(r"^([IVX]{1,5})\.\s+(.+)$", no)
        if m and not content:
            group = no
            continue
        if not content:
            continue
        nxt = _next_no(body, k + 1, cmap)
        if no and not (lead or time or coord) and nxt.startswith(no + "."):
            group = f"{no}. {content}"  # "2 | Rà soát ..." above "2.1", "2.2": a heading row
            continue
        if not no and not time and last is not None and (not lead or _goes_on(cmap, last, coord)):
            # a row split over a page break: the rest of its content (and of its lead, when the
            # lead was cut too: "Viện Khoa học lâm nghiệp Việt Nam, Cục" / "Lâm nghiệp và Kiểm lâm")
            last["content"] = f"{last['content']} {content}".strip()
            if lead and last["lead"]:
                last["lead"] = f"{last['lead']} {lead}"
            continue
        if no and last is not None and no == last["no"] and _same_tail(last, time, coord, year, horizon):
            # Word's vertically merged cells repeat the number, time and coordinators on the second
            # half of a row split by a page break: its content and lead go on the row above
            last["content"] = f"{last['content']} {content}".strip()
            if lead and last["lead"] and lead != last["lead"]:
                last["lead"] = f"{last['lead']} {lead}"
            continue
        inherited = False
        own = _own_cells(r, cmap)
        if not lead and last is not None and last.get("_group") == group and own <= last.get("_own", set()):
            lead, inherited = last["lead"] or "", True
        elif not lead and "lead" in cmap.values():
            # no chủ trì cell, but a unit in a column no role reads ("Cơ quan chịu trách nhiệm quản lý
            # nhà nước": "Thủ tướng Chính phủ" approves): that unit does the task
            lead = next((c for _i, c in sorted(own) if looks_like_org(c) and len(c) < 120), "")
        tf = _two_cell_time(time, time_end, year, horizon) if time_end else None
        if not time and not time_end and last is not None and last.get("_group") == group:
            time = last["timeframe"]["text"] or ""
        budget = "; ".join(c for c in (cells.get("budget"), cells.get("budget_more")) if c)
        coordinators = split_parties(coord) if coord else []
        if not coord and inherited and last is not None:
            coordinators = list(last["coordinators"])
        elif not coord and _sibling(no, last, group):
            # sub-rows of one heading ("4.1", "4.2" under "4"): a coordinator cell printed once
            # beside them is merged over them
            coordinators = list(last["coordinators"])
        sentence = False
        if lead and not inherited:
            # "Sở Tư pháp chủ trì, phối hợp với ..." in the lead cell: lead + coordinators
            lead, named, sentence = split_lead_sentence(lead)
            lead = lead or ""
            coordinators = merge_coordinators(named, coordinators) if sentence else coordinators
        act = {
            "no": no,
            "content": content,
            "lead": lead or None,
            "coordinators": coordinators,
            "timeframe": tf or parse_timeframe(time, year, horizon),
            "note": cells.get("note") or None,
            "product": cells.get("product") or None,
            "budget": budget or None,
            "group": group,
            "_group": group,
            "_own": own,
            "_flags": {
                "sentence": sentence,
                "inherited": inherited,
                "merged": _multiline(raw, cmap, "content"),
            },
        }
        activities.append(act)
        last = act
    return activities, cmap


def _sibling(no: str, last: dict | None, group) -> bool:
    """Whether row ``no`` ("4.2") is a later sub-row of the same heading as ``last`` ("4.1")."""
    if last is None or last.get("_group") != group or "." not in no or "." not in (last["no"] or ""):
        return False
    return no.rsplit(".", 1)[0] == last["no"].rsplit(".", 1)[0]


def _own_cells(row: list[str], cmap: dict[int, str]) -> set[tuple[int, str]]:
    """The filled cells of the columns no role reads ("Cơ quan chịu trách nhiệm quản lý nhà nước"):
    a row whose such cell differs from the row above is its own row, so an empty lead there is
    empty, not a merged cell continued from above."""
    return {(i, c) for i, c in enumerate(row) if c and i not in cmap}


def _same_tail(last: dict, time: str, coord: str, year, horizon) -> bool:
    same_time = not time or time == (last["timeframe"].get("text") or "")
    same_coord = not coord or split_parties(coord) == last["coordinators"]
    return same_time and same_coord


def _goes_on(cmap: dict[int, str], last: dict, coord: str) -> bool:
    """Whether an unnumbered row with a lead but no time continues the numbered row above."""
    return "no" in cmap.values() and bool(last.get("no")) and not coord and bool(last.get("lead"))


def _multiline(raw: list[str], cmap: dict[int, str], role: str) -> bool:
    """Whether the ``role`` cell spans several lines (joined text: worth a look on review)."""
    idx = next((i for i, r in cmap.items() if r == role), None)
    return idx is not None and idx < len(raw) and "\n" in raw[idx]


def _two_cell_time(first: str, last: str, year: int | None, horizon: tuple[int, int] | None) -> dict:
    """'Bắt đầu' | 'Hoàn thành' cells -> one timeframe: "Tháng 3/2025 - Tháng 6/2025", the start
    read from the first cell and the end from the second."""
    if not first or first == last:
        return parse_timeframe(last, year, horizon)
    both = parse_timeframe(f"{first} - {last}", year, horizon)
    a, b = parse_timeframe(first, year, horizon), parse_timeframe(last, year, horizon)
    start = a["start"] or a["end"]
    end = b["end"] or b["start"]
    if start or end:
        both["start"], both["end"] = start, end
    both["regular"] = a["regular"] or b["regular"]
    return both


def _next_no(rows: list[list[str]], k: int, cmap: dict[int, str]) -> str:
    idx = next((i for i, role in cmap.items() if role == "no"), None)
    if idx is None:
        return ""
    for r in rows[k : k + 1]:
        return (r[idx] if idx < len(r) else "").strip().rstrip(".")
    return ""
