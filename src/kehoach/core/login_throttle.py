"""Slow down password guessing: a few failures per username and address, then a pause."""

import datetime

from django.conf import settings
from django.utils import timezone

from kehoach.core.models import LoginFailure


def _window_start():
    return timezone.now() - datetime.timedelta(seconds=settings.KEHOACH_LOGIN_WINDOW_SECONDS)


def is_throttled(username: str, address: str) -> bool:
    recent = LoginFailure.objects.filter(
        username=username[:150], address=address[:64], at__gte=_window_start()
    )
    return recent.count() >= settings.KEHOACH_LOGIN_MAX_FAILURES


def note_failure(username: str, address: str) -> None:
    LoginFailure.objects.create(username=username[:150], address=address[:64])
    # Keep the table small.
    LoginFailure.objects.filter(at__lt=_window_start() - datetime.timedelta(days=1)).delete()
