"""Tuần phát sóng: the weekly broadcast deliverables (V.1.đ) are fulfilled from the broadcast log,
never typed. Logging an airing and updating its week happen together."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from kehoach.outputs.services import broadcast_compliance, log_broadcast
from kehoach.plans.models import DutyKind, Plan, PlanStatus
from kehoach.tracking.models import Deliverable, DeliverableStatus


@transaction.atomic
def sync_broadcast_deliverables(plan: Plan, today: datetime.date | None = None) -> int:
    """Tuần phát sóng: a week's deliverable is accepted when the log shows the week complies
    (V.1.đ: at least N airings of at least M minutes), missed once the week is over without it,
    pending while it runs. Returns how many changed."""
    today = today or timezone.localdate()
    weeks = {w["week"]: w for w in broadcast_compliance(plan, today=today)["weeks"]}
    rows = list(Deliverable.objects.select_for_update().filter(plan=plan, kind=DutyKind.BROADCAST))
    changed = []
    for d in rows:
        week = weeks.get(d.period)
        if week and week["compliant"]:
            new = DeliverableStatus.ACCEPTED
        elif d.period_end < today:
            new = DeliverableStatus.MISSED
        else:
            new = DeliverableStatus.PENDING
        if new != d.status:
            d.status = new
            changed.append(d)
    if changed:
        Deliverable.objects.bulk_update(changed, ["status"])
    return len(changed)


def sync_broadcasts_for_unit(unit_id: int, today: datetime.date | None = None) -> int:
    """After a broadcast is logged: bring every issued plan whose weekly duty this unit carries up to date."""
    plans = Plan.objects.filter(
        status=PlanStatus.ISSUED, deliverables__kind=DutyKind.BROADCAST, deliverables__unit_id=unit_id
    ).distinct()
    return sum(sync_broadcast_deliverables(p, today) for p in plans)


@transaction.atomic
def record_broadcast(user, data: dict, recording=None):
    """Ghi nhận lượt phát sóng and bring the week's deliverable up to date, all or nothing."""
    broadcast = log_broadcast(user, data, recording=recording)
    sync_broadcasts_for_unit(broadcast.unit_id)
    return broadcast
