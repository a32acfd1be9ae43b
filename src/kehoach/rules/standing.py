"""Where a deliverable or an activity stood on a given day (tình trạng tính đến ngày).

One home for the rules every surface uses: the follow-up page, dashboards, the leader view,
the API, the ranking and the compiled documents all ask these functions (or their SQL twin in
``tracking.models.DeliverableQuerySet.as_of``, which a property test keeps equal to them).

- A deliverable's state on day D comes from its history up to the end of D: the latest
  submission made by then, and that submission's review if it was reviewed by then.
- Overdue on D: the unit still owes it on D (not handed in, or handed in and returned) and D is
  after the last day on time (``Due.last_on_time_day``: "trước ngày 26/01" ends on 25/01).
- Which deliverables a period's documents speak of: ``document_scope``.
- An activity's progress on D: its latest dated update on or before D.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kehoach.rules.deadlines import Due
from kehoach.rules.periods import Period
from kehoach.rules.task_state import (
    ACCEPTED,
    DEFAULT_GRACE_DAYS,
    LATE,
    MISSED,
    PENDING,
    RETURNED,
    SUBMITTED,
    activity_state,
)

#: States in which the unit still owes the deliverable (chưa nộp, bị trả lại, không nộp).
OWED = (PENDING, RETURNED, MISSED)
#: States in which something was handed in (counted once per deliverable).
HANDED_IN = (SUBMITTED, LATE, ACCEPTED, RETURNED)


@dataclass(frozen=True)
class SubmissionFact:
    """One version handed in: the day it came in, whether it was late, and its review (if any)."""

    submitted_on: date
    late: bool
    reviewed_on: date | None = None
    decision: str | None = None  # "accepted" | "returned" | None


def state_on(
    due: Due,
    submissions: list[SubmissionFact],
    day: date,
    *,
    locked_on: date | None = None,
    reopened_until: date | None = None,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> str:
    """State code of a deliverable at the end of ``day``.

    - the latest submission made on or before ``day`` decides; if it was reviewed on or before
      ``day`` its decision (accepted / returned) is the state, else ``late`` or ``submitted``;
    - nothing handed in: ``missed`` when the period was locked on or before ``day`` (and not
      reopened through ``day``) or ``day`` is more than ``grace_days`` past the last on-time day;
      else ``pending``.
    """
    made = sorted((s for s in submissions if s.submitted_on <= day), key=lambda s: s.submitted_on)
    if made:
        last = made[-1]  # submissions come in order; the stable sort keeps the last of a day last
        if last.decision in (ACCEPTED, RETURNED) and last.reviewed_on is not None and last.reviewed_on <= day:
            return last.decision
        return LATE if last.late else SUBMITTED
    locked = locked_on is not None and locked_on <= day and not (reopened_until and day <= reopened_until)
    if locked or day > due.last_on_time_day + timedelta(days=grace_days):
        return MISSED
    return PENDING


def is_overdue(state: str, due: Due, day: date) -> bool:
    """Quá hạn on ``day``: still owed and the last day on time has passed."""
    return state in OWED and day > due.last_on_time_day


def on_time(state: str, last_late: bool) -> bool:
    """Counted as handed in on time: handed in, and its latest version was not late."""
    return state in HANDED_IN and not last_late


# --- which deliverables a period's documents speak of ----------------------------------------


@dataclass(frozen=True)
class Scope:
    """The deliverables that belong to the documents of a period (báo cáo kỳ).

    Reports: every periodic report whose own period lies inside [``start``, ``end``] (the annual
    report also counts the 6-month reports; a later period's never belongs). Unit plans (kế hoạch
    của đơn vị): those of ``subplan_period`` (the plan year) when the period is the year's first
    (it starts on 1 January), listed on their own and never counted as reports.
    """

    start: date
    end: date
    subplan_period: str | None

    def role(self, kind: str, period_start: date, period_end: date, period_code: str) -> str | None:
        """``"report"``, ``"subplan"`` or None: how a deliverable figures in the documents."""
        if kind == "subplan":
            return "subplan" if period_code == self.subplan_period else None
        if self.start <= period_start and period_end <= self.end:
            return kind
        return None


def document_scope(period: Period) -> Scope:
    """Scope of the documents (and figures) of ``period``; see ``Scope``."""
    first = period.kind != "week" and period.start == date(period.year, 1, 1)
    return Scope(period.start, period.end, f"{period.year:04d}" if first else None)


# --- activities --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressFact:
    """A dated progress update (cập nhật tiến độ)."""

    on: date
    progress: int


def progress_on(updates: list[ProgressFact], day: date) -> tuple[int, date | None]:
    """(progress, completed_on) as they stood at the end of ``day``.

    Progress is that of the latest update on or before ``day`` (0 if none); ``completed_on`` is
    the day the activity last reached 100 % without falling back below it, by ``day``.
    """
    made = sorted((u for u in updates if u.on <= day), key=lambda u: u.on)
    if not made:
        return 0, None
    completed: date | None = None
    for u in made:
        if u.progress >= 100:
            completed = completed or u.on
        else:
            completed = None
    return made[-1].progress, completed


def activity_state_on(
    *, start: date | None, end: date | None, updates: list[ProgressFact], day: date
) -> tuple[str, int]:
    """(state code, progress) of an activity at the end of ``day``, from its dated updates."""
    progress, completed = progress_on(updates, day)
    return activity_state(
        start=start, end=end, progress=progress, completed_on=completed, today=day
    ), progress
