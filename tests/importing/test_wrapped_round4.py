"""Round 4 of the wrapped (Công báo) table reader and the column classifier: rules found on
045-051, checked here on small made-up tables (bảng ngắt dòng, vai trò cột)."""

from __future__ import annotations

from kehoach.importing import parse_bytes
from kehoach.importing.blocks import Table
from kehoach.importing.columns import cell_affinity, fit_score
from kehoach.importing.structure import objectives_horizon
from kehoach.importing.tables import find_tables
from kehoach.importing.wrapped import wrapped_table

HEADER = ["TT", "Nhiệm vụ", "Cơ quan", "chủ trì", "Cơ", "quan", "phối hợp", "Thời", "hạn", "hoàn thành"]


def _plan(body: list[str]) -> list[dict]:
    text = "\n".join(["KẾ HOẠCH", "Thực hiện Nghị quyết năm 2026", "I. NHIỆM VỤ", *body, "Nơi nhận:"])
    return parse_bytes(text.encode(), "kh.txt")["activities"]


def test_a_header_word_alone_in_a_cell_is_the_cells_text():
    """'quan' and 'hạn' are header fragments ("Cơ" / "quan", "Thời" / "hạn"): inside a row they
    are words of the cell ("các Bộ, ngành liên" / "quan"), not a repeated header."""
    rows = [
        "1",
        "Rà soát văn bản quy phạm pháp luật.",
        "Bộ Tư pháp",
        "Các Bộ, ngành liên",
        "quan",
        "Năm 2026",
    ]
    rows += ["2", "Tổng kết thi hành luật.", "Bộ Nội vụ", "Bộ Tư pháp", "Tháng 9/2026"]
    acts = _plan(HEADER + rows)
    assert [(a["lead"], a["coordinators"], a["timeframe"]["end"]) for a in acts] == [
        ("Bộ Tư pháp", ["Các Bộ, ngành liên quan"], "2026-12-31"),
        ("Bộ Nội vụ", ["Bộ Tư pháp"], "2026-09-30"),
    ]


def test_the_header_repeated_after_a_page_break_is_skipped():
    rows = ["1", "Rà soát văn bản quy phạm", "Bộ Tư pháp", "Các Bộ, ngành", "Năm 2026"]
    rows += ["CÔNG BÁO/Số 1/Ngày 01-06-2026", "12", *HEADER, "2", "Tổng kết thi hành luật.", "Bộ Nội vụ"]
    rows += ["Bộ Tư pháp", "Tháng 9/2026"]
    acts = _plan(HEADER + rows)
    assert [a["no"] for a in acts] == ["1", "2"]
    assert acts[1]["lead"] == "Bộ Nội vụ"


def test_a_dash_alone_opens_sub_rows_that_share_a_merged_cell():
    """'4' with no lead over '-' sub-rows with their own lead: the sub-rows are the activities;
    a coordinator or time printed once beside them is merged over them."""
    rows = [
        "1",
        "Hoàn thiện tiêu chuẩn thiết kế công trình.",
        "",
        "-",
        "Công trình đê điều.",
        "Bộ Nông nghiệp",
    ]
    rows += ["Bộ Khoa học và", "Công nghệ", "Năm 2026", "-", "Công trình giao thông.", "Bộ Xây dựng"]
    rows += ["2", "Tổng kết thi hành luật.", "Bộ Nội vụ", "Bộ Tư pháp", "Tháng 9/2026"]
    acts = _plan(HEADER + rows)
    assert [(a["no"], a["lead"], a["coordinators"], a["timeframe"]["end"]) for a in acts] == [
        ("1.1", "Bộ Nông nghiệp", ["Bộ Khoa học và Công nghệ"], "2026-12-31"),
        ("1.2", "Bộ Xây dựng", ["Bộ Khoa học và Công nghệ"], "2026-12-31"),
        ("2", "Bộ Nội vụ", ["Bộ Tư pháp"], "2026-09-30"),
    ]


def test_a_line_ending_in_a_preposition_goes_on():
    """'Các bộ ở' / 'Trung ương, Ủy ban ...': one lead cell, not a cell per line."""
    rows = ["1", "Tăng cường lãnh đạo công tác bảo hiểm y tế.", "Các", "bộ", "ở", "Trung ương,"]
    rows += ["Ủy ban nhân", "dân cấp tỉnh", "Các cơ quan liên quan", "Thường xuyên"]
    acts = _plan(HEADER + rows + ["2", "Tổng kết thi hành luật.", "Bộ Nội vụ", "Bộ Tư pháp", "Tháng 9/2026"])
    assert acts[0]["lead"] == "Các bộ ở Trung ương, Ủy ban nhân dân cấp tỉnh"
    assert acts[0]["content"] == "Tăng cường lãnh đạo công tác bảo hiểm y tế."


