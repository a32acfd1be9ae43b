"""Task and deliverable states as the government counts them (tình hình thực hiện nhiệm vụ).

Government offices report four states: hoàn thành đúng hạn, hoàn thành quá hạn, đang thực hiện
trong hạn, quá hạn chưa hoàn thành. We add "chưa bắt đầu" for activities whose time frame has
not started yet.
"""

from __future__ import annotations

from datetime import date, timedelta

from kehoach.rules.deadlines import Due

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
OVERDUE = "overdue"
DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"

STATE_LABELS_VI: dict[str, str] = {
    NOT_STARTED: "Chưa bắt đầu",
    IN_PROGRESS: "Đang thực hiện trong hạn",
    OVERDUE: "Quá hạn",
    DONE_ON_TIME: "Hoàn thành đúng hạn",
    DONE_LATE: "Hoàn thành quá hạn",
}
STATE_LABELS_EN: dict[str, str] = {
    NOT_STARTED: "Not started",
    IN_PROGRESS: "In progress, within the deadline",
    OVERDUE: "Overdue",
    DONE_ON_TIME: "Completed on time",
    DONE_LATE: "Completed late",
}


def activity_state(
    *,
    start: date | None,
    end: date | None,
    progress: int,
    completed_on: date | None,
    today: date,
) -> str:
    """State code of a plan activity (trạng thái nhiệm vụ) on ``today``.

    - progress 100 → done: ``done_on_time`` if ``completed_on`` ≤ ``end`` (or there is no end),
      ``done_late`` otherwise. A done activity without ``completed_on`` is taken as on time: the
      service must record the day it reached 100 %, and a missing date must not turn it late.
    - not done: ``overdue`` if there is an end and ``today`` is after it; ``not_started`` if
      ``today`` is before ``start`` and nothing is done yet; else ``in_progress``.

    ``ValueError`` if progress is outside 0–100.
    """
    if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
        raise ValueError(f"progress must be an integer 0–100, got {progress!r}")
    if progress == 100:
        if end is None or completed_on is None or completed_on <= end:
            return DONE_ON_TIME
        return DONE_LATE
    if end is not None and today > end:
        return OVERDUE
    if start is not None and today < start and progress == 0:
        return NOT_STARTED
    return IN_PROGRESS


# --- deliverables (sản phẩm phải nộp: kế hoạch, báo cáo, ...) -------------------------------

PENDING = "pending"
SUBMITTED = "submitted"
LATE = "late"
ACCEPTED = "accepted"
RETURNED = "returned"
MISSED = "missed"

DELIVERABLE_STATUSES: tuple[str, ...] = (PENDING, SUBMITTED, LATE, ACCEPTED, RETURNED, MISSED)
DELIVERABLE_STATUS_LABELS_VI: dict[str, str] = {
    PENDING: "Chưa nộp",
    SUBMITTED: "Đã nộp",
    LATE: "Nộp trễ hạn",
    ACCEPTED: "Đã tiếp nhận",
    RETURNED: "Bị trả lại",
    MISSED: "Không nộp",
}
DELIVERABLE_STATUS_LABELS_EN: dict[str, str] = {
    PENDING: "Not submitted yet",
    SUBMITTED: "Submitted",
    LATE: "Submitted late",
    ACCEPTED: "Accepted",
    RETURNED: "Returned",
    MISSED: "Missed",
}

DEFAULT_GRACE_DAYS = 30


def deliverable_status(
    *,
    due: Due,
    submitted_on: date | None,
    review: str | None,
    today: date,
    locked: bool = False,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> str:
    """Status code of one deliverable (tình trạng nộp) on ``today``.

    - reviewed: ``accepted`` (đã tiếp nhận) or ``returned`` (bị trả lại) — the review concerns
      the latest submission; after a resubmission pass ``review=None``;
    - submitted: ``late`` if after ``due.last_on_time_day``, else ``submitted``;
    - not submitted: ``missed`` (không nộp) when the window is ``locked`` (period closed) or
      ``today`` is more than ``grace_days`` calendar days past the last on-time day, else
      ``pending`` (chưa nộp; it may already be late, which the caller sees from ``due``).

    ``ValueError`` on an unknown review or a review without a submission.
    """
    if review not in (None, ACCEPTED, RETURNED):
        raise ValueError(f"review must be None, 'accepted' or 'returned', got {review!r}")
    if grace_days < 0:
        raise ValueError(f"grace_days must not be negative, got {grace_days}")
    if review is not None:
        if submitted_on is None:
            raise ValueError("A deliverable cannot be reviewed before it is submitted")
        return review
    if submitted_on is not None:
        return LATE if due.is_late(submitted_on) else SUBMITTED
    if locked or today > due.last_on_time_day + timedelta(days=grace_days):
        return MISSED
    return PENDING
