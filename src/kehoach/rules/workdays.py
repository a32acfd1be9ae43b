"""Working days (ngày làm việc) of Vietnamese state offices.

Weekends (Saturday, Sunday) and public holidays (ngày nghỉ lễ, Tết) are not working days. The
holiday calendar comes from the ``holidays`` package, which also knows the official day swaps
(hoán đổi ngày làm việc): a Saturday worked to bridge a holiday (e.g. 26/04/2025) counts as a
working day, and the day it pays for (02/05/2025) does not.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=256)
def _calendar(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(public holidays, weekend days that are official working days) of ``year``, cached."""
    vn = holidays.country_holidays("VN", years=year)
    swaps = getattr(vn, "weekend_workdays", ()) or ()
    return frozenset(vn.keys()), frozenset(d for d in swaps if d.year == year)


def holidays_of_year(year: int) -> frozenset[date]:
    """Vietnamese public holidays (ngày nghỉ lễ, Tết) of ``year`` according to ``holidays``."""
    return _calendar(year)[0]


def is_working_day(d: date) -> bool:
    """Whether ``d`` is a working day (ngày làm việc): not a weekend, not a public holiday."""
    if isinstance(d, datetime):
        d = d.date()
    off, weekend_workdays = _calendar(d.year)
    if d in off:
        return False
    if d.weekday() >= 5:
        return d in weekend_workdays
    return True


def next_working_day(d: date) -> date:
    """``d`` itself if it is a working day, else the first working day after it."""
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def add_working_days(d: date, n: int) -> date:
    """The ``n``-th working day after ``d`` (``d`` itself is not counted).

    ``n = 0`` gives ``d`` if it is a working day, else the next working day ("5 ngày làm việc
    kể từ ngày ..." counts from the following day). ``ValueError`` if ``n`` is negative.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"n must be an integer, got {n!r}")
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    if n == 0:
        return next_working_day(d)
    while n:
        d += timedelta(days=1)
        if is_working_day(d):
            n -= 1
    return d


def working_days_between(a: date, b: date) -> int:
    """Working days in the half-open range (a, b]; negative (−count of (b, a]) if ``b`` < ``a``.

    So ``working_days_between(d, add_working_days(d, n)) == n`` for every ``n >= 1``, and a
    submission made on the due day is 0 working days late.
    """
    if b < a:
        return -working_days_between(b, a)
    count = 0
    d = a
    while d < b:
        d += timedelta(days=1)
        if is_working_day(d):
            count += 1
    return count
