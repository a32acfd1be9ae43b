from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.rules.periods import (
    EVERY_TO_KIND,
    KINDS,
    Period,
    cutoff_window,
    iso_weeks_in_year,
    nine_months_cutoff_window,
    parse_period,
    period_containing,
    periods_between,
)


@st.composite
def periods(draw, kinds=KINDS):
    kind = draw(st.sampled_from(kinds))
    year = draw(st.integers(1901, 2998))
    top = {"year": 1, "half": 2, "quarter": 4, "month": 12}.get(kind) or iso_weeks_in_year(year)
    return Period(kind, year, draw(st.integers(1, top)))


@pytest.mark.parametrize(
    ("code", "start", "end", "label_vi"),
    [
        ("2021", date(2021, 1, 1), date(2021, 12, 31), "năm 2021"),
        ("2021-H1", date(2021, 1, 1), date(2021, 6, 30), "6 tháng đầu năm 2021"),
        ("2021-H2", date(2021, 7, 1), date(2021, 12, 31), "6 tháng cuối năm 2021"),
        ("2021-Q3", date(2021, 7, 1), date(2021, 9, 30), "Quý III/2021"),
        ("2021-05", date(2021, 5, 1), date(2021, 5, 31), "Tháng 05/2021"),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29), "Tháng 02/2020"),
        ("2021-W05", date(2021, 2, 1), date(2021, 2, 7), "Tuần 05/2021 (01/02–07/02)"),
        ("2020-W53", date(2020, 12, 28), date(2021, 1, 3), "Tuần 53/2020 (28/12–03/01)"),
    ],
)
def test_known_periods_have_their_dates_and_vietnamese_labels(code, start, end, label_vi):
    p = parse_period(code)
    assert (p.code, str(p), p.start, p.end, p.label_vi) == (code, code, start, end, label_vi)


def test_english_labels():
    assert parse_period("2021-Q3").label_en == "Q3 2021"
    assert parse_period("2021-H1").label_en == "First half of 2021"
    assert parse_period("2021-05").label_en == "May 2021"
    assert parse_period("2021").label_en == "Year 2021"
    assert parse_period("2021-W05").label_en == "Week 05 of 2021 (01/02–07/02)"


def test_parse_accepts_lower_case_and_spaces():
    assert parse_period(" 2021-h1 ") == Period("half", 2021, 1)


@pytest.mark.parametrize(
    "code",
    [
        "2021-H3",
        "2021-H0",
        "2021-Q5",
        "2021-13",
        "2021-00",
        "2021-W54",
        "2021-W53",
        "2021-W00",
        "abc",
        "",
        "21",
        "2021-",
        "2021-X1",
    ],
)
def test_bad_codes_raise_value_error_naming_the_code(code):
    with pytest.raises(ValueError, match="Mã kỳ không hợp lệ"):
        parse_period(code)


def test_week_53_exists_only_in_long_iso_years():
    assert parse_period("2020-W53").end == date(2021, 1, 3)
    with pytest.raises(ValueError, match="1–52"):
        parse_period("2021-W53")


def test_period_rejects_bad_kind_and_index():
    with pytest.raises(ValueError):
        Period("day", 2021, 1)
    with pytest.raises(ValueError):
        Period("quarter", 2021, 0)


def test_periods_sort_by_start_then_longest_first():
    codes = ["2021-Q2", "2021-01", "2021", "2020-W53", "2021-H1", "2021-Q1"]
    assert [p.code for p in sorted(parse_period(c) for c in codes)] == [
        "2020-W53",
        "2021",
        "2021-H1",
        "2021-Q1",
        "2021-01",
        "2021-Q2",
    ]


def test_every_values_of_the_import_schema_map_to_kinds():
    assert EVERY_TO_KIND["6 months"] == "half"
    assert set(EVERY_TO_KIND.values()) == set(KINDS)
    assert periods_between("6 months", date(2021, 1, 1), date(2021, 12, 31)) == [
        parse_period("2021-H1"),
        parse_period("2021-H2"),
    ]


def test_weeks_between_are_iso_weeks_sticking_out_of_the_range():
    weeks = periods_between("week", date(2021, 1, 1), date(2021, 1, 31))
    assert [w.code for w in weeks] == ["2020-W53", "2021-W01", "2021-W02", "2021-W03", "2021-W04"]


def test_year_2021_has_52_weeks_from_w01():
    weeks = periods_between("week", date(2021, 1, 4), date(2022, 1, 2))
    assert len(weeks) == 52 and weeks[0].code == "2021-W01" and weeks[-1].code == "2021-W52"


def test_periods_between_rejects_reversed_range():
    with pytest.raises(ValueError):
        periods_between("month", date(2021, 2, 1), date(2021, 1, 1))


@pytest.mark.parametrize(
    ("code", "window"),
    [
        ("2021-05", (date(2021, 4, 15), date(2021, 5, 14))),
        ("2021-01", (date(2020, 12, 15), date(2021, 1, 14))),
        ("2021-Q1", (date(2020, 12, 15), date(2021, 3, 14))),
        ("2021-Q3", (date(2021, 6, 15), date(2021, 9, 14))),
        ("2021-H1", (date(2020, 12, 15), date(2021, 6, 14))),
        ("2021-H2", (date(2021, 6, 15), date(2021, 12, 14))),
        ("2021", (date(2020, 12, 15), date(2021, 12, 14))),
        ("2021-W05", (date(2021, 2, 1), date(2021, 2, 7))),
    ],
)
def test_decree_09_cutoff_windows(code, window):
    assert cutoff_window(parse_period(code)) == window


def test_nine_month_cutoff_window():
    assert nine_months_cutoff_window(2021) == (date(2020, 12, 15), date(2021, 9, 14))


@given(periods())
def test_code_round_trips_through_parse(p):
    assert parse_period(p.code) == p
    assert parse_period(str(p).lower()) == p


@given(periods())
def test_next_and_previous_are_adjacent(p):
    if p.year < 2998:
        assert p.next().start == p.end + timedelta(days=1)
        assert p.next().previous() == p
    assert p.start <= p.end and p.start in p and p.end in p


@given(periods(kinds=("year", "half", "quarter", "month")))
def test_cutoff_windows_of_consecutive_periods_tile_without_gaps(p):
    if p.kind == "half" or p.year >= 2998:  # H2 is the "second 6 months", H1 overlaps the year
        return
    start, end = cutoff_window(p)
    assert start < end and end.day == 14 and start.day == 15
    assert cutoff_window(p.next())[0] == end + timedelta(days=1)


@given(
    st.sampled_from(KINDS),
    st.dates(date(1950, 1, 1), date(2100, 12, 31)),
    st.integers(0, 800),
)
def test_periods_between_covers_the_range_without_gaps_or_overlaps(kind, start, length):
    end = start + timedelta(days=length)
    ps = periods_between(kind, start, end)
    assert ps[0].start <= start <= ps[0].end
    assert ps[-1].start <= end <= ps[-1].end
    for a, b in zip(ps, ps[1:], strict=False):
        assert b.start == a.end + timedelta(days=1)
    assert all(p.kind == kind for p in ps)


@given(st.sampled_from(KINDS), st.dates(date(1950, 1, 1), date(2100, 12, 31)))
def test_period_containing_contains_the_day(kind, d):
    assert d in period_containing(kind, d)
