"""Gather, with a fixed number of queries, everything a compiled document says."""

from __future__ import annotations

import datetime

from kehoach.org.models import Unit
from kehoach.plans.models import Clause, Plan
from kehoach.reports import selectors
from kehoach.rules.periods import Period


def report_data(plan: Plan, period: Period, today: datetime.date) -> dict:
    """The figures of the 6-month or annual report (báo cáo kết quả công tác tuyên truyền CCHC)."""
    start, end = period.start, period.end
    comp = selectors.completeness(plan, period.code)
    subplans = selectors.completeness(plan, str(period.year), kind="subplan")
    units = {u.pk: u for u in Unit.objects.all()}
    by_unit_outputs = selectors.outputs_by_unit(plan, start, end)
    broadcast = selectors.broadcast_compliance(plan, start, end, today)
    return {
        "plan": plan,
        "period": period,
        "today": today,
        "completeness": comp,
        "subplans": subplans,
        "units": units,
        "outputs": selectors.outputs_summary(plan, start, end),
        "outputs_by_unit": by_unit_outputs,
        "broadcast": broadcast,
        "budget": selectors.budget_totals(plan),
        "indices": selectors.index_trends(),
        "activities": selectors.activity_summary(plan, min(today, end) if today > end else today),
        "notes": selectors.submission_notes(plan, [period.code]),
        "late": selectors.late_units(plan, period, today),
    }


def plan_data(plan: Plan) -> dict:
    clauses = list(Clause.objects.filter(plan=plan).order_by("order"))
    activities = list(plan.activities.select_related("lead_unit").order_by("order", "id"))
    return {"plan": plan, "clauses": clauses, "activities": activities}
