"""Reporting rates (tỷ lệ báo cáo): how many expected reports came in, and how many on time."""

from __future__ import annotations


def _count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    return value


def reporting_rates(expected: int, submitted: int, on_time: int) -> dict:
    """``{expected, submitted, on_time, rate, on_time_rate}`` for a set of deliverables.

    ``rate`` = submitted / expected (tỷ lệ nộp) and ``on_time_rate`` = on_time / expected (tỷ lệ
    nộp đúng hạn), both 0.0 when nothing is expected, rounded to 4 places and never above 1.0
    (DHIS2 users complain of rates above 100 %: count only units active in the period).
    ``ValueError`` unless 0 ≤ on_time ≤ submitted ≤ expected.
    """
    expected = _count("expected", expected)
    submitted = _count("submitted", submitted)
    on_time = _count("on_time", on_time)
    if submitted > expected:
        raise ValueError(f"submitted ({submitted}) exceeds expected ({expected})")
    if on_time > submitted:
        raise ValueError(f"on_time ({on_time}) exceeds submitted ({submitted})")
    return {
        "expected": expected,
        "submitted": submitted,
        "on_time": on_time,
        "rate": _ratio(submitted, expected),
        "on_time_rate": _ratio(on_time, expected),
    }


def _ratio(part: int, whole: int) -> float:
    if whole == 0:
        return 0.0
    return min(1.0, round(part / whole, 4))
