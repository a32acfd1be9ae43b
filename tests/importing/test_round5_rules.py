"""Issue 10, round 5: headerless tables, dated duties of the TCTH part, and the page-break rules of
the wrapped Công báo tables (each tested on a generated shape, not on a corpus document)."""

from __future__ import annotations

import random

from kehoach.importing import parse_bytes
from kehoach.importing.duties import find_due
from kehoach.importing.headers import complete_header, guess_header
from kehoach.importing.names import split_parties
from kehoach.importing.timeframes import parse_timeframe
from kehoach.importing.wrapped import wrapped_table

# ---------------------------------------------------------------- a table without its header row

_TASKS = [
    "Tổ chức hội nghị quán triệt, triển khai kế hoạch cải cách hành chính năm 2026",
    "Rà soát, đơn giản hóa thủ tục hành chính trong lĩnh vực đất đai và xây dựng",
    "Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị trên địa bàn",
    "Xây dựng, cập nhật cơ sở dữ liệu về cán bộ, công chức, viên chức của tỉnh",
    "Tuyên truyền về cải cách hành chính trên báo, đài và cổng thông tin điện tử",
    "Đánh giá, xếp hạng chỉ số cải cách hành chính của các sở, ban, ngành",
]
_LEADS = ["Sở Nội vụ", "Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Tài chính", "Sở Văn hóa và Thể thao"]
_COORDS = ["Các sở, ban, ngành", "UBND các xã, phường", "Thanh tra tỉnh", "Công an tỉnh"]
_TIMES = ["Quý I/2026", "Thường xuyên", "Tháng 10/2026", "Quý III/2026", "Trước ngày 15/12/2026"]


def _headerless_rows(n: int, seed: int) -> list[list[str]]:
    rnd = random.Random(seed)
    return [
        [str(k + 1), rnd.choice(_TASKS), rnd.choice(_LEADS), rnd.choice(_COORDS), rnd.choice(_TIMES)]
        for k in range(n)
    ]


def test_a_table_without_header_is_read_from_its_cells():
    for seed in range(5):
        rows = _headerless_rows(6, seed)
        assert guess_header(rows) == {0: "no", 1: "content", 2: "lead", 3: "coord", 4: "time"}


def test_a_headerless_table_in_a_plan_gives_its_activities():
    rows = _headerless_rows(5, 7)
    text = "\n".join(
        [
            "KẾ HOẠCH",
            "Cải cách hành chính năm 2026",
            "I. NHIỆM VỤ",
            *("\t".join(r) for r in rows),
            "Nơi nhận:",
        ]
    )
    acts = parse_bytes(text.encode(), "kh.txt")["activities"]
    assert [a["content"] for a in acts] == [r[1] for r in rows]
    assert [a["lead"] for a in acts] == [r[2] for r in rows]
    assert [a["coordinators"] for a in acts] == [split_parties(r[3]) for r in rows]
    assert [a["timeframe"]["text"] for a in acts] == [r[4] for r in rows]


