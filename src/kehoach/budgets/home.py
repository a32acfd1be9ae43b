"""The "my work" panel of budgets (Dự toán kinh phí): estimates waiting for my move, counted and
linked (appraisal for finance, approval for the leader, revision for a unit), then my unit's own.

"Whose move" is the transition table's (``rules.budget_flow`` through ``selectors.awaiting``)."""

from django.template.loader import render_to_string

from kehoach.budgets import selectors
from kehoach.core import permissions
from kehoach.rules import budget_flow as flow


def _heading(user) -> str:
    roles = permissions.roles(user)
    if "leader" in roles:
        return "Dự toán chờ phê duyệt"
    if "finance" in roles:
        return "Dự toán chờ thẩm định"
    return "Dự toán kinh phí"


def _filter_status(user) -> str:
    """The status the list link filters on, so the link opens exactly the counted rows."""
    roles = permissions.roles(user)
    if "leader" in roles:
        return flow.states_waiting_on(flow.LEADER)[0]
    if "finance" in roles:
        return flow.states_waiting_on(flow.FINANCE)[0]
    return ""


def panel(request):
    user = request.user
    if not permissions.unit_ids(user) and not user.is_superuser:
        return None
    awaiting = selectors.awaiting(user).filter(plan__status="issued")
    count = awaiting.count()
    waiting = list(awaiting.select_related("unit", "plan").order_by("updated_at", "id")[:10])
    mine = []
    acting = permissions.unit_ids(user, permissions.ACTING_ROLES)
    roles = permissions.roles(user)
    if acting and not roles & {"leader", "finance"}:
        mine = list(
            selectors.Budget.objects.filter(unit_id__in=acting, plan__status="issued")
            .exclude(pk__in=[b.pk for b in waiting])
            .select_related("unit")[:5]
        )
    if not waiting and not mine and not acting:
        return None
    return render_to_string(
        "budgets/_home_panel.html",
        {
            "waiting": waiting,
            "count": count,
            "mine": mine,
            "heading": _heading(user),
            "status": _filter_status(user),
            "decides": bool(roles & {"leader", "finance"}) or user.is_superuser,
        },
        request=request,
    )
