"""Việc của tôi: the home page. The role's own work first, counted and linked (UX.md: one main
job per page), then the inbox, then the rest, due first. Each app builds its panel in ``<app>/home.py``.
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from kehoach.budgets import home as budgets_home
from kehoach.budgets.models import Budget
from kehoach.core import permissions
from kehoach.notices import home as notices_home
from kehoach.org import home as org_home
from kehoach.org.visits import record_visit
from kehoach.outputs import home as outputs_home
from kehoach.plans import home as plans_home
from kehoach.plans.models import PlanStatus
from kehoach.public import home as public_home
from kehoach.public.models import Feedback
from kehoach.reports import home as reports_home
from kehoach.tracking import home as tracking_home
from kehoach.tracking import selectors as tracking_selectors
from kehoach.tracking.models import Deliverable, Submission

# --- Từ lần xem trước: what happened since a leader last opened the home ----------------------
# Each figure is read, as of now, from the facts the other pages use: submissions and their
# reviews, budgets' appraisal and approval times, deliverables that became overdue between the two
# days (``tracking.selectors.overdue``, the one rule of "quá hạn") and citizens' feedback, each
# scoped by the person's ``for_user``.


def changes_since(user, since: datetime.datetime, now: datetime.datetime) -> dict[str, int]:
    """Counts of what happened in (since, now] that ``user`` may see."""
    deliverables = Deliverable.objects.for_user(user).filter(plan__status=PlanStatus.ISSUED)
    submissions = Submission.objects.filter(deliverable__in=deliverables)
    window = {"gt": since, "lte": now}

    def between(qs, field):
        return qs.filter(**{f"{field}__{op}": at for op, at in window.items()})

    reviewed = between(submissions, "reviewed_at")
    budgets = Budget.objects.for_user(user)
    overdue_now = tracking_selectors.overdue(None, timezone.localdate(now)).filter(pk__in=deliverables)
    overdue_then = tracking_selectors.overdue(None, timezone.localdate(since)).values("pk")
    return {
        "submitted": between(submissions, "submitted_at").count(),
        "accepted": reviewed.filter(review_decision="accepted").count(),
        "returned": reviewed.filter(review_decision="returned").count(),
        "appraised": between(budgets, "appraised_at").count(),
        "approved": between(budgets, "approved_at").count(),
        "overdue": overdue_now.exclude(pk__in=overdue_then).count(),
        "feedback": between(Feedback.objects.for_user(user), "created_at").count(),
    }


def changes_panel(request) -> str | None:
    """The leader's "Từ lần xem trước" panel; looking at the home is what marks the visit."""
    user = request.user
    if "leader" not in permissions.roles(user):
        return None
    now = timezone.now()
    since = record_visit(user, now)
    changes = changes_since(user, since, now) if since is not None else None
    return render_to_string(
        "core/_home_changes.html", {"since": since, "now": now, "changes": changes}, request=request
    )


PANELS = {
    "org": org_home.panel,  # the first-run checklist, only while the database has no plan
    "tracking": lambda request: tracking_home.panel(request, week_of=outputs_home.plan_week),
    "public": public_home.panel,
    "reports": reports_home.panel,
    "plans": plans_home.panel,
    "outputs": outputs_home.panel,
    "budgets": budgets_home.panel,
    "changes": changes_panel,  # Từ lần xem trước: the leader's only
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
