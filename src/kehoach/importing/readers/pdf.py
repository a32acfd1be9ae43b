"""PDF with a text layer. A scan without text is refused with a clear message.

Tables are rebuilt with pdfplumber: ruled tables from their drawn lines; a table without rules
(an appendix laid out with spaces) from the alignment of its words, accepted only when its header
names activity-table columns. Text outside the tables keeps its reading order, and a line whose
parts stand far apart (the two-column header of an official letter) is split with a tab, as in the
text reader. A table continued over the next page is joined to it: the repeated header rows are
dropped and a first row without an STT (a row split by the page break) is merged into the last row.

pdfplumber is imported here only; without it the text layer is read with pypdf (no tables).
"""

from __future__ import annotations

import io
import re

from ..blocks import Block, Table
from ..columns import header_map
from ..errors import DocumentError
from ..limits import MAX_PDF_PAGES, too_large
from .legacy import fix_legacy

NO_TEXT = "Tệp PDF không có lớp văn bản (bản quét?) / this PDF has no text layer"
CANNOT = "Không đọc được tệp PDF / cannot read the PDF file"

_PAGE_NO = re.compile(r"^(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?$", re.I)
_NO_CELL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*|[IVXLC]{1,6}(?:\.\d{1,2})*|[A-ZĐ]|[a-zđ])[.)]?$")
_CUE = re.compile(r"chủ\s*trì|phối\s*hợp|thời\s*gian|thời\s*hạn|thực\s*hiện", re.I)


