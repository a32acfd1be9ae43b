"""Deadlines, recurrences and where results go."""

import pytest

from kehoach.importing.duties import find_due, find_recurrence, find_report_to


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("gửi về Phòng Nội vụ trước ngày 26/01/2021", {"date": "2021-01-26", "inclusive": False}),
        ("báo cáo chậm nhất ngày 15/12", {"date": "2025-12-15", "inclusive": True}),
        ("thực hiện đến ngày 30/6/2025", {"date": "2025-06-30", "inclusive": True}),
        ("hoàn thành xong trong tháng 12/2025", {"date": "2025-12-31", "inclusive": True}),
        ("trước ngày 15 tháng 12 năm 2025", {"date": "2025-12-15", "inclusive": False}),
        ("Quyết định số 3641/QĐ-UBND ngày 05/11/2020 của Ủy ban nhân dân huyện", None),
        ("Đến năm 2025, 100% thủ tục được công khai", None),
        ("trước ngày 01/6 và 15/11 hằng năm", None),
        ("trước ngày 20 hằng tháng", None),
    ],
)
def test_due(text, due):
    assert find_due(text, 2025) == due


@pytest.mark.parametrize(
    ("text", "rec"),
    [
        ("Định kỳ 06 tháng, một năm báo cáo tình hình", [{"every": "6 months"}, {"every": "year"}]),
        ("định kỳ hằng quý báo cáo", [{"every": "quarter"}]),
        ("báo cáo hằng tháng", [{"every": "month"}]),
        ("gửi báo cáo trước ngày 20 hằng tháng", [{"every": "month", "day": 20}]),
        ("báo cáo trước ngày 01/6 và 15/11 hằng năm", [{"every": "year", "dates": ["06-01", "11-15"]}]),
        (
            "duy trì chuyên mục mỗi tuần ít nhất một lần, thời lượng phát sóng mỗi lần ít nhất 10 phút",
            [{"every": "week", "min_count": 1, "min_minutes": 10}],
        ),
        ("Định kỳ tổng hợp, đánh giá tình hình", []),
        ("Xây dựng và ban hành kế hoạch tuyên truyền hàng năm và tổ chức triển khai", []),
        ("bố trí kinh phí trong dự toán ngân sách hằng năm", []),
    ],
)
def test_recurrence(text, rec):
    assert find_recurrence(text) == rec


@pytest.mark.parametrize(
    ("text", "to"),
    [
        ("gửi về Ủy ban nhân dân huyện (thông qua Phòng Nội vụ), đồng thời", "Phòng Nội vụ"),
        ("gửi về Phòng Nội vụ để tổng hợp", "Phòng Nội vụ"),
        ("gửi Phòng Tài chính-Kế hoạch thẩm định", "Phòng Tài chính-Kế hoạch"),
        ("tổ chức hội nghị", None),
    ],
)
def test_report_to(text, to):
    assert find_report_to(text) == to


def test_round2_duty_sentences():
    text = "báo cáo kết quả về Sở Nội vụ trước ngày 15/12/2025 để tổng hợp"
    assert find_due(text, 2025) == {"date": "2025-12-15", "inclusive": False}
    assert find_report_to(text) == "Sở Nội vụ"
    text = "định kỳ hằng quý (trước ngày 15 của tháng cuối quý) báo cáo Sở Nội vụ"
    assert find_recurrence(text) == [{"every": "quarter"}] and find_due(text, 2025) is None
    text = "chậm nhất ngày 20/11 hằng năm gửi báo cáo về Sở Tư pháp"
    assert find_due(text, 2025) is None
    assert find_recurrence(text) == [{"every": "year", "dates": ["11-20"]}]
    assert find_report_to(text) == "Sở Tư pháp"
