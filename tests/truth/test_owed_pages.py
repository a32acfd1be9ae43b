"""The leader's page reads less than the documents (its late units a page at a time, completeness
without the per-unit rows) and shows the same numbers."""

import datetime

import pytest

from kehoach.tracking import selectors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "day", [datetime.date(2021, 1, 26), datetime.date(2021, 7, 1), datetime.date(2022, 1, 31)]
)
@pytest.mark.parametrize("period", ["2021-H1", "2021"])
def test_pages_of_owing_units_add_up_to_the_whole_list(deliverables, plan, period, day):
    whole = selectors.owed_by_unit(plan, period, day)
    paged = selectors.OwedUnits(plan, period, day)
    assert len(paged) == len(whole)
    pages = [row for start in range(0, len(paged), 7) for row in paged[start : start + 7]]
    assert pages == whole
    if whole:
        assert paged[0] == whole[0] and paged[-1] == whole[-1]


@pytest.mark.parametrize(
    "day", [datetime.date(2021, 1, 26), datetime.date(2021, 7, 1), datetime.date(2022, 1, 31)]
)
@pytest.mark.parametrize("period", ["2021-H1", "2021"])
@pytest.mark.parametrize("kind", [None, "subplan"])
def test_the_leaders_totals_are_the_completeness_totals(demo, period, day, kind):
    plan = demo
    full = selectors.completeness(plan, period, kind, as_of=day)
    totals = selectors.completeness_totals(plan, period, kind, as_of=day)
    assert totals == {k: v for k, v in full.items() if k != "by_unit"}
    assert full["expected"] > 0


@pytest.mark.parametrize(
    "day", [datetime.date(2021, 1, 26), datetime.date(2021, 7, 1), datetime.date(2022, 1, 31)]
)
@pytest.mark.parametrize("period", ["2021-H1", "2021"])
def test_the_leaders_one_pass_gives_the_same_totals_and_owing_units(demo, period, day):
    """``standing_by_unit`` (one query) = ``completeness_totals`` + ``OwedUnits.unit_ids``."""
    one = selectors.standing_by_unit(demo, period, day)
    assert one["totals"] == selectors.completeness_totals(demo, period, as_of=day)
    assert one["owing"] == selectors.OwedUnits(demo, period, day).unit_ids()
    assert one["owing"] == [u["unit_id"] for u in selectors.owed_by_unit(demo, period, day)]
    paged = selectors.OwedUnits(demo, period, day, one["owing"])
    assert paged[:] == selectors.owed_by_unit(demo, period, day)
