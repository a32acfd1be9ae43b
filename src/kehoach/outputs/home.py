"""The "my work" panel: my unit's recent outputs, a link to add one, and (for the radio centre) this week's airing."""

from django.template.loader import render_to_string
from django.utils import timezone

from kehoach.core import permissions
from kehoach.outputs import services
from kehoach.outputs.models import Output
from kehoach.plans.models import Plan, PlanStatus
from kehoach.rules.periods import period_containing


def _this_week(units: set[int]):
    """This week's compliance when the user's unit is the one that must air the column."""
    today = timezone.localdate()
    week = period_containing("week", today)
    for plan in Plan.objects.filter(status=PlanStatus.ISSUED).prefetch_related("duties"):
        if plan.end and plan.end < week.start or plan.start and plan.start > week.end:
            continue
        duty = services.broadcast_duty(plan)
        unit = services.broadcast_unit(plan, duty) if duty else None
        if unit is not None and unit.pk in units:
            weeks = services.broadcast_compliance(plan, start=week.start, end=week.end, today=today)["weeks"]
            return weeks[-1] if weeks else None
    return None


def panel(request):
    units = permissions.unit_ids(request.user, permissions.ACTING_ROLES)
    if not units:
        return None
    outputs = Output.objects.filter(unit_id__in=units).order_by("-date", "-id")[:5]
    return render_to_string(
        "outputs/_home_panel.html", {"outputs": outputs, "week": _this_week(units)}, request=request
    )
