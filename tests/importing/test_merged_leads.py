"""Issue 10, plan import round 5: merged lead cells printed mid-group (092), Phụ lục duties, deadlines
listed inside an inline task (085), passive deadlines (089), a sub-committee's issuer (090)."""

from __future__ import annotations

from datetime import date

from kehoach.importing.annexes import annex_duties
from kehoach.importing.clauses import build_tree
from kehoach.importing.duties import extract_duties, item_duties
from kehoach.importing.merged import merged_table
from kehoach.importing.parser import _drop_page_heads
from kehoach.importing.structure import _issuer_from, phases_horizon, year_from_title
from kehoach.importing.tables import find_tables
from kehoach.importing.timeframes import parse_timeframe

# Four rows under lead 1 (printed after the second), one row each under leads 2 and 3. Content cells run
# about 44 characters a line, the last line short; coordinators "(1) ..."; the time cell is narrow.
_TABLE = """STT
Đơn vị
Nhiệm vụ chủ trì
Đơn vị phối hợp
Thời gian
hoàn thành
Tham mưu Ủy ban nhân dân tỉnh ban hành quy
định về quản lý kho dữ liệu dùng chung của
tỉnh và các sở, ngành liên quan
(1) Sở Tư pháp
(2) Văn phòng UBND tỉnh
Quý IV/2025
Xây dựng và vận hành nền tảng tích hợp, chia
sẻ dữ liệu cấp tỉnh phục vụ chính quyền số
Công an tỉnh
Quý I/2026
1
Sở Khoa học và
Công nghệ
Hướng dẫn các cơ quan kết nối hệ thống thông
tin với nền tảng tích hợp của tỉnh theo quy
định hiện hành
(1) Sở Nội vụ
(2) Công an tỉnh
Tháng 6/2026
Tổ chức đào tạo, tập huấn kỹ năng số cho đội
ngũ cán bộ, công chức làm công tác chuyển đổi
số ở các sở, ngành
Sở Nội vụ
Thường xuyên
2
Sở Tài chính
Bố trí kinh phí thực hiện kế hoạch theo quy
định của pháp luật về ngân sách nhà nước
(1) Sở Khoa học và Công nghệ
Hằng năm
3
Công an tỉnh
Bảo đảm an ninh, an toàn thông tin cho kho dữ
liệu dùng chung và nền tảng tích hợp của tỉnh
Sở Khoa học và Công nghệ
Theo lộ trình
Phụ lục II"""


def test_a_merged_lead_printed_in_the_middle_of_its_rows_leads_every_row_of_its_group():
    table, end = merged_table(_TABLE.split("\n"), 0)
    rows = table.rows[1:]
    assert [(r[1], r[4]) for r in rows] == [
        ("Sở Khoa học và Công nghệ", "Quý IV/2025"),
        ("Sở Khoa học và Công nghệ", "Quý I/2026"),
        ("Sở Khoa học và Công nghệ", "Tháng 6/2026"),
        ("Sở Khoa học và Công nghệ", "Thường xuyên"),
        ("Sở Tài chính", "Hằng năm"),
        ("Công an tỉnh", "Theo lộ trình"),
    ]
    assert rows[0][3] == "Sở Tư pháp; Văn phòng UBND tỉnh"  # "(1) … (2) …": one party each
    assert rows[1][3] == "Công an tỉnh"
    assert rows[0][2].startswith("Tham mưu Ủy ban nhân dân tỉnh ban hành quy định")
    assert _TABLE.split("\n")[end] == "Phụ lục II"


def test_no_body_coordinates_its_own_task():
    # the fourth row coordinated by Sở Khoa học và Công nghệ cannot be that body's own task: it goes to
    # the next lead (Sở Tài chính, printed between its two rows then)
    lines = _TABLE.split("\n")
    rows = merged_table(lines, 0)[0].rows[1:]
    assert rows[3][1] == "Sở Khoa học và Công nghệ"
    lines[lines.index("Sở Nội vụ", 25)] = "Sở Khoa học và Công nghệ"
    rows = merged_table(lines, 0)[0].rows[1:]
    assert [r[1] for r in rows[2:5]] == ["Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Tài chính"]


def test_find_tables_reads_the_merged_table_where_the_row_reader_finds_no_numbered_row():
    out = find_tables(_TABLE.split("\n"))
    assert len(out[0].rows) == 7
    assert out[-1] == "Phụ lục II"


