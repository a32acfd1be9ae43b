"""A period's documents state the facts at the period's end, whenever they are compiled."""

import datetime

import pytest
import time_machine

from kehoach.plans.models import Plan
from kehoach.reports.documents import data
from kehoach.rules.periods import parse_period
from kehoach.rules.standing import is_overdue, state_on

pytestmark = pytest.mark.django_db

H1 = parse_period("2021-H1")


def _figures(plan, today, as_of=None):
    d = data.report_data(plan, H1, today, as_of)
    return {
        "as_of": d["as_of"],
        "completeness": d["completeness"],
        "subplans": d["subplans"],
        "late": [(u["unit_id"], [(i["id"], i["status"]) for i in u["items"]]) for u in d["late"]],
        "activities": [(r["id"], r["state"], r["progress"]) for r in d["activities"]["rows"]],
        "indices": d["indices"],
        "notes": d["notes"],
    }


def test_h1_report_is_the_same_compiled_in_july_2021_or_today(demo):
    plan = Plan.objects.get(title="Tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021")
    today = _figures(plan, datetime.date(2026, 11, 29))
    with time_machine.travel(datetime.datetime(2021, 7, 15, 9, tzinfo=datetime.UTC), tick=False):
        july = _figures(plan, datetime.date(2021, 7, 15))
    explicit = _figures(plan, datetime.date(2026, 11, 29), as_of=datetime.date(2021, 7, 15))
    assert today == july == explicit
    assert today["as_of"] == datetime.date(2021, 6, 30)
    # Index results of 2021 are announced in 2022: the H1 report cites 2020 at most.
    assert all(int(y) <= 2020 for y in today["indices"]["years"])


def test_h1_report_lists_exactly_the_units_owing_on_30_june(demo):
    from kehoach.tracking.models import Deliverable

    plan = Plan.objects.get(title="Tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021")
    end = datetime.date(2021, 6, 30)
    owing = set()
    for d in Deliverable.objects.filter(plan=plan, kind__in=["subplan", "report"]).prefetch_related(
        "submissions"
    ):
        if (d.kind, d.period) not in {("subplan", "2021"), ("report", "2021-H1")}:
            continue
        if is_overdue(state_on(d.due, d.facts(), end), d.due, end):
            owing.add(d.unit_id)
    listed = {u["unit_id"] for u in data.report_data(plan, H1, datetime.date(2026, 11, 29))["late"]}
    assert listed == owing and owing
    # Never a later period's items: nothing of the annual report (due in December) is listed.
    items = [i for u in data.report_data(plan, H1, datetime.date(2026, 11, 29))["late"] for i in u["items"]]
    assert {(i["kind"], i["period"]) for i in items} <= {("subplan", "2021"), ("report", "2021-H1")}
