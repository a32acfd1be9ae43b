"""Every input format and encoding gives the same plan; hostile input gives DocumentError only."""

from __future__ import annotations

import contextlib
import io
import os
import zipfile

import pytest
from _encoders import to_cp1258, to_tcvn3, to_vni

from kehoach.importing import DocumentError, parse_bytes, parse_file

PLAN = """ỦY BAN NHÂN DÂN
XÃ PHƯỚC HẬU
Số: 15/KH-UBND
Phước Hậu, ngày 05 tháng 02 năm 2026

KẾ HOẠCH
Tuyên truyền phổ biến giáo dục pháp luật năm 2026

Căn cứ Kế hoạch số 30/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân tỉnh;

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao hiểu biết pháp luật của người dân.

II. NỘI DUNG
STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tGhi chú
1\tTuyên truyền trên hệ thống loa truyền thanh\tVăn phòng HĐND và UBND xã\tCông an xã; các thôn\tHằng tháng\t
2\tTổ chức hội nghị phổ biến pháp luật\tCông chức Tư pháp - Hộ tịch\tỦy ban Mặt trận Tổ quốc Việt Nam xã và các đoàn thể\tQuý II/2026\t

III. TỔ CHỨC THỰC HIỆN
1. Công chức Tư pháp - Hộ tịch
- Báo cáo kết quả trước ngày 10/12/2026 gửi về Phòng Tư pháp.

Nơi nhận:
- UBND huyện;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lê Văn Tâm
"""


def _check_plan(plan):
    doc = plan["document"]
    assert doc["number"] == "15/KH-UBND"
    assert doc["issued_on"] == "2026-02-05"
    assert doc["title"] == "Tuyên truyền phổ biến giáo dục pháp luật năm 2026"
    assert doc["issuer"] == "Ủy ban nhân dân xã Phước Hậu"
    assert doc["year"] == 2026
    assert [a["lead"] for a in plan["activities"]] == [
        "Văn phòng HĐND và UBND xã",
        "Công chức Tư pháp - Hộ tịch",
    ]
    assert plan["activities"][1]["coordinators"] == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
        "các đoàn thể",
    ]
    assert plan["activities"][1]["timeframe"]["start"] == "2026-04-01"
    assert plan["duties"][0]["due"] == {"date": "2026-12-10", "inclusive": False}
    assert plan["document"]["signer"] == {
        "name": "Lê Văn Tâm",
        "position": "CHỦ TỊCH",
        "authority": "TM. ỦY BAN NHÂN DÂN",
    }


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("utf-16-le"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        to_cp1258,
        to_vni,
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "crlf", "cp1258", "vni"],
)
def test_text_encodings(encode, validate):
    _check_plan(validate(parse_bytes(encode(PLAN), "plan.txt")))


def test_cp1258_uses_combining_marks():
    data = to_cp1258(PLAN)
    assert b"\xd2" in data or b"\xde" in data or b"\xec" in data or b"\xf2" in data  # tone marks as bytes


def test_tcvn3(validate):
    plan = validate(parse_bytes(to_tcvn3(PLAN), "plan.txt"))
    _check_plan(plan)


def test_markdown_file(validate):
    text = PLAN.replace("KẾ HOẠCH", "# **KẾ HOẠCH**").replace("I. MỤC ĐÍCH", "## I. MỤC ĐÍCH")
    _check_plan(validate(parse_bytes(text.encode(), "plan.md")))


# ------------------------------------------------------------------ .docx


def _docx_bytes(build) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _set_repeat_header(row):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


HEAD = ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn hoàn thành", "Sản phẩm", "Ghi chú"]


