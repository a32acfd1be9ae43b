"""Time frames (thời gian thực hiện) -> start / end / regular."""

import pytest

from kehoach.importing.timeframes import parse_timeframe

CASES = [
    ("Quý I/2021", 2021, "2021-01-01", "2021-03-31", False),
    ("Quý III /2021", 2021, "2021-07-01", "2021-09-30", False),
    ("Quí IV-2025", 2025, "2025-10-01", "2025-12-31", False),
    ("Quý IV/2025 - Quý II/2026", 2025, "2025-10-01", "2026-06-30", False),
    ("Quý III năm 2026", 2026, "2026-07-01", "2026-09-30", False),
    ("Quý II", 2026, "2026-04-01", "2026-06-30", False),
    ("Tháng 12/2025", 2025, "2025-12-01", "2025-12-31", False),
    ("Tháng 3-4/2025", 2025, "2025-03-01", "2025-04-30", False),
    ("tháng 02", 2026, "2026-02-01", "2026-02-28", False),
    ("6 tháng đầu năm", 2025, "2025-01-01", "2025-06-30", False),
    ("6 tháng cuối năm 2025", 2024, "2025-07-01", "2025-12-31", False),
    ("Năm 2026", 2025, "2026-01-01", "2026-12-31", False),
    ("2025 - 2035", 2025, "2025-01-01", "2035-12-31", False),
    ("Từ 01/7/2025", 2025, "2025-07-01", None, False),
    ("năm 2025 và các năm tiếp theo", 2025, "2025-01-01", None, True),
    ("trước ngày 15 tháng 12 năm 2025", 2025, None, "2025-12-15", False),
    ("Trước 30/6", 2026, None, "2026-06-30", False),
    ("15/3", 2025, "2025-03-15", "2025-03-15", False),
    ("Từ ngày 01/3 đến ngày 30/4/2025", 2025, "2025-03-01", "2025-04-30", False),
    ("Thường xuyên", 2021, "2021-01-01", "2021-12-31", True),
    ("Hằng năm", 2025, "2025-01-01", "2025-12-31", True),
    ("Thường xuyên trong năm", 2021, "2021-01-01", "2021-12-31", True),
    ("Khi có phát sinh", 2025, None, None, False),
    ("Theo tiến độ của Trung ương", 2025, None, None, False),
    ("", 2025, None, None, False),
]


@pytest.mark.parametrize(("text", "year", "start", "end", "regular"), CASES)
def test_timeframe(text, year, start, end, regular):
    tf = parse_timeframe(text, year)
    assert (tf["start"], tf["end"], tf["regular"]) == (start, end, regular)
    assert tf["text"] == (text or None)


def test_regular_uses_horizon():
    tf = parse_timeframe("Thường xuyên", 2026, horizon=(2026, 2030))
    assert (tf["start"], tf["end"], tf["regular"]) == ("2026-01-01", "2030-12-31", True)


def test_no_year_no_dates():
    tf = parse_timeframe("Quý I", None)
    assert tf["start"] is None and tf["end"] is None


@pytest.mark.parametrize(
    ("text", "start", "end", "regular"),
    [
        ("Tháng 6/2025", "2025-06-01", "2025-06-30", False),
        ("Trước 30/6/2025", None, "2025-06-30", False),
        ("Quý II và Quý III/2026", "2026-04-01", "2026-09-30", False),
        ("Năm 2025-2026", "2025-01-01", "2026-12-31", False),
        ("Cả năm", "2025-01-01", "2025-12-31", True),
        ("Hằng quý", "2025-01-01", "2025-12-31", True),
        ("Định kỳ hằng tháng", "2025-01-01", "2025-12-31", True),
        ("Trong tháng 12", "2025-12-01", "2025-12-31", False),
        ("15/9", "2025-09-15", "2025-09-15", False),
    ],
)
def test_round2_timeframes(text, start, end, regular):
    tf = parse_timeframe(text, 2025)
    assert (tf["start"], tf["end"], tf["regular"]) == (start, end, regular)