def test_the_reader_whose_cells_fit_better_reads_the_table():
    """Both readers can take a table opening with 'STT': a good reading scores higher."""
    good = Table(
        [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"], ["1", "Rà soát văn bản", "Bộ Tư pháp", "2026"]]
    )
    bad = Table(
        [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"], ["1", "Rà soát văn bản Bộ Tư pháp", "2026", ""]]
    )
    assert fit_score(good) > fit_score(bad)
    lines = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Đơn vị phối hợp", "(Bộ/ngành/địa phương)", "Tiến độ"]
    lines += [
        "1",
        "Điều tra nhu cầu đào tạo",
        "Bộ Khoa học và",
        "Công nghệ",
        "Các bộ, ngành và",
        "địa phương",
    ]
    lines += [
        "Hằng năm",
        "2",
        "Xây dựng Thông tư về đào tạo",
        "Bộ Khoa học và",
        "Công nghệ",
        "Các bộ, ngành",
        "2026",
    ]
    tables = [b for b in find_tables(lines) if isinstance(b, Table)]
    assert tables and tables[0].rows[1][2] == "Bộ Khoa học và Công nghệ"
    assert wrapped_table(lines, 0) is not None


def test_results_named_with_a_units_head_word_are_not_units():
    for text in ("Bộ tiêu chí", "Hội nghị, tập huấn", "Hệ thống dữ liệu liên thông"):
        assert cell_affinity(text, "coord") < 0 < cell_affinity(text, "product") + 1.0
    for text in (
        "Cơ sở khám bệnh, chữa bệnh",
        "Các cơ quan có liên quan",
        "Các cơ sở nghiên cứu - phát triển",
    ):
        assert cell_affinity(text, "lead") > 0


def test_a_long_regular_time_cell_is_a_time():
    text = "Thực hiện thường xuyên, lồng ghép trong nhiệm vụ thường xuyên về tuyên truyền trong công tác an ninh, chính trị, đối ngoại trên địa bàn"
    assert len(text) > 120 and cell_affinity(text, "time") > cell_affinity(text, "content")


def test_the_horizon_of_a_plan_from_its_objectives_headings():
    lines = [
        "2. Mục tiêu cụ thể",
        "a) Mục tiêu cụ thể đến năm 2030",
        "- 100% cán bộ ...",
        "b) Mục tiêu cụ thể đến năm 2035",
    ]
    assert objectives_horizon(lines + ["c) Tầm nhìn đến năm 2050"]) == (0, 2035)
    # a target inside a sentence is not the plan's period
    assert objectives_horizon(["hướng tới bao phủ bảo hiểm y tế toàn dân vào năm 2030."]) is None
    assert objectives_horizon(["Đến năm 2030 đạt mục tiêu bao phủ 95% dân số."]) is None


def test_a_task_with_two_result_rows_is_two_activities():
    """After the time cell the lead's first line comes again: a second result row of the same
    task (046: 'Báo cáo chuyên đề … Tháng 5/2026', 'Báo cáo kết quả … Tháng 11/2026')."""
    header = [
        "TT",
        "Tên nhiệm vụ",
        "Cơ quan",
        "chủ trì",
        "Cơ quan",
        "phối hợp",
        "Kết quả",
        "Thời gian",
        "hoàn thành",
    ]
    rows = ["1", "Thể chế hóa các chủ trương phát triển", "kinh tế tư nhân", "Bộ Tài chính", "Các bộ,"]
    rows += [
        "cơ quan ngang bộ",
        "Báo cáo chuyên đề",
        "Tháng 5/2026",
        "Bộ Tài chính",
        "Các bộ,",
        "cơ quan ngang bộ",
    ]
    rows += ["Báo cáo kết quả", "Tháng 11/2026", "2", "Tổng kết thi hành luật.", "Bộ Nội vụ", "Bộ Tư pháp"]
    rows += ["Báo cáo", "Tháng 9/2026"]
    acts = _plan(header + rows)
    assert [(a["no"], a["content"], a["product"], a["timeframe"]["end"]) for a in acts] == [
        ("1a", "Thể chế hóa các chủ trương phát triển kinh tế tư nhân", "Báo cáo chuyên đề", "2026-05-31"),
        ("1b", "Thể chế hóa các chủ trương phát triển kinh tế tư nhân", "Báo cáo kết quả", "2026-11-30"),
        ("2", "Tổng kết thi hành luật.", "Báo cáo", "2026-09-30"),
    ]
    assert acts[1]["coordinators"] == ["Các bộ, cơ quan ngang bộ"]
