"""Tuần phát sóng: the weekly broadcast deliverables (V.1.đ) are fulfilled from the broadcast log,
never typed. Each unit's week is judged on that unit's own airings (a duty given to many
communes is owed, and judged, by each of them); logging an airing updates that unit's week only.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kehoach.core.audit import acting_as_system, audited_bulk_update
from kehoach.outputs.models import Broadcast
from kehoach.outputs.services import broadcast_duty, judge_weeks, log_broadcast
from kehoach.plans.models import DutyKind, Plan, PlanStatus
from kehoach.rules.broadcasts import Airing
from kehoach.rules.periods import parse_period, period_containing
from kehoach.tracking.models import Deliverable, DeliverableStatus

BATCH = 500  # rows per transaction: long writes would stall every other writer on SQLite


def _week_status(compliant: bool, week_end: datetime.date, today: datetime.date) -> str:
    """Accepted when the week complies, missed once it is over without, pending while it runs."""
    if compliant:
        return DeliverableStatus.ACCEPTED
    return DeliverableStatus.MISSED if week_end < today else DeliverableStatus.PENDING


def _airings(plan: Plan, unit_ids, first: datetime.date, last: datetime.date) -> dict[int, list[Airing]]:
    rows = (
        Broadcast.objects.filter(unit_id__in=unit_ids)
        .filter(Q(plan=plan) | Q(plan__isnull=True))
        .between(first, last)
        .values_list("unit_id", "aired_at", "minutes")
    )
    out: dict[int, list[Airing]] = defaultdict(list)
    for unit_id, aired_at, minutes in rows:
        out[unit_id].append(Airing(aired_at=aired_at, minutes=minutes))
    return out


def _judge(plan: Plan, rows: list[Deliverable], today: datetime.date) -> list[Deliverable]:
    """The rows whose status changes, each judged on its own unit's airings of its week."""
    if not rows:
        return []
    duty = broadcast_duty(plan)
    first = min(d.period_start for d in rows)
    last = max(d.period_end for d in rows)
    airings = _airings(plan, {d.unit_id for d in rows}, first, last)
    by_unit: dict[int, dict[str, bool]] = {}
    for unit_id in {d.unit_id for d in rows}:
        weeks = judge_weeks(duty, airings.get(unit_id, []), first, last)
        by_unit[unit_id] = {w.week: w.compliant for w in weeks}
    changed = []
    for d in rows:
        new = _week_status(by_unit[d.unit_id].get(d.period, False), d.period_end, today)
        if new != d.status:
            d.status = new
            changed.append(d)
    return changed


def sync_broadcast_deliverables(plan: Plan, today: datetime.date | None = None) -> int:
    """Bring every weekly deliverable of the plan up to date (``kehoach remind``, demo): in small
    transactions, writing only the rows that change. Returns how many changed."""
    today = today or timezone.localdate()
    ids = list(
        Deliverable.objects.filter(plan=plan, kind=DutyKind.BROADCAST)
        .order_by("unit_id", "period_start")
        .values_list("pk", flat=True)
    )
    changed = 0
    for i in range(0, len(ids), BATCH):
        with transaction.atomic():
            rows = list(Deliverable.objects.select_for_update().filter(pk__in=ids[i : i + BATCH]))
            updates = _judge(plan, rows, today)
            if updates:
                with acting_as_system():  # computed from the broadcast log: "Hệ thống"
                    audited_bulk_update(Deliverable, updates, ["status"])
            changed += len(updates)
    return changed


def sync_unit_week(unit_id: int, day: datetime.date, today: datetime.date | None = None) -> int:
    """After an airing of ``unit_id`` on ``day``: that unit's week deliverable in each issued plan."""
    today = today or timezone.localdate()
    week = period_containing("week", day).code
    rows = list(
        Deliverable.objects.select_for_update()
        .filter(unit_id=unit_id, kind=DutyKind.BROADCAST, period=week, plan__status=PlanStatus.ISSUED)
        .select_related("plan")
    )
    changed = []
    for d in rows:
        changed += _judge(d.plan, [d], today)
    if changed:
        with acting_as_system():  # computed from the broadcast log, not anyone's choice: "Hệ thống"
            audited_bulk_update(Deliverable, changed, ["status"])
    return len(changed)


@transaction.atomic
def record_broadcast(user, data: dict, recording=None):
    """Ghi nhận lượt phát sóng and bring that unit's week up to date, all or nothing."""
    broadcast = log_broadcast(user, data, recording=recording)
    sync_unit_week(broadcast.unit_id, timezone.localtime(broadcast.aired_at).date())
    return broadcast


def week_label(code: str) -> str:
    """ "Tuần 6 (08/02–14/02/2021)" for ``2021-W06``."""
    try:
        p = parse_period(code)
    except ValueError:
        return code
    return f"Tuần {p.index} ({p.start:%d/%m}–{p.end:%d/%m/%Y})"
