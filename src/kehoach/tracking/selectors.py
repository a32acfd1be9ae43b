"""Read-side queries of tracking, for dashboards, reports and ranking (aggregates, no N+1).

``period`` matches a deliverable's period code exactly. One-off duties (the unit's own plan,
due 26/01/2021) carry the plan-year code, so ``period="2021"`` counts both the annual reports
and the unit plans of 2021; pass ``kind="report"`` (or ``"subplan"``) to count one of them.
"""

from __future__ import annotations

from django.db.models import Count, Q

from kehoach.plans.models import DutyKind, Plan
from kehoach.rules.ranking import UnitFacts
from kehoach.rules.rates import reporting_rates
from kehoach.tracking.models import HANDED_IN, Deliverable, DeliverableStatus

COUNTED_KINDS = (DutyKind.SUBPLAN, DutyKind.REPORT)


def _per_unit(plan: Plan | int, period_code: str, kind: str | None = None):
    plan_id = plan.pk if isinstance(plan, Plan) else int(plan)
    qs = Deliverable.objects.filter(plan_id=plan_id, period=period_code)
    qs = qs.filter(kind=kind) if kind else qs.filter(kind__in=COUNTED_KINDS)
    handed_in = Q(status__in=HANDED_IN)
    return (
        qs.values("unit_id", "unit__name", "unit__sort_order")
        .annotate(
            expected=Count("id"),
            submitted=Count("id", filter=handed_in),
            on_time=Count("id", filter=handed_in & Q(submitted_late=False)),
            accepted=Count("id", filter=Q(status=DeliverableStatus.ACCEPTED)),
            returned=Count("id", filter=Q(status=DeliverableStatus.RETURNED)),
        )
        .order_by("unit__sort_order", "unit__name")
    )


def completeness(plan: Plan | int, period_code: str, kind: str | None = None) -> dict:
    """Tỷ lệ nộp của kỳ: expected unit plans/reports, handed in, on time, and per unit.

    A deliverable counts once however many versions were handed in; "on time" means its latest
    submission was on time; rates come from ``rules.rates.reporting_rates`` (never above 1).
    One aggregate query.
    """
    rows = list(_per_unit(plan, period_code, kind))
    by_unit = [
        {
            "unit_id": r["unit_id"],
            "unit_name": r["unit__name"],
            "expected": r["expected"],
            "submitted": r["submitted"],
            "on_time": r["on_time"],
            **{
                k: v
                for k, v in reporting_rates(r["expected"], r["submitted"], r["on_time"]).items()
                if k.endswith("rate")
            },
        }
        for r in rows
    ]
    totals = reporting_rates(
        sum(r["expected"] for r in rows), sum(r["submitted"] for r in rows), sum(r["on_time"] for r in rows)
    )
    return {"period": period_code, **totals, "by_unit": by_unit}


def unit_facts(plan: Plan | int, period_code: str, kind: str | None = None) -> list[UnitFacts]:
    """Inputs for the emulation ranking (``rules.ranking``); ``outputs`` is filled by the caller."""
    return [
        UnitFacts(
            unit_id=r["unit_id"],
            expected=r["expected"],
            submitted=r["submitted"],
            on_time=r["on_time"],
            accepted=r["accepted"],
            returned=r["returned"],
            outputs=0,
        )
        for r in _per_unit(plan, period_code, kind)
    ]


def status_counts(qs) -> dict[str, int]:
    """How many deliverables per status in ``qs`` (one query)."""
    counts = {s.value: 0 for s in DeliverableStatus}
    for row in qs.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def review_queue(user, plan: Plan | None = None):
    """Handed-in deliverables waiting for the coordinator, oldest due first."""
    qs = Deliverable.objects.for_user(user).filter(
        status__in=[DeliverableStatus.SUBMITTED, DeliverableStatus.LATE]
    )
    if plan is not None:
        qs = qs.filter(plan=plan)
    return qs.with_relations()
