"""Workflows of the tracking app: generate what is owed, submit, review, lock, reopen, remind, urge.

Every function runs in one transaction and locks the rows it changes (``select_for_update``),
so concurrent submissions and reviews queue instead of overwriting each other. Pages, the API
and the ``kehoach remind`` command all call these functions; none of this logic lives in views.
"""

from __future__ import annotations

import datetime
import logging
import math
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from kehoach.core import permissions
from kehoach.core.audit import (
    acting_as_system,
    audited_bulk_create,
    audited_bulk_update,
    audited_delete,
    record,
)
from kehoach.core.errors import Conflict, DomainError, Forbidden, check_version
from kehoach.org.models import Unit
from kehoach.plans.models import DutyKind, Plan
from kehoach.rules import submission_flow as flow
from kehoach.rules.deadlines import due_for_period
from kehoach.rules.periods import EVERY_TO_KIND, Period, cutoff_window, parse_period, periods_between
from kehoach.tracking.models import (
    Deliverable,
    DeliverableStatus,
    Submission,
)

log = logging.getLogger(__name__)

DEFAULT_WORKING_DAYS = 5


# --- generating deliverables ---------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """One deliverable the plan expects: duty × unit × period."""

    duty_id: int
    unit_id: int
    kind: str
    period: str
    start: datetime.date
    end: datetime.date
    due: datetime.date
    inclusive: bool


def plan_bounds(plan: Plan) -> tuple[datetime.date, datetime.date]:
    start, end = plan.start, plan.end
    if start is None or end is None:
        year = (plan.issued_on or timezone.localdate()).year
        start, end = start or datetime.date(year, 1, 1), end or datetime.date(year, 12, 31)
    return start, end


def _active(unit: Unit, start: datetime.date, end: datetime.date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= end) and (
        unit.valid_to is None or unit.valid_to >= start
    )


def expected_deliverables(plan: Plan) -> list[Expected]:
    """Every deliverable the plan's duties call for, for units active in each period.

    - a duty with a due date: one deliverable for the plan year, due that date;
    - each recurrence ``every``: one per period of that kind within the plan's time frame; weekly
      ones are due on the week's Sunday, the others N working days after the Decree 09 cut-off;
    - ongoing duties (kind ``task`` with neither a due date nor a recurrence) produce nothing.
    """
    start, end = plan_bounds(plan)
    year_code = Period("year", plan.year or start.year).code
    out: list[Expected] = []
    for duty in plan.duties.prefetch_related("who_units", "who_groups"):
        if not duty.due_date and not duty.recurrence:
            continue
        units = list(duty.assigned_units())
        if duty.due_date:
            for unit in units:
                if _active(unit, start, end):
                    out.append(
                        Expected(
                            duty.pk,
                            unit.pk,
                            duty.kind,
                            year_code,
                            start,
                            end,
                            duty.due_date,
                            duty.due_inclusive,
                        )
                    )
        for rule in duty.recurrence or []:
            kind = EVERY_TO_KIND.get(str(rule.get("every", "")))
            if kind is None:
                continue
            dkind = DutyKind.BROADCAST if kind == "week" and duty.kind == DutyKind.BROADCAST else duty.kind
            # A weekly duty binds from the plan's issue: the weeks before it cannot be owed.
            first = max(start, plan.issued_on) if kind == "week" and plan.issued_on else start
            for period in periods_between(kind, first, end):
                if kind == "week":
                    due = due_for_period(period)
                else:
                    due = due_for_period(
                        period,
                        working_days_after_cutoff=duty.working_days_after_cutoff or DEFAULT_WORKING_DAYS,
                    )
                for unit in units:
                    if _active(unit, period.start, period.end):
                        out.append(
                            Expected(
                                duty.pk,
                                unit.pk,
                                dkind,
                                period.code,
                                period.start,
                                period.end,
                                due.date,
                                due.inclusive,
                            )
                        )
    return out


