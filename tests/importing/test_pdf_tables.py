"""Activity tables in PDFs (weasyprint renders the fixtures): ruled tables of 6, 7 and 8 columns,
a header repeated on every page, a row split by a page break, merged cells, landscape pages and a
table laid out without rules."""

from __future__ import annotations

import html

import pytest

from kehoach.importing import parse_bytes

HEAD = """<html><head><meta charset="utf-8"><style>
@page {{ size: A4 {orient}; margin: 1.5cm }}
body {{ font-family: 'Liberation Serif', 'DejaVu Serif', serif; font-size: 12pt }}
table.grid {{ border-collapse: collapse; width: 100% }}
table.grid td, table.grid th {{ border: 1px solid black; padding: 3px; vertical-align: top }}
table.top {{ width: 100% }} table.top td {{ text-align: center; width: 50% }}
tr {{ page-break-inside: {inside} }}
</style></head><body>
<table class="top"><tr><td>ỦY BAN NHÂN DÂN<br>TỈNH GIA LAI</td>
<td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</td></tr>
<tr><td>Số: 118/KH-UBND</td><td>Gia Lai, ngày 14 tháng 02 năm 2026</td></tr></table>
<p style="text-align:center">KẾ HOẠCH</p>
<p style="text-align:center">Cải cách hành chính tỉnh Gia Lai năm 2026</p>
<p>Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;</p>
<p>I. MỤC ĐÍCH, YÊU CẦU</p>
<p>1. Mục đích</p><p>Nâng cao chất lượng phục vụ người dân, doanh nghiệp.</p>
<p>II. TỔ CHỨC THỰC HIỆN</p>
<p>1. Sở Nội vụ</p>
<p>- Tổng hợp, báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 15/12/2026.</p>
<p>2. Các sở, ban, ngành; UBND các xã, phường</p>
<p>- Định kỳ hằng quý báo cáo kết quả thực hiện gửi về Sở Nội vụ.</p>
<p>Nơi nhận:<br>- Bộ Nội vụ;<br>- Lưu: VT, NC.</p>
<p>TM. ỦY BAN NHÂN DÂN<br>KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH</p><p>Hồ Văn Điềm</p>
<p style="page-break-before: always; text-align:center">PHỤ LỤC</p>
<p style="text-align:center">NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026</p>
"""

LONG = (
    "Rà soát, đánh giá và đề xuất phương án đơn giản hóa thủ tục hành chính, giấy tờ công dân liên quan "
    "đến quản lý dân cư thuộc phạm vi chức năng quản lý của cơ quan, đơn vị trên địa bàn tỉnh"
)

UNITS = ["Sở Nội vụ", "Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ", "Công an tỉnh"]
TIMES = [
    ("Quý I/2026", "2026-01-01", "2026-03-31", False),
    ("Tháng 6/2026", "2026-06-01", "2026-06-30", False),
    ("Thường xuyên", "2026-01-01", "2026-12-31", True),
    ("Trước 30/9/2026", None, "2026-09-30", False),
    ("Quý II và Quý III/2026", "2026-04-01", "2026-09-30", False),
]


def _rows(n: int):
    for i in range(1, n + 1):
        t = TIMES[i % len(TIMES)]
        yield {
            "no": str(i),
            "content": f"{LONG} (đợt {i})" if i % 3 == 0 else f"Tổ chức thực hiện nhiệm vụ số {i} năm 2026",
            "lead": UNITS[i % len(UNITS)],
            "coord": [UNITS[(i + 1) % len(UNITS)], "UBND các xã, phường"],
            "time": t,
            "product": "Báo cáo" if i % 2 else "Kế hoạch",
            "budget": f"{i * 10}",
            "note": "Trọng tâm" if i % 4 == 0 else "",
        }


COLUMNS = {
    6: ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Ghi chú"],
    7: ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian hoàn thành", "Sản phẩm", "Ghi chú"],
    8: [
        "STT",
        "Nội dung công việc",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian thực hiện",
        "Sản phẩm",
        "Kinh phí (triệu đồng)",
        "Ghi chú",
    ],
}


def _cells(row: dict, ncol: int) -> list[str]:
    base = [row["no"], row["content"], row["lead"], "; ".join(row["coord"]), row["time"][0]]
    if ncol == 6:
        return base + [row["note"]]
    if ncol == 7:
        return base + [row["product"], row["note"]]
    return base + [row["product"], row["budget"], row["note"]]


def _pdf(ncol: int, n: int, *, orient="portrait", borders=True, inside="avoid") -> tuple[bytes, list[dict]]:
    from weasyprint import HTML

    rows = list(_rows(n))
    esc = html.escape
    head = "".join(f"<th>{esc(h)}</th>" for h in COLUMNS[ncol])
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in _cells(r, ncol)) + "</tr>" for r in rows)
    doc = HEAD.format(orient=orient, inside=inside)
    cls = "grid" if borders else "plain"
    doc += f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>'
    return HTML(string=doc).write_pdf(), rows


