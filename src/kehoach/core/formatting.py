"""Cách viết số, tiền, ngày: the one place pages (template filters) and documents (DOCX, XLSX,
PDF, charts) format a figure, so the same figure reads the same on every surface.

Dates dd/mm/yyyy (local time for moments), amounts in whole đồng with dots between thousands
("15.500.000 đ"), numbers and percentages with a decimal comma rounded half up ("83,3%"). A missing
value is "—". The pure formatters live in ``rules.money`` (the rules use them too); this module adds
what pages need: None, moments in the app's time zone, and the template filters' leniency.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from django.utils import timezone

from kehoach.rules.money import fmt_number_vi, format_date_long_vi, format_date_vi, format_vnd

MISSING = "—"

Number = int | float | Decimal | Fraction


def date(value: dt.date | None) -> str:
    """``05/01/2021``; a moment is shown on its local day."""
    if value is None:
        return MISSING
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_date_vi(value)


def moment(value: dt.datetime | None) -> str:
    """``05/01/2021 09:30`` in the app's time zone."""
    if value is None:
        return MISSING
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date_vi(local.date())} {local:%H:%M}"


def long_date(value: dt.date) -> str:
    """The date line of an administrative document: "ngày 05 tháng 01 năm 2021"."""
    return format_date_long_vi(value)


def vnd(amount: Number | None) -> str:
    """``15.500.000 đ`` (whole đồng)."""
    if amount is None:
        return MISSING
    return format_vnd(int(amount))


def amount(value: Number | None) -> str:
    """``15.500.000``: whole đồng without the symbol, as typed in an amount field."""
    if value is None:
        return ""
    return fmt_number_vi(int(value), 0)


def number(value: Number | None, places: int = 1) -> str:
    """``1.234``, ``22,5``: dots between thousands, a decimal comma, no trailing zeros."""
    if value is None:
        return MISSING
    if isinstance(value, Decimal):
        value = Fraction(value)
    return fmt_number_vi(value, places)


def whole(value: Number | None) -> str:
    """A count: ``1.234`` (nothing counted is 0)."""
    return fmt_number_vi(int(value or 0), 0)


def percent(rate: Number | None, places: int = 1) -> str:
    """A rate (0..1) as a percentage: ``0.8333`` → ``83,3%`` (``places=2``: ``83,33%``)."""
    if rate is None:
        return MISSING
    if isinstance(rate, Decimal):
        rate = Fraction(rate)
    return f"{fmt_number_vi(rate * 100, places)}%"
