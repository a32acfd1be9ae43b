"""`kehoach demo --province`: Khánh Hòa after the 2025 reform, beside the 2021 district demo."""

import pytest
from django.core.management import call_command

from kehoach.org.models import Membership, Unit
from kehoach.plans.models import Plan
from kehoach.tracking.models import Deliverable

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Unit.objects.count(),
        Plan.objects.count(),
        Deliverable.objects.count(),
        Membership.objects.count(),
    )


def test_province_loads_beside_the_2021_demo_and_is_safe_to_run_twice(plan, api):
    before_2021 = (plan.activities.count(), plan.duties.count(), Unit.objects.get(code="ubnd-tinh").name)
    call_command("demo", "--province", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = _counts()
    call_command("demo", "--province", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == first
    kh = Plan.objects.get(number="26/KH-UBND")
    assert kh.year == 2026 and "Khánh Hòa" in kh.title and kh.status == "issued"
    communes = Unit.objects.filter(code__startswith="kh-").commune_level()
    assert communes.count() >= 30 and communes.filter(kind="ward").exists()
    assert all(u.valid_from.isoformat() == "2025-07-01" for u in communes)
    # Every commune and ward owes its 2026 plan and its half-year reports.
    owed = set(Deliverable.objects.filter(plan=kh, kind="subplan").values_list("unit__code", flat=True))
    assert owed == set(communes.values_list("code", flat=True))
    assert Deliverable.objects.filter(plan=kh, kind="report", period="2026-H1").count() == communes.count()
    # The 2021 demo is unchanged.
    plan.refresh_from_db()
    assert (
        plan.activities.count(),
        plan.duties.count(),
        Unit.objects.get(code="ubnd-tinh").name,
    ) == before_2021
    # Its accounts work and see their own commune's work only.
    r = api("kh-ninhphuoc").get(f"/api/v1/deliverables?plan={kh.pk}")
    assert r.status_code == 200 and r.json()
    assert {d["unit_id"] for d in r.json()} == {Unit.objects.get(code="kh-ninh-phuoc").pk}
    assert api("kh-noivu").get(f"/api/v1/plans/{kh.pk}").status_code == 200
