"""Weekly broadcast compliance (chuyên mục phát sóng định kỳ).

The seed plan (V.1.đ) asks the radio centre to air the administrative-reform column "mỗi tuần ít
nhất một lần, thời lượng phát sóng mỗi lần ít nhất 10 phút vào thời điểm có nhiều người theo dõi".
So a week complies when it has at least ``min_count`` airings that EACH last at least
``min_minutes`` (and start in a peak window when such windows are given): one 8-minute airing
does not make a week comply, one 12-minute airing does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from kehoach.rules.periods import Period, period_containing, periods_between

VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")
"""Vietnam has no daylight saving time: UTC+7 all year."""

REASON_NONE = "Không có lượt phát sóng nào"
REASON_OFF_PEAK = "Ngoài khung giờ cao điểm"


@dataclass
class Airing:
    """One airing (lượt phát sóng). ``aired_at`` naive = Vietnam local time; aware = converted."""

    aired_at: datetime
    minutes: int

    def __post_init__(self) -> None:
        if isinstance(self.minutes, bool) or not isinstance(self.minutes, int) or self.minutes < 0:
            raise ValueError(f"minutes must be a non-negative integer, got {self.minutes!r}")

    @property
    def local_time(self) -> datetime:
        """``aired_at`` in Vietnam local time, naive."""
        if self.aired_at.tzinfo is None:
            return self.aired_at
        return self.aired_at.astimezone(VIETNAM_TZ).replace(tzinfo=None)


@dataclass
class WeekResult:
    """Compliance of one ISO week (tuần).

    ``count``: airings that qualify; ``minutes``: total minutes of all airings of the week;
    ``reason``: why the week fails, in Vietnamese (None when compliant).
    """

    week: str
    count: int
    minutes: int
    compliant: bool
    reason: str | None = None


def in_peak_window(t: time, windows: Iterable[tuple[time, time]]) -> bool:
    """Whether a start time falls in one of the windows [from, to) (a window may cross midnight)."""
    for lo, hi in windows:
        if lo <= hi:
            if lo <= t < hi:
                return True
        elif t >= lo or t < hi:
            return True
    return False


def weeks_range(start: date, end: date) -> tuple[date, date]:
    """Monday of the first and Sunday of the last ISO week overlapping [start, end].

    Fetch the airings of this whole range before calling :func:`week_compliance`.
    """
    return period_containing("week", start).start, period_containing("week", end).end


def week_compliance(
    airings: Iterable[Airing],
    *,
    start: date,
    end: date,
    min_count: int = 1,
    min_minutes: int = 10,
    peak_windows: list[tuple[time, time]] | None = None,
) -> list[WeekResult]:
    """One :class:`WeekResult` for every ISO week overlapping [start, end], in order.

    A week is judged on all its airings, even the days of an edge week that fall outside
    [start, end] (the duty is per week); airings outside those weeks are ignored.
    """
    if min_count < 0 or min_minutes < 0:
        raise ValueError("min_count and min_minutes must not be negative")
    by_week: dict[Period, list[Airing]] = defaultdict(list)
    for a in airings:
        by_week[period_containing("week", a.local_time.date())].append(a)

    results = []
    for week in periods_between("week", start, end):
        week_airings = by_week.get(week, [])
        long_enough = [a for a in week_airings if a.minutes >= min_minutes]
        qualifying = (
            [a for a in long_enough if in_peak_window(a.local_time.time(), peak_windows)]
            if peak_windows
            else long_enough
        )
        compliant = len(qualifying) >= min_count
        reason = None
        if not compliant:
            if not week_airings:
                reason = REASON_NONE
            elif not long_enough:
                reason = f"Chỉ có {len(week_airings)} lượt dưới {min_minutes} phút"
            elif not qualifying:
                reason = REASON_OFF_PEAK
            else:
                reason = f"Chỉ có {len(qualifying)}/{min_count} lượt đạt yêu cầu"
        results.append(
            WeekResult(
                week=week.code,
                count=len(qualifying),
                minutes=sum(a.minutes for a in week_airings),
                compliant=compliant,
                reason=reason,
            )
        )
    return results


def compliance_rate(results: list[WeekResult]) -> float | None:
    """Share of compliant weeks (0–1, 4 places), or None when there is no week to judge."""
    if not results:
        return None
    return round(sum(r.compliant for r in results) / len(results), 4)
