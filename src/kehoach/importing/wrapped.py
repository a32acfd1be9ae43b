"""Tables whose cells wrap line by line (bảng bị ngắt dòng theo từng ô), as text extracted from a
PDF without layout gives them (the Công báo copies): every visual line of every cell on its own
line, cell after cell, row after row; header cells cut too ("Cơ quan" / "chủ trì"); a page break
prints the page header and the table header again and then the rest of the cut cells.

Nothing separates the cells, so a row's lines are first cut into chunks (a line that opens with a
capital, after a line that does not leave a phrase open, starts a chunk), then the chunks are laid on
the header's columns in order by :func:`.columns.cell_affinity` (what the text looks like: a unit,
a time, prose), the best layout found by dynamic programming.
"""

from __future__ import annotations

import re

from .blocks import Block, Table
from .columns import cell_affinity, column_role, header_map

_ROW_NO = re.compile(r"^(\d{1,3}(?:\.\d{1,2}){0,2})\.?$")
_NUMBERED = re.compile(r"^(\d{1,2})\.\s+(\S.{3,})$")
_NO_THEN = re.compile(r"^(\d{1,3}(?:\.\d{1,2})?)\.?\s+([A-ZĐÀ-Ỹ“].*)$")  # "7  Đề án về chỉ số ..."
_ROMAN_ALONE = re.compile(r"^([IVX]{1,5})\.?$")
_GROUP = re.compile(r"^([IVX]{1,5})(?:\.\s+\S|\s+[A-ZĐÀ-Ỹ])")
_PAGE_HEAD = re.compile(r"^(?:CÔNG BÁO|Công báo)\s*/")
_END = re.compile(r"^(?:nơi nhận|trên đây|phụ lục\b|ghi chú\s*:|(?:tm|kt)\.\s)", re.I)
# a line ending like this leaves its phrase open: the next line goes on the same cell
_OPEN_END = re.compile(
    r"(?:,|-|–|:|\bvà|\bcủa|\bcác|\bthuộc|\bvới|\bcho|\bvề|\btrong|\btrình|\bThủ tướng|\bở|\btại|\bđối với|\btheo|\bđể|\bnhư|\bvà các)$"
    r"|^(?:tháng|quý|năm|ngày|từ|trước)$",  # "Tháng" / "9/2026"
    re.I,
)
# a unit's head word left at the end of a line ("Bộ trưởng Bộ" / "Khoa học và Công nghệ")
# a verb left at a line's end wants its object ("... của Chính phủ ban hành" / "Chương trình hành
# động ..."; "... Quy định số 178-QĐ/TW ngày" / "27 tháng 6 năm 2024"), unless a unit follows (the lead
# cell after "... và triển khai thực hiện")
_VERB_END = re.compile(r"(?:(?<!được )\bban hành|\bngày)$", re.I)
_HEAD_END = re.compile(
    r"(?:^|\s)(?:Bộ|Sở|Cục|Vụ|Ban|Đài|Ủy ban|Uỷ ban|Viện|Tổng cục|Chủ tịch|Thủ trưởng|Giám đốc)$"
)
# the same over two lines ("Thanh" / "tra" / "Chính phủ,"; "đại diện Việt" / "Nam")
_HEAD_TAIL = re.compile(
    r"(?:^|\s)(?:Thanh tra|Văn phòng|Ngân hàng|Kiểm toán|Việt|Bộ Công|Ban Chỉ đạo|Ban Chỉ huy|Ủy ban Công tác|Thường vụ|Thủ tướng)$"
)
_ACRONYM = re.compile(r"^[A-ZĐ]{3,}(?:,|$)")
_GROUP_END = re.compile(r"(?:^|\s)(?:tổ chức|chức)$")  # "các tổ" / "chức" cut too
# a unit's name cut before its end: "Ủy ban nhân dân các tỉnh, thành" / "phố trực thuộc trung ương"
_UNIT_OPEN = re.compile(r"(?:tỉnh, thành|thành phố trực|trực thuộc|\bnhân|\bnhân dân các|cấp)$", re.I)
# a time cell printed on the last line of the cell before it, after a word in lower case
_TAIL_TIME = re.compile(
    r"^(.*[a-zà-ỹđ,])\s+((?:Thường xuyên|Hằng năm|Hàng năm|Quý\s+[IV]{1,3}/20\d\d|Tháng\s+\d{1,2}/20\d\d|"
    r"Năm\s+20\d\d)\.?)$"
)
_MAX_COLUMNS = 10
_MAX_ROW_LINES = 120


