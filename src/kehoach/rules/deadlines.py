"""Due dates (thời hạn) of deliverables, and whether a submission is late (trễ hạn)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kehoach.rules.periods import Period, cutoff_window
from kehoach.rules.workdays import add_working_days

Date = date  # inside Due, ``date`` is the field: annotations there name the type Date

DEFAULT_WORKING_DAYS_AFTER_CUTOFF = 5
"""Default policy for periodic reports: due 5 working days after the cut-off window closes."""


@dataclass(frozen=True)
class Due:
    """A deadline (thời hạn).

    ``inclusive=True`` reads "chậm nhất ngày 25/01/2021" / "đến ngày": the day itself is on time.
    ``inclusive=False`` reads "trước ngày 26/01/2021": the last day on time is 25/01/2021.
    """

    date: Date
    inclusive: bool = True

    @property
    def last_on_time_day(self) -> Date:
        """The last day on which a submission is still on time (hạn cuối)."""
        return self.date if self.inclusive else self.date - timedelta(days=1)

    def is_late(self, submitted_on: Date) -> bool:
        """Whether a submission made on ``submitted_on`` is late (nộp trễ hạn)."""
        if isinstance(submitted_on, datetime):
            submitted_on = submitted_on.date()
        return submitted_on > self.last_on_time_day

    @property
    def label_vi(self) -> str:
        """How a document states it: "trước ngày 26/01/2021" or "chậm nhất ngày 25/01/2021"."""
        return f"{'chậm nhất ngày' if self.inclusive else 'trước ngày'} {self.date:%d/%m/%Y}"

    @classmethod
    def before(cls, d: Date) -> Due:
        """ "trước ngày d": exclusive."""
        return cls(d, inclusive=False)

    @classmethod
    def by(cls, d: Date) -> Due:
        """ "chậm nhất ngày d" / "đến ngày d": inclusive."""
        return cls(d, inclusive=True)


def due_for_period(
    period: Period,
    *,
    explicit: Due | None = None,
    working_days_after_cutoff: int | None = None,
    days_after_end: int | None = None,
) -> Due:
    """Due date of a periodic deliverable (thời hạn gửi báo cáo) for ``period``.

    In order of precedence:
    1. ``explicit``: the deadline written in the plan wins;
    2. ``working_days_after_cutoff=N``: N working days after the cut-off window ends, inclusive;
    3. ``days_after_end=N``: N calendar days after the period's last day, inclusive;
    4. default: weeks are due on their Sunday (inclusive); every other kind 5 working days
       after the Decree 09/2019 cut-off end (2021-H1: cut-off ends 14/06/2021 → 21/06/2021).

    ``ValueError`` if both N options are given or N is negative.
    """
    if explicit is not None:
        return explicit
    if working_days_after_cutoff is not None and days_after_end is not None:
        raise ValueError("Give working_days_after_cutoff or days_after_end, not both")
    if working_days_after_cutoff is not None:
        return Due(add_working_days(cutoff_window(period)[1], working_days_after_cutoff), inclusive=True)
    if days_after_end is not None:
        if days_after_end < 0:
            raise ValueError(f"days_after_end must not be negative, got {days_after_end}")
        return Due(period.end + timedelta(days=days_after_end), inclusive=True)
    if period.kind == "week":
        return Due(period.end, inclusive=True)
    return Due(add_working_days(cutoff_window(period)[1], DEFAULT_WORKING_DAYS_AFTER_CUTOFF), inclusive=True)