def _build_docx(document):
    top = document.add_table(rows=3, cols=2)
    top.cell(0, 0).text = "BỘ NỘI VỤ"
    top.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    top.cell(1, 0).text = "Số: 512/KH-BNV"
    top.cell(1, 1).text = "Hà Nội, ngày 20 tháng 3 năm 2025"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Triển khai Chương trình chuyển đổi số ngành Nội vụ năm 2025")
    document.add_paragraph("Căn cứ Nghị định số 25/2025/NĐ-CP ngày 21/02/2025 của Chính phủ;")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("Bảo đảm thống nhất, hiệu quả.", style="List Number")
    document.add_paragraph("II. NHIỆM VỤ CỤ THỂ")
    t = document.add_table(rows=1, cols=7)
    for i, h in enumerate(HEAD):
        t.rows[0].cells[i].text = h
    _set_repeat_header(t.rows[0])
    rows = [
        ["I", "Hoàn thiện thể chế", "", "", "", "", ""],
        [
            "1",
            "Xây dựng quy chế quản lý dữ liệu",
            "Cục Chuyển đổi số",
            "Vụ Pháp chế; Văn phòng Bộ",
            "Quý II/2025",
            "Quy chế",
            "",
        ],
        ["2", "Rà soát thủ tục hành chính nội bộ", "", "Các đơn vị thuộc Bộ", "Tháng 9/2025", "Báo cáo", ""],
        HEAD,
        [
            "3",
            "Tập huấn kỹ năng số",
            "Trường Đào tạo, bồi dưỡng cán bộ, công chức",
            "Cục Chuyển đổi số",
            "Quý IV/2025",
            "Lớp học",
            "3 lớp",
        ],
    ]
    for r in rows:
        cells = t.add_row().cells
        for i, v in enumerate(r):
            cells[i].text = v
    t.cell(1, 1).merge(t.cell(1, 6))  # group row over the whole width
    t.cell(1, 1).text = "Hoàn thiện thể chế"
    t.cell(2, 2).merge(t.cell(3, 2))  # same lead for activities 1 and 2
    t.cell(2, 2).text = "Cục Chuyển đổi số"
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("1. Cục Chuyển đổi số")
    document.add_paragraph("- Định kỳ hằng quý báo cáo Bộ trưởng.")
    sig = document.add_table(rows=1, cols=2)
    sig.cell(0, 0).text = "Nơi nhận:\n- Bộ trưởng (để b/c);\n- Lưu: VT, CĐS."
    sig.cell(0, 1).text = "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\n\nNguyễn Thị Lan"


def test_docx_tables_merged_cells_and_repeated_header(validate):
    plan = validate(parse_bytes(_docx_bytes(_build_docx), "kh.docx"))
    doc = plan["document"]
    assert (doc["number"], doc["issued_on"], doc["issuer"]) == ("512/KH-BNV", "2025-03-20", "Bộ Nội vụ")
    assert doc["title"] == "Triển khai Chương trình chuyển đổi số ngành Nội vụ năm 2025"
    acts = plan["activities"]
    assert [a["no"] for a in acts] == ["1", "2", "3"]
    assert [a["lead"] for a in acts] == [
        "Cục Chuyển đổi số",
        "Cục Chuyển đổi số",
        "Trường Đào tạo, bồi dưỡng cán bộ, công chức",
    ]
    assert acts[0]["coordinators"] == ["Vụ Pháp chế", "Văn phòng Bộ"]
    assert acts[0]["group"] == "I. Hoàn thiện thể chế"
    assert acts[1]["timeframe"]["end"] == "2025-09-30"
    assert acts[2]["note"] == "3 lớp"
    assert doc["signer"] == {"name": "Nguyễn Thị Lan", "position": "THỨ TRƯỞNG", "authority": "KT. BỘ TRƯỞNG"}
    assert doc["recipients"] == ["Bộ trưởng (để b/c)", "Lưu: VT, CĐS"]
    assert [d["recurrence"] for d in plan["duties"]] == [[{"every": "quarter"}]]
    # Word's automatic numbering is rendered into the clause labels
    assert plan["sections"][0]["children"][0]["label"] == "1"


def test_docx_file_on_disk(tmp_path):
    path = tmp_path / "Kế hoạch.docx"
    path.write_bytes(_docx_bytes(_build_docx))
    assert parse_file(path)["document"]["number"] == "512/KH-BNV"


