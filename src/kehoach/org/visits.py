"""Ghi nhận lần xem trang "Việc của tôi" (for "what changed since your last visit")."""

import datetime

from django.db import transaction

from kehoach.org.models import HomeVisit
from kehoach.rules.visits import next_visit


@transaction.atomic
def record_visit(user, now: datetime.datetime) -> datetime.datetime | None:
    """Note a look at the home at ``now``; returns where this visit's window starts (None: first ever)."""
    visit = HomeVisit.objects.select_for_update().filter(user=user).first()
    if visit is None:
        HomeVisit.objects.get_or_create(user=user, defaults={"seen_at": now})
        return None
    visit.since, visit.seen_at = next_visit(visit.since, visit.seen_at, now)
    visit.save(update_fields=["since", "seen_at"])
    return visit.since