@transaction.atomic
def generate_deliverables(plan: Plan, today: datetime.date | None = None) -> dict:
    """Create the deliverables the plan expects; safe to re-run after the plan or the units change.

    Never duplicates (the unique key duty × unit × period), keeps everything already handed in,
    updates the due date of deliverables still pending, and removes only pending deliverables
    without submissions that are no longer expected (a unit merged away, a duty removed).
    """
    Plan.objects.select_for_update().filter(pk=plan.pk).first()  # one generator per plan at a time
    expected = {(e.duty_id, e.unit_id, e.period): e for e in expected_deliverables(plan)}
    existing = {(d.duty_id, d.unit_id, d.period): d for d in Deliverable.objects.filter(plan=plan)}
    new = [
        Deliverable(
            plan=plan,
            duty_id=e.duty_id,
            unit_id=e.unit_id,
            kind=e.kind,
            period=e.period,
            period_start=e.start,
            period_end=e.end,
            due_date=e.due,
            due_inclusive=e.inclusive,
        )
        for key, e in expected.items()
        if key not in existing
    ]
    audited_bulk_create(Deliverable, new, ignore_conflicts=True, batch_size=500)
    changed = []
    for key, d in existing.items():
        e = expected.get(key)
        if (
            e
            and d.status == DeliverableStatus.PENDING
            and (d.due_date, d.due_inclusive) != (e.due, e.inclusive)
        ):
            d.due_date, d.due_inclusive = e.due, e.inclusive
            changed.append(d)
    if changed:
        audited_bulk_update(Deliverable, changed, ["due_date", "due_inclusive"])
    stale = [
        d.pk for key, d in existing.items() if key not in expected and d.status == DeliverableStatus.PENDING
    ]
    removable = Deliverable.objects.filter(pk__in=stale, submissions__isnull=True)
    removed = removable.count()
    if removed:
        audited_delete(removable)
    result = {"created": len(new), "kept": len(existing) - removed, "removed": removed}
    record(plan, "action", {k: [None, v] for k, v in result.items()}, verb="Sinh việc phải nộp")
    if today is not None:
        refresh_statuses(plan, today)
    return result


# --- submitting and reviewing --------------------------------------------------------------


def _clean_figures(figures, depth: int = 0) -> dict:
    """Report figures: a flat object of names to non-negative numbers (or short texts)."""
    if figures in (None, ""):
        return {}
    if not isinstance(figures, dict):
        raise DomainError("Số liệu báo cáo phải là một đối tượng {tên: số}.")
    clean = {}
    for key, value in figures.items():
        if not isinstance(key, str) or not key or len(key) > 60:
            raise DomainError(f"Tên chỉ tiêu không hợp lệ: {key!r}.")
        if isinstance(value, bool):
            raise DomainError(f"Số liệu '{key}' phải là số.")
        if isinstance(value, int | float):
            if isinstance(value, float) and not math.isfinite(value):
                raise DomainError(f"Số liệu '{key}' phải là một số hữu hạn.")
            if value < 0:
                raise DomainError(f"Số liệu '{key}' không được âm.")
            clean[key] = value
        elif isinstance(value, dict) and depth < 1:
            clean[key] = _clean_figures(value, depth + 1)  # e.g. by_form: {form: count}, no deeper
        elif isinstance(value, str) and len(value) <= 500:
            clean[key] = value
        else:
            raise DomainError(f"Số liệu '{key}' không hợp lệ.")
    return clean


def _locked_message(d: Deliverable) -> str:
    reason = d.lock_reason or "kỳ báo cáo đã khóa"
    return f"Không thể nộp: {reason}. Liên hệ Phòng Nội vụ để được mở lại."