def _header(items: list[Block], i: int) -> tuple[list[str], int] | None:
    """Header cells cut over lines ("Cơ quan" / "chủ trì"): a line opening in lower case goes on
    the cell before it."""
    cells: list[str] = []
    frags: list[str] = []
    j = i
    while j < len(items) and isinstance(items[j], str) and len(cells) <= _MAX_COLUMNS and len(frags) < 40:
        line = items[j].strip()
        if not line:
            j += 1
            continue
        if len(line) > 40 or _ROW_NO.match(line) and cells or _GROUP.match(line) or _ROMAN_ALONE.match(line):
            break
        frags.append(line)
        if cells and (line[:1].islower() or line[:1] == "("):  # "Cơ quan" / "chủ trì", "(Bộ/ngành)"
            cells[-1] = f"{cells[-1]} {line}"
        else:
            cells.append(line)
        j += 1
    roles = header_map(cells)
    if len(cells) < 4 or not roles or next(iter(roles.values()), None) != "no":
        return None
    return cells, frags, j


def wrapped_table(items: list[Block], i: int) -> tuple[Table, int] | None:
    """A wrapped-cell table starting at ``items[i]`` (its header), and the index after it."""
    found = _header(items, i)
    if not found:
        return None
    header, frags, j = found
    fragments = set(frags)
    roles = header_map(header) or {}
    columns = [roles.get(k) for k in range(1, len(header))]
    rows: list[list[str]] = [header]
    current: tuple[str, list[str], list[str]] | None = None  # number, lines, lines after a page break
    broken = noise = page_no = restart = in_header = after_head = blank = False
    sub = 0  # sub-rows ("-") of the current numbered row
    last_no: list[int] = []

    def flush() -> None:
        if current:
            rows.extend(_lay_rows(current[0], current[1], current[2], columns))

    n = len(items)
    while j < n and isinstance(items[j], str):
        line = items[j].strip()
        j += 1
        if not line:
            blank = True
            continue
        was_blank, blank = blank, False
        if line in ("-", "–") and current is not None and current[1] and (sub or was_blank):
            # "-" alone opens a sub-row of the task above (051: "4 Hoàn thiện ..." over
            # "- Công trình đê điều ...", each with its own lead): numbered 4.1, 4.2 ...
            parent = current[0].split(".")[0] if sub else current[0]
            flush()
            sub += 1
            current, broken = (f"{parent}.{sub}", [], []), False
            continue
        if _END.match(line):
            j -= 1
            break
        if _PAGE_HEAD.match(line):  # "CÔNG BÁO/Số 238/Ngày 21-04-2026" then the page number
            broken, noise, page_no, after_head = current is not None, False, True, True
            continue
        if page_no and re.fullmatch(r"\d{1,4}", line):
            page_no = False
            continue
        page_no = False
        if len(line) > 80 and re.match(r"^\d{1,2}\s", line):
            noise = True  # a footnote: it runs to the page header
            continue
        if noise:
            continue
        if line in fragments and not _ROW_NO.match(line) and (in_header or line == frags[0] or after_head):
            # the table header printed again after a page break: skipped as a run from its first
            # cell ("TT") or from the page header; alone inside a cell a header word ("quan" of
            # "Cơ" / "quan", "hạn") is the cell's own text
            broken, in_header, after_head = current is not None, True, False
            continue
        in_header = after_head = False
        m = _ROMAN_ALONE.match(line)
        if m and (current is None or current[1] or current[2]):
            flush()  # a group row: "I" (or "I.") over its title; numbering may restart under it
            current, broken, restart = (m.group(1), [], []), False, True
            continue
        m = _ROW_NO.match(line)
        if m and restart and m.group(1) == "1":
            last_no = []
        if m and _next_number(m.group(1), last_no):
            restart, sub = False, 0
            flush()
            last_no = [int(x) for x in m.group(1).split(".")]
            current, broken = (m.group(1), [], []), False
            continue
        m = _NO_THEN.match(line)
        if m and _next_number(m.group(1), last_no):
            flush()
            last_no = [int(x) for x in m.group(1).split(".")]
            current, broken = (m.group(1), [m.group(2)], []), False
            continue
        m = _NUMBERED.match(line)
        if m and _next_number(m.group(1), last_no) and "." not in m.group(1):
            flush()  # a group row written on one line: "3. Tăng cường huy động ..."
            last_no = [int(m.group(1))]
            current, broken = (m.group(1), [m.group(2)], []), False
            continue
        if _GROUP.match(line):
            flush()
            g = _GROUP.match(line)
            current, broken, restart = (g.group(1), [line[g.end() - 1 :]], []), False, True
            continue
        if current is None:
            return None
        (current[2] if broken else current[1]).append(line)
        if len(current[1]) + len(current[2]) > _MAX_ROW_LINES:
            break
    flush()
    if len(rows) < 3:
        return None
    return Table(rows), j


