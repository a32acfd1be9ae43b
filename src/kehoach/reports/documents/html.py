"""Render a :class:`~kehoach.reports.documents.model.Document` to HTML and, through WeasyPrint, to PDF.

The same model as the .docx renderer, the same Decree 30 constants: A4, margins, Times New Roman
(falling back to Liberation Serif / Tinos, which carry Vietnamese), page numbers centred in the top
margin except on the first page.
"""

from __future__ import annotations

import logging
import threading
from html import escape

from kehoach.reports.documents import decree30 as d30
from kehoach.reports.documents.layout import content_widths
from kehoach.reports.documents.model import Annex, Chart, Document, Heading, Para, Table

TEXT_WIDTH_MM = d30.PAGE_WIDTH_MM - d30.MARGIN_LEFT_MM - d30.MARGIN_RIGHT_MM
LANDSCAPE_WIDTH_MM = d30.PAGE_HEIGHT_MM - d30.MARGIN_LEFT_MM - d30.MARGIN_RIGHT_MM


def _css() -> str:
    fonts = ", ".join(d30.FONT_FALLBACKS)
    return f"""
@page {{ size: A4; margin: {d30.MARGIN_TOP_MM}mm {d30.MARGIN_RIGHT_MM}mm {d30.MARGIN_BOTTOM_MM}mm {d30.MARGIN_LEFT_MM}mm;
  @top-center {{ content: counter(page); font-family: {fonts}; font-size: {d30.BODY_PT}pt; }} }}
@page :first {{ @top-center {{ content: none; }} }}
@page landscape {{ size: A4 landscape; margin: {d30.MARGIN_TOP_MM}mm {d30.MARGIN_RIGHT_MM}mm {d30.MARGIN_BOTTOM_MM}mm {d30.MARGIN_LEFT_MM}mm;
  @top-center {{ content: counter(page); font-family: {fonts}; font-size: {d30.BODY_PT}pt; }} }}
@page :nth(1 of landscape) {{ counter-reset: page 1; @top-center {{ content: none; }} }}
html {{ font-family: {fonts}; font-size: {d30.BODY_PT}pt; line-height: {d30.LINE_SPACING}; color: #000; }}
body {{ margin: 0; }}
p {{ margin: 0 0 {d30.PARA_SPACE_AFTER_PT}pt; }}
.body p, .body h2, .body h3 {{ text-align: justify; text-indent: {d30.FIRST_LINE_INDENT_CM}cm; }}
h2, h3 {{ font-size: {d30.BODY_PT}pt; margin: 6pt 0 {d30.PARA_SPACE_AFTER_PT}pt; page-break-after: avoid; break-after: avoid; }}
p {{ orphans: 2; widows: 2; }}
table.grid tr {{ page-break-inside: avoid; break-inside: avoid; }}
table.grid th {{ text-align: center; vertical-align: middle; }}
.keep {{ page-break-inside: avoid; break-inside: avoid; }}
h2 {{ text-transform: uppercase; }}
.c, .body p.c {{ text-align: center; text-indent: 0 !important; margin: 0; }}
.b {{ font-weight: bold; }} .i {{ font-style: italic; }} .u {{ text-decoration: underline; }}
table.head, table.closing {{ width: 100%; border-collapse: collapse; }}
table.head td, table.closing td {{ vertical-align: top; padding: 0; }}
.issuer, .national {{ font-size: {d30.ISSUER_PT}pt; }}
.motto {{ font-size: {d30.MOTTO_PT}pt; }}
.rule {{ border-top: 1px solid #000; margin: 2pt auto 6pt; height: 0; }}
.number {{ font-size: 13pt; white-space: pre-wrap; }} .place {{ white-space: pre-wrap; }}
.title {{ margin-top: 18pt; }}
table.grid {{ width: 100%; table-layout: fixed; border-collapse: collapse; margin: 4pt 0 8pt; page-break-inside: auto; }}
table.grid th, table.grid td {{ border: 0.6pt solid #000; padding: 2pt 4pt; vertical-align: top; text-indent: 0; }}
table.grid thead {{ display: table-header-group; }}
table.grid td.n {{ text-align: right; }}
table.grid tr.total td {{ font-weight: bold; }}
.caption {{ font-weight: bold; font-size: 13pt; text-indent: 0 !important; margin: 6pt 0 3pt; page-break-after: avoid; break-after: avoid; }}
.chart {{ text-align: center; text-indent: 0; margin: 4pt 0; }} .chart svg {{ width: 100%; max-width: 170mm; height: auto; }}
.recipients {{ font-size: {d30.RECIPIENTS_PT}pt; line-height: 1.2; }}
.recipients .t {{ font-size: {d30.RECIPIENTS_TITLE_PT}pt; font-weight: bold; font-style: italic; }}
.recipients p {{ margin: 0; }}
.sign {{ text-align: center; }} .sign .gap {{ height: 60pt; }}
.annex {{ page-break-before: always; }}
.to {{ margin: 6pt 0; page-break-inside: avoid; }} .to p {{ margin: 0; text-align: left; }}
.to1 {{ padding-left: 45mm; }} .to2 {{ padding-left: 65mm; }}
.annex.landscape {{ page: landscape; }}
"""


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))


