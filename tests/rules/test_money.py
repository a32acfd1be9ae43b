from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.rules.money import format_date_long_vi, format_date_vi, format_vnd, parse_date_vi, parse_vnd


def test_format_vnd_uses_dots_and_the_dong_sign():
    assert format_vnd(15_500_000) == "15.500.000 đ"
    assert format_vnd(0) == "0 đ"
    assert format_vnd(999) == "999 đ"


def test_format_vnd_refuses_non_integers():
    with pytest.raises(TypeError):
        format_vnd(1.5)


@pytest.mark.parametrize(
    "text", ["15.500.000", "15500000", "15.500.000 đ", "15.500.000đ", " 15 500 000 VNĐ ", "15.500.000 đồng"]
)
def test_parse_vnd_accepts_common_spellings(text):
    assert parse_vnd(text) == 15_500_000


@pytest.mark.parametrize(
    "text",
    [
        "-5",
        "-15.500.000 đ",
        "15,5",
        "1.000,50",
        "1,000",
        "abc",
        "",
        "1.00",
        "15.5000",
        "15.500.000.",
        "1.000 000",
        "đ",
    ],
)
def test_parse_vnd_rejects_negatives_fractions_and_junk(text):
    with pytest.raises(ValueError):
        parse_vnd(text)


@given(st.integers(0, 10**15))
def test_vnd_round_trip(n):
    assert parse_vnd(format_vnd(n)) == n
    assert parse_vnd(str(n)) == n


def test_dates_in_vietnamese_form():
    assert format_date_vi(date(2021, 1, 5)) == "05/01/2021"
    assert parse_date_vi("05/01/2021") == date(2021, 1, 5)
    assert parse_date_vi("5/1/2021") == date(2021, 1, 5)
    assert parse_date_vi("2021-01-05") == date(2021, 1, 5)
    assert parse_date_vi(datetime(2021, 1, 5, 8)) == date(2021, 1, 5)


def test_document_date_line_follows_decree_30():
    assert format_date_long_vi(date(2021, 1, 5)) == "ngày 05 tháng 01 năm 2021"
    assert format_date_long_vi(date(2021, 3, 15)) == "ngày 15 tháng 3 năm 2021"


@pytest.mark.parametrize(
    "text", ["31/02/2021", "2021/01/05", "05-01-2021", "05/01/21", "hôm nay", "", "2021-1-5"]
)
def test_parse_date_vi_rejects_other_forms(text):
    with pytest.raises(ValueError):
        parse_date_vi(text)


@given(st.dates(date(1000, 1, 1), date(9999, 12, 31)))
def test_date_round_trip(d):
    assert parse_date_vi(format_date_vi(d)) == d
    assert parse_date_vi(d.isoformat()) == d
