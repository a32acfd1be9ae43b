"""What the public page shows: plans with their progress, computed from a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Prefetch

from kehoach.core.i18n import state_label
from kehoach.plans import selectors as plan_selectors
from kehoach.plans.models import Activity, Plan

STATE_ORDER = ["not_started", "in_progress", "overdue", "done_on_time", "done_late"]
STATE_TAGS = {
    "not_started": "grey",
    "in_progress": "info",
    "overdue": "bad",
    "done_on_time": "ok",
    "done_late": "warn",
}
#: Stated on the page next to the figure, as citizens asked (see DOMAIN.md, Decidim).
ROLLUP_FORMULA = (
    "Tiến độ chung = trung bình cộng tiến độ (%) của các nhiệm vụ trong phụ lục, mỗi nhiệm vụ có trọng số "
    "như nhau; nhiệm vụ chưa cập nhật tiến độ tính 0%."
)


def plan_progress(plan: Plan, activities: list[Activity], today: datetime.date) -> dict:
    """Counts and percentages of the five states, and the overall progress of one plan, as of
    ``today`` (``plans.selectors.standing``: the same figures as the dashboards)."""
    activities = plan_selectors.annotate(activities, today)
    for a in activities:
        a.state_label = state_label(a.state)
        a.state_tag = STATE_TAGS[a.state]
    counts = Counter(a.state for a in activities)
    total = len(activities)
    states = [
        {
            "code": code,
            "label": state_label(code),
            "tag": STATE_TAGS[code],
            "count": counts.get(code, 0),
            "percent": round(100 * counts.get(code, 0) / total) if total else 0,
        }
        for code in STATE_ORDER
    ]
    progress = round(sum(a.progress_on for a in activities) / total) if total else 0
    return {
        "plan": plan,
        "activities": activities,
        "states": states,
        "progress": progress,
        "total": total,
        "as_of": today,
    }


def public_plans(today: datetime.date, plan_id: int | None = None) -> list[dict]:
    """Issued public plans with their appendix and progress: two queries whatever the number of plans."""
    qs = (
        Plan.objects.public()
        .select_related("issuer")
        .prefetch_related(
            Prefetch(
                "activities", queryset=Activity.objects.select_related("lead_unit").order_by("order", "id")
            )
        )
    )
    if plan_id is not None:
        qs = qs.filter(pk=plan_id)
    return [plan_progress(p, list(p.activities.all()), today) for p in qs]