def read_pdf(data: bytes) -> list[Block]:
    if b"%PDF-" not in data[:1024]:
        raise DocumentError("Tệp không phải PDF")
    import logging

    for name in ("pypdf", "pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)  # malformed files log noisily
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("Tệp PDF được mã hóa")
        pages = reader.pages
        if len(pages) > MAX_PDF_PAGES:
            raise too_large(f"PDF trên {MAX_PDF_PAGES} trang", f"PDF over {MAX_PDF_PAGES} pages")
        texts = [page.extract_text() or "" for page in pages]
        drawn = [_drawn(page) for page in pages]
    except DocumentError:
        raise
    except Exception:
        raise DocumentError(CANNOT)
    if not "".join(texts).strip():
        raise DocumentError(NO_TEXT)
    # pdfplumber (slower: it reads every glyph and stroke) for the first page, whose two-column
    # header it keeps apart, and for pages that draw a grid or name activity-table columns
    wanted = [
        k
        for k, t in enumerate(texts)
        if k == 0 or drawn[k] >= 12 or (len(_CUE.findall(t)) >= 2 and _CUE_TABLE.search(t))
    ]
    blocks: list[Block] = []
    plumber = _open_plumber(data) if wanted else None
    try:
        for k, text in enumerate(texts):
            if plumber is not None and k in wanted:
                try:
                    page = plumber.pages[k]
                    _page_blocks(page, blocks)
                    page.close()  # drop pdfminer's cached objects: memory stays flat
                    continue
                except Exception:  # pdfminer chokes on a damaged page that pypdf still reads
                    pass
            blocks.extend(text.split("\n"))
            blocks.append(_PageBreak(""))
    finally:
        if plumber is not None:
            plumber.close()
    blocks = _join_pages(blocks)
    if any(isinstance(b, str) and fix_legacy(b) != b for b in blocks[:300]):  # .VnTime / VNI fonts
        blocks = [
            fix_legacy(b) if isinstance(b, str) else Table([[fix_legacy(c) for c in r] for r in b.rows])
            for b in blocks
        ]
    return blocks


_OPS = re.compile(rb"\s(?:re|l)\s")
_CUE_TABLE = re.compile(r"\b(?:STT|TT)\b|chủ\s*trì", re.I)


def _drawn(page) -> int:
    """How many rectangles and line segments the page draws (a ruled table draws many)."""
    try:
        obj = page.get("/Contents")
        obj = obj.get_object() if obj is not None else None
        streams = list(obj) if isinstance(obj, list) else ([obj] if obj is not None else [])
        return sum(len(_OPS.findall(s.get_object().get_data()[:2_000_000])) for s in streams)
    except Exception:
        return 0


def _open_plumber(data: bytes):
    try:
        import pdfplumber

        return pdfplumber.open(io.BytesIO(data))
    except Exception:  # not installed, or pdfminer cannot read the file: text only
        return None


# ---------------------------------------------------------------- pdfplumber


class _PageBreak(str):
    """Marks the end of a page in the block list (removed by :func:`_join_pages`)."""


def _page_blocks(page, out: list[Block]) -> None:
    found = []  # (top, Table, bbox)
    first_col = {}
    for t in page.find_tables():
        rows = _rows(t)
        if len(rows) >= 1 and max(len(r) for r in rows) >= 2 and any(any(c for c in r) for r in rows):
            found.append((t.bbox[1], Table(rows), t.bbox))
            if t.columns:
                first_col[id(found[-1][1])] = t.columns[0].bbox
    rest = page
    if found:
        boxes = [b for _, _, b in found]
        rest = page.filter(lambda o: not _inside(o, boxes))
    lines = _lines(rest)
    if found:
        # a row cut by the page break may leave only its STT below the last drawn rule
        top, table, bbox = found[-1]
        col = first_col.get(id(table))
        for k, (y, text, x0, x1) in enumerate(lines):
            if (
                col is not None
                and bbox[3] - 2 <= y <= bbox[3] + 30
                and _NO_CELL.match(text)
                and col[0] - 2 <= x0
                and x1 <= col[2] + 2
                and all(ln[0] < bbox[1] for ln in lines[k + 1 :])  # nothing else below it
            ):
                width = max(len(r) for r in table.rows)
                table.rows.append([text] + [""] * (width - 1))
                del lines[k]
                break
    if not found and len(lines) >= 3 and _CUE.search(" ".join(ln[1] for ln in lines)):
        found = _text_tables(page)
        if found:
            boxes = [b for _, _, b in found]
            lines = [ln for ln in lines if not any(b[1] - 1 <= ln[0] <= b[3] for b in boxes)]
    # page numbers at the top or bottom of the page are not text
    while lines and _PAGE_NO.match(lines[-1][1].strip()):
        lines.pop()
    while lines and _PAGE_NO.match(lines[0][1].strip()):
        lines.pop(0)
    items: list[tuple[float, int, Block]] = [(ln[0], 1, ln[1]) for ln in lines]
    items += [(top, 0, table) for top, table, _ in found]
    items.sort(key=lambda x: (x[0], x[1]))
    out.extend(b for _, _, b in items)
    out.append(_PageBreak(""))


def _inside(obj, boxes) -> bool:
    if obj.get("object_type") != "char":
        return False
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


def _lines(page) -> list[tuple[float, str, float, float]]:
    """Text lines (top, text, x0, x1); parts of a line far apart are joined with a tab."""
    out = []
    for line in page.extract_text_lines(return_chars=True, keep_blank_chars=False):
        chars = [c for c in line["chars"] if c["text"]]
        if not chars:
            continue
        parts: list[str] = []
        cur = [chars[0]["text"]]
        for prev, ch in zip(chars, chars[1:], strict=False):
            size = max(prev.get("size") or 10, 4)
            gap = ch["x0"] - prev["x1"]
            if gap > 3 * size:
                parts.append("".join(cur))
                cur = []
            elif gap > 0.15 * size and prev["text"] != " " and ch["text"] != " ":
                cur.append(" ")
            cur.append(ch["text"])
        parts.append("".join(cur))
        text = "\t".join(" ".join(p.split()) for p in parts if p.strip())
        if text:
            out.append((line["top"], text, line["x0"], line["x1"]))
    return out


def _cell(text: str | None) -> str:
    """Wrapped lines joined by a space ("Quý III/" + "2026" keeps no space after the slash)."""
    text = (text or "").replace("/\n", "/").replace("\n/", "/")
    return " ".join(text.split())


def _rows(table) -> list[list[str]]:
    """Cell texts with wrapped lines joined; a cell covered by a vertically merged cell repeats
    its text (as the .docx reader does), one covered by a horizontal span is empty."""
    raw = table.extract()
    if not raw:
        return []
    ncol = max(len(r) for r in raw)
    cols = [c.bbox for c in table.columns] if len(table.columns) == ncol else None
    rows: list[list[str]] = []
    for ri, r in enumerate(raw):
        cells = [_cell(c) for c in r] + [""] * (ncol - len(r))
        if ri and cols is not None:
            row = table.rows[ri]
            for ci, c in enumerate(r):
                if c is not None or row.cells[ci] is not None:
                    continue
                # covered: by a cell from a row above (vertical merge) or from the left (span)
                left = any(row.cells[k] is not None for k in range(ci))
                x = (cols[ci][0] + cols[ci][2]) / 2
                spans_left = left and any(
                    b is not None and b[0] < x < b[2] for b in row.cells[:ci] if b is not None
                )
                if not spans_left and ri - 1 < len(rows):
                    cells[ci] = rows[ri - 1][ci]
        rows.append(cells)
    return rows


def _text_tables(page) -> list[tuple[float, Table, tuple]]:
    """A table without rules, from word alignment: columns are the x-ranges no word crosses,
    rows start at the numbers of the first column and end at the widest vertical gap before the
    next number (cells may be centred vertically). Accepted only under an activity-table header."""
    words = [w for w in page.extract_words(keep_blank_chars=False, use_text_flow=False) if w["text"].strip()]
    if len(words) < 8:
        return []
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= 2:
            lines[-1].append(w)
        else:
            lines.append([w])
    start = next(
        (k for k, ln in enumerate(lines) if any(re.match(r"^(?:STT|TT)$", w["text"]) for w in ln)), None
    )
    if start is None:
        return []
    # the header may begin a line or two above "STT" (cells centred vertically)
    while start and lines[start][0]["top"] - lines[start - 1][-1]["bottom"] < 4:
        start -= 1
    width = max(w["x1"] for w in words) - min(w["x0"] for w in words)
    end = len(lines)
    for k in range(start + 1, len(lines)):
        ln = sorted(lines[k], key=lambda w: w["x0"])
        run_x0, run_x1 = ln[0]["x0"], ln[0]["x1"]
        for prev, w in zip(ln, ln[1:], strict=False):
            if w["x0"] - prev["x1"] > 1.2 * (w["bottom"] - w["top"]):
                run_x0 = w["x0"]
            run_x1 = w["x1"]
            if run_x1 - run_x0 > 0.6 * width:
                break
        if run_x1 - run_x0 > 0.6 * width:  # a line of prose below the table
            end = k
            break
    region = [w for ln in lines[start:end] for w in ln]
    spans = sorted((w["x0"], w["x1"]) for w in region)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + 3:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    if len(cols) < 4:
        return []

    def col_of(w: dict) -> int:
        cx = (w["x0"] + w["x1"]) / 2
        return next((i for i, c in enumerate(cols) if c[0] - 2 <= cx <= c[1] + 2), len(cols) - 1)

    body = lines[start:end]
    anchors = [
        k for k, ln in enumerate(body) if any(col_of(w) == 0 and _NO_CELL.match(w["text"]) for w in ln)
    ]
    if not anchors or anchors[0] == 0:
        return []
    cuts = [0]
    for a, nxt in zip([0, *anchors], [*anchors, len(body)], strict=False):
        if nxt == len(body):
            break
        best, best_gap = nxt, -1.0
        for k in range(a + 1, nxt + 1):
            gap = body[k][0]["top"] - max(w["bottom"] for w in body[k - 1])
            if gap >= best_gap - 0.5:
                best, best_gap = k, max(gap, best_gap)
        cuts.append(max(best, cuts[-1] + 1) if a else best)
    cuts.append(len(body))
    rows: list[list[str]] = []
    for c0, c1 in zip(cuts, cuts[1:], strict=False):
        cells: list[list[str]] = [[] for _ in cols]
        for ln in body[c0:c1]:
            for w in sorted(ln, key=lambda w: w["x0"]):
                cells[col_of(w)].append(w["text"])
        rows.append([_cell(" ".join(c).replace("/ ", "/")) for c in cells])
    if not header_map(rows[0]):
        return []
    rows = [rows[0]] + [r for r in rows[1:] if any(r)]
    top = body[0][0]["top"] - 1
    bottom = max(w["bottom"] for w in body[-1]) + 1
    return [(top, Table(rows), (cols[0][0], top, cols[-1][1], bottom))]


def _is_header(row: list[str]) -> bool:
    return bool(header_map(row)) or (bool(row) and all(re.match(r"^\(?\d{1,2}\)?$", c) for c in row if c))


def _join_pages(blocks: list[Block]) -> list[Block]:
    """Join a table to the one continuing it on the next page; drop the page marks."""
    out: list[Block] = []
    crossed = False  # a page break since the last table, with no text in between
    for b in blocks:
        if isinstance(b, _PageBreak):
            crossed = bool(out) and isinstance(out[-1], Table)
            continue
        if isinstance(b, Table) and crossed and isinstance(out[-1], Table):
            prev = out[-1]
            width = max(len(r) for r in prev.rows)
            if max(len(r) for r in b.rows) == width:
                rows = list(b.rows)
                while rows and (rows[0] in prev.rows[:3] or _is_header(rows[0])):
                    rows.pop(0)  # header (and column-number) rows repeated on the new page
                if rows and not rows[0][0] and prev.rows and any(rows[0]):
                    last = prev.rows[-1]
                    prev.rows[-1] = [f"{a} {c}".strip() for a, c in zip(last, rows[0], strict=False)]
                    rows.pop(0)
                prev.rows.extend(rows)
                crossed = False
                continue
        crossed = False
        out.append(b)
    return out
