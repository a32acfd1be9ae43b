"""Budget figures for pages, dashboards and the compiled report."""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from kehoach.budgets.models import Budget, BudgetStatus
from kehoach.rules import budget_flow as flow


def totals(plan, qs=None) -> dict:
    """Sums for a plan: estimated (all estimates not returned), appraised, approved; and per unit.

    One grouped query. ``by_unit`` rows: ``{unit_id, unit_name, estimated, appraised, approved, count}``.
    """
    qs = (Budget.objects.all() if qs is None else qs).filter(plan=plan).exclude(status=BudgetStatus.RETURNED)
    rows = (
        qs.values("unit_id", "unit__name", "unit__sort_order")
        .annotate(
            estimated=Sum("total"),
            appraised=Sum(
                "appraised_amount", filter=Q(status__in=[BudgetStatus.APPRAISED, BudgetStatus.APPROVED])
            ),
            approved=Sum("approved_amount", filter=Q(status=BudgetStatus.APPROVED)),
            count=Count("id"),
        )
        .order_by("unit__sort_order", "unit__name")
    )
    by_unit = [
        {
            "unit_id": r["unit_id"],
            "unit_name": r["unit__name"],
            "estimated": r["estimated"] or 0,
            "appraised": r["appraised"] or 0,
            "approved": r["approved"] or 0,
            "count": r["count"],
        }
        for r in rows
    ]
    return {
        "estimated": sum(r["estimated"] for r in by_unit),
        "appraised": sum(r["appraised"] for r in by_unit),
        "approved": sum(r["approved"] for r in by_unit),
        "by_unit": by_unit,
    }


def awaiting(user, qs=None):
    """Estimates waiting for this person's move, as the transition table says whose move it is:
    appraisal (finance), approval (leader), revision after a return (the unit)."""
    from kehoach.core import permissions

    qs = Budget.objects.for_user(user) if qs is None else qs
    want = Q(pk__in=[])
    roles = permissions.roles(user)
    if "finance" in roles or user.is_superuser:
        want |= Q(status__in=flow.states_waiting_on(flow.FINANCE))
    if "leader" in roles or user.is_superuser:
        want |= Q(status__in=flow.states_waiting_on(flow.LEADER))
    mine = permissions.unit_ids(user, permissions.ACTING_ROLES)
    if mine:
        want |= Q(unit_id__in=mine, status__in=flow.states_waiting_on(flow.UNIT))
    return qs.filter(want)
