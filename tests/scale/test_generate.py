"""``kehoach generate``: data of the real shape, the same for the same seed."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from kehoach.org.models import Unit
from kehoach.outputs.models import Broadcast, Output
from kehoach.plans.models import Duty, Plan
from kehoach.scale.generate import generate
from kehoach.tracking.models import Deliverable, Submission


@pytest.fixture
def district(db):
    return generate("district", seed=7, out=io.StringIO(), outputs=500)


def test_district_has_two_tiers_of_units_with_vietnamese_names(district):
    communes = Unit.objects.filter(kind__in=["commune", "ward"])
    assert communes.count() == 20
    assert all(u.name.startswith(("Ủy ban nhân dân xã ", "Ủy ban nhân dân phường ")) for u in communes)
    head = Unit.objects.get(code="gen-p00")
    assert head.name == "Ủy ban nhân dân huyện Ninh Phước"
    assert set(communes.values_list("parent_id", flat=True)) == {head.pk}
    assert len(set(communes.values_list("name", flat=True))) == 20


def test_every_commune_owes_its_deliverables_through_the_real_generator(district):
    plan = Plan.objects.get()
    duties = Duty.objects.filter(plan=plan).count()
    assert duties == 4
    per_unit = (
        Deliverable.objects.filter(plan=plan, unit__kind__in=["commune", "ward"])
        .values("unit")
        .annotate(n=Count("id"))
    )
    assert len(per_unit) == 20 and len({r["n"] for r in per_unit}) == 1  # every commune owes the same
    statuses = set(Deliverable.objects.filter(plan=plan).values_list("status", flat=True))
    assert {"accepted", "returned", "missed"} <= statuses
    assert Submission.objects.filter(is_late=True).exists()
    assert Output.objects.count() == 500


def test_each_communes_week_is_judged_by_its_own_airings(district):
    weekly = Deliverable.objects.filter(kind="broadcast")
    assert weekly.count() > 20 * 40
    aired = {(b.unit_id, b.aired_at.date()) for b in Broadcast.objects.all()}
    for d in weekly:
        own = any((d.unit_id, day) in aired for day in _days(d.period_start, d.period_end))
        assert (d.status == "accepted") == own, (d.unit_id, d.period)
    assert weekly.filter(status="missed").exists()


def _days(start, end):
    import datetime

    return [start + datetime.timedelta(days=i) for i in range((end - start).days + 1)]


def test_a_second_run_into_the_same_database_is_refused(district):
    with pytest.raises(CommandError, match="dữ liệu sinh"):
        call_command("generate", "--scale", "district", stdout=io.StringIO())


def test_the_generator_counts_its_bulk_load_into_the_daily_summary(district):
    from kehoach.outputs import summaries

    assert district["output_summary_rows"] == len(summaries.stored()) > 0
    assert summaries.stored() == summaries.recount(Output.objects.all())
