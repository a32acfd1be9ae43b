"""Render a :class:`~kehoach.reports.documents.model.Document` to .docx (python-docx), Decree 30 layout."""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

from kehoach.reports.documents import decree30 as d30
from kehoach.reports.documents.layout import content_widths
from kehoach.reports.documents.model import Annex, Chart, Document, Heading, Para, Table

ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
TEXT_WIDTH_MM = d30.PAGE_WIDTH_MM - d30.MARGIN_LEFT_MM - d30.MARGIN_RIGHT_MM


def _set_fonts(rpr_owner) -> None:
    """Set all four font slots (ascii, hAnsi, eastAsia, cs): Word reads eastAsia/cs for Vietnamese too."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), d30.FONT)


def _run(p, text, *, bold=False, italic=False, underline=False, size=None):
    r = p.add_run(text)
    r.bold = bold or None
    r.italic = italic or None
    r.underline = underline or None
    r.font.name = d30.FONT
    if size:
        r.font.size = Pt(size)
    _set_fonts(r._r)
    return r


def _para(
    container,
    text="",
    *,
    align="center",
    bold=False,
    italic=False,
    underline=False,
    size=None,
    indent=False,
    after=0,
    before=0,
):
    p = container.add_paragraph()
    p.alignment = ALIGN[align]
    pf = p.paragraph_format
    pf.space_after = Pt(after)
    pf.space_before = Pt(before)
    pf.first_line_indent = Cm(d30.FIRST_LINE_INDENT_CM) if indent else Cm(0)
    if text:
        for i, line in enumerate(text.split("\n")):
            if i:
                p.add_run().add_break()
            _run(p, line, bold=bold, italic=italic, underline=underline, size=size)
    return p


def _short_rule(cell_or_doc, width_mm: float, rule_mm: float):
    """A short horizontal rule (gạch ngang) centred under a line: a bottom border on an indented paragraph."""
    p = cell_or_doc.add_paragraph()
    side = max((width_mm - rule_mm) / 2, 0)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    p.paragraph_format.space_after = Pt(4)
    p.paragraph_format.line_spacing = Pt(2)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}.items():
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.append(bdr)
    return p


def _no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _widths(table, widths_mm):
    """Fixed column widths: gridCol for LibreOffice, tcW for Word."""
    table.autofit = False
    for col, w in zip(table.columns, widths_mm, strict=False):
        col.width = Mm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(w)


def _clear(cell):
    """A new cell holds one empty paragraph; remove it so content starts at the top."""
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)


def _page_number_header(section):
    """Arabic page numbers centred in the top margin, not on the first page (Decree 30)."""
    section.different_first_page_header_footer = True
    header = section.header
    p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _run(p, "", size=d30.BODY_PT)
    for tag, attr in (
        ("w:fldChar", {"w:fldCharType": "begin"}),
        ("w:instrText", None),
        ("w:fldChar", {"w:fldCharType": "end"}),
    ):
        el = OxmlElement(tag)
        if attr:
            for k, v in attr.items():
                el.set(qn(k), v)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        run._r.append(el)


def _page_setup(section, landscape=False):
    w, h = Mm(d30.PAGE_WIDTH_MM), Mm(d30.PAGE_HEIGHT_MM)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (h, w) if landscape else (w, h)
    section.top_margin = Mm(d30.MARGIN_TOP_MM)
    section.bottom_margin = Mm(d30.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(d30.MARGIN_LEFT_MM)
    section.right_margin = Mm(d30.MARGIN_RIGHT_MM)
    section.header_distance = Mm(10)


def _styles(doc):
    normal = doc.styles["Normal"]
    normal.font.name = d30.FONT
    normal.font.size = Pt(d30.BODY_PT)
    _set_fonts(normal.element)
    pf = normal.paragraph_format
    pf.space_after = Pt(0)
    pf.line_spacing = d30.LINE_SPACING


def _header(doc, h):
    left_w, right_w = 62, TEXT_WIDTH_MM - 62
    t = doc.add_table(rows=1, cols=2)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(t)
    _widths(t, [left_w, right_w])
    left, right = t.rows[0].cells
    _clear(left)
    _clear(right)
    if h.superior:
        _para(left, h.superior, size=d30.ISSUER_PT)
    _para(left, h.issuer, bold=True, size=d30.ISSUER_PT)
    _short_rule(left, left_w, left_w / 3)
    _para(left, h.number, size=13)
    if h.subject_line:
        _para(left, h.subject_line, size=12)
    _para(right, d30.NATIONAL_NAME, bold=True, size=d30.NATIONAL_PT)
    _para(right, d30.MOTTO, bold=True, underline=True, size=d30.MOTTO_PT, after=6)
    _para(right, h.place_date, italic=True, size=d30.BODY_PT, before=10)
    if h.doc_type:
        _para(doc, h.doc_type, bold=True, size=d30.BODY_PT, before=18)
        _para(doc, h.summary, bold=True, size=d30.BODY_PT)
        _short_rule(doc, TEXT_WIDTH_MM, 40)
    else:
        _para(doc, "", after=6)


def _table(doc, tb: Table, width_mm: float):
    if tb.caption:
        _para(doc, tb.caption, bold=True, size=13, before=6, after=3).paragraph_format.keep_with_next = True
    t = doc.add_table(rows=0, cols=len(tb.header))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = content_widths(tb.header, [*tb.rows, *([tb.total] if tb.total else [])], width_mm, tb.font_size)
    _widths(t, widths)
    # The rows are written as one XML string and parsed once: python-docx's per-cell object API
    # costs ~0.5 ms a cell, 25 s for a national annex of 50,000 cells (issue 11). The XML is the
    # one python-docx wrote cell by cell (same elements, same order), checked by the tests.
    for tr in parse_xml(f"<w:tbl {nsdecls('w')}>{table_rows_xml(tb, widths)}</w:tbl>"):
        t._tbl.append(tr)
    # Word needs a paragraph after a table; keep it 1 pt high so it never spills onto a blank page.
    spacer = _para(doc, "", after=0)
    spacer.paragraph_format.line_spacing = Pt(1)
    _run(spacer, "", size=1)


_FONTS = "".join(f' w:{slot}="{d30.FONT}"' for slot in ("ascii", "hAnsi", "eastAsia", "cs"))
# Characters XML 1.0 cannot hold (a pasted control character must not break the file).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text_xml(text: str) -> str:
    text = escape(_NOT_XML.sub("", text))
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:t{space}>{text}</w:t>"


def _cell_xml(value, twips: int, align: str, bold: bool, head: bool, half_points: int) -> str:
    rpr = f'<w:rPr><w:rFonts{_FONTS}/>{"<w:b/>" if bold else ""}<w:sz w:val="{half_points}"/></w:rPr>'
    runs = []
    for i, line in enumerate(str(value).split("\n") if str(value) else []):
        if i:
            runs.append("<w:r><w:br/></w:r>")
        runs.append(f"<w:r>{rpr}{_text_xml(line)}</w:r>")
    valign = '<w:vAlign w:val="center"/>' if head else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips}"/>{valign}</w:tcPr><w:p><w:pPr>'
        f'<w:spacing w:after="0" w:before="0"/><w:ind w:firstLine="0"/><w:jc w:val="{align}"/></w:pPr>'
        f"{''.join(runs)}</w:p></w:tc>"
    )


def table_rows_xml(tb: Table, widths_mm: list[float]) -> str:
    """The ``<w:tr>`` rows of a statistics table: the header (bold, centred, repeated on every page),
    the rows (numbers right-aligned) and the bold total; a row is never split across two pages."""
    twips = [Mm(w).twips for w in widths_mm]
    half_points = round(tb.font_size * 2)

    def row(values, bold=False, head=False) -> str:
        trpr = "<w:cantSplit/>" + ('<w:tblHeader w:val="true"/>' if head else "")
        cells = "".join(
            _cell_xml(
                value,
                twips[i],
                "center" if head else ("right" if i in tb.numeric else "left"),
                bold,
                head,
                half_points,
            )
            for i, value in enumerate(values[: len(twips)])
        )
        return f"<w:tr><w:trPr>{trpr}</w:trPr>{cells}</w:tr>"

    out = [row(tb.header, bold=True, head=True)]
    out += [row(values) for values in tb.rows]
    if tb.total:
        out.append(row(tb.total, bold=True))
    return "".join(out)


def _blocks(doc, blocks, width_mm):
    for b in blocks:
        if isinstance(b, Heading):
            text = b.text.upper() if b.level == 1 else b.text
            p = _para(
                doc,
                text,
                align="justify",
                bold=True,
                indent=True,
                after=d30.PARA_SPACE_AFTER_PT,
                size=d30.BODY_PT,
            )
            p.paragraph_format.keep_with_next = True  # a heading never ends a page
            p.paragraph_format.widow_control = True
        elif isinstance(b, Para):
            p = _para(
                doc,
                b.text,
                align=b.align,
                bold=b.bold,
                italic=b.italic,
                indent=b.indent and b.align == "justify",
                after=d30.PARA_SPACE_AFTER_PT,
                size=d30.BODY_PT,
            )
            p.paragraph_format.widow_control = True
        elif isinstance(b, Table):
            _table(doc, b, width_mm)
        elif isinstance(b, Chart):
            _chart(doc, b, width_mm)
        else:  # pragma: no cover - a builder bug
            raise TypeError(f"Unknown block {b!r}")


def _chart(doc, chart: Chart, width_mm: float) -> None:
    """The chart as a PNG picture (Word cannot draw SVG), centred, kept on one page with its caption."""
    from kehoach.reports.documents.chart_png import bar_chart_png

    if not chart.bars:
        return
    width = min(width_mm, 160)
    png = bar_chart_png(chart.bars, unit=chart.unit, width_pt=width * 72 / 25.4)
    p = _para(doc, "", align="center", after=2)
    p.paragraph_format.keep_with_next = True
    p.add_run().add_picture(io.BytesIO(png), width=Mm(width))
    if chart.caption:
        _para(doc, chart.caption, align="center", italic=True, size=d30.BODY_PT - 1, after=6)


def _closing(doc, c):
    left_w, right_w = 80, TEXT_WIDTH_MM - 80
    t = doc.add_table(rows=1, cols=2)
    _no_borders(t)
    _widths(t, [left_w, right_w])
    # The signature block is one unsplittable row, kept with the body's last paragraph.
    t.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = t.rows[0].cells
    _clear(left)
    _clear(right)
    p = _para(left, "Nơi nhận:", align="left", bold=True, italic=True, size=d30.RECIPIENTS_TITLE_PT, before=6)
    for line in c.recipients:
        _para(left, line, align="left", size=d30.RECIPIENTS_PT)
    _para(right, c.authority, bold=True, size=d30.BODY_PT, before=6)
    _para(right, c.position, bold=True, size=d30.BODY_PT, after=60)
    _para(right, c.signer, bold=True, size=d30.BODY_PT)
    return p


def _annex(doc, a: Annex):
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page_setup(section, landscape=a.landscape)
    # The annex numbers its own pages from 1 (Phụ lục has its own page numbering), and like the body
    # prints no number on its first page (the first-page header, linked to the body's, is empty).
    section.different_first_page_header_footer = True
    pg = OxmlElement("w:pgNumType")
    pg.set(qn("w:start"), "1")
    cols = section._sectPr.find(qn("w:cols"))  # schema order: pgNumType comes before cols
    if cols is not None:
        cols.addprevious(pg)
    else:
        section._sectPr.append(pg)
    width = (d30.PAGE_HEIGHT_MM - d30.MARGIN_LEFT_MM - d30.MARGIN_RIGHT_MM) if a.landscape else TEXT_WIDTH_MM
    _para(doc, "PHỤ LỤC", bold=True, size=d30.BODY_PT)
    _para(doc, a.title.upper(), bold=True, size=d30.BODY_PT)
    if a.note:
        _para(doc, a.note, italic=True, size=d30.BODY_PT, after=8)
    _blocks(doc, a.blocks, width)


def _addressee(doc, text: str) -> None:
    """ "Kính gửi:" centred for one addressee; for several, "Kính gửi:" then one "- …;" per line,
    aligned under it (Decree 30, Appendix I)."""
    lines = text.split("\n")
    if len(lines) == 1:
        _para(doc, text, align="center", size=d30.BODY_PT, before=6, after=6)
        return
    for i, line in enumerate(lines):
        p = _para(
            doc,
            line,
            align="left",
            size=d30.BODY_PT,
            before=6 if i == 0 else 0,
            after=6 if i == len(lines) - 1 else 0,
        )
        p.paragraph_format.left_indent = Cm(4.5 if i == 0 else 6.5)
        p.paragraph_format.keep_with_next = True


def render_docx(document: Document) -> bytes:
    doc = new_docx()
    _styles(doc)
    section = doc.sections[0]
    _page_setup(section)
    _page_number_header(section)
    _header(doc, document.header)
    if document.addressee:
        _addressee(doc, document.addressee)
    _blocks(doc, document.body, TEXT_WIDTH_MM)
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    _closing(doc, document.closing)
    for annex in document.annexes:
        _annex(doc, annex)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
