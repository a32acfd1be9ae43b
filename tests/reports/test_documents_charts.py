"""Charts of the compiled report: a PNG picture beside its table in the .docx (Word cannot draw SVG),
a hatched SVG with full labels in the PDF; both readable without colour."""

import datetime
import io

import time_machine

JULY = datetime.date(2021, 7, 5)


def test_the_png_bar_chart_has_hatched_bars_and_print_resolution():
    from PIL import Image

    from kehoach.reports.documents.chart_png import HATCH, bar_chart_png

    png = bar_chart_png([("Tin, bài trên trang thông tin điện tử", 12), ("Phát thanh", 40)], width_pt=450)
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.width == 450 * 3
    assert round(img.info["dpi"][0]) == 216
    colours = {c for _, c in img.getcolors(maxcolors=100000)}
    assert HATCH in colours  # the pattern, not a flat fill
    # The longest bar carries hatch lines across its length.
    row = [img.getpixel((x, img.height * 3 // 4)) for x in range(img.width)]
    assert sum(1 for a, b in zip(row, row[1:], strict=False) if a != b and HATCH in (a, b)) > 20


def test_the_report_docx_holds_the_chart_picture_beside_its_table(demo):
    from django.contrib.auth import get_user_model
    from docx import Document

    from kehoach.reports.documents import compile as c

    user = get_user_model().objects.get(username="noivu")
    with time_machine.travel(datetime.datetime(2021, 7, 5, 9, tzinfo=datetime.UTC), tick=False):
        f = c.compile_report(user, demo, "2021-H1", "docx", JULY)
    doc = Document(io.BytesIO(f.content))
    images = [p for p in doc.part.package.parts if p.content_type == "image/png"]
    assert len(images) == 1 and images[0].blob.startswith(b"\x89PNG")
    assert len(doc.inline_shapes) == 1
    # Order in the body: the table of Biểu 5, then the picture, then its caption.
    body = doc.element.body
    children = list(body.iterchildren())
    pic = next(i for i, el in enumerate(children) if el.xpath(".//pic:pic"))
    texts = ["".join(el.itertext()) for el in children]
    before = [el for el, t in zip(children[:pic], texts[:pic], strict=True) if t.strip()]
    assert before[-1].tag.endswith("}tbl")  # right after the table (an empty spacer may sit between)
    caption = next(t for t in reversed(texts[:pic]) if t.startswith("Biểu "))
    assert caption.startswith("Biểu 5. Sản phẩm tuyên truyền theo hình thức")
    assert texts[pic + 1].startswith("Biểu đồ: Sản phẩm tuyên truyền theo hình thức")


def test_the_report_pdf_chart_has_full_labels_and_a_pattern(demo):
    from django.contrib.auth import get_user_model

    from kehoach.reports.documents import builders, data
    from kehoach.reports.documents.compile import draft_stamp, parse_report_period
    from kehoach.reports.documents.html import render_html

    user = get_user_model().objects.get(username="noivu")
    assert user
    period = parse_report_period("2021-H1", demo)
    figures = data.report_data(demo, period, JULY)
    html = render_html(builders.report(figures, draft_stamp(2021)))
    assert "<pattern" in html and "url(#" in html
    labels = [r["label"] for r in figures["outputs"]["by_form"]]
    assert labels and all(f">{label}</text>" in html for label in labels)  # none cut with "…"
