"""Build the .docx and .pdf versions of some corpus documents (bản Word và PDF của bộ kế hoạch thật).

Run:  .venv/bin/python tests/importing/corpus/make_formats.py
Writes docx/NNN_slug.docx (python-docx) and pdf/NNN_slug.pdf (WeasyPrint, A4) for every stem in
FORMAT_DOCS; the output is deterministic (fixed document dates, no timestamps) so a re-run
changes no bytes the importer reads.

The words are the .txt's words; only the layout is rebuilt the way the published file carries it:
- the header (issuer | motto, number | place and date) becomes a two-column table without borders;
- pipe rows (``| a | b |``) become tables (for the DOCX extractions in BARE_PIPES also ``a | b`` rows); the first one of a document is the header table;
- the task table of 002 (a web copy with one cell per line) becomes a real five-column table
  with its group rows (1, 2) merged across the columns and the task continued over two rows
  (2.c) merged vertically in the number, coordinators and time cells, as converted PDFs arrive;
- task tables repeat their header row on every page (Word ``tblHeader``, HTML ``thead``);
- the pdftotext copy of 004 is reflowed into paragraphs (a new one at each indented line) and
  its two-column header and signature block become tables again.
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"

# Full texts first (tables, inline tasks, layout), then openings of each header shape.
FORMAT_DOCS = [
    "001_bo_tnmt_2024_kh09_tin_chi_cac_bon",
    "002_bo_nnmt_2026_qd2200_ke_hoach_nd180",
    "003_tinh_kon_tum_2020_qd435_ctr_quan_he_lao_dong",
    "004_tinh_lao_cai_2026_kh134_khu_cum_cong_nghiep",
    "006_bo_noi_vu_2025_qd049_ke_hoach_tuyen_truyen_cchc",
    "008_bo_tu_phap_2020_qd2658_ke_hoach_pbgdpl_2021",
    "010_tinh_cao_bang_2022_kh2276_giam_sat_giam_ngheo",
    "012_tinh_nghe_an_2021_kh594_thi_dua_ct19",
    "014_tinh_thanh_hoa_2020_qd4216_ke_hoach_chuyen_doi_so",
    "024_tinh_kon_tum_2019_qd503_ke_hoach_phong_chong_thien_tai",
    "025_tinh_hai_duong_2025_kh1013_phong_chong_thien_tai",
    "036_tinh_quang_ninh_2020_kh46_dap_ung_covid",
    "041_tinh_lao_cai_2026_kh_chi_thi_11_khoang_san",
    "043_chinh_phu_2022_nq88_ctr_hanh_dong_nq10_khoang_san",
    "044_thu_tuong_2025_qd232_de_an_thi_truong_cac_bon",
]
# DOCX extractions that print table rows as "a | b | c" without the outer pipes.
BARE_PIPES = ("041_", "043_")

_KIND = re.compile(r"^(KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH HÀNH ĐỘNG)$")
_HEADER_START = re.compile(r"^(ỦY|UỶ|BỘ|THỦ TƯỚNG|SỞ)\b")
_DASHES = re.compile(r"^-{3,}$")
_MARK = re.compile(r"^(\d+|[a-zđ]\))$")


@dataclass
class Cell:
    """One table cell; ``span`` columns wide; ``vmerge`` 'start' / 'cont' for a vertical merge."""

    lines: list[str]
    span: int = 1
    vmerge: str | None = None
    bold: bool = False


@dataclass
class Table:
    rows: list[list[Cell]]
    header_rows: int = 0
    borders: bool = True
    widths: list[float] = field(default_factory=list)  # relative column widths


@dataclass
class Para:
    text: str
    bold: bool = False
    center: bool = False


# --------------------------------------------------------------------------- text -> blocks


def _pipe_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _is_separator(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{3,}:?", c) for c in cells)


def _header_table(lines: list[str]) -> Table:
    """Issuer | motto over number | place-date, from the header lines of a web copy."""
    left1, right1, left2, right2 = [], [], [], []
    stage = 0
    for line in lines:
        if stage == 0:
            left1.append(line)
            if _DASHES.match(line):
                stage = 1
        elif stage == 1:
            right1.append(line)
            if _DASHES.match(line):
                stage = 2
        elif line.startswith("Số") or (left2 and not right2 and "ngày" not in line and len(left2) < 2):
            left2.append(line)
        else:
            right2.append(line)
    return Table(
        [[Cell(left1, bold=True), Cell(right1, bold=True)], [Cell(left2), Cell(right2)]], borders=False
    )


def _annex_002(lines: list[str]) -> Table:
    """The Phụ lục of 002: one cell per line -> five columns, merged group and continued rows."""
    head = [
        Cell([t], bold=True)
        for t in ("TT", "Nội dung hoạt động", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện")
    ]
    rows: list[list[Cell]] = [head]
    chunks: list[list[str]] = []
    for line in lines:
        if _MARK.match(line):
            chunks.append([line])
        elif chunks:
            chunks[-1].append(line)
    for mark, *rest in chunks:
        if len(rest) == 1:  # group row: its title spans the four other columns
            rows.append([Cell([mark], bold=True), Cell(rest, span=4, bold=True)])
        elif len(rest) == 4:
            rows.append([Cell([mark])] + [Cell([t]) for t in rest])
        elif len(rest) == 6:  # a task continued over two rows, as the converted PDF split it
            c1, l1, coord, time, c2, l2 = rest
            rows.append(
                [
                    Cell([mark], vmerge="start"),
                    Cell([c1]),
                    Cell([l1]),
                    Cell([coord], vmerge="start"),
                    Cell([time], vmerge="start"),
                ]
            )
            rows.append(
                [
                    Cell([""], vmerge="cont"),
                    Cell([c2]),
                    Cell([l2]),
                    Cell([""], vmerge="cont"),
                    Cell([""], vmerge="cont"),
                ]
            )
        else:
            raise ValueError(f"unexpected annex row {mark!r}: {rest!r}")
    return Table(rows, header_rows=1, widths=[0.6, 4.2, 2.4, 2.6, 1.6])


def _blocks_generic(text: str, stem: str) -> list[Para | Table]:
    lines = [ln.rstrip() for ln in text.splitlines()]
    blocks: list[Para | Table] = []
    i, first_table = 0, True
    body = [ln.strip() for ln in lines]
    kind_at = next((k for k, ln in enumerate(body) if _KIND.match(ln)), None)
    start = next((k for k, ln in enumerate(body[: kind_at or 0]) if _HEADER_START.match(ln)), None)
    if kind_at is not None and start is not None and not body[start].startswith("|"):
        blocks += [Para(ln) for ln in body[:start] if ln and ln != "|"]
        head = [ln for ln in body[start:kind_at] if ln and ln != "|"]
        blocks.append(_header_table(head))
        first_table = False
        i = kind_at
    while i < len(lines):
        line = body[i]
        if stem.startswith("002_") and line.startswith("| TT | Nội dung hoạt động"):
            j = i + 1
            while j < len(body) and (body[j].startswith("|") or body[j] == "Thời gian thực hiện"):
                j += 1
            blocks.append(_annex_002([ln for ln in body[j:] if ln]))
            break
        if line.startswith("|") and line.count("|") >= 2:
            rows = []
            while i < len(lines) and body[i].startswith("|") and body[i].count("|") >= 2:
                cells = _pipe_cells(body[i])
                if not _is_separator(cells):
                    rows.append([Cell([c]) for c in cells])
                i += 1
            if first_table:
                blocks.append(Table(rows, borders=False))
                first_table = False
            else:
                task = len(rows[0]) >= 4
                if task:
                    for c in rows[0]:
                        c.bold = True
                blocks.append(Table(rows, header_rows=1 if task else 0, borders=task))
            continue
        if line and line != "|":
            blocks.append(Para(line, bold=bool(_KIND.match(line)), center=bool(_KIND.match(line))))
        i += 1
    return blocks


def _split_cols(line: str) -> list[str]:
    return [c for c in re.split(r"\s{3,}", line.strip()) if c]


def _blocks_layout(text: str) -> list[Para | Table]:
    """A pdftotext -layout copy: two-column header and signature, indented paragraphs."""
    lines = text.splitlines()
    blocks: list[Para | Table] = []
    head = [_split_cols(ln) for ln in lines[:5] if ln.strip()]
    left = [c[0] for c in head]
    right = [c[1] if len(c) > 1 else "" for c in head]
    blocks.append(
        Table(
            [[Cell(left[:2], bold=True), Cell(right[:2], bold=True)], [Cell(left[2:]), Cell(right[2:])]],
            borders=False,
        )
    )
    sign_at = next(k for k, ln in enumerate(lines) if ln.strip().startswith("Nơi nhận:"))
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Para(" ".join(para)))
            para.clear()

    for ln in lines[5:sign_at]:
        if not ln.strip():
            flush()
            continue
        indent = len(ln) - len(ln.lstrip())
        stripped = ln.strip()
        if indent >= 5 or stripped in ("KẾ HOẠCH",):
            flush()
        para.append(stripped)
        if stripped in ("KẾ HOẠCH",):
            blocks.append(Para(stripped, bold=True, center=True))
            para.clear()
    flush()
    left_sig, right_sig = [], []
    for ln in lines[sign_at:]:
        cols = _split_cols(ln)
        if not cols:
            continue
        if ln.startswith(" " * 20):  # a right-column line only
            right_sig.append(cols[0])
        else:
            left_sig.append(cols[0])
            right_sig += cols[1:]
    blocks.append(Table([[Cell(left_sig), Cell(right_sig, bold=True)]], borders=False))
    return blocks


def _wrap_bare_pipes(text: str) -> str:
    """'a | b' rows -> '| a | b |' so the pipe-table reader keeps a leading empty cell (' | (1) | ...')."""
    return "\n".join(f"| {ln} |" if " | " in ln or ln.startswith(" |") else ln for ln in text.splitlines())


def blocks_for(stem: str) -> list[Para | Table]:
    text = (DOCS / f"{stem}.txt").read_text(encoding="utf-8")
    if stem.startswith("004_"):
        return _blocks_layout(text)
    if stem.startswith(BARE_PIPES):
        text = _wrap_bare_pipes(text)
    return _blocks_generic(text, stem)


# --------------------------------------------------------------------------- writers


def write_docx(blocks: list[Para | Table], path: Path) -> None:
    import datetime

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = docx.Document()
    doc.core_properties.created = doc.core_properties.modified = datetime.datetime(2026, 11, 29)
    doc.core_properties.author = doc.core_properties.last_modified_by = "kehoach corpus"
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    for b in blocks:
        if isinstance(b, Para):
            p = doc.add_paragraph()
            run = p.add_run(b.text)
            run.bold = b.bold
            if b.center:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        ncols = max(sum(c.span for c in row) for row in b.rows)
        table = doc.add_table(rows=len(b.rows), cols=ncols)
        if b.borders:
            table.style = "Table Grid"
        for r, row in enumerate(b.rows):
            if r < b.header_rows:  # repeat the header row on each page
                tr_pr = table.rows[r]._tr.get_or_add_trPr()
                el = OxmlElement("w:tblHeader")
                el.set(qn("w:val"), "true")
                tr_pr.append(el)
            col = 0
            for cell in row:
                target = table.cell(r, col)
                if cell.span > 1:
                    target = target.merge(table.cell(r, col + cell.span - 1))
                if cell.vmerge == "cont":
                    table.cell(r - 1, col).merge(table.cell(r, col))
                else:
                    target.text = ""
                    for k, line in enumerate(cell.lines):
                        p = target.paragraphs[0] if k == 0 else target.add_paragraph()
                        p.add_run(line).bold = cell.bold
                col += cell.span
    doc.save(str(path))


_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Liberation Serif", "DejaVu Serif", serif; font-size: 11.5pt; line-height: 1.3; }
p { margin: 0 0 4pt 0; text-align: justify; }
p.c { text-align: center; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0; }
table.grid td, table.grid th { border: 0.6pt solid #000; padding: 2pt 4pt; vertical-align: top; }
table.plain td { padding: 1pt 4pt; vertical-align: top; text-align: center; }
th { font-weight: bold; }
tr { page-break-inside: avoid; }
"""