def _check(plan: dict, rows: list[dict], ncol: int) -> None:
    acts = plan["activities"]
    assert [a["no"] for a in acts] == [r["no"] for r in rows]
    for a, r in zip(acts, rows, strict=True):
        assert a["content"] == r["content"]
        assert a["lead"] == r["lead"]
        assert a["coordinators"] == r["coord"]
        text, start, end, regular = r["time"]
        assert a["timeframe"] == {"text": text, "start": start, "end": end, "regular": regular}
        assert a["note"] == (r["note"] or None)
        if ncol >= 7:
            assert a["product"] == r["product"]
        if ncol == 8:
            assert a["budget"] == r["budget"]


def _header(plan: dict) -> None:
    doc = plan["document"]
    assert (doc["number"], doc["issued_on"], doc["year"]) == ("118/KH-UBND", "2026-02-14", 2026)
    assert doc["issuer"] == "Ủy ban nhân dân tỉnh Gia Lai"
    assert doc["title"] == "Cải cách hành chính tỉnh Gia Lai năm 2026"
    assert doc["signer"]["name"] == "Hồ Văn Điềm"
    duties = plan["duties"]
    assert duties[0]["due"] == {"date": "2026-12-15", "inclusive": False}
    assert duties[1]["recurrence"] == [{"every": "quarter"}] and duties[1]["report_to"] == "Sở Nội vụ"


@pytest.mark.parametrize(
    ("ncol", "orient"), [(6, "portrait"), (7, "landscape"), (8, "landscape")], ids=["6col", "7col", "8col"]
)
def test_ruled_table_over_pages(ncol, orient, validate):
    data, rows = _pdf(ncol, 28, orient=orient)
    plan = validate(parse_bytes(data, "kh.pdf"))
    _header(plan)
    _check(plan, rows, ncol)


def test_row_split_by_page_break(validate):
    """Rows may break inside (page-break-inside: auto): the part on the next page has no STT."""
    data, rows = _pdf(7, 30, orient="portrait", inside="auto")
    import io

    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(data)).pages) >= 3
    plan = validate(parse_bytes(data, "kh.pdf"))
    _check(plan, rows, 7)


def test_merged_cells(validate):
    from weasyprint import HTML

    doc = (
        HEAD.format(orient="landscape", inside="avoid")
        + """
<table class="grid"><thead><tr><th>STT</th><th>Nội dung</th><th>Cơ quan chủ trì</th><th>Cơ quan phối hợp</th>
<th>Thời gian thực hiện</th><th>Ghi chú</th></tr>
<tr><th>(1)</th><th>(2)</th><th>(3)</th><th>(4)</th><th>(5)</th><th>(6)</th></tr></thead><tbody>
<tr><td>I</td><td colspan="5">CẢI CÁCH THỂ CHẾ</td></tr>
<tr><td>1</td><td>Xây dựng văn bản quy phạm pháp luật của tỉnh</td><td rowspan="2">Sở Tư pháp</td>
<td>Các sở, ban, ngành</td><td>Quý III/2026</td><td></td></tr>
<tr><td>2</td><td>Kiểm tra, rà soát văn bản</td><td>Sở Nội vụ; Văn phòng UBND tỉnh</td><td>Hằng quý</td><td></td></tr>
<tr><td>II</td><td colspan="5">CẢI CÁCH THỦ TỤC HÀNH CHÍNH</td></tr>
<tr><td>1</td><td>Công bố danh mục thủ tục hành chính</td><td>Văn phòng UBND tỉnh</td><td></td>
<td>Định kỳ hằng tháng</td><td>Sau khi có quyết định của Bộ</td></tr>
</tbody></table></body></html>"""
    )
    plan = validate(parse_bytes(HTML(string=doc).write_pdf(), "kh.pdf"))
    acts = plan["activities"]
    assert [(a["no"], a["group"]) for a in acts] == [
        ("1", "I. CẢI CÁCH THỂ CHẾ"),
        ("2", "I. CẢI CÁCH THỂ CHẾ"),
        ("1", "II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
    ]
    assert [a["lead"] for a in acts] == ["Sở Tư pháp", "Sở Tư pháp", "Văn phòng UBND tỉnh"]
    assert acts[1]["coordinators"] == ["Sở Nội vụ", "Văn phòng UBND tỉnh"]
    assert acts[1]["timeframe"] == {
        "text": "Hằng quý",
        "start": "2026-01-01",
        "end": "2026-12-31",
        "regular": True,
    }
    assert acts[2]["coordinators"] == [] and acts[2]["note"] == "Sau khi có quyết định của Bộ"


def test_table_without_rules(validate):
    data, rows = _pdf(6, 6, orient="landscape", borders=False)
    plan = validate(parse_bytes(data, "kh.pdf"))
    _header(plan)
    _check(plan, rows, 6)
