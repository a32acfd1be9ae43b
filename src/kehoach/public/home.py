"""The "my work" panel: feedback routed to my unit that still awaits an answer."""

from django.template.loader import render_to_string
from django.utils import timezone

from kehoach.core import permissions
from kehoach.public.models import Feedback


def panel(request) -> str | None:
    units = permissions.unit_ids(request.user, permissions.ACTING_ROLES)
    if not units:
        return None
    today = timezone.localdate()
    items = list(Feedback.objects.open().filter(routed_to_id__in=units).order_by("due_date")[:20])
    if not items:
        return None
    for fb in items:
        fb.overdue = fb.is_overdue(today)
    return render_to_string("public/_home_panel.html", {"items": items}, request=request)
