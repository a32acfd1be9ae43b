"""Bulk entry from Excel: the template, all-or-nothing import, each bad row with its reason."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from kehoach.outputs import spreadsheet
from kehoach.outputs.models import Output

pytestmark = pytest.mark.django_db


def workbook(rows) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append([h for h, _ in spreadsheet.HEADERS])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("san-pham.xlsx", buf.getvalue())


GOOD = [
    [
        "15/03/2021",
        "Tờ gấp",
        "Tờ gấp một cửa",
        "Cải cách thủ tục hành chính; indices",
        "Người dân",
        500,
        "",
        "",
        "",
    ],
    [
        "2021-04-02",
        "training",
        "Lớp tập huấn",
        "procedures, digital_government",
        "officials",
        2,
        "buổi, lớp",
        60,
        "",
    ],
    [
        "20/05/2021",
        "Tin, bài trên trang thông tin điện tử",
        "Bài viết",
        "",
        "",
        "",
        "",
        "",
        "https://ninhphuoc.gov.vn/a",
    ],
]


def test_template_has_vietnamese_headers_and_a_form_dropdown(web, org):
    r = web("phuocdan").get("/outputs/import/template.xlsx")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb.worksheets[0]
    assert ws["B1"].value == "Hình thức"
    lists = [dv for dv in ws.data_validations.dataValidation if "B2" in str(dv.sqref)]
    assert lists and lists[0].type == "list"
    assert "Tờ gấp" in [c.value for c in wb["DanhMuc"]["A"]]


def test_filled_template_imports_all_rows(web, org):
    r = web("phuocdan").post("/outputs/import/", {"unit": org["phuocdan"].pk, "file": workbook(GOOD)})
    assert r.status_code == 302
    rows = list(Output.objects.order_by("date"))
    assert [o.form for o in rows] == ["leaflet", "training", "website_article"]
    assert rows[0].topics == ["procedures", "indices"] and rows[0].quantity_unit == "copies"
    assert rows[1].participants == 60 and rows[1].quantity_unit == "sessions"
    assert rows[2].quantity == 1


def test_the_downloaded_template_itself_imports(web, org):
    c = web("phuocdan")
    template = c.get("/outputs/import/template.xlsx").content
    r = c.post(
        "/outputs/import/", {"unit": org["phuocdan"].pk, "file": SimpleUploadedFile("mau.xlsx", template)}
    )
    assert r.status_code == 302
    assert Output.objects.count() == 1


def test_one_bad_row_saves_nothing_and_lists_every_bad_row(web, org):
    rows = GOOD + [
        ["31/02/2021", "Tờ gấp", "Sai ngày", "", "", 1, "", "", ""],
        ["01/06/2021", "Bắn pháo hoa", "Sai hình thức", "", "", 1, "", "", ""],
        ["01/06/2021", "Tờ gấp", "Âm", "", "", -5, "", "", ""],
        ["01/06/2021", "Tờ gấp", "Sai chủ đề", "thời tiết", "", 1, "", "", ""],
    ]
    r = web("phuocdan").post("/outputs/import/", {"unit": org["phuocdan"].pk, "file": workbook(rows)})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Chưa lưu dòng nào" in html
    for row_no, reason in [
        (5, "ngày không hợp lệ"),
        (6, "hình thức không hợp lệ"),
        (7, "số lượng không được âm"),
        (8, "nội dung không hợp lệ"),
    ]:
        assert f"<td>{row_no}</td><td>{reason}" in html
    assert not Output.objects.exists()


def test_not_a_spreadsheet_is_refused(web, org):
    r = web("phuocdan").post(
        "/outputs/import/", {"unit": org["phuocdan"].pk, "file": SimpleUploadedFile("a.xlsx", b"not zip")}
    )
    assert r.status_code == 400 and "Không đọc được tệp" in r.content.decode()
    r = web("phuocdan").post(
        "/outputs/import/", {"unit": org["phuocdan"].pk, "file": SimpleUploadedFile("a.csv", b"x")}
    )
    assert r.status_code == 400


def test_cannot_import_for_another_unit(web, org):
    r = web("phuocdan").post("/outputs/import/", {"unit": org["phuochau"].pk, "file": workbook(GOOD)})
    assert r.status_code == 400
    assert not Output.objects.exists()


def test_anonymous_cannot_import(web, org):
    assert web(None).get("/outputs/import/").status_code == 302
