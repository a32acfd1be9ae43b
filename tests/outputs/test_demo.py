"""Demo data of outputs and budgets: idempotent, every unit covered, the contract's radio weeks present."""

import datetime

import pytest

from kehoach.budgets import demo as budgets_demo
from kehoach.budgets.models import Budget
from kehoach.outputs import demo, services
from kehoach.outputs.models import Broadcast, Output

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_covers_every_unit(org, kh_plan):
    demo.load(kh_plan, org)
    counts = (Output.objects.count(), Broadcast.objects.count())
    demo.load(kh_plan, org)
    assert (Output.objects.count(), Broadcast.objects.count()) == counts
    with_outputs = set(Output.objects.values_list("unit__code", flat=True))
    assert with_outputs == set(org) - demo.SKIP
    forms = set(Output.objects.values_list("form", flat=True))
    assert {"training", "leaflet", "website_article", "conference"} <= forms
    assert Output.objects.filter(form="training", participants__gt=0).exists()
    assert all(d.year == 2021 for d in Output.objects.values_list("date", flat=True))


def test_demo_radio_log_has_an_empty_week_and_a_short_week(org, kh_plan):
    demo.load(kh_plan, org)
    weeks = {
        w["week"]: w for w in services.broadcast_compliance(kh_plan, today=datetime.date(2022, 1, 1))["weeks"]
    }
    assert weeks["2021-W06"]["count"] == 0 and weeks["2021-W06"]["minutes"] == 0
    assert weeks["2021-W31"]["minutes"] > 0 and not weeks["2021-W31"]["compliant"]
    assert all(b.minutes < 10 for b in Broadcast.objects.all() if b.aired_at.date().isocalendar()[1] == 31)
    compliant = sum(w["compliant"] for w in weeks.values())
    assert 45 <= compliant <= 51


def test_budget_demo_has_every_stage_with_realistic_amounts(org, kh_plan):
    budgets_demo.load(kh_plan, org)
    n = Budget.objects.count()
    budgets_demo.load(kh_plan, org)
    assert Budget.objects.count() == n
    assert set(Budget.objects.values_list("status", flat=True)) == {
        "estimated",
        "appraised",
        "approved",
        "returned",
    }
    assert Budget.objects.filter(status="returned").count() == 1
    for b in Budget.objects.prefetch_related("items"):
        assert 1_000_000 <= b.total <= 40_000_000, b.total
        assert b.total == sum(i.amount for i in b.items.all())


def test_full_demo_loads(demo_or_skip):
    assert Output.objects.exists() and Broadcast.objects.exists() and Budget.objects.exists()


@pytest.fixture
def demo_or_skip(db):
    from kehoach.demo.loader import run

    return run(say=lambda *_: None)
