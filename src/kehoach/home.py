"""Việc của tôi: the home page, one panel per app, listed here explicitly.

It sits above the apps (beside ``urls``): core, at the bottom, knows no app, and each app's
``home.panel(request) -> str | None`` renders its own part, or nothing.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from kehoach.budgets import home as budgets_home
from kehoach.core import permissions
from kehoach.notices import home as notices_home
from kehoach.org import home as org_home
from kehoach.outputs import home as outputs_home
from kehoach.plans import home as plans_home
from kehoach.public import home as public_home
from kehoach.tracking import home as tracking_home

#: The panels in the order the page shows them: what is due first.
PANELS = [
    org_home.panel,  # the first-run checklist, only while there is no plan
    notices_home.panel,
    tracking_home.panel,
    plans_home.panel,
    outputs_home.panel,
    budgets_home.panel,
    public_home.panel,
]


@login_required
def home(request):
    """Việc của tôi: what the signed-in person's unit has to do, due first."""
    panels = [html for panel in PANELS if (html := panel(request))]
    return render(
        request, "core/home.html", {"panels": panels, "unit": permissions.primary_unit(request.user)}
    )
