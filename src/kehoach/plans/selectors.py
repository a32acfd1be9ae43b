"""Read-side queries of plans: where each activity stood on a day (tình hình thực hiện nhiệm vụ).

One home for "state and progress of an activity as of a day": pages, the API, dashboards, the
public page and the compiled documents all read ``standing`` (``rules.standing`` does the rule).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from kehoach.plans.models import Activity, ActivityUpdate
from kehoach.rules.standing import ProgressFact, activity_state_on, progress_on


@dataclass(frozen=True)
class Standing:
    """An activity at the end of a day: state code, progress (%) and completion day."""

    state: str
    progress: int
    completed_on: datetime.date | None


def standing(activities, as_of: datetime.date | None = None) -> dict[int, Standing]:
    """``{activity id: Standing}`` at the end of ``as_of`` (default today), read back from the
    dated progress updates (one query for all the activities' updates).

    An activity whose progress was entered without any dated update has no history to read back;
    its stored progress stands for every day.
    """
    as_of = as_of or timezone.localdate()
    activities = list(activities)
    history: dict[int, list[ProgressFact]] = defaultdict(list)
    updates = ActivityUpdate.objects.filter(activity__in=[a.pk for a in activities]).order_by(
        "created_at", "id"
    )
    for u in updates.values("activity_id", "created_at", "progress"):
        history[u["activity_id"]].append(
            ProgressFact(timezone.localtime(u["created_at"]).date(), u["progress"])
        )
    out = {}
    for a in activities:
        if a.pk in history or not a.progress:
            facts = history[a.pk]
            state, progress = activity_state_on(start=a.start, end=a.end, updates=facts, day=as_of)
            out[a.pk] = Standing(state, progress, progress_on(facts, as_of)[1])
        else:
            out[a.pk] = Standing(a.status_on(as_of), a.progress, a.completed_on)
    return out


def annotate(activities, as_of: datetime.date | None = None) -> list[Activity]:
    """The activities as a list, each with ``.state``, ``.progress_on`` and ``.completed_by`` set
    from ``standing`` (for templates and serializers)."""
    activities = list(activities)
    states = standing(activities, as_of)
    for a in activities:
        s = states[a.pk]
        a.state, a.progress_on, a.completed_by = s.state, s.progress, s.completed_on
    return activities
