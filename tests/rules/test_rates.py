import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.rules.rates import reporting_rates


def test_rates_are_shares_of_expected():
    assert reporting_rates(4, 3, 2) == {
        "expected": 4,
        "submitted": 3,
        "on_time": 2,
        "rate": 0.75,
        "on_time_rate": 0.5,
    }


def test_rates_round_to_four_places():
    assert reporting_rates(3, 2, 1)["rate"] == 0.6667


def test_nothing_expected_gives_zero_rates():
    assert reporting_rates(0, 0, 0)["rate"] == 0.0


@pytest.mark.parametrize(
    ("expected", "submitted", "on_time"), [(3, 4, 0), (4, 2, 3), (-1, 0, 0), (2, 1.5, 0), (True, 0, 0)]
)
def test_inconsistent_counts_are_rejected(expected, submitted, on_time):
    with pytest.raises(ValueError):
        reporting_rates(expected, submitted, on_time)


@st.composite
def counts(draw):
    expected = draw(st.integers(0, 10_000))
    submitted = draw(st.integers(0, expected))
    return expected, submitted, draw(st.integers(0, submitted))


@given(counts())
def test_rates_never_exceed_one(c):
    r = reporting_rates(*c)
    assert 0.0 <= r["on_time_rate"] <= r["rate"] <= 1.0
