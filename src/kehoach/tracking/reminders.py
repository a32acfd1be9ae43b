"""Reminders and urging notices (nhắc hạn, văn bản đôn đốc): who is told what, once.

``send_reminders`` runs daily (``kehoach remind``, the first-run page) and never tells a unit the
same thing twice (a Reminder row per deliverable and kind); ``send_urging`` numbers and delivers
one urging notice to the chosen late units (pages and ``POST /api/v1/plans/{id}/urging``).
"""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import override

from kehoach.core import permissions
from kehoach.core.audit import (
    record,
)
from kehoach.core.errors import DomainError, Forbidden
from kehoach.notices import services as notice_services
from kehoach.org.models import Unit
from kehoach.plans.models import DutyKind, Plan, PlanStatus
from kehoach.rules.periods import parse_period
from kehoach.rules.task_state import DEFAULT_GRACE_DAYS
from kehoach.tracking import selectors
from kehoach.tracking.models import (
    Deliverable,
    DeliverableStatus,
    Reminder,
    ReminderKind,
    UrgingNotice,
)

log = logging.getLogger(__name__)


# --- reminders and urging ------------------------------------------------------------------
# Delivery (in the app, then e-mail after commit, one failure policy) is notices.services' job.


def recipient(unit: Unit) -> str:
    """The unit's mail address (kept for callers; the rule lives in ``notices.services``)."""
    return notice_services.unit_address(unit)


def _reminder_text(d: Deliverable, kind: str, today: datetime.date) -> tuple[str, str]:
    if kind == ReminderKind.BEFORE_DUE:
        subject = f"Sắp đến hạn: {d.title}"
        lead = f"Đơn vị {d.unit.name} cần nộp {d.title.lower()} {d.due_label}."
    else:
        subject = f"Quá hạn: {d.title}"
        lead = f"Đơn vị {d.unit.name} chưa nộp {d.title.lower()}; hạn là {d.due_label}."
    body = f"{lead}\n\nKế hoạch: {d.plan.number} {d.plan.title}\nNgày nhắc: {today:%d/%m/%Y}\n"
    return subject, body


def send_reminders(today: datetime.date, days_before: int = 3) -> int:
    """Nhắc việc: before the due date and once overdue, each at most once per deliverable.

    Each reminder is a notice delivered in the app to the unit and its members (e-mail too when
    the unit has an address, after commit). Idempotent: the Reminder row (unique per deliverable
    and kind) and the notice's key are written in one transaction, so a second run — or two runs
    at once — delivers nothing. Returns how many reminders were delivered now.
    """
    sent = 0
    candidates = (
        Deliverable.objects.filter(
            plan__status=PlanStatus.ISSUED,
            status__in=[DeliverableStatus.PENDING, DeliverableStatus.RETURNED],
            kind__in=[DutyKind.SUBPLAN, DutyKind.REPORT, DutyKind.TASK],
            due_date__lte=today + datetime.timedelta(days=days_before + 1),
            due_date__gte=today - datetime.timedelta(days=DEFAULT_GRACE_DAYS + 1),
        )
        .select_related("unit__focal_person", "plan", "duty")
        .order_by("due_date", "id")
    )
    reminded = {
        (r["deliverable_id"], r["kind"])
        for r in Reminder.objects.exclude(kind="urging").values("deliverable_id", "kind")
    }
    for d in candidates:
        last = d.due.last_on_time_day
        if today > last:
            # Overdue reminders only while the unit can still hand in (not locked, within grace).
            if not d.is_open_on(today) or (today - last).days > DEFAULT_GRACE_DAYS:
                continue
            kind = ReminderKind.OVERDUE
        elif (last - today).days <= days_before:
            kind = ReminderKind.BEFORE_DUE
        else:
            continue
        if (d.pk, kind) in reminded:
            continue
        subject, body = _reminder_text(d, kind, today)
        try:
            with transaction.atomic():
                Reminder.objects.create(deliverable=d, kind=kind, to_email=recipient(d.unit))
                notice_services.deliver(
                    key=f"reminder:{kind}:{d.pk}",
                    kind=kind,
                    title=subject,
                    body=body,
                    units=[d.unit],
                    plan=d.plan,
                    period=d.period,
                )
        except IntegrityError:  # another run got there first
            continue
        sent += 1
    return sent


