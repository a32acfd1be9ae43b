from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.rules.workdays import (
    add_working_days,
    holidays_of_year,
    is_working_day,
    next_working_day,
    working_days_between,
)

dates = st.dates(date(2000, 1, 1), date(2060, 12, 31))


def test_tet_2021_from_10_to_16_february_is_not_working():
    # What holidays 0.109 says for VN 2021: 29 Tết (10/02) to the fifth day (16/02).
    for day in range(10, 17):
        assert not is_working_day(date(2021, 2, day)), day
    assert is_working_day(date(2021, 2, 9))
    assert is_working_day(date(2021, 2, 17))


@pytest.mark.parametrize(
    "d",
    [
        date(2021, 1, 1),  # Tết Dương lịch
        date(2021, 4, 21),  # Giỗ Tổ Hùng Vương
        date(2021, 4, 30),  # Giải phóng miền Nam
        date(2021, 5, 3),  # 01/05 fell on a Saturday: compensated on Monday
        date(2021, 9, 2),  # Quốc khánh
        date(2021, 9, 3),
        date(2025, 9, 1),
        date(2025, 9, 2),
    ],
)
def test_public_holidays_are_not_working_days(d):
    assert d in holidays_of_year(d.year) or d.weekday() >= 5
    assert not is_working_day(d)


def test_labour_day_is_a_holiday():
    assert date(2021, 5, 1) in holidays_of_year(2021)
    assert not is_working_day(date(2022, 5, 1))


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2021, 6, 19))  # Saturday
    assert not is_working_day(date(2021, 6, 20))  # Sunday
    assert is_working_day(date(2021, 6, 21))


def test_official_swapped_saturday_is_a_working_day_and_its_bridge_day_is_not():
    # 2025: Saturday 26/04 worked so that Friday 02/05 is off (per the holidays package).
    assert is_working_day(date(2025, 4, 26))
    assert not is_working_day(date(2025, 5, 2))


def test_is_working_day_accepts_a_datetime():
    assert not is_working_day(datetime(2021, 2, 12, 9, 30))


def test_add_zero_working_days_keeps_a_working_day_and_moves_a_holiday():
    assert add_working_days(date(2021, 2, 9), 0) == date(2021, 2, 9)
    assert add_working_days(date(2021, 2, 10), 0) == date(2021, 2, 17)


def test_add_working_days_skips_tet():
    assert add_working_days(date(2021, 2, 9), 1) == date(2021, 2, 17)
    assert add_working_days(date(2021, 2, 9), 3) == date(2021, 2, 19)


def test_add_working_days_rejects_negative():
    with pytest.raises(ValueError):
        add_working_days(date(2021, 1, 4), -1)


def test_working_days_between_counts_half_open_range():
    assert working_days_between(date(2021, 6, 14), date(2021, 6, 21)) == 5
    assert working_days_between(date(2021, 6, 21), date(2021, 6, 14)) == -5
    assert working_days_between(date(2021, 6, 14), date(2021, 6, 14)) == 0


@given(dates, st.integers(0, 40))
def test_add_working_days_lands_on_a_working_day(d, n):
    result = add_working_days(d, n)
    assert is_working_day(result)
    assert result >= d
    assert (result > d) if n else True


@given(dates, dates, st.integers(0, 30))
def test_add_working_days_is_monotonic_in_the_start_day(a, b, n):
    a, b = sorted((a, b))
    if (b - a).days > 400:
        b = a + timedelta(days=400)
    assert add_working_days(a, n) <= add_working_days(b, n)


@given(dates, st.integers(0, 30))
def test_add_working_days_is_monotonic_in_n(d, n):
    # n = 0 and n = 1 coincide when d is not a working day (both give the next working day).
    assert add_working_days(d, n) <= add_working_days(d, n + 1)
    if n:
        assert add_working_days(d, n) < add_working_days(d, n + 1)


@given(dates, st.integers(1, 40))
def test_working_days_between_inverts_add_working_days(d, n):
    assert working_days_between(d, add_working_days(d, n)) == n


@given(dates)
def test_next_working_day_is_the_first_working_day_from_d(d):
    nd = next_working_day(d)
    assert is_working_day(nd)
    assert all(not is_working_day(d + timedelta(days=i)) for i in range((nd - d).days))
