"""Small helpers for tracking tests."""

import datetime


def at(y, m, d, hh=9):
    """An aware datetime in Vietnam time."""
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime(y, m, d, hh, 0))


def user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def get_deliverable(plan, unit_code, period, kind=None):
    from kehoach.tracking.models import Deliverable

    qs = Deliverable.objects.filter(plan=plan, unit__code=unit_code, period=period)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.get()
