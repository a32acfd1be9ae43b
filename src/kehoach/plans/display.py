"""Tình trạng hoạt động để hiển thị: the computed state of appendix activities, with its label and
colour, for every page that lists them (plans, units, home)."""

from __future__ import annotations

from kehoach.core.i18n import state_label
from kehoach.plans import selectors as plan_selectors

STATE_TAGS = {
    "not_started": "grey",
    "in_progress": "info",
    "overdue": "bad",
    "done_on_time": "ok",
    "done_late": "warn",
}


def decorate(activities, today):
    """Attach the state as of ``today`` (``plans.selectors.standing``), its label and tag colour."""
    activities = plan_selectors.annotate(activities, today)
    for a in activities:
        a.state_label = state_label(a.state)
        a.state_tag = STATE_TAGS[a.state]
    return activities
