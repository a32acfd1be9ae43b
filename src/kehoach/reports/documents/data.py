"""Gather, with a fixed number of queries, everything a compiled document says."""

from __future__ import annotations

import datetime

from kehoach.org.models import Unit
from kehoach.plans.models import Clause, Plan
from kehoach.reports import selectors
from kehoach.rules.periods import Period


def report_as_of(period: Period, today: datetime.date) -> datetime.date:
    """A period's documents state the facts at the end of the period (or today, while it runs): the
    2021-H1 report says the same whether compiled in July 2021 or in 2026."""
    return min(period.end, today)


def report_data(plan: Plan, period: Period, today: datetime.date, as_of: datetime.date | None = None) -> dict:
    """The figures of the 6-month or annual report (báo cáo kết quả công tác tuyên truyền CCHC),
    as they stood at the end of ``as_of`` (default: ``report_as_of``)."""
    # A report about a period never describes what happened after it.
    as_of = min(as_of, period.end) if as_of else report_as_of(period, today)
    start, end = period.start, min(period.end, as_of)
    comp = selectors.completeness(plan, period.code, as_of=as_of)
    subplans = selectors.completeness(plan, period.code, kind="subplan", as_of=as_of)
    units = {u.pk: u for u in Unit.objects.all()}
    by_unit_outputs = selectors.outputs_by_unit(plan, start, end)
    broadcast = selectors.broadcast_compliance(plan, period.start, period.end, as_of)
    return {
        "plan": plan,
        "period": period,
        "today": today,
        "as_of": as_of,
        "window": (start, end),
        "completeness": comp,
        "subplans": subplans,
        "units": units,
        "outputs": selectors.outputs_summary(plan, start, end),
        "outputs_by_unit": by_unit_outputs,
        "broadcast": broadcast,
        "budget": selectors.budget_totals(plan),
        "indices": selectors.index_trends(as_of),
        "activities": selectors.activity_summary(plan, as_of),
        "notes": selectors.submission_notes(plan, period, as_of),
        "late": selectors.late_units(plan, period, as_of),
    }


def plan_data(plan: Plan) -> dict:
    clauses = list(Clause.objects.filter(plan=plan).order_by("order"))
    activities = list(plan.activities.select_related("lead_unit").order_by("order", "id"))
    return {"plan": plan, "clauses": clauses, "activities": activities}