def test_a_phu_luc_titled_for_one_phase_gives_its_tables_that_phase():
    lines = ["Phụ lục I", "NHIỆM VỤ CỦA CÁC SỞ, NGÀNH", "GIAI ĐOẠN 1 (2025 - 2027)", *_TABLE.split("\n")]
    table = next(t for t in find_tables(lines) if not isinstance(t, str))
    assert table.horizon == (2025, 2027)


# ---------------------------------------------------------------- Phụ lục duties

_ANNEX = """Phụ lục I
NHIỆM VỤ CỦA CÁC SỞ, BAN, NGÀNH, ĐỊA PHƯƠNG
TRONG TRIỂN KHAI KẾ HOẠCH
(Kèm theo Kế hoạch số 12/KH-UBND
ngày 10 tháng 3 năm 2025 của Ủy ban nhân dân tỉnh)
I. NHIỆM VỤ CHUNG
1. Phối hợp chặt chẽ với Sở Khoa học và Công nghệ trong quá trình thực hiện.
2. Kết nối nền tảng tích hợp, chia sẻ dữ liệu của tỉnh (Quý III/2025).
3. Đối với các đơn vị đã có cơ sở dữ liệu: Hoàn thành việc chuyển dữ liệu về kho dùng chung trong Quý II/2026.
4. Rà soát các thủ tục hành chính (thường xuyên).
Phụ lục II
DANH SÁCH CÁC ĐIỂM KẾT NỐI
1. Hoàn thành kết nối trong Quý IV/2025."""


def test_numbered_duties_of_a_phu_luc_of_tasks_are_dated_duties_of_the_parties_it_names():
    duties = annex_duties(_ANNEX.split("\n"), 2025, "2025-03-10")
    got = {d["section"]: (d["who"], d["due"]["date"]) for d in duties}
    assert got == {
        "Phụ lục I.I.2": (["các sở, ban, ngành, địa phương"], "2025-09-30"),
        "Phụ lục I.I.3": (["các đơn vị đã có cơ sở dữ liệu"], "2026-06-30"),
    }  # Phụ lục II names no one's tasks: nothing from it


def test_deadlines_listed_inside_an_inline_task_are_dated_duties_of_its_lead():
    content = (
        "Chuẩn bị các văn bản và tổ chức các hội nghị hiệp thương. - Tài liệu phục vụ hội nghị: Gồm danh sách. "
        "(1) Tổ chức hiệp thương lần thứ nhất: Chậm nhất ngày 10/12/2025 (trước ngày bầu cử 95 ngày). "
        "(2) Tổ chức hiệp thương lần thứ hai: Chậm nhất ngày 03/02/2026 (trước ngày bầu cử 40 ngày)."
    )
    duties = item_duties("II.2.1", "Đồng chí Phó Chủ tịch Thường trực", content, 2025, "2025-11-20")
    assert [(d["section"], d["who"], d["due"]["date"]) for d in duties] == [
        ("II.2.1", ["Đồng chí Phó Chủ tịch Thường trực"], "2025-12-10"),
        ("II.2.1", ["Đồng chí Phó Chủ tịch Thường trực"], "2026-02-03"),
    ]
    assert duties[0]["text"].startswith("Tổ chức hiệp thương lần thứ nhất: Chậm nhất ngày 10/12/2025")


def test_a_passive_deadline_binds_the_parties_the_items_above_make_answerable():
    tree = build_tree(
        [
            "IV. TRÁCH NHIỆM XÁC MINH",
            "1. Đối với vụ việc ở nơi công tác thì cơ quan, tổ chức, đơn vị quản lý người ứng cử có trách nhiệm xác minh.",
            "2. Đối với người tự ứng cử thì Ủy ban bầu cử có trách nhiệm phối hợp xác minh.",
            "3. Chậm nhất là ngày 08 tháng 02 năm 2026, việc xác minh và trả lời phải được tiến hành xong.",
        ]
    )
    duties, _ = extract_duties(tree, 2026, "2026-01-12", None)
    dated = [d for d in duties if d["due"]]
    assert [(d["section"], d["who"]) for d in dated] == [
        ("IV.3", ["cơ quan, tổ chức, đơn vị quản lý người ứng cử", "Ủy ban bầu cử"])
    ]


# ---------------------------------------------------------------- header, horizon, page furniture