def urging_candidates(plan: Plan, code: str, unit_ids, today: datetime.date) -> list[Deliverable]:
    """What may be urged for ``code`` on ``today``: what the period's documents speak of and is
    overdue that day. ``unit_ids=None`` means every unit.

    The one place the urging asks "which deliverables are overdue": the same rule as the follow-up
    page, dashboards and documents (``tracking.selectors.overdue``, i.e. ``rules.standing``).
    """
    return list(
        selectors.overdue(plan, today, period=code, unit_ids=unit_ids)
        .select_related("unit__focal_person", "plan", "duty")
        .order_by("unit__sort_order", "unit__name", "due_date", "id")
    )


@override("vi")  # the letter is an official document: Vietnamese whatever the sender's page language
def _letter(late: list[Deliverable]) -> list[dict]:
    """What each urged unit owed when the notice was sent (kept on the notice for its letter)."""
    by_unit: dict[int, dict] = {}
    for d in late:
        entry = by_unit.setdefault(d.unit_id, {"unit_id": d.unit_id, "unit": d.unit.name, "items": []})
        entry["items"].append(
            {
                "deliverable_id": d.pk,
                "title": d.title,
                "due": d.due_date.isoformat(),
                "due_label": d.due_label,
                # Where it stood on the day of the urging (annotated by ``as_of``), not today's status.
                "status": getattr(d, "state", d.status),
                "label": str(DeliverableStatus(getattr(d, "state", d.status)).label),
            }
        )
    return list(by_unit.values())


@transaction.atomic
def send_urging(
    plan: Plan, user, units, period: str, text: str, today: datetime.date | None = None
) -> UrgingNotice:
    """Văn bản đôn đốc: the coordinator urges units that have not handed in ``period``.

    ``units=None`` urges every unit with something overdue in the period. The notice is delivered
    in the app to each urged unit and its members; e-mail follows after commit (``notices``).
    The delivered notice is ``notices.selectors.urging_notice_for(result.pk)``.
    """
    if not permissions.is_coordinator(user, plan):
        raise Forbidden("Chỉ cơ quan thường trực được gửi văn bản đôn đốc.")
    try:
        code = parse_period(period).code
    except ValueError as exc:
        raise DomainError(str(exc))
    text = (text or "").strip()
    if not text:
        raise DomainError("Cần nhập nội dung văn bản đôn đốc.")
    unit_ids = None if units is None else {u.pk if isinstance(u, Unit) else int(u) for u in units}
    if unit_ids is not None and not unit_ids:
        raise DomainError("Chọn ít nhất một đơn vị cần đôn đốc.")
    today = today or timezone.localdate()
    late = urging_candidates(plan, code, unit_ids, today)
    if not late:
        raise DomainError("Các đơn vị đã chọn không có việc nào quá hạn trong kỳ này.")
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    number = (UrgingNotice.objects.filter(plan=plan).aggregate(n=Max("number"))["n"] or 0) + 1
    notice = UrgingNotice.objects.create(plan=plan, number=number, period=code, text=text, created_by=user)
    notice.units.set({d.unit_id for d in late})
    for d in late:
        Reminder.objects.create(
            deliverable=d, kind=ReminderKind.URGING, notice=notice, to_email=recipient(d.unit)
        )
    try:
        label = parse_period(code).label_vi
    except ValueError:  # pragma: no cover - code was parsed above
        label = code
    notice_services.deliver(
        key=f"urging:{notice.pk}",
        kind="urging",
        title=f"Văn bản đôn đốc số {number:02d}: kế hoạch, báo cáo {label}",
        body=text,
        units=[d.unit for d in late],
        plan=plan,
        period=code,
        number=number,
        letter=_letter(late),
        sent_by=user,
    )
    record(
        plan,
        "action",
        {"notice": [None, number], "units": [None, sorted(notice.units.values_list("pk", flat=True))]},
        verb="Gửi văn bản đôn đốc",
        actor=user,
    )
    return notice
