"""Từ lần xem trước: what happened since a leader last opened the home, counted and linked.

Each figure is read, as of now, from the facts the other pages use: submissions and their reviews
(``tracking``), budgets' appraisal and approval times (``budgets``), deliverables that became
overdue between the two days (``tracking.selectors.overdue``, the one rule of "quá hạn") and
citizens' feedback received (``public``), each scoped by the person's ``for_user``.
"""

import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from kehoach.budgets.models import Budget
from kehoach.core import permissions
from kehoach.org.visits import record_visit
from kehoach.plans.models import PlanStatus
from kehoach.public.models import Feedback
from kehoach.tracking import selectors as tracking_selectors
from kehoach.tracking.models import Deliverable, Submission


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


def panel(request) -> str | None:
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
