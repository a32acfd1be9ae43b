"""The outside contract's demo facts, on the whole demo as `kehoach demo` loads it."""

from kehoach.tracking.models import Deliverable


def test_demo_facts_for_deliverables(demo, api):
    rows = api("phuocdan").get(f"/api/v1/deliverables?plan={demo.pk}").json()
    by = {(r["kind"], r["period"]): r for r in rows}
    assert (
        by[("subplan", "2021")]["due"] == "2021-01-26" and by[("subplan", "2021")]["due_inclusive"] is False
    )
    assert ("report", "2021-H1") in by and ("report", "2021") in by
    assert any(r["kind"] == "report" and r["status"] in ("pending", "missed") for r in rows)
    h1 = (
        Deliverable.objects.filter(plan=demo, period="2021-H1", kind="report")
        .values("unit_id")
        .distinct()
        .count()
    )
    assert h1 >= 18
    data = api("noivu").get(f"/api/v1/plans/{demo.pk}/completeness?period=2021-H1").json()
    assert data["expected"] == sum(u["expected"] for u in data["by_unit"])
    assert data["submitted"] == sum(u["submitted"] for u in data["by_unit"])
    assert data["on_time"] == sum(u["on_time"] for u in data["by_unit"])
    assert 0 < data["rate"] <= 1 and data["on_time_rate"] <= data["rate"]
