"""The "my work" panel of reports.

Leader (Lãnh đạo UBND): a one-minute summary of the newest issued plan (reports handed in, units
late, activities overdue), each figure linked to the page that explains it. A unit: its place in
the emulation ranking (xếp hạng thi đua) of the plan's year so far.

Figures come from the one-truth selectors (``tracking.selectors.completeness`` / ``owed_by_unit``,
``plans.selectors.annotate``, ``reports.ranking.ranking``) as of today, never recomputed here.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from kehoach.core import permissions
from kehoach.plans import selectors as plan_selectors
from kehoach.plans.defaults import default_plan_for
from kehoach.plans.models import Plan, PlanStatus
from kehoach.reports.ranking import ranking
from kehoach.reports.selectors import default_period
from kehoach.rules.periods import parse_period
from kehoach.tracking import selectors as tracking_selectors


def leader_summary(plan: Plan, today) -> dict:
    period = default_period(plan, today)
    comp = tracking_selectors.completeness(plan, period.code, as_of=today)
    late = tracking_selectors.owed_by_unit(plan, period, today)
    acts = plan_selectors.annotate(plan.activities.all(), today)
    return {
        "plan": plan,
        "period": period,
        "expected": comp["expected"],
        "submitted": comp["submitted"],
        "rate": round(100 * comp["rate"]) if comp["expected"] else None,
        "late_units": len(late),
        "activities": len(acts),
        "overdue_activities": sum(1 for a in acts if a.state == "overdue"),
    }


def my_rank(plan: Plan, unit_ids: set[int], today) -> dict | None:
    period = parse_period(str(plan.year or today.year))
    scores = ranking(plan, period, today)
    for s in scores:
        if s["unit_id"] in unit_ids:
            return {"plan": plan, "period": period, "rank": s["rank"], "of": len(scores), "score": s["score"]}
    return None


def panel(request) -> str | None:
    user = request.user
    plan = default_plan_for(user, Plan.objects.for_user(user).filter(status=PlanStatus.ISSUED))
    if plan is None or not permissions.unit_ids(user):
        return None
    today = timezone.localdate()
    ctx = {"today": today}
    if "leader" in permissions.roles(user):
        ctx["summary"] = leader_summary(plan, today)
    elif not permissions.sees_everything(user):
        acting = permissions.unit_ids(user, permissions.ACTING_ROLES)
        ctx["rank"] = my_rank(plan, acting, today) if acting else None
    if not ctx.get("summary") and not ctx.get("rank"):
        return None
    return render_to_string("reports/_home_panel.html", ctx, request=request)