def test_a_sub_committee_is_named_with_its_committee():
    issuer, superior = _issuer_from(
        ["ỦY BAN BẦU CỬ XÃ PHỐ BẢNG", "", "TIỂU BAN THÔNG TIN, TUYÊN TRUYỀN, KHÁNH TIẾT", "Số: 01/KH-TBTTKT"]
    )
    assert issuer == "Tiểu ban thông tin, tuyên truyền, khánh tiết, Ủy ban bầu cử xã Phố Bảng"
    assert superior == "Ủy ban bầu cử xã Phố Bảng"


def test_a_term_of_office_in_the_title_is_not_the_plans_period():
    assert year_from_title("Công tác bầu cử đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026 - 2031") == (
        None,
        None,
    )
    assert year_from_title("Kế hoạch chuyển đổi số giai đoạn 2026 - 2030") == (2026, (2026, 2030))


def test_before_a_year_ends_with_the_year_before_and_phases_make_the_horizon():
    tf = parse_timeframe("Trước năm 2025", 2023, (2023, 2025))
    assert (tf["start"], tf["end"]) == (None, "2024-12-31")
    assert parse_timeframe("Trước tháng 6/2025", 2023)["end"] == "2025-06-30"
    lines = [
        "1. Giai đoạn 1 từ năm 2023 đến hết năm 2025 (Giai đoạn xây dựng cơ sở)",
        "2. Giai đoạn 2 từ năm 2026 đến hết năm 2028 (Giai đoạn mở rộng)",
        "3. Giai đoạn 3 (từ năm 2029 đến hết năm 2030): Giai đoạn phát triển",
    ]
    assert phases_horizon(lines) == (2023, 2030)
    assert phases_horizon(lines[:1]) is None


def test_gazette_running_heads_page_numbers_and_signature_stamps_leave_the_text():
    lines = [
        "Điều 1. Phê duyệt Đề án với các nội dung chính như sau:",
        "Người ký: Cổng Thông tin điện tử Chính phủ",
        "Email: thongtinchinhphu@chinhphu.vn",
        "Cơ quan: Văn phòng Chính phủ",
        "Thời gian ký: 03.11.2023 16:19:35 +07:00",
        "",
        "46",
        "CÔNG BÁO/Số 1091 + 1092/Ngày 03-11-2023",
        "I. QUAN ĐIỂM",
    ]
    assert [x for x in _drop_page_heads(lines) if x] == [lines[0], "I. QUAN ĐIỂM"]


def test_find_due_reads_a_bracketed_quarter_closing_the_sentence():
    from kehoach.importing.duties import find_due

    due = find_due("Kết nối Nền tảng tích hợp của tỉnh (Quý III/2025).", 2025, date(2025, 3, 1))
    assert due == {"date": "2025-09-30", "inclusive": True}


def test_heads_of_several_kinds_are_one_party():
    from kehoach.importing.names import split_parties

    assert split_parties(
        "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch, Tổng Giám đốc các tập đoàn kinh tế, "
        "tổng công ty, doanh nghiệp nhà nước"
    ) == [
        "Các Bộ trưởng",
        "Thủ trưởng cơ quan ngang bộ",
        "Chủ tịch, Tổng Giám đốc các tập đoàn kinh tế, tổng công ty, doanh nghiệp nhà nước",
    ]


def test_two_deadlines_in_one_clause_are_two_duties_of_the_same_section():
    tree = build_tree(
        [
            "IV. TỔ CHỨC THỰC HIỆN",
            "1. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ:",
            "a) Cập nhật chương trình hành động của bộ, hoàn thành trước ngày 20 tháng 4 năm 2026, trong đó "
            "xác định rõ sản phẩm, báo cáo Thủ tướng Chính phủ trong tháng 4 năm 2026, đồng gửi Bộ Tài chính.",
        ]
    )
    duties, _ = extract_duties(tree, 2026, "2026-03-01", None)
    dated = [(d["section"], d["due"]["date"], d["due"]["inclusive"]) for d in duties if d["due"]]
    assert dated == [("IV.1.a", "2026-04-20", False), ("IV.1.a", "2026-04-30", True)]
    assert "báo cáo Thủ tướng Chính phủ trong tháng 4 năm 2026" in duties[-1]["text"]
    assert "trước ngày 20 tháng 4" not in duties[-1]["text"]