def test_docx_zip_bomb_refused_before_expanding():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))
    data = buf.getvalue()
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(DocumentError, match="nén quá mức"):
        parse_bytes(data, "bomb.docx")


def test_docx_zip_without_word_part():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    with pytest.raises(DocumentError):
        parse_bytes(buf.getvalue(), "x.docx")


# ------------------------------------------------------------------ .pdf


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


PDF_HTML = """<html><head><meta charset="utf-8"><style>body{font-family:'Liberation Serif','Tinos',serif;font-size:12pt}</style></head><body>
<p>ỦY BAN NHÂN DÂN<br>THÀNH PHỐ ĐÀ NẴNG</p><p>Số: 301/KH-UBND</p><p>Đà Nẵng, ngày 02 tháng 10 năm 2025</p>
<p>KẾ HOẠCH</p><p>Cải cách hành chính thành phố Đà Nẵng năm 2026</p>
<p>Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;</p>
<p>I. NHIỆM VỤ</p>
<p>1. Nâng cấp Cổng dịch vụ công thành phố</p>
<p>- Cơ quan chủ trì: Sở Khoa học và Công nghệ</p>
<p>- Cơ quan phối hợp: Văn phòng UBND thành phố; UBND các phường, xã</p>
<p>- Thời gian thực hiện: Quý I/2026</p>
<p>II. TỔ CHỨC THỰC HIỆN</p>
<p>1. Sở Nội vụ</p><p>- Tổng hợp báo cáo chậm nhất ngày 15/12/2026.</p>
</body></html>"""


def test_pdf_with_text_layer(validate):
    plan = validate(parse_bytes(_pdf(PDF_HTML), "kh.pdf"))
    assert plan["document"]["number"] == "301/KH-UBND"
    assert plan["document"]["title"] == "Cải cách hành chính thành phố Đà Nẵng năm 2026"
    (act,) = plan["activities"]
    assert act["lead"] == "Sở Khoa học và Công nghệ"
    assert act["coordinators"] == ["Văn phòng UBND thành phố", "UBND các phường, xã"]
    assert act["timeframe"]["start"] == "2026-01-01"
    assert plan["duties"][0]["due"] == {"date": "2026-12-15", "inclusive": True}


def test_pdf_without_text_layer():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(DocumentError, match="no text layer"):
        parse_bytes(buf.getvalue(), "scan.pdf")


def test_pdf_image_only():
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
        b"\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    import base64

    html = f'<img src="data:image/png;base64,{base64.b64encode(png).decode()}" style="width:15cm">'
    with pytest.raises(DocumentError, match="no text layer"):
        parse_bytes(_pdf(html), "scan.pdf")


# ------------------------------------------------------------------ hostile and empty input


@pytest.mark.parametrize("name", ["x.docx", "x.pdf", "x.txt", "x.md", "x"])
def test_random_bytes(name):
    data = os.urandom(200_000)
    try:
        plan = parse_bytes(data, name)
    except DocumentError:
        return
    assert plan["schema_version"] == "1"  # decoded as some 8-bit text: still a valid (empty) plan


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty(data):
    with pytest.raises(DocumentError):
        parse_bytes(data, "empty.txt")


def test_too_large():
    with pytest.raises(DocumentError, match="20 MB"):
        parse_bytes(b"a" * (20 * 1024 * 1024 + 1), "big.txt")


def test_unsupported_extension():
    with pytest.raises(DocumentError):
        parse_bytes(b"hello", "x.xlsx")


def test_missing_path(tmp_path):
    with pytest.raises(DocumentError):
        parse_file(tmp_path / "none.txt")
    with pytest.raises(DocumentError):
        parse_file(tmp_path)


def test_truncated_pdf_and_docx():
    pdf = _pdf(PDF_HTML)
    docx_bytes = _docx_bytes(_build_docx)
    for data, name in ((pdf[: len(pdf) // 3], "a.pdf"), (docx_bytes[: len(docx_bytes) // 2], "a.docx")):
        with contextlib.suppress(DocumentError):
            parse_bytes(data, name)
