from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.rules.deadlines import Due, due_for_period
from kehoach.rules.periods import Period, cutoff_window, parse_period
from kehoach.rules.workdays import is_working_day


def test_before_a_day_is_exclusive_so_the_day_before_is_the_last_on_time():
    due = Due(date(2021, 1, 26), inclusive=False)  # "trước ngày 26/01/2021"
    assert due.last_on_time_day == date(2021, 1, 25)
    assert not due.is_late(date(2021, 1, 25))
    assert due.is_late(date(2021, 1, 26))
    assert due.label_vi == "trước ngày 26/01/2021"
    assert Due.before(date(2021, 1, 26)) == due


def test_inclusive_due_day_is_on_time():
    due = Due.by(date(2021, 6, 21))
    assert due.last_on_time_day == date(2021, 6, 21)
    assert not due.is_late(date(2021, 6, 21))
    assert due.is_late(date(2021, 6, 22))
    assert not due.is_late(datetime(2021, 6, 21, 23, 59))
    assert due.label_vi == "chậm nhất ngày 21/06/2021"


def test_default_h1_report_is_due_five_working_days_after_14_june():
    assert due_for_period(parse_period("2021-H1")) == Due(date(2021, 6, 21), inclusive=True)


def test_default_year_report_is_due_five_working_days_after_14_december():
    assert due_for_period(parse_period("2021")) == Due(date(2021, 12, 21), inclusive=True)


def test_default_week_deliverable_is_due_on_its_sunday():
    assert due_for_period(parse_period("2021-W05")) == Due(date(2021, 2, 7), inclusive=True)


def test_working_days_after_cutoff_skip_tet():
    # January 2021 cut-off ends Thursday 14/01; Q1's ends 14/03 (Sunday).
    assert due_for_period(parse_period("2021-01"), working_days_after_cutoff=2).date == date(2021, 1, 18)
    assert due_for_period(parse_period("2021-Q1"), working_days_after_cutoff=0).date == date(2021, 3, 15)


def test_explicit_due_wins_over_every_policy():
    explicit = Due.before(date(2021, 1, 26))
    assert due_for_period(parse_period("2021"), explicit=explicit, working_days_after_cutoff=3) is explicit


def test_days_after_end_counts_calendar_days():
    assert due_for_period(parse_period("2021-05"), days_after_end=5) == Due(date(2021, 6, 5), True)


def test_both_policies_at_once_is_an_error():
    with pytest.raises(ValueError):
        due_for_period(parse_period("2021"), working_days_after_cutoff=3, days_after_end=3)
    with pytest.raises(ValueError):
        due_for_period(parse_period("2021"), days_after_end=-1)


@given(
    st.sampled_from(["half", "quarter", "month", "year"]),
    st.integers(2000, 2060),
    st.integers(1, 12),
    st.integers(0, 15),
)
def test_default_due_is_a_working_day_after_the_cutoff(kind, year, index, n):
    top = {"year": 1, "half": 2, "quarter": 4, "month": 12}[kind]
    p = Period(kind, year, (index - 1) % top + 1)
    due = due_for_period(p, working_days_after_cutoff=n)
    assert is_working_day(due.date) and due.inclusive
    assert due.date >= cutoff_window(p)[1]
