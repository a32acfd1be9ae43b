"""The "my work" panels of tracking (Việc của tôi).

Coordinator (Cơ quan thường trực): submissions waiting for review, late units by deliverable,
problems and proposals waiting, counted and linked. Unit (đơn vị): returned items with the
reason on top, then what it owes next with the days left.

Every figure comes from the one-truth selectors (``tracking.selectors``: ``review_queue``,
``overdue``), as of today; drafts (Dự thảo) never count.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Case, Count, IntegerField, Min, Value, When
from django.db.models.functions import Substr
from django.template.loader import render_to_string
from django.utils import timezone

from kehoach.core import permissions
from kehoach.notices import selectors as notice_selectors
from kehoach.plans.models import Duty, DutyKind, Plan, PlanStatus
from kehoach.tracking import selectors
from kehoach.tracking.models import OPEN, Deliverable, ProblemStatus, Submission

#: Problems and proposals still waiting for an answer (Vướng mắc, đề xuất chờ xử lý).
PROBLEMS_WAITING = [ProblemStatus.OPEN, ProblemStatus.FORWARDED]


def coordinated_plans(user) -> list[Plan]:
    """Issued plans the user coordinates (drafts are not work yet)."""
    plans = Plan.objects.filter(status=PlanStatus.ISSUED).order_by("-year", "-issued_on", "-id")
    return [p for p in plans if permissions.is_coordinator(user, p)]


def days_left_label(due: datetime.date, today: datetime.date) -> tuple[str, str]:
    """("còn 5 ngày", "info") / ("hạn hôm nay", "warn") / ("quá hạn 3 ngày", "bad")."""
    n = (due - today).days
    if n > 0:
        return f"còn {n} ngày", "info" if n > 7 else "warn"
    if n == 0:
        return "hạn hôm nay", "warn"
    return f"quá hạn {-n} ngày", "bad"


def coordinator_work(user, today: datetime.date, week_of=None) -> list[dict]:
    """One entry per coordinated plan: the counts the coordinator acts on, each with its link."""
    from kehoach.tracking.models import Problem

    plans = list(coordinated_plans(user))
    # Counted in SQL for every plan at once, one row per plan and title (what a title is made of: kind,
    # period and, for a task, the first 60 characters of its text): nationally the home page loaded
    # 40,000 late items per plan to count them.
    late = selectors.overdue(None, today).filter(plan_id__in=[p.pk for p in plans]).order_by()
    late_units = dict(late.values_list("plan_id").annotate(n=Count("unit_id", distinct=True)))
    groups = (
        late.annotate(
            task_text=Case(When(kind=DutyKind.TASK, then=Substr("duty__text", 1, 60)), default=Value(""))
        )
        .values("plan_id", "kind", "period", "task_text")
        .annotate(units=Count("unit_id", distinct=True), first_due=Min("due_date"))
        .order_by("plan_id", "first_due", "period", "kind")
    )
    titles: dict[int, dict[str, int]] = defaultdict(dict)
    for g in groups:
        title = Deliverable(kind=g["kind"], period=g["period"], duty=Duty(text=g["task_text"])).title
        titles[g["plan_id"]][title] = g["units"]
    work = []
    for plan in plans:
        waiting = selectors.review_queue(user, plan).count()
        by_title = titles[plan.pk]
        problems = Problem.objects.filter(plan=plan, status__in=PROBLEMS_WAITING).count()
        unread = notice_selectors.units_not_read(plan)
        work.append(
            {
                "plan": plan,
                "waiting": waiting,
                "late_units": late_units.get(plan.pk, 0),
                "late_by_title": list(by_title.items())[:6],
                "late_more": max(0, len(by_title) - 6),
                "problems": problems,
                "unread": unread,
                "radio": week_of(plan, today) if week_of else None,
            }
        )
    return work


def unit_work(unit_ids: set[int], today: datetime.date) -> dict:
    """What the unit owes: returned items (with the coordinator's reason), then the next ones due."""
    qs = (
        Deliverable.objects.filter(unit_id__in=unit_ids, status__in=OPEN, plan__status=PlanStatus.ISSUED)
        .exclude(kind=DutyKind.BROADCAST)
        .select_related("unit", "duty", "plan")
    )
    items = list(
        # Returned work first (the unit must act), then by due date.
        qs.annotate(
            first=Case(When(status="returned", then=Value(0)), default=Value(1), output_field=IntegerField())
        ).order_by("first", "due_date", "id")[:8]
    )
    returned = [d for d in items if d.status == "returned"]
    reasons = {}
    if returned:
        for s in Submission.objects.filter(deliverable__in=returned, review_decision="returned").order_by(
            "deliverable_id", "-number"
        ):
            reasons.setdefault(s.deliverable_id, s)
    for d in items:
        d.days_left, d.days_tag = days_left_label(d.due_date, today)
        sub = reasons.get(d.pk)
        d.return_reason = sub.review_comment if sub else ""
        d.returned_at = sub.reviewed_at if sub else None
    return {
        "returned": returned,
        "next": [d for d in items if d.status != "returned"],
        "total": qs.count(),
    }


def panel(request, week_of=None) -> str | None:
    """``week_of(plan, today)``: this week's broadcast compliance, given by the home page (outputs'
    figure; tracking and outputs do not import each other)."""
    user = request.user
    today = timezone.localdate()
    units = permissions.unit_ids(user, permissions.ACTING_ROLES)
    coordinator = coordinator_work(user, today, week_of) if permissions.is_any_coordinator(user) else []
    if not units and not coordinator:
        return None
    mine = unit_work(units, today) if units else None
    if mine and not mine["total"] and (coordinator or permissions.sees_everything(user)):
        mine = None  # a coordinator or leader with nothing owed: no empty panel above the real work
    return render_to_string(
        "tracking/_home_panel.html",
        {"coordinator": coordinator, "mine": mine, "today": today},
        request=request,
    )