def _html(blocks: list[Para | Table]) -> str:
    out = [
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><style>",
        _CSS,
        "</style></head><body>",
    ]
    for b in blocks:
        if isinstance(b, Para):
            cls = " class='c'" if b.center else ""
            text = html.escape(b.text)
            out.append(f"<p{cls}>{'<b>' + text + '</b>' if b.bold and not b.center else text}</p>")
            continue
        out.append(f"<table class='{'grid' if b.borders else 'plain'}'>")
        if b.widths:
            total = sum(b.widths)
            out.append(
                "<colgroup>"
                + "".join(f"<col style='width:{100 * w / total:.1f}%'>" for w in b.widths)
                + "</colgroup>"
            )
        spans = _rowspans(b.rows)
        for r, row in enumerate(b.rows):
            if r == 0 and b.header_rows:
                out.append("<thead>")
            if r == b.header_rows and b.header_rows:
                out.append("<tbody>")
            out.append("<tr>")
            for k, cell in enumerate(row):
                if cell.vmerge == "cont":
                    continue
                tag = "th" if r < b.header_rows else "td"
                attrs = (f" colspan='{cell.span}'" if cell.span > 1 else "") + (
                    f" rowspan='{spans[(r, k)]}'" if spans.get((r, k), 1) > 1 else ""
                )
                inner = "<br>".join(html.escape(x) for x in cell.lines)
                out.append(
                    f"<{tag}{attrs}>{'<b>' + inner + '</b>' if cell.bold and tag == 'td' else inner}</{tag}>"
                )
            out.append("</tr>")
            if r == b.header_rows - 1:
                out.append("</thead>")
        if b.header_rows:
            out.append("</tbody>")
        out.append("</table>")
    out.append("</body></html>")
    return "".join(out)


def _rowspans(rows: list[list[Cell]]) -> dict[tuple[int, int], int]:
    spans: dict[tuple[int, int], int] = {}
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            if cell.vmerge == "start":
                n = 1
                while r + n < len(rows) and k < len(rows[r + n]) and rows[r + n][k].vmerge == "cont":
                    n += 1
                spans[(r, k)] = n
    return spans


def write_pdf(blocks: list[Para | Table], path: Path) -> None:
    from weasyprint import HTML

    HTML(string=_html(blocks)).write_pdf(
        str(path), metadata={"created": "2026-11-29", "modified": "2026-11-29"}
    )


def main(argv: list[str] | None = None) -> int:
    stems = argv or FORMAT_DOCS
    (HERE / "docx").mkdir(exist_ok=True)
    (HERE / "pdf").mkdir(exist_ok=True)
    for stem in stems:
        blocks = blocks_for(stem)
        write_docx(blocks, HERE / "docx" / f"{stem}.docx")
        write_pdf(blocks, HERE / "pdf" / f"{stem}.pdf")
        print(stem, sum(isinstance(b, Table) for b in blocks), "tables")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
