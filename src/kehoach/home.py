"""Việc của tôi: the home page. The role's own work first, counted and linked (UX.md: one main
job per page), then the inbox, then the rest, due first. Each app builds its panel in ``<app>/home.py``.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from kehoach import home_changes
from kehoach.budgets import home as budgets_home
from kehoach.core import permissions
from kehoach.notices import home as notices_home
from kehoach.org import home as org_home
from kehoach.outputs import home as outputs_home
from kehoach.plans import home as plans_home
from kehoach.public import home as public_home
from kehoach.reports import home as reports_home
from kehoach.tracking import home as tracking_home

PANELS = {
    "org": org_home.panel,  # the first-run checklist, only while the database has no plan
    "tracking": lambda request: tracking_home.panel(request, week_of=outputs_home.plan_week),
    "public": public_home.panel,
    "reports": reports_home.panel,
    "plans": plans_home.panel,
    "outputs": outputs_home.panel,
    "budgets": budgets_home.panel,
    "changes": home_changes.panel,  # Từ lần xem trước: the leader's only
}
#: The apps whose panels open each role's home.
ROLE_FIRST = {
    "leader": ["budgets", "changes", "reports"],
    "finance": ["budgets"],
    "coordinator": ["org", "tracking"],
    "radio": ["outputs", "tracking"],
}


def home_order(user) -> tuple[list[str], list[str]]:
    """The panels of a person's home: (the role's own work, the rest)."""
    roles = permissions.roles(user)
    first: list[str] = []
    if "leader" in roles:
        first = ROLE_FIRST["leader"]
    elif "finance" in roles:
        first = ROLE_FIRST["finance"]
    elif "coordinator" in roles or user.is_superuser:
        first = ROLE_FIRST["coordinator"]
    elif outputs_home.is_radio(user):
        first = ROLE_FIRST["radio"]
    return first, [a for a in PANELS if a not in first]


def _render(request, apps: list[str]) -> list[str]:
    return [html for app in apps if (html := PANELS[app](request))]


@login_required
def home(request):
    """Việc của tôi: the role's work first, counted and linked, then the rest, due first."""
    first, rest = home_order(request.user)
    panels, more = _render(request, first), _render(request, rest)
    if not panels:  # no role panel: the first of the rest opens the page
        panels, more = more[:1], more[1:]
    return render(
        request,
        "core/home.html",
        {
            "panels": panels,
            "more_panels": more,
            "notices": notices_home.panel(request),
            "unit": permissions.primary_unit(request.user),
        },
    )
