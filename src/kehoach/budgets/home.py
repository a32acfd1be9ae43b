"""The "my work" panel: estimates waiting for me (appraisal for tckh, approval for lanhdao, revision for a unit)."""

from django.template.loader import render_to_string

from kehoach.budgets import selectors
from kehoach.core import permissions


def panel(request):
    user = request.user
    if not permissions.unit_ids(user) and not user.is_superuser:
        return None
    waiting = list(selectors.awaiting(user).select_related("unit", "plan")[:10])
    mine = []
    acting = permissions.unit_ids(user, permissions.ACTING_ROLES)
    if acting:
        mine = list(
            selectors.Budget.objects.filter(unit_id__in=acting)
            .exclude(pk__in=[b.pk for b in waiting])
            .select_related("unit")[:5]
        )
    if not waiting and not mine and not acting:
        return None
    return render_to_string("budgets/_home_panel.html", {"waiting": waiting, "mine": mine}, request=request)
