"""The leader's late units, read a page at a time, are exactly the list the documents print."""

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
