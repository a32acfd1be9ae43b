"""Home panel: the first-run checklist, for an administrator while the database has no plan."""

from django.template.loader import render_to_string

from kehoach.core import permissions
from kehoach.plans.models import Plan


def panel(request):
    if not permissions.is_any_coordinator(request.user) or Plan.objects.exists():
        return None
    return render_to_string("setup/_home_panel.html", {}, request=request)
