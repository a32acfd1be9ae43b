"""The tracking demo year: what the contract checks rely on."""

from kehoach.tracking import demo
from kehoach.tracking.models import Deliverable, Inspection, Problem, Submission
from kehoach.tracking.selectors import completeness


def test_demo_year_has_every_state_and_keeps_phuocdan_open(tracking_demo):
    statuses = set(
        Deliverable.objects.filter(plan=tracking_demo, period="2021-H1").values_list("status", flat=True)
    )
    assert {"accepted", "returned", "submitted", "late", "missed"} <= statuses
    open_ = Deliverable.objects.filter(
        plan=tracking_demo,
        unit__code="phuocdan",
        kind="report",
        period__startswith="2021",
        status__in=["pending", "missed"],
    )
    assert open_.exists()
    subplans = set(
        Deliverable.objects.filter(plan=tracking_demo, kind="subplan").values_list("status", flat=True)
    )
    assert "late" in subplans or Submission.objects.filter(deliverable__kind="subplan", is_late=True).exists()
    assert Problem.objects.count() >= 2 and Inspection.objects.count() == 2


def test_demo_completeness_adds_up(tracking_demo):
    for period in ("2021-H1", "2021"):
        data = completeness(tracking_demo, period)
        assert data["expected"] == sum(u["expected"] for u in data["by_unit"])
        assert data["submitted"] == sum(u["submitted"] for u in data["by_unit"])
        assert data["on_time"] <= data["submitted"] <= data["expected"]
        assert 0 <= data["on_time_rate"] <= data["rate"] <= 1


def test_demo_is_idempotent(tracking_demo, org):
    counts = (
        Deliverable.objects.count(),
        Submission.objects.count(),
        Problem.objects.count(),
        Inspection.objects.count(),
    )
    demo.load(tracking_demo, org)
    assert (
        Deliverable.objects.count(),
        Submission.objects.count(),
        Problem.objects.count(),
        Inspection.objects.count(),
    ) == counts