def test_a_layout_or_budget_table_is_not_taken_for_tasks():
    layout = [
        ["ỦY BAN NHÂN DÂN TỈNH X", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["Số: 12/KH-UBND", "X, ngày 5/1/2026"],
    ]
    budget = [
        ["1", "Chi hội nghị", "12.000.000"],
        ["2", "Chi in tài liệu", "3.500.000"],
        ["3", "Chi khác", "1.000.000"],
    ]
    assert guess_header(layout) is None
    assert guess_header(budget) is None


def test_an_ambiguous_header_takes_the_roles_its_cells_show():
    body = _headerless_rows(4, 3)
    # "Đơn vị" and "Ghi chú" name no role the reader knows: the cells say lead and time
    cmap = complete_header({0: "no", 1: "content", 3: "coord"}, body)
    assert cmap[2] == "lead" and cmap[4] == "time"


# ---------------------------------------------------------------- dated duties of TCTH


def test_a_sentence_ending_on_its_quarter_is_due_then():
    text = (
        "Trên cơ sở nội dung Chỉ thị, các bộ, cơ quan ngang bộ tổ chức xây dựng và triển khai kế hoạch "
        "thực hiện trong quý II năm 2026."
    )
    assert find_due(text, 2026) == {"date": "2026-06-30", "inclusive": True}
    assert find_due("Các sở triển khai kế hoạch trong tháng 3/2026.", 2026) == {
        "date": "2026-03-31",
        "inclusive": True,
    }


def test_a_head_of_several_bodies_is_one_party():
    parties = split_parties(
        "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch UBND tỉnh"
    )
    assert parties == [
        "Bộ trưởng",
        "Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ",
        "Chủ tịch UBND tỉnh",
    ]


def _plan(body: list[str]) -> dict:
    head = [
        "THỦ TƯỚNG CHÍNH PHỦ",
        "Số: 893/QĐ-TTg",
        "Hà Nội, ngày 13 tháng 5 năm 2026",
        "QUYẾT ĐỊNH",
        "Phê duyệt Đề án phát triển nhân lực",
        "Căn cứ Luật Tổ chức Chính phủ;",
    ]
    return parse_bytes("\n".join([*head, *body, "Nơi nhận:"]).encode(), "qd.txt")


def test_a_date_cut_over_two_lines_stays_in_its_duty():
    plan = _plan(
        [
            "Điều 1. Tổ chức thực hiện",
            "1. Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ",
            "tịch Ủy ban nhân dân các tỉnh định kỳ hằng năm báo cáo kết quả trước ngày 31 tháng",
            "12 để tổng hợp, báo cáo Thủ tướng Chính phủ.",
        ]
    )
    duty = next(d for d in plan["duties"] if d["recurrence"])
    assert duty["due"] == {"date": "2026-12-31", "inclusive": False}
    assert "Chủ tịch Ủy ban nhân dân các tỉnh" in duty["who"]


def test_the_parts_of_an_article_that_announces_them_are_its_own():
    plan = _plan(
        [
            "Điều 1. Phê duyệt Đề án với các nội dung sau đây:",
            "I. MỤC TIÊU",
            "Nâng cao năng lực đội ngũ.",
            "II. TỔ CHỨC THỰC HIỆN",
            "1. Bộ Khoa học và Công nghệ",
            "a) Định kỳ hằng năm tổng hợp tình hình thực hiện Đề án, báo cáo Thủ tướng Chính phủ.",
            "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
        ]
    )
    sections = [d["section"] for d in plan["duties"] if d["recurrence"]]
    assert sections == ["Điều 1.II.1.a"]


# ---------------------------------------------------------------- time cells with remarks


def test_a_remark_in_brackets_does_not_extend_the_time():
    tf = parse_timeframe("Quý II/2026 (theo yêu cầu về biên chế giai đoạn 2026 - 2031)", 2026)
    assert (tf["start"], tf["end"]) == ("2026-04-01", "2026-06-30")


# ---------------------------------------------------------------- wrapped tables cut by a page break

HEADER = ["TT", "Nội dung công việc", "Cơ quan", "chủ trì", "Cơ quan", "phối hợp", "Cấp trình", "Sản phẩm", "Thời hạn", "hoàn thành"]  # fmt: skip
PAGE = ["", "CÔNG BÁO/Số 242/Ngày 22-04-2026", "81", "", *HEADER]


def _rows(lines: list[str]) -> list[list[str]]:
    found = wrapped_table([*HEADER, *lines, "Nơi nhận:"], 0)
    assert found
    return found[0].rows[1:]


def test_a_unit_name_cut_by_a_page_break_is_joined_and_the_level_kept_apart():
    rows = _rows(
        [
            "1",
            "Tham mưu xây dựng Đề án điều chỉnh tổ",
            "chức biên chế Ban Chỉ huy quân sự xã,",
            "phường, đặc khu đáp ứng yêu cầu nhiệm vụ",
            "Bộ Quốc",
            "phòng",
            "Các bộ, cơ",
            "quan ngang",
            "bộ, Ủy ban",
            "nhân dân các",
            "Bộ Chính",
            "trị",
            "Đề án",
            "Quý I/2026",
            *PAGE,
            "tỉnh, thành",
            "phố trực",
            "thuộc trung",
            "ương",
            "2",
            "Tham mưu ban hành Nghị định về tổ chức hoạt động của thôn",
            "Bộ Nội vụ",
            "Các bộ, cơ",
            "quan ngang",
            "bộ",
            "Chính phủ",
            "Nghị định",
            "Quý II/2026",
        ]
    )
    first = rows[0]
    assert first[3] == "Các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"
    assert first[4] == "Bộ Chính trị"
    assert first[1].endswith("đặc khu đáp ứng yêu cầu nhiệm vụ")
    assert first[2] == "Bộ Quốc phòng"


def test_a_bracket_left_open_takes_its_tail_after_the_break():
    rows = _rows(
        [
            "1",
            "Tham mưu ban hành Nghị định về quản lý biên chế công chức",
            "Bộ Nội vụ",
            "Các bộ, cơ",
            "quan ngang",
            "bộ",
            "Chính phủ",
            "Nghị định",
            "Quý",
            "II/2026",
            "(theo yêu cầu",
            "của cấp có thẩm",
            "quyền, bảo đảm",
            "đồng bộ với",
            *PAGE,
            "việc tổ chức",
            "thi hành Luật",
            "Viên chức)",
            "2",
            "Tham mưu ban hành Nghị định về vị trí việc làm",
            "Bộ Nội vụ",
            "Các bộ",
            "Chính phủ",
            "Nghị định",
            "Tháng 4/2026",
        ]
    )
    assert rows[0][1] == "Tham mưu ban hành Nghị định về quản lý biên chế công chức"
    assert rows[0][-1].startswith("Quý II/2026 (theo yêu cầu")
    assert rows[0][-1].endswith("việc tổ chức thi hành Luật Viên chức)")


def test_a_time_printed_on_the_line_before_is_its_own_cell():
    rows = _rows(
        [
            "1",
            "Phối hợp chặt chẽ giữa các cơ quan quản lý nhà nước.",
            "Bộ Y tế",
            "Bộ Tài chính, các",
            "cơ quan có liên",
            "quan",
            "Chính phủ",
            "Các hoạt động,",
            "văn bản phối hợp Thường xuyên",
            "2",
            "Ban hành cơ chế, chính sách về bảo hiểm y tế.",
            "Ủy ban nhân",
            "dân cấp tỉnh",
            "Sở Y tế",
            "Hội đồng nhân dân",
            "Nghị quyết",
            "Năm 2026",
        ]
    )
    assert rows[0][-2:] == ["Các hoạt động, văn bản phối hợp", "Thường xuyên"]


def test_commas_lost_at_line_breaks_of_a_party_list():
    got = split_parties("Các Bộ, ngành Ủy ban nhân dân cấp tỉnh, Sở Y tế cơ quan, đơn vị liên quan")
    assert got == ["Các Bộ, ngành", "Ủy ban nhân dân cấp tỉnh", "Sở Y tế", "cơ quan, đơn vị liên quan"]
    assert split_parties("Thủ trưởng các cơ quan, đơn vị liên quan") == [
        "Thủ trưởng các cơ quan, đơn vị liên quan"
    ]
    assert split_parties("Bộ Tài chính và các cơ quan liên quan") == ["Bộ Tài chính", "các cơ quan liên quan"]


def test_facilities_after_a_named_unit_are_a_party():
    assert split_parties("Bộ Y tế, Sở Y tế, cơ sở khám bệnh, chữa bệnh") == [
        "Bộ Y tế",
        "Sở Y tế",
        "cơ sở khám bệnh, chữa bệnh",
    ]


# ---------------------------------------------------------------- dated windows of a plan that assigns no one


def test_a_window_is_due_on_its_last_day():
    assert find_due("được thực hiện trong ngày 02/02/2026 đến ngày 03/02/2026.", 2026) == {
        "date": "2026-02-03",
        "inclusive": True,
    }
    text = "Trong khoảng thời gian từ ngày 17/12/2025 đến 17 giờ 00, ngày 01/02/2026."
    assert find_due(text, 2025) == {"date": "2026-02-01", "inclusive": True}


def test_dated_windows_of_the_issuers_own_work_are_its_duties():
    body = [
        "BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM XÃ AN BÌNH",
        "Số: 12/KH-MTTQ-BTT",
        "An Bình, ngày 20 tháng 11 năm 2025",
        "KẾ HOẠCH",
        "Kiểm tra, giám sát công tác bầu cử",
        "I. ĐỐI TƯỢNG",
        "Ban Thường trực Ủy ban MTTQ Việt Nam xã giám sát công tác bầu cử.",
        "II. NỘI DUNG",
        "1. Kiểm tra việc hiệp thương",
        "- Kiểm tra việc bảo đảm cơ cấu, thành phần người ứng cử.",
        "* Thời gian thực hiện:",
        "+ Đợt 1: Trong khoảng thời gian từ ngày 01/12/2025 đến ngày 14/12/2025.",
        "+ Đợt 2: Trong khoảng thời gian từ ngày 02/02/2026 đến ngày 08/02/2026.",
        "Nơi nhận:",
    ]
    plan = parse_bytes("\n".join(body).encode(), "kh.txt")
    dated = [(d["section"], d["who"], d["due"]["date"]) for d in plan["duties"] if d["due"]]
    # the doer no sentence names is the issuer, named as the header names it (corpus README)
    own = ["Ban Thường trực Ủy ban MTTQ Việt Nam xã An Bình"]
    assert plan["document"]["issuer"] == own[0]
    assert dated == [("II.1", own, "2025-12-14"), ("II.1", own, "2026-02-08")]


def test_a_second_result_row_under_merged_units_is_a_second_activity():
    header = ["TT", "Tên nhiệm vụ", "Cơ quan", "chủ trì", "Cơ quan", "phối hợp", "Kết quả", "Thời gian", "hoàn thành", "Căn cứ"]  # fmt: skip
    task = [
        "1",
        "Xây dựng, triển khai bộ chỉ số pháp luật",
        "kinh doanh cấp tỉnh",
        "Bộ Tư pháp",
        "Các bộ,",
        "ngành,",
        "UBND tỉnh,",
        "thành phố",
        "Bộ chỉ số được",
        "xây dựng trình",
        "cơ quan có thẩm",
        "quyền ban hành",
        "2026",
        "Nghị quyết",
        "số 66-",
        "NQ/TW",
        "Bộ chỉ số được",
        "tổ chức thi hành",
        "trên thực tế",
        "2027 - 2030",
        "Nghị quyết",
        "số 66-",
        "NQ/TW",
    ]
    other = ["2", "Rà soát văn bản quy phạm pháp luật", "Bộ Tư pháp", "Các bộ", "Báo cáo", "Quý IV/2026", "Nghị quyết số 66-NQ/TW"]  # fmt: skip
    found = wrapped_table([*header, *task, *other, "Nơi nhận:"], 0)
    assert found
    rows = found[0].rows[1:]
    assert [r[0] for r in rows] == ["1a", "1b", "2"]
    assert rows[0][1] == rows[1][1] == "Xây dựng, triển khai bộ chỉ số pháp luật kinh doanh cấp tỉnh"
    assert rows[1][2:4] == ["Bộ Tư pháp", "Các bộ, ngành, UBND tỉnh, thành phố"]
    assert [rows[0][5], rows[1][5]] == ["2026", "2027 - 2030"]
    assert rows[1][4] == "Bộ chỉ số được tổ chức thi hành trên thực tế"


def test_a_dotted_label_under_its_parent_keeps_its_own_path():
    body = [
        "KẾ HOẠCH",
        "Tuyên truyền bầu cử năm 2026",
        "II. LỘ TRÌNH THỰC HIỆN",
        "2. Nội dung tuyên truyền theo thời gian",
        "2.1. Đợt 1: Trong tháng 12/2025",
        "2.2. Đợt 2: Từ tháng 01 đến ngày bầu cử 15/3/2026",
        "Nơi nhận:",
    ]
    plan = parse_bytes("\n".join(body).encode(), "kh.txt")
    dated = [(d["section"], d["due"]) for d in plan["duties"] if d["due"]]
    assert dated == [
        ("II.2.1", {"date": "2025-12-31", "inclusive": True}),
        ("II.2.2", {"date": "2026-03-15", "inclusive": True}),
    ]


def test_two_kinds_each_with_its_own_complement_are_two_parties():
    assert split_parties(
        "Các cơ sở nghiên cứu - phát triển, tổ chức hỗ trợ kỹ thuật, đơn vị có liên quan"
    ) == [
        "Các cơ sở nghiên cứu - phát triển",
        "tổ chức hỗ trợ kỹ thuật",
        "đơn vị có liên quan",
    ]
    # one kind, or bare kinds sharing a tail, stay one party
    assert split_parties("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ") == [
        "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"
    ]
    assert split_parties("các cơ quan, đơn vị có liên quan") == ["các cơ quan, đơn vị có liên quan"]