@transaction.atomic
def submit(
    deliverable: Deliverable,
    user,
    *,
    text: str,
    file=None,
    figures: dict | None = None,
    results: str = "",
    shortcomings: str = "",
    proposals: str = "",
    version: int | None = None,
    now: datetime.datetime | None = None,
) -> Submission:
    """Nộp: a unit hands in (a new version of) its deliverable; late when after the due date."""
    d = Deliverable.objects.select_for_update().select_related("plan", "unit").get(pk=deliverable.pk)
    if not permissions.can_act_for(user, d.unit_id):
        raise Forbidden("Bạn chỉ được nộp cho đơn vị của mình.")
    check_version(d, version)
    now = now or timezone.now()
    today = timezone.localtime(now).date() if timezone.is_aware(now) else now.date()
    if not flow.allows(flow.SUBMIT, d.status):
        raise Conflict(flow.refusal(flow.SUBMIT, d.status))
    if not d.is_open_on(today):
        raise Conflict(_locked_message(d))
    text = (text or "").strip()
    if not text and not file:
        raise DomainError("Cần nhập nội dung hoặc gửi kèm tài liệu.")
    clean_figures = _clean_figures(figures)
    number = (d.submissions.aggregate(n=Max("number"))["n"] or 0) + 1
    is_late = d.due.is_late(today)
    submission = Submission.objects.create(
        deliverable=d,
        number=number,
        author=user,
        submitted_at=now,
        is_late=is_late,
        text=text,
        file=file or "",
        figures=clean_figures,
        results=results or "",
        shortcomings=shortcomings or "",
        proposals=proposals or "",
    )
    before = d.status
    d.status = DeliverableStatus.LATE if is_late else DeliverableStatus.SUBMITTED
    d.submitted_at = now
    d.submitted_late = is_late
    d.version += 1
    d.save()
    record(d, "action", {"status": [before, d.status], "submission": [None, number]}, verb="Nộp", actor=user)
    deliverable.status, deliverable.version, deliverable.submitted_at = d.status, d.version, d.submitted_at
    return submission


REVIEW_DECISIONS = {a: DeliverableStatus(flow.TRANSITIONS[a][1]) for a in (flow.ACCEPT, flow.RETURN)}


@transaction.atomic
def review(
    deliverable: Deliverable,
    user,
    *,
    decision: str,
    comment: str = "",
    version: int | None = None,
    now: datetime.datetime | None = None,
) -> Deliverable:
    """Tiếp nhận / Trả lại: the coordinator reviews the latest submission."""
    d = Deliverable.objects.select_for_update().select_related("plan", "unit").get(pk=deliverable.pk)
    if not permissions.is_coordinator(user, d.plan):
        raise Forbidden("Chỉ cơ quan thường trực (Phòng Nội vụ) được tiếp nhận hoặc trả lại.")
    if decision not in REVIEW_DECISIONS:
        raise DomainError("Quyết định phải là 'accept' (tiếp nhận) hoặc 'return' (trả lại).")
    comment = (comment or "").strip()
    if decision == "return" and not comment:
        raise DomainError("Cần ghi lý do trả lại để đơn vị biết cần sửa gì.")
    check_version(d, version)
    if not flow.allows(decision, d.status):
        raise Conflict(flow.refusal(decision, d.status))
    sub = Submission.objects.select_for_update().filter(deliverable=d).order_by("-number").first()
    if sub is None:
        raise Conflict("Chưa có lần nộp nào để xem xét.")
    now = now or timezone.now()
    new_status = REVIEW_DECISIONS[decision]
    sub.review_decision = new_status.value
    sub.review_comment = comment
    sub.reviewed_by = user
    sub.reviewed_at = now
    sub.save()
    before = d.status
    d.status = new_status
    d.version += 1
    d.save()
    record(
        d,
        "action",
        {"status": [before, d.status], "comment": [None, comment]},
        verb="Tiếp nhận" if decision == "accept" else "Trả lại",
        actor=user,
    )
    deliverable.status, deliverable.version = d.status, d.version
    return d


# --- locking, reopening, statuses ----------------------------------------------------------


@transaction.atomic
def lock_period(plan: Plan, period: str, reason: str, user=None, today: datetime.date | None = None) -> int:
    """Khóa kỳ báo cáo: no more submissions for ``period``; the reason is shown to units."""
    if user is not None and not permissions.is_coordinator(user, plan):
        raise Forbidden("Chỉ cơ quan thường trực được khóa kỳ báo cáo.")
    try:
        code = parse_period(period).code
    except ValueError as exc:
        raise DomainError(str(exc))
    reason = (reason or "").strip() or f"Kỳ báo cáo {code} đã khóa để tổng hợp"
    rows = list(Deliverable.objects.select_for_update().filter(plan=plan, period=code))
    day = today or timezone.localdate()
    for d in rows:
        d.locked, d.lock_reason, d.reopened_until = True, reason, None
        d.locked_on = d.locked_on or day
    audited_bulk_update(Deliverable, rows, ["locked", "locked_on", "lock_reason", "reopened_until"])
    record(
        plan, "action", {"period": [None, code], "reason": [None, reason]}, verb="Khóa kỳ báo cáo", actor=user
    )
    refresh_statuses(plan, today or timezone.localdate())
    return len(rows)


