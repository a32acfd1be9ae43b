"""The "my work" panel of outputs (Sản phẩm tuyên truyền, phát sóng).

For the radio centre (the unit the plan's weekly broadcast duty names): this week's airings
against the rule (mỗi tuần ít nhất N lượt, mỗi lượt ít nhất M phút), from the one-truth
``services.broadcast_compliance``, with a one-click "log today's airing" (today 19:00, the
rule's minutes). For every acting unit: its recent outputs and a link to add one.
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from kehoach.core import permissions
from kehoach.outputs import services
from kehoach.outputs.models import Output
from kehoach.plans.models import Plan, PlanStatus
from kehoach.rules.periods import parse_period, period_containing

#: The usual evening slot of the district radio (the form's default, changeable).
DEFAULT_AIRING_TIME = datetime.time(19, 0)


def plan_week(plan: Plan, today: datetime.date, unit_ids: set[int] | None = None) -> dict | None:
    """This week's compliance of ``plan``'s broadcast duty (its last week once the plan has
    ended, said so on the page); ``None`` without such a duty, or when ``unit_ids`` is given and
    the unit that must air it is not among them."""
    duty = services.broadcast_duty(plan)
    unit = services.broadcast_unit(plan, duty) if duty else None
    if unit is None or (unit_ids is not None and unit.pk not in unit_ids):
        return None
    day = min(today, plan.end) if plan.end else today
    if plan.start and plan.start > day:
        return None
    week = period_containing("week", day)
    status = services.broadcast_compliance(plan, start=week.start, end=week.end, today=day, unit=unit)
    w = status["weeks"][-1] if status["weeks"] else None
    return {
        "plan": plan,
        "unit": unit,
        "period": parse_period(w["week"]) if w else week,
        "w": w,
        "min_count": status["min_count"],
        "min_minutes": status["min_minutes"],
        "ended": day < today,
        "can_log_today": day == today,
        "default_at": datetime.datetime.combine(today, DEFAULT_AIRING_TIME),
    }


def radio_week(units: set[int], today: datetime.date) -> dict | None:
    """The week of the first issued plan whose column one of ``units`` must air."""
    for plan in (
        Plan.objects.filter(status=PlanStatus.ISSUED).prefetch_related("duties").order_by("-year", "-id")
    ):
        week = plan_week(plan, today, units)
        if week is not None:
            return week
    return None


def is_radio(user) -> bool:
    """Does the user act for a unit that must air a plan's column (the home opens with it)?"""
    return radio_week(permissions.unit_ids(user, permissions.ACTING_ROLES), timezone.localdate()) is not None


def panel(request):
    units = permissions.unit_ids(request.user, permissions.ACTING_ROLES)
    if not units:
        return None
    outputs = Output.objects.filter(unit_id__in=units).order_by("-date", "-id")[:5]
    return render_to_string(
        "outputs/_home_panel.html",
        {"outputs": outputs, "radio": radio_week(units, timezone.localdate())},
        request=request,
    )
