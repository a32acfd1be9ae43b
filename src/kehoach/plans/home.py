"""The "my work" panel: activities my unit leads in issued plans (drafts are not work yet)."""

from django.template.loader import render_to_string
from django.utils import timezone

from kehoach.core import permissions
from kehoach.plans.display import decorate
from kehoach.plans.models import Activity, PlanStatus


def panel(request):
    units = permissions.unit_ids(request.user)
    if not units:
        return None
    activities = decorate(
        list(
            Activity.objects.filter(lead_unit_id__in=units, plan__status=PlanStatus.ISSUED)
            .select_related("plan")
            .order_by("end", "order")[:30]
        ),
        timezone.localdate(),
    )
    return render_to_string("plans/_home_panel.html", {"activities": activities}, request=request)
