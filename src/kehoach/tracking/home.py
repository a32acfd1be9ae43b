"""The "my work" panel: my unit's deliverables still owed, due soonest first."""

from django.db.models import Case, IntegerField, Value, When
from django.template.loader import render_to_string

from kehoach.core import permissions
from kehoach.plans.models import DutyKind
from kehoach.tracking.models import OPEN, Deliverable


def panel(request) -> str | None:
    units = permissions.unit_ids(request.user, permissions.ACTING_ROLES)
    if not units:
        return None
    items = list(
        Deliverable.objects.filter(unit_id__in=units, status__in=OPEN)
        .exclude(kind=DutyKind.BROADCAST)
        .select_related("unit", "duty")
        # Returned work first (the unit must act), then by due date.
        .annotate(
            first=Case(When(status="returned", then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("first", "due_date", "id")[:8]
    )
    return render_to_string("tracking/_home_panel.html", {"items": items}, request=request)