def _next_number(label: str, last: list[int]) -> bool:
    """'3' after '2' or '2.4', '2.1' after '2', '2.5' after '2.4': the numbering goes on."""
    try:
        parts = [int(x) for x in label.split(".")]
    except ValueError:
        return False
    if not last:
        return parts in ([1], [1, 1])
    if len(parts) == 1:
        return parts[0] == last[0] + 1
    if parts[:-1] == last[: len(parts) - 1]:
        return parts[-1] == (last[len(parts) - 1] + 1 if len(last) >= len(parts) else 1)
    return len(parts) == 2 and parts[0] == last[0] + 1 and parts[1] == 1


def _chunks(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    for raw in lines:
        # two cells on one line ("cơ quan ngang bộ  Bộ Tư pháp"; "văn bản phối hợp Thường xuyên")
        for line in _TAIL_TIME.sub("\\1  \\2", raw.strip()).split("  "):
            line = line.strip()
            if not line:
                continue
            # "(theo kế hoạch ...)" under "Năm 2026": a remark in brackets goes on the cell above
            opens = (line[:1].isupper() or line[:1].isdigit() or line[:1] in '“"') and not re.match(
                r"^(?:Và|Và các|Hoặc)\s", line
            )  # "Và các cơ quan, tổ chức ...": the list goes on
            # "các tổ chức" / "PCPNN,": an abbreviation names the group the line before opened
            named = bool(_ACRONYM.match(line)) and bool(out) and bool(_GROUP_END.search(out[-1][-1]))
            # "Ủy ban nhân dân các" over "Bộ Chính trị": a unit's name cut by a page break goes on
            # in lower case ("tỉnh, thành phố ..."), so a capital opens the next cell
            cut = (
                bool(out)
                and opens
                and bool(_UNIT_OPEN.search(out[-1][-1]))
                and not re.match(r"^(?:Trung|Nhà nước|Chính phủ)\b", line)
            )
            # "Bộ Giáo dục / và Đào tạo;" over "Bộ Y tế": a ';' after a unit announces the next one
            listed = bool(out) and out[-1][-1].endswith(";") and cell_affinity(line, "lead") > 0
            # "Nghị quyết số" / "12/NQ-CP": a number goes on; "công nghệ số" / "Nhiệm vụ ..." does not
            wants_no = bool(out) and line[:1].isdigit() and bool(re.search(r"\bsố$", out[-1][-1]))
            wants = wants_no or (
                bool(out)
                and bool(_VERB_END.search(out[-1][-1]))
                and cell_affinity(line, "lead") < 0
                and cell_affinity(line, "time") < 0
            )
            if (
                out
                and not cut
                and not (
                    opens
                    and not named
                    and not listed
                    and not wants
                    and not _OPEN_END.search(out[-1][-1])
                    and not _HEAD_END.search(out[-1][-1])
                    and not _HEAD_TAIL.search(" ".join(out[-1][-2:]))
                )
            ):
                out[-1].append(re.sub(r"^Và\s", "và ", line))
            else:
                out.append([line])
    return out


def _lay_rows(no: str, lines: list[str], after: list[str], columns: list[str | None]) -> list[list[str]]:
    """One numbered row, or two when the task is printed with two result rows (046: "Báo cáo
    chuyên đề … Tháng 5/2026", then "Báo cáo kết quả … Tháng 11/2026"): after the time cell the
    lead cell's first line comes again and opens the second result row, which keeps the task's
    content (numbered 15a, 15b)."""
    cells = _lay(lines, after, columns)
    if "lead" not in columns or "time" not in columns:
        return [[no, *cells]]
    lc = columns.index("lead")
    lead = cells[lc]
    both = lines + after
    start = next((k for k, x in enumerate(lines) if lead and lead.startswith(x)), None)
    if start is None:
        return _product_again(no, lines, after, columns) or [[no, *cells]]
    timed = False
    for q in range(start + 1, len(both)):
        timed = timed or cell_affinity(both[q], "time") > 0
        if timed and both[q] == lines[start] and q > start + 1:
            break
    else:
        return _product_again(no, lines, after, columns) or [[no, *cells]]
    if q < len(lines):
        first, second = _lay(lines[:q], [], columns), _lay(lines[q:], after, columns[lc:])
    else:
        first, second = _lay(lines, after[: q - len(lines)], columns), _lay(both[q:], [], columns[lc:])
    return [[f"{no}a", *first], [f"{no}b", *first[:lc], *second]]


def _product_again(
    no: str, lines: list[str], after: list[str], columns: list[str | None]
) -> list[list[str]] | None:
    """Two result rows whose lead and coordinators are merged over both (046, task 26: "Bộ chỉ số
    được xây dựng … 2026 | Nghị quyết …", then "Bộ chỉ số được tổ chức thi hành … 2027 - 2030 |
    Nghị quyết …"): after the time and the columns that follow it, a product and a time come again."""
    if after or "product" not in columns or columns.index("product") > columns.index("time"):
        return None
    chunks = _chunks(lines)
    pc, tc = columns.index("product"), columns.index("time")
    plan = _best(chunks, columns, max(len(x) for c in chunks for x in c)) if chunks else []
    timed = [k for k, ch in enumerate(chunks) if cell_affinity(" ".join(ch), "time") > 0]
    units = [k for k, col in enumerate(plan) if columns[col] in ("lead", "coord")]
    first = next((k for k in timed if units and k > units[-1]), None)
    if first is None:
        return None
    q = first + 1 + (len(columns) - 1 - tc)  # one chunk for each column after the time
    again = q < len(chunks) and cell_affinity(" ".join(chunks[q]), "product") >= 1.5
    if not again or not any(k > q for k in timed):
        return None
    one, two = _lay([], [], columns, chunks[:q]), _lay([], [], columns[pc:], chunks[q:])
    return [[f"{no}a", *one], [f"{no}b", *one[:pc], *two]]


def _lay(
    lines: list[str],
    after_break: list[str],
    columns: list[str | None],
    chunks: list[list[str]] | None = None,
) -> list[str]:
    """The cells of one row: the chunks of ``lines`` laid on ``columns`` in order (best total
    affinity); lines after a page break go on the cells they continue, in column order."""
    chunks = _chunks(lines) if chunks is None else chunks
    cells = ["" for _ in columns]
    if not chunks:
        return cells
    width = max(len(x) for c in chunks for x in c)
    plan = _best(chunks, columns, width)
    heights = [0] * len(columns)
    for chunk, col in zip(chunks, plan, strict=True):
        sep = "; " if columns[col] in ("lead", "coord") else " "
        text = " ".join(chunk)
        cells[col] = f"{cells[col]}{sep}{text}" if cells[col] else text
        heights[col] += len(chunk)
    if after_break:
        after_break = _name_tails(after_break, cells, columns)
        _continue(cells, _split_wide(_chunks(after_break), width), columns, heights, width)
    return cells


# a unit's name cut between these two words ("tỉnh, thành" / "phố trực thuộc trung ương")
_NAME_PAIRS = {
    ("thành", "phố"),
    ("trực", "thuộc"),
    ("nhân", "dân"),
    ("thuộc", "trung"),
    ("cấp", "tỉnh"),
    ("các", "tỉnh,"),
    ("các", "tỉnh"),
    ("các", "huyện"),
    ("các", "xã,"),
    ("các", "cấp"),
}


_NAME_WORDS = {
    "phố",
    "trực",
    "thuộc",
    "trung",
    "ương",
    "tỉnh",
    "thành",
    "nhân",
    "dân",
    "các",
    "cấp",
    "huyện",
    "xã",
    # "... thuộc trung" / "ương và cơ" / "quan, tổ" / "chức liên" / "quan": the usual tail of a list
    "và",
    "cơ",
    "quan",
    "tổ",
    "chức",
    "liên",
    "đơn",
    "vị",
    "có",
    "phường",
    "đặc",
    "khu",
}


def _name_tails(lines: list[str], cells: list[str], columns: list[str | None]) -> list[str]:
    """After a page break the tail of a cut unit name opens in lower case among the other cells'
    tails: a line whose first word completes an unfinished unit cell's last word ("... các tỉnh,
    thành" + "phố trực thuộc"), with the lower-case lines after it, goes on that cell. Returns the
    lines left for the other cells."""
    for col, role in enumerate(columns):
        cell = cells[col]
        if not cell or role not in ("lead", "coord") or not _UNIT_OPEN.search(cell):
            continue
        end = cell.split()[-1].lower()
        k = next(
            (k for k, x in enumerate(lines) if (end, (x.split() or [""])[0].lower()) in _NAME_PAIRS), None
        )
        if k is None:
            continue
        stop = k + 1
        while (
            stop < len(lines)
            and {w.strip(",;.") for w in lines[stop].lower().split()} <= _NAME_WORDS
            and stop - k < 8
        ):
            stop += 1
        cells[col] = " ".join([cell, *lines[k:stop]])
        lines = lines[:k] + lines[stop:]
    return lines


def _split_wide(chunks: list[list[str]], width: int) -> list[list[str]]:
    """After a page break the content's tail (wide lines) runs on into a narrow column's tail in
    lower case ("tư nhân theo Nghị quyết số 68-NQ/TW" / "của Bộ Chính trị" / "pháp lớn để thể" ...):
    a chunk is cut after its last wide line and the short line that ends the paragraph."""
    if not width:
        return chunks
    out: list[list[str]] = []
    for chunk in chunks:
        wide = [k for k, x in enumerate(chunk) if len(x) >= 0.7 * width]
        if not wide:
            out.append(chunk)
            continue
        cut = wide[-1] + 2
        if cut < len(chunk) - 1 and all(len(x) < 0.5 * width for x in chunk[wide[-1] + 1 :]):
            out.extend([chunk[:cut], chunk[cut:]])
        else:
            out.append(chunk)
    return out


STAY = 0.75  # what a second chunk on the cell the last one continued costs


def _continue(
    cells: list[str],
    chunks: list[list[str]],
    columns: list[str | None],
    heights: list[int] | None = None,
    width: int = 0,
) -> None:
    """The second halves of cells cut by a page break, in column order: each chunk goes on the
    unfinished cell (not closed by '.'; a ';' announces more) after the last one continued that
    it fits best, the nearest first. Of unfinished prose cells only the tallest can have been cut
    (the break cuts the cells that reached the foot of the page; a shorter one had ended)."""
    open_cells = [k for k, c in enumerate(cells) if c and _unfinished(c, columns[k])] or [0]
    if heights and len(open_cells) > 1:
        top = max(heights)
        # the content's lines are the widest, so it may hold fewer lines and still be cut
        cut = [
            k for k in open_cells if heights[k] >= top or columns[k] in ("content", "lead", "coord", "time")
        ]
        open_cells = cut or open_cells
    at = 0
    started = False
    # the first chunk that closes a bracket left open before the break, and the chunks before it
    closing = next((i for i, ch in enumerate(chunks) if ")" in " ".join(ch)), -1)
    for i, chunk in enumerate(chunks):
        text = " ".join(chunk)
        best, best_score = at, float("-inf")
        for pos in range(at, len(open_cells)):
            col = open_cells[pos]
            # as wide as the content's lines: the content's tail (the other columns are narrow)
            share = max(len(x) for x in chunk) / width if width else None
            score = cell_affinity(text, columns[col], share) - 0.5 * (pos - at)
            score -= STAY if started and pos == at else 0.0
            if cells[col].count("(") > cells[col].count(")") and i <= closing:
                score += 4.0  # "(theo yêu cầu ... đồng bộ với" / "... Luật Viên chức)": the bracket closes
            if columns[col] == "content" and share is not None and share < 0.6:
                score -= 1.0  # only narrow lines: a narrow column's tail
            if score > best_score:
                best, best_score = pos, score
        col = open_cells[min(best, len(open_cells) - 1)]
        cells[col] = f"{cells[col]} {text}".strip()
        at = min(best, len(open_cells) - 1)  # a long tail may run over several chunks
        started = True


def _unfinished(cell: str, role: str | None) -> bool:
    """Whether a cell may go on after a page break: prose not closed by '.'; a unit or a time only
    when its last words leave it open ("Bộ Khoa học và", "Bộ Công Thương;")."""
    text = cell.rstrip()
    if role == "note" and re.search(r"\d[-/]\s?[A-ZĐ][A-Za-zĐ]*/[A-ZĐ]{2,}$|/[A-ZĐ]{2,}-[A-ZĐ]{2,}$", text):
        return False  # "Chương trình số 12- CTr/BCĐ": a citation ends on its symbol
    if role in ("lead", "coord", "time", "time_end"):
        return bool(_OPEN_END.search(text) or _UNIT_OPEN.search(text)) or text.endswith(";")
    return not text.endswith(".")


def _best(chunks: list[list[str]], columns: list[str | None], width: int) -> list[int]:
    """Monotone assignment chunk -> column maximising the affinities; the first chunk is the
    content's start (the cell after the number), a lead rarely spans two chunks."""
    m, c = len(chunks), len(columns)
    score = [
        [cell_affinity(" ".join(ch), role, max(len(x) for x in ch) / max(width, 1)) for role in columns]
        for ch in chunks
    ]
    neg = float("-inf")
    best = [[neg] * c for _ in range(m)]
    back = [[0] * c for _ in range(m)]
    first = next((k for k, r in enumerate(columns) if r == "content"), 0)
    best[0][first] = score[0][first]
    for k in range(1, m):
        for col in range(c):
            cand, arg = neg, 0
            for prev in range(col + 1):
                if best[k - 1][prev] == neg:
                    continue
                s = best[k - 1][prev]
                if prev == col and columns[col] == "lead":
                    s -= 1.5  # joint leads are written in one cell, rarely over two chunks
                if prev == col and columns[col] not in ("content", "lead", "coord"):
                    s -= 1.0
                if s > cand:
                    cand, arg = s, prev
            if cand > neg:
                best[k][col], back[k][col] = cand + score[k][col], arg
    col = max(range(c), key=lambda x: best[m - 1][x])
    plan = [col]
    for k in range(m - 1, 0, -1):
        col = back[k][col]
        plan.append(col)
    return plan[::-1]


def looks_wrapped(line: str) -> bool:
    """Whether a header of a wrapped table may start here ("TT", "STT")."""
    return column_role(line.strip()) == "no"