def _table(tb: Table, width_mm: float) -> str:
    # ``table-layout: fixed`` with the <col> widths computed here: WeasyPrint's automatic layout
    # measures every cell's min/max content first, a fifth of a national annex's time (issue 11).
    rel = content_widths(tb.header, [*tb.rows, *([tb.total] if tb.total else [])], width_mm, tb.font_size)
    total = sum(rel)
    out = []
    if tb.caption:
        out.append(f'<p class="caption">{escape(tb.caption)}</p>')
    out.append(f'<table class="grid" style="font-size:{tb.font_size}pt"><colgroup>')
    out += [f'<col style="width:{100 * w / total:.1f}%">' for w in rel]
    out.append("</colgroup><thead><tr>")
    out += [f'<th scope="col">{escape(str(h))}</th>' for h in tb.header]
    out.append("</tr></thead><tbody>")
    for row in tb.rows:
        out.append(
            "<tr>"
            + "".join(
                f"<td{' class=n' if i in tb.numeric else ''}>{_lines(str(v))}</td>" for i, v in enumerate(row)
            )
            + "</tr>"
        )
    if tb.total:
        out.append(
            '<tr class="total">'
            + "".join(
                f"<td{' class=n' if i in tb.numeric else ''}>{escape(str(v))}</td>"
                for i, v in enumerate(tb.total)
            )
            + "</tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def _blocks(blocks, width_mm: float = TEXT_WIDTH_MM) -> str:
    out = []
    for b in blocks:
        if isinstance(b, Heading):
            tag = "h2" if b.level == 1 else "h3"
            out.append(f"<{tag}>{escape(b.text)}</{tag}>")
        elif isinstance(b, Para):
            cls = [c for c, on in (("b", b.bold), ("i", b.italic)) if on]
            style = (
                "" if b.align == "justify" and b.indent else f' style="text-align:{b.align};text-indent:0"'
            )
            out.append(f'<p class="{" ".join(cls)}"{style}>{_lines(b.text)}</p>')
        elif isinstance(b, Table):
            out.append(_table(b, width_mm))
        elif isinstance(b, Chart):
            caption = f'<p class="c i">{escape(b.caption)}</p>' if b.caption else ""
            out.append(f'<div class="keep"><div class="chart">{b.svg}</div>{caption}</div>')
    return "".join(out)


def _annex(a: Annex) -> str:
    cls = "annex landscape" if a.landscape else "annex"
    note = f'<p class="c i">{escape(a.note)}</p>' if a.note else ""
    return (
        f'<section class="{cls}"><p class="c b">PHỤ LỤC</p><p class="c b">{_lines(a.title.upper())}</p>{note}'
        f'<div class="body">{_blocks(a.blocks, LANDSCAPE_WIDTH_MM if a.landscape else TEXT_WIDTH_MM)}</div></section>'
    )


def render_html(document: Document) -> str:
    h, c = document.header, document.closing
    superior = f'<p class="c issuer">{escape(h.superior)}</p>' if h.superior else ""
    subject = f'<p class="c" style="font-size:12pt">{escape(h.subject_line)}</p>' if h.subject_line else ""
    title = ""
    if h.doc_type:
        title = (
            f'<p class="c b title">{escape(h.doc_type)}</p><p class="c b">{_lines(h.summary)}</p>'
            '<div class="rule" style="width:40mm"></div>'
        )
    addressee = ""
    if document.addressee and "\n" in document.addressee:
        first, *rest = document.addressee.split("\n")
        addressee = (
            f'<div class="to"><p class="to1">{escape(first)}</p>'
            + "".join(f'<p class="to2">{escape(line)}</p>' for line in rest)
            + "</div>"
        )
    elif document.addressee:
        addressee = f'<p class="c">{escape(document.addressee)}</p>'

    recipients = "".join(f"<p>{escape(r)}</p>" for r in c.recipients)
    # The signature block is kept on the page of the body's last paragraph.
    body, last = document.body, []
    if body and isinstance(body[-1], Para):
        body, last = body[:-1], body[-1:]
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{escape(h.doc_type or h.subject_line)}</title>
<style>{_css()}</style></head><body>
<table class="head"><tr>
<td style="width:40%">{superior}<p class="c b issuer">{_lines(h.issuer)}</p><div class="rule" style="width:33%"></div>
<p class="c number">{escape(h.number)}</p>{subject}</td>
<td style="width:60%"><p class="c b national">{d30.NATIONAL_NAME}</p><p class="c b u motto">{d30.MOTTO}</p>
<p class="c i place" style="margin-top:10pt">{escape(h.place_date)}</p></td></tr></table>
{title}{addressee}
<div class="body">{_blocks(body)}</div>
<div class="keep"><div class="body">{_blocks(last)}</div>
<table class="closing keep"><tr><td style="width:48%" class="recipients"><p class="t">Nơi nhận:</p>{recipients}</td>
<td class="sign"><p class="b" style="margin:0">{escape(c.authority)}</p><p class="b" style="margin:0">{escape(c.position)}</p>
<div class="gap"></div><p class="b">{escape(c.signer)}</p></td></tr></table></div>
{"".join(_annex(a) for a in document.annexes)}
</body></html>"""


def estimated_pages(document: Document) -> int:
    """Pages of the PDF, roughly: the body's, then about 22 table rows a landscape annex page."""
    rows = sum(len(b.rows) + 2 for a in document.annexes for b in a.blocks if isinstance(b, Table))
    return 3 + len(document.annexes) + rows // 22


class _WeasyProgress(logging.Handler):
    """WeasyPrint logs its steps ("Step 5 - Creating layout - Page 12") to ``weasyprint.progress``:
    turned into ``progress(percent, message)`` between ``start`` and 98 %, for this thread only (a
    server may render two PDFs at once)."""

    def __init__(self, progress, start: int, pages: int):
        super().__init__(logging.INFO)
        self.progress, self.start, self.pages = progress, start, max(pages, 1)
        self.thread = threading.get_ident()
        self.last = start

    def say(self, percent: float, message: str) -> None:
        # Pages laid out again (a counter, a table header) never move the bar backwards.
        self.last = max(self.last, int(percent))
        self.progress(self.last, message)

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        text = record.getMessage()
        span = 98 - self.start
        if text.startswith("Step 5") and record.args:
            page = int(record.args[0])
            done = min(page / self.pages, 1.0)
            self.say(self.start + span * (0.15 + 0.6 * done), f"Đang dàn trang PDF: trang {page}")
        elif text.startswith("Step 6"):
            self.say(self.start + span * 0.8, "Đang ghi tệp PDF")
        elif text.startswith(("Step 3", "Step 4")):
            self.say(self.start + span * 0.05, "Đang chuẩn bị trình bày PDF")


def render_pdf(document: Document, progress=None, start: int = 50) -> bytes:
    """The PDF; ``progress(percent, message)``, when given, hears of each page laid out."""
    from weasyprint import HTML  # costs ~1 s to import: only when a PDF is asked for

    html = HTML(string=render_html(document))
    if progress is None:
        return html.write_pdf()
    logger = logging.getLogger("weasyprint.progress")
    handler = _WeasyProgress(progress, start, estimated_pages(document))
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    # INFO is needed to hear the pages; not passed on to the console (the root handler has no level).
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        return html.write_pdf()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