@transaction.atomic
def reopen(
    deliverable: Deliverable, user, until: datetime.date, today: datetime.date | None = None
) -> Deliverable:
    """Mở lại cho một đơn vị nộp đến ngày ``until`` (coordinator only)."""
    d = Deliverable.objects.select_for_update().select_related("plan").get(pk=deliverable.pk)
    if not permissions.is_coordinator(user, d.plan):
        raise Forbidden("Chỉ cơ quan thường trực được mở lại việc phải nộp.")
    today = today or timezone.localdate()
    if until < today:
        raise DomainError("Ngày mở lại phải từ hôm nay trở đi.")
    if not flow.allows(flow.REOPEN, d.status):
        raise Conflict(flow.refusal(flow.REOPEN, d.status))
    d.reopened_until = until
    if d.status == DeliverableStatus.MISSED:
        d.status = DeliverableStatus.PENDING
    d.version += 1
    d.save()
    record(d, "action", {"reopened_until": [None, until.isoformat()]}, verb="Mở lại cho nộp", actor=user)
    return d


def refresh_statuses(plan: Plan, today: datetime.date) -> int:
    """Bring the stored status of what was never handed in up to the rule (``rules.standing``):
    ``missed`` past due + 30 days or when locked, back to ``pending`` when reopened.

    Only rows whose status changes are read and written, in small transactions, so ``kehoach
    remind`` neither holds the database nor rewrites anything when nothing changed.
    """
    stale = list(
        Deliverable.objects.filter(
            plan=plan, status__in=[DeliverableStatus.PENDING, DeliverableStatus.MISSED]
        )
        .exclude(kind=DutyKind.BROADCAST)
        .as_of(today)
        .filter(state__in=[DeliverableStatus.PENDING, DeliverableStatus.MISSED])
        .exclude(state=F("status"))
        .values_list("pk", flat=True)
    )
    changed = 0
    for i in range(0, len(stale), 500):
        with transaction.atomic():
            rows = list(
                # Only the deliverables: ``as_of`` joins their versions on the nullable side.
                Deliverable.objects.select_for_update(of=("self",))
                .filter(
                    pk__in=stale[i : i + 500],
                    status__in=[DeliverableStatus.PENDING, DeliverableStatus.MISSED],
                )
                .as_of(today)
            )
            updates = []
            for d in rows:
                if d.state != d.status:
                    d.status = d.state
                    updates.append(d)
            if updates:
                with acting_as_system():  # a rule applied to a date, not anyone's choice: "Hệ thống"
                    audited_bulk_update(Deliverable, updates, ["status"])
            changed += len(updates)
    return changed


# --- report pre-fill -----------------------------------------------------------------------


PREFILL_BASES = ("cutoff", "calendar")


def prefill_window(deliverable: Deliverable, basis: str = "cutoff") -> tuple[datetime.date, datetime.date]:
    """The days whose logged outputs pre-fill a report: by default the Decree 09 cut-off window
    (H1: 15/12 → 14/06), or the calendar period (01/01 → 30/06) when the unit chooses
    ``basis="calendar"``. Kinds other than reports always use their period."""
    if basis not in PREFILL_BASES:
        raise DomainError(
            "Cách tính số liệu phải là 'cutoff' (thời gian chốt số liệu) hoặc 'calendar' (theo kỳ)."
        )
    if deliverable.kind == DutyKind.REPORT and basis == "cutoff":
        try:
            return cutoff_window(parse_period(deliverable.period))
        except ValueError:
            pass
    return deliverable.period_start, deliverable.period_end
