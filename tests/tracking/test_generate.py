"""Generating deliverables from the plan's duties."""

import datetime

from kehoach.org.models import Unit
from kehoach.tracking.models import Deliverable
from kehoach.tracking.services import generate_deliverables

from .helpers import get_deliverable


def test_commune_gets_subplan_half_year_and_annual_report(deliverables):
    sub = get_deliverable(deliverables, "phuocdan", "2021", "subplan")
    assert sub.due_date == datetime.date(2021, 1, 26)
    assert sub.due_inclusive is False
    h1 = get_deliverable(deliverables, "phuocdan", "2021-H1", "report")
    assert h1.due_date == datetime.date(2021, 6, 21)  # 5 working days after the 14/06 cut-off
    assert get_deliverable(deliverables, "phuocdan", "2021", "report").status == "pending"
    assert get_deliverable(deliverables, "phuocdan", "2021-H2", "report")


def test_half_year_reports_cover_all_offices_and_communes(deliverables):
    units = (
        Deliverable.objects.filter(plan=deliverables, period="2021-H1", kind="report")
        .values("unit_id")
        .distinct()
    )
    assert units.count() >= 18


def test_radio_centre_gets_one_broadcast_deliverable_per_iso_week(deliverables):
    weeks = Deliverable.objects.filter(plan=deliverables, kind="broadcast", unit__code="vhtt")
    # From the week of the plan's issue (25/01/2021, 2021-W04) to the last week touching 2021 (2021-W52).
    assert weeks.count() == 49
    assert not weeks.filter(period__in=["2020-W53", "2021-W01", "2021-W03"]).exists()
    w5 = weeks.get(period="2021-W05")
    assert w5.due_date == datetime.date(2021, 2, 7) and w5.due_inclusive


def test_ongoing_duty_without_deadline_produces_nothing(deliverables):
    assert not Deliverable.objects.filter(plan=deliverables, kind="task").exists()


def test_regenerating_creates_nothing_new(deliverables):
    before = Deliverable.objects.count()
    result = generate_deliverables(deliverables)
    assert result["created"] == 0 and result["removed"] == 0
    assert Deliverable.objects.count() == before


def test_unit_closed_before_period_is_not_expected_and_pending_rows_are_removed(deliverables, org):
    Unit.objects.filter(pk=org["phuochau"].pk).update(valid_to=datetime.date(2021, 6, 30))
    result = generate_deliverables(deliverables)
    assert result["removed"] == 1  # the 2021-H2 report; the year still overlaps
    assert not Deliverable.objects.filter(unit=org["phuochau"], period="2021-H2").exists()
    assert Deliverable.objects.filter(unit=org["phuochau"], period="2021-H1").exists()
