"""The compiled report, the plan export and the urging letter: Decree 30 layout, the same figures as the data."""

import datetime
import io

import pytest
import time_machine
from docx.shared import Mm

from tests.reports.conftest import docx_text, open_docx

H1_DAY = datetime.datetime(2021, 7, 5, 9, 0, tzinfo=datetime.UTC)

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


def _get(api, user, url):
    with time_machine.travel(H1_DAY, tick=False):
        return api(user).get(url)


@pytest.fixture
def h1_docx(demo, api):
    r = _get(api, "noivu", f"/api/v1/plans/{demo.pk}/report?period=2021-H1&format=docx")
    assert r.status_code == 200, r.content[:300]
    assert r["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    return open_docx(r.content)


def test_report_docx_follows_decree_30_layout(h1_docx):
    section = h1_docx.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert Mm(20) <= section.top_margin <= Mm(25) and Mm(20) <= section.bottom_margin <= Mm(25)
    assert Mm(30) <= section.left_margin <= Mm(35) and Mm(15) <= section.right_margin <= Mm(20)
    normal = h1_docx.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert 13 <= normal.font.size.pt <= 14
    fonts = normal.element.rPr.rFonts
    assert (
        fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "Times New Roman"
    )
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cs") == "Times New Roman"
    # Page numbers in the header, not on the first page.
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_report_docx_has_the_header_number_date_and_closing(h1_docx):
    text = docx_text(h1_docx)
    assert QUOC_HIEU in text and TIEU_NGU in text
    assert "ỦY BAN NHÂN DÂN" in text and "HUYỆN NINH PHƯỚC" in text
    # A preview is a draft: number, day and month left for the văn thư, the year printed.
    assert "Số:      /BC-UBND" in text
    assert "Ninh Phước, ngày      tháng      năm 2021" in text
    assert "BÁO CÁO" in text
    assert "Kết quả công tác thông tin, tuyên truyền cải cách hành chính 6 tháng đầu năm 2021" in text
    assert "Nơi nhận:" in text and "- Lưu: VT, NV." in text
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "Bạch Văn Nguyên" in text
    # Tiêu ngữ underlined, Quốc hiệu bold.
    header_cell = h1_docx.tables[0].rows[0].cells[1]
    runs = {r.text: r for p in header_cell.paragraphs for r in p.runs}
    assert runs[TIEU_NGU].underline and runs[TIEU_NGU].bold
    assert runs[QUOC_HIEU].bold


def test_report_prints_exactly_the_completeness_figures(demo, h1_docx):
    from kehoach.tracking.selectors import completeness

    comp = completeness(demo, "2021-H1")
    assert comp["expected"] > 0
    text = docx_text(h1_docx)
    assert f"tổng số báo cáo phải nộp là {comp['expected']}; số báo cáo đã nộp là {comp['submitted']}" in text
    table = next(
        t for t in h1_docx.tables if len(t.columns) > 2 and t.rows[0].cells[2].text.startswith("Phải nộp")
    )
    total = [c.text for c in table.rows[-1].cells]
    assert (
        total[1] == "Tổng cộng" and total[2] == str(comp["expected"]) and total[3] == str(comp["submitted"])
    )
    assert len(table.rows) == len(comp["by_unit"]) + 2


def test_report_has_a_statistics_table_per_unit(h1_docx):
    table = next(t for t in h1_docx.tables if t.rows[0].cells[-1].text.endswith("(lượt người)"))
    names = [r.cells[1].text for r in table.rows[1:-1]]
    assert "Trung tâm Văn hóa thể thao và truyền thanh huyện" in names
    assert len(names) >= 18


def test_previews_never_consume_a_number(demo, api):
    from kehoach.reports.models import DocumentNumber

    for user, period in [
        ("noivu", "2021-H1"),
        ("lanhdao", "2021-H1"),
        ("noivu", "2021"),
        ("noivu", "2021-Q1"),
    ]:
        r = _get(api, user, f"/api/v1/plans/{demo.pk}/report?period={period}&format=docx")
        assert r.status_code == 200
        assert "Số:      /BC-UBND" in docx_text(open_docx(r.content))
    r = _get(api, "noivu", f"/api/v1/plans/{demo.pk}/urging-letter?period=2021-H1&format=docx")
    assert r.status_code == 200
    assert not DocumentNumber.objects.exists()


def test_report_pdf_shows_vietnamese_and_the_figures(demo, api):
    from pypdf import PdfReader

    from kehoach.tracking.selectors import completeness

    r = _get(api, "lanhdao", f"/api/v1/plans/{demo.pk}/report?period=2021-H1&format=pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(r.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert QUOC_HIEU in text
    assert "Nơi nhận" in text
    comp = completeness(demo, "2021-H1")
    assert f"phải nộp là {comp['expected']}" in text.replace("\n", " ")
    box = reader.pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 210 and round(float(box.height) / 72 * 25.4) == 297


def test_report_xlsx_has_one_row_per_unit(demo, api):
    from openpyxl import load_workbook

    from kehoach.tracking.selectors import completeness

    r = _get(api, "noivu", f"/api/v1/plans/{demo.pk}/report?period=2021-H1&format=xlsx")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    header = [c.value for c in ws[3]]
    assert header[:5] == ["STT", "Cơ quan, đơn vị", "Báo cáo phải nộp", "Đã nộp", "Nộp đúng hạn"]
    assert all(c.font.bold and c.font.name == "Times New Roman" and c.border.left.style for c in ws[3])
    assert ws.freeze_panes == "C4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    all_rows = list(ws.iter_rows(min_row=4, values_only=True))
    total = all_rows[-1]
    assert total[1] == "Tổng cộng" and not any(isinstance(v, str) and v.startswith("=") for v in total)
    # Rates only where the unit owed something ("—" otherwise).
    assert all(row[5] == "—" for row in all_rows if row[2] == 0)
    rows = [row[1:] for row in all_rows[:-1]]
    assert [r[0] for r in all_rows[:-1]] == list(range(1, len(rows) + 1))
    comp = completeness(demo, "2021-H1")
    by_name = {u["unit_name"]: u for u in comp["by_unit"]}
    for row in rows:
        if row[0] in by_name:
            assert row[1] == by_name[row[0]]["expected"] and row[2] == by_name[row[0]]["submitted"]
    assert sum(row[1] for row in rows) == comp["expected"] == total[2]
    assert ws["C4"].number_format == "#,##0"


def test_plan_export_has_its_appendix_in_a_landscape_section(plan, api):
    r = api("phuocdan").get(f"/api/v1/plans/{plan.pk}/export?format=docx")
    assert r.status_code == 200
    doc = open_docx(r.content)
    text = docx_text(doc)
    assert "Số: 19/KH-UBND" in text and QUOC_HIEU in text
    assert "PHỤ LỤC" in text and "(Kèm theo Kế hoạch số 19/KH-UBND ngày 25/01/2021" in text
    assert len(doc.sections) == 2 and doc.sections[1].page_width > doc.sections[1].page_height
    appendix = doc.tables[-1]
    assert appendix.rows[0].cells[0].text == "STT" and len(appendix.rows) == 8


def test_plan_export_pdf(plan, api):
    r = api("noivu").get(f"/api/v1/plans/{plan.pk}/export?format=pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")


def test_urging_letter_is_an_official_letter_to_late_units(demo, api):
    r = _get(api, "noivu", f"/api/v1/plans/{demo.pk}/urging-letter?period=2021-H1&format=docx")
    assert r.status_code == 200
    text = docx_text(open_docx(r.content))
    assert "Số:      /UBND-NV" in text
    assert "V/v đôn đốc" in text and "Kính gửi:" in text
    assert "Ủy ban nhân dân thị trấn Phước Dân" in text  # has a report not handed in


def test_urging_letter_prints_the_last_day_on_time(demo, api):
    """A "trước ngày 26/01/2021" duty is due on the 25th: printing the bare "26/01/2021" would give a
    unit a day it does not have."""
    from kehoach.tracking.models import Deliverable

    r = _get(api, "noivu", f"/api/v1/plans/{demo.pk}/urging-letter?period=2021-H1&format=docx")
    table = [row for t in open_docx(r.content).tables for row in t.rows][1:]
    printed = {row.cells[3].text for row in table if len(row.cells) == 5} - {"Hạn nộp"}
    owed = Deliverable.objects.filter(duty__plan=demo)
    last_days = {f"{d.due.last_on_time_day:%d/%m/%Y}" for d in owed}
    assert printed and printed <= last_days
    exclusive = {f"{d.due_date:%d/%m/%Y}" for d in owed.filter(due_inclusive=False)}
    assert "26/01/2021" in exclusive and "26/01/2021" not in printed and "25/01/2021" in printed


def test_commune_officer_may_not_compile_district_documents(plan, api):
    for url in (
        f"/api/v1/plans/{plan.pk}/report?period=2021-H1&format=docx",
        f"/api/v1/plans/{plan.pk}/urging-letter?period=2021-H1&format=docx",
    ):
        r = api("phuocdan").get(url)
        assert r.status_code == 403 and "detail" in r.json()


def test_read_only_role_may_not_compile(plan, api, viewer):
    assert api("xem").get(f"/api/v1/plans/{plan.pk}/report?period=2021&format=pdf").status_code == 403


def test_anonymous_gets_401(plan, api):
    assert api(None).get(f"/api/v1/plans/{plan.pk}/report?period=2021&format=docx").status_code == 401
    assert api(None).get(f"/api/v1/plans/{plan.pk}/export?format=docx").status_code == 401


@pytest.mark.parametrize(
    "query",
    [
        "period=2021-H7&format=docx",
        "period=&format=docx",
        "period=2021&format=odt",
        "period=2021-W05&format=docx",
        "period=2021&format=",
    ],
)
def test_bad_period_or_format_is_a_400_not_a_500(plan, api, query):
    r = api("noivu").get(f"/api/v1/plans/{plan.pk}/report?{query}")
    assert r.status_code == 400 and r.json()["detail"]


def test_unknown_plan_is_404(org, api):
    assert api("noivu").get("/api/v1/plans/99999/report?period=2021&format=docx").status_code == 404


def test_document_numbers_restart_each_year_and_are_per_type(org):
    from kehoach.reports.services import next_document_number

    ubnd = org["ubnd"]
    assert [next_document_number(ubnd, 2021, "BC") for _ in range(3)] == [1, 2, 3]
    assert next_document_number(ubnd, 2021, "UBND-NV") == 1
    assert next_document_number(ubnd, 2022, "BC") == 1
    assert next_document_number(org["nv"], 2021, "BC") == 1


def test_same_remark_from_several_units_is_printed_once():
    from kehoach.reports.documents.builders import grouped_notes

    notes = [
        {"unit": "Phòng Nội vụ", "text": "Kinh phí còn hạn chế."},
        {"unit": "Phòng Tư pháp", "text": "Kinh phí còn hạn chế"},
        {"unit": "Phòng Nội vụ", "text": "Kinh phí còn hạn chế."},
        {"unit": "Xã An Hải", "text": "Thiếu tờ gấp"},
    ]
    assert grouped_notes(notes) == [
        "- kinh phí còn hạn chế (theo báo cáo của Phòng Nội vụ và Phòng Tư pháp).",
        "- thiếu tờ gấp (theo báo cáo của Xã An Hải).",
    ]
    many = [{"unit": f"Xã {i}", "text": "Thiếu tờ gấp"} for i in range(5)]
    assert grouped_notes(many) == ["- thiếu tờ gấp (theo báo cáo của Xã 0 và 4 cơ quan, đơn vị khác)."]


def test_recipients_block_is_italic_bold_12_with_entries_11(h1_docx):
    closing = (
        next(t for t in h1_docx.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:")).rows[0].cells[0]
    )
    title = closing.paragraphs[0].runs[0]
    assert title.text == "Nơi nhận:" and title.bold and title.italic and title.font.size.pt == 12
    entries = [p.runs[0] for p in closing.paragraphs[1:]]
    assert entries and all(r.font.size.pt == 11 for r in entries)
    assert entries[-1].text == "- Lưu: VT, NV." and all(r.text.endswith(";") for r in entries[:-1])


def test_report_gathers_shortcomings_and_proposals_from_submissions(h1_docx):
    text = docx_text(h1_docx)
    assert "Tồn tại, hạn chế" in text and "Nguyên nhân" in text
    # Tasks before proposals, proposals addressed to the superior (the district's plan names Sở Nội vụ).
    assert text.index("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI") < text.index("IV. KIẾN NGHỊ, ĐỀ XUẤT")
    assert "Trong 6 tháng cuối năm 2021, tập trung thực hiện các nhiệm vụ sau:" in text


def test_report_cites_the_index_results(h1_docx):
    """II.1.d: PAR INDEX, PAPI, SIPAS and PCI results are communicated in the report."""
    text = "\n".join(p.text for p in h1_docx.paragraphs)
    assert "Kết quả các Bộ chỉ số" in text
    assert "Chỉ số PAR INDEX: năm 2019:" in text
