"""Khóa sổ năm: once a year is closed, its facts stay as they were (pure rule, no Django).

A closed plan refuses every new or changed fact (outputs, broadcasts, budgets, progress,
submissions). A dated fact is also refused when its day falls in a year that some closed plan of
the same organisation has closed, even when the fact names no plan: an airing without a plan still
counts towards the closed plan's weekly compliance, so accepting it would change a closed figure.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable


def closed_year_of_day(day: datetime.date | None, closed_years: Iterable[int]) -> int | None:
    """The closed year ``day`` falls in, or None (no day, or its year is still open)."""
    if day is None:
        return None
    return day.year if day.year in set(closed_years) else None


def refusal(plan_label: str, year: int | None) -> str:
    """The one message for a write refused by a closed year (shown as is on pages and in the API)."""
    label = f"Kế hoạch {plan_label}".strip() if plan_label else "Kế hoạch"
    if year:
        return f"{label} đã khóa sổ năm {year}; số liệu không thay đổi được."
    return f"{label} đã khóa sổ; số liệu không thay đổi được."
