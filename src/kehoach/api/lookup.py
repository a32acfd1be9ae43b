"""Fetching one record for the API the way the contract asks: 404 when it does not exist,
403 when it exists but belongs to a unit the user may not see."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone

from kehoach.core.errors import Forbidden, Invalid
from kehoach.core.validation import DATE_MAX, DATE_MIN


def get_visible_or_403(queryset, pk: int, user, message: str):
    """``queryset`` carries the select_related the caller needs; its model has ``objects.for_user``."""
    obj = get_object_or_404(queryset, pk=pk)
    if not queryset.model.objects.for_user(user).filter(pk=pk).exists():
        raise Forbidden(message)
    return obj


def check_as_of(as_of: datetime.date | None, default: datetime.date | None = None) -> datetime.date:
    """The ``as_of`` query parameter: figures as they stood at the end of that day (default today)."""
    if as_of is None:
        return default or timezone.localdate()
    if not DATE_MIN <= as_of <= DATE_MAX:  # 422 like every other out-of-range date
        raise Invalid("Trường «as_of»: ngày phải trong khoảng 01/01/2000 đến 31/12/2100.")
    return as_of
