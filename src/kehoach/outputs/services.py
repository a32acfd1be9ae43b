"""Workflows of communication work: logging outputs and airings, weekly compliance, reminders.

Pages, the API, the spreadsheet import and the commands all call these functions.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import asdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from kehoach.core import audit, permissions
from kehoach.core.errors import Forbidden, Invalid
from kehoach.core.validation import clean_web_url
from kehoach.notices import services as notice_services
from kehoach.org.models import Unit
from kehoach.outputs.models import (
    AUDIENCE_LABELS,
    DEFAULT_QUANTITY_UNIT,
    TOPIC_LABELS,
    Broadcast,
    Output,
    OutputForm,
    QuantityUnit,
    WeekReminder,
)
from kehoach.plans.guards import plan_for_write, refuse_if_closed
from kehoach.plans.models import Activity, Duty, DutyKind, Plan
from kehoach.rules.broadcasts import Airing, week_compliance, weeks_range
from kehoach.rules.periods import period_containing

log = logging.getLogger(__name__)


InvalidInput = Invalid  # the one 422 class (core.errors.Invalid), under the name callers here use


# --- validation helpers -----------------------------------------------------------------------


def _int(value, name: str, minimum: int) -> int:
    if isinstance(value, bool):
        raise InvalidInput(f"{name}: phải là số nguyên.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if not isinstance(value, int):
        raise InvalidInput(f"{name}: phải là số nguyên.")
    if value < minimum:
        raise InvalidInput(f"{name}: phải từ {minimum} trở lên.")
    return value


def _date(value, name: str = "Ngày") -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    from kehoach.rules.money import parse_date_vi

    try:
        return parse_date_vi(str(value))
    except ValueError:
        raise InvalidInput(f"{name}: không đúng định dạng ngày (dd/mm/yyyy hoặc yyyy-mm-dd).")


def _codes(values, known: dict, name: str) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out = []
    for v in values:
        if v not in known:
            raise InvalidInput(f"{name}: mã không hợp lệ “{v}”. Mã hợp lệ: {', '.join(known)}.")
        if v not in out:
            out.append(v)
    return out


def _unit(unit_id) -> Unit:
    try:
        return Unit.objects.get(pk=int(unit_id))
    except (Unit.DoesNotExist, TypeError, ValueError):
        raise InvalidInput("Đơn vị không tồn tại.")


def _own_unit(user, unit_id) -> Unit | None:
    """The unit as the writer's memberships hold it: the permission check loads them with their
    units anyway, so the usual write (to one's own unit) reads no unit row of its own (issue 11)."""
    try:
        wanted = int(unit_id)
    except (TypeError, ValueError):
        return None
    for m in permissions.memberships(user):
        if m.unit_id == wanted and m.role in permissions.ACTING_ROLES:
            return m.unit
    return None


def clean_output(user, data: dict) -> dict:
    """Check one output's fields (as the API, the form and the spreadsheet give them); raise on error.

    Returns the model field values. Refuses another unit (403), unknown codes and negative numbers (422).
    """
    unit = _own_unit(user, data.get("unit_id")) or _unit(data.get("unit_id"))
    if not permissions.can_act_for(user, unit.pk):
        raise Forbidden("Bạn chỉ nhập được sản phẩm tuyên truyền của đơn vị mình.")
    form = data.get("form")
    if form not in OutputForm.values:
        raise InvalidInput(f"Hình thức: mã không hợp lệ “{form}”.")
    qunit = data.get("quantity_unit") or DEFAULT_QUANTITY_UNIT.get(form, QuantityUnit.ITEMS)
    if qunit not in QuantityUnit.values:
        raise InvalidInput(f"Đơn vị tính: mã không hợp lệ “{qunit}”.")
    title = (data.get("title") or "").strip()
    if not title:
        raise InvalidInput("Tiêu đề: không được để trống.")
    if len(title) > 300:
        raise InvalidInput("Tiêu đề: tối đa 300 ký tự.")
    participants = data.get("participants")
    plan_id = data.get("plan_id")
    activity_id = data.get("activity_id")
    if activity_id is not None:
        activity = Activity.objects.filter(pk=activity_id).only("pk", "plan_id").first()
        if activity is None:
            raise InvalidInput("Nhiệm vụ không tồn tại.")
        if plan_id is not None and int(plan_id) != activity.plan_id:
            raise InvalidInput("Nhiệm vụ không thuộc kế hoạch đã chọn.")
        plan_id = activity.plan_id
    url = clean_web_url(data.get("url"))
    day = _date(data.get("date"))
    try:
        plan, year_closed = plan_for_write(plan_id, day)
    except LookupError:
        raise InvalidInput("Kế hoạch không tồn tại.")
    refuse_if_closed(plan, day, unit, year_closed=year_closed)
    return {
        "unit": unit,
        "date": day,
        "form": form,
        "topics": _codes(data.get("topics"), TOPIC_LABELS, "Nội dung"),
        "audiences": _codes(data.get("audiences"), AUDIENCE_LABELS, "Đối tượng"),
        "quantity": _int(data.get("quantity", 1), "Số lượng", 0),
        "quantity_unit": qunit,
        "participants": None if participants in (None, "") else _int(participants, "Số người tham dự", 0),
        "title": title,
        "url": url,
        "plan_id": plan_id,
        "activity_id": activity_id,
    }


def log_output(user, data: dict, file=None) -> Output:
    """Ghi nhận sản phẩm tuyên truyền: one row per call, safe under concurrent posts (no read-modify-write).

    Checked first, then written: a refusal (403, 409, 422) is raised before anything is written, so
    the write needs no savepoint of its own inside a caller's transaction (the API's Idempotency-Key
    transaction, a spreadsheet's rows); a savepoint cost two round trips a write (issue 11)."""
    fields = clean_output(user, data)
    with transaction.atomic(savepoint=False), audit.acting_as(user):
        output = Output(created_by=user if user and user.is_authenticated else None, **fields)
        if file:
            output.file = file
        output.save()  # the daily summary moves with it (Output.save)
    return output


@transaction.atomic
def edit_output(user, output: Output, data: dict) -> Output:
    """Sửa sản phẩm tuyên truyền: the unit's own, in an open year, before and after (the daily
    summary moves with it in ``Output.save``)."""
    old = Output.objects.select_for_update().filter(pk=output.pk).first()
    if old is None:
        raise InvalidInput("Sản phẩm không còn tồn tại.")
    if not permissions.can_act_for(user, old.unit_id):
        raise Forbidden("Bạn chỉ sửa được sản phẩm của đơn vị mình.")
    refuse_if_closed(old.plan, old.date, old.unit)
    fields = clean_output(user, data)
    with audit.acting_as(user):
        for name, value in fields.items():
            setattr(old, name, value)
        old.save()
    return old


@transaction.atomic
def delete_output(user, output: Output) -> None:
    if not permissions.can_act_for(user, output.unit_id):
        raise Forbidden("Bạn chỉ xóa được sản phẩm của đơn vị mình.")
    refuse_if_closed(output.plan, output.date, output.unit)
    with audit.acting_as(user):
        output.delete()  # takes it from the daily summary (Output.delete), once even if deleted twice


@transaction.atomic
def log_broadcast(user, data: dict, recording=None) -> Broadcast:
    """Ghi nhận lượt phát sóng: only members of the broadcasting unit may log its airings."""
    unit = _unit(data.get("unit_id"))
    if not permissions.can_act_for(user, unit.pk):
        raise Forbidden("Chỉ đơn vị phát sóng mới được ghi nhận lượt phát sóng của mình.")
    minutes = _int(data.get("minutes"), "Thời lượng (phút)", 1)
    if minutes > 24 * 60:
        raise InvalidInput("Thời lượng (phút): không quá 1440 phút.")
    aired_at = data.get("aired_at")
    if isinstance(aired_at, str):
        try:
            aired_at = datetime.datetime.fromisoformat(aired_at)
        except ValueError:
            raise InvalidInput("Thời điểm phát sóng: không đúng định dạng.")
    if not isinstance(aired_at, datetime.datetime):
        raise InvalidInput("Thời điểm phát sóng: bắt buộc.")
    if timezone.is_naive(aired_at):
        aired_at = timezone.make_aware(aired_at)
    title = (data.get("title") or "").strip()
    if not title:
        raise InvalidInput("Tên chương trình: không được để trống.")
    plan_id = data.get("plan_id")
    plan = Plan.objects.filter(pk=plan_id).first() if plan_id is not None else None
    if plan_id is not None and plan is None:
        raise InvalidInput("Kế hoạch không tồn tại.")
    refuse_if_closed(plan, timezone.localtime(aired_at).date(), unit)
    with audit.acting_as(user):
        b = Broadcast(
            unit=unit, plan_id=plan_id, aired_at=aired_at, minutes=minutes, title=title[:300], created_by=user
        )
        if recording:
            b.recording = recording
        b.save()
    return b


# --- weekly compliance --------------------------------------------------------------------------


def broadcast_duty(plan: Plan) -> Duty | None:
    """The plan's weekly broadcast duty (V.1.đ in the seed): kind broadcast, or any weekly duty with minutes."""
    duties = list(plan.duties.all())
    for d in duties:
        if d.kind == DutyKind.BROADCAST:
            return d
    for d in duties:
        if any(r.get("every") == "week" for r in d.recurrence or []):
            return d
    return None


def _weekly_rule(duty: Duty | None) -> tuple[int, int]:
    for r in (duty.recurrence if duty else None) or []:
        if r.get("every") == "week":
            return int(r.get("min_count") or 1), int(r.get("min_minutes") or 0)
    return 1, 10


def _peak_windows() -> list[tuple[datetime.time, datetime.time]] | None:
    """``KEHOACH_PEAK_WINDOWS``: [("05:00", "07:00"), ("17:00", "20:00")] (or time pairs); unset = any time."""
    raw = getattr(settings, "KEHOACH_PEAK_WINDOWS", None)
    if not raw:
        return None
    out = []
    for lo, hi in raw:
        out.append(
            tuple(
                t if isinstance(t, datetime.time) else datetime.time.fromisoformat(str(t)) for t in (lo, hi)
            )
        )
    return out


def judge_weeks(duty: Duty | None, airings: list[Airing], start: datetime.date, end: datetime.date):
    """The one place a week of airings is judged against the plan's rule (``rules.broadcasts``):
    the compliance figures and the weekly deliverables both call it."""
    min_count, min_minutes = _weekly_rule(duty)
    return week_compliance(
        airings,
        start=start,
        end=end,
        min_count=min_count,
        min_minutes=min_minutes,
        peak_windows=_peak_windows(),
    )


def broadcast_unit(plan: Plan, duty: Duty | None = None) -> Unit | None:
    duty = duty if duty is not None else broadcast_duty(plan)
    if duty is None:
        return None
    return duty.assigned_units().order_by("sort_order", "pk").first()


def broadcast_compliance(
    plan: Plan,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    today: datetime.date | None = None,
    unit: Unit | None = None,
) -> dict:
    """Week-by-week compliance of the plan's broadcast duty (mỗi tuần ít nhất N lượt, mỗi lượt ≥ M phút)
    for one unit, judged on that unit's own airings (by default the first unit the duty names).

    Defaults to the plan's time frame from its issue date up to ``today`` (weeks not begun yet
    are not judged).
    """
    today = today or timezone.localdate()
    duty = broadcast_duty(plan)
    min_count, min_minutes = _weekly_rule(duty)
    unit = unit or broadcast_unit(plan, duty)
    if start is None:
        start = plan.start or datetime.date(today.year, 1, 1)
    # The duty binds from the plan's issue (a week before 25/01/2021 cannot be a breach of Plan 19),
    # whoever asks: the dashboard, the ranking, the documents and the deliverables agree.
    if plan.issued_on and plan.issued_on > start:
        start = plan.issued_on
    end = end or plan.end or datetime.date(today.year, 12, 31)
    if end > today and start <= today:
        end = today
    result = {
        "weeks": [],
        "compliant_weeks": 0,
        "total_weeks": 0,
        "min_count": min_count,
        "min_minutes": min_minutes,
        "unit_id": unit.pk if unit else None,
        "duty_id": duty.pk if duty else None,
    }
    if unit is None or start > end:
        return result
    first, last = weeks_range(start, end)
    rows = (
        Broadcast.objects.filter(unit=unit)
        .filter(Q(plan=plan) | Q(plan__isnull=True))
        .between(first, last)
        .values_list("aired_at", "minutes")
    )
    weeks = judge_weeks(duty, [Airing(aired_at=a, minutes=m) for a, m in rows], start, end)
    result["weeks"] = [asdict(w) for w in weeks]
    result["compliant_weeks"] = sum(w.compliant for w in weeks)
    result["total_weeks"] = len(weeks)
    return result


def send_week_reminders(today: datetime.date | None = None) -> list[WeekReminder]:
    """Remind the radio centre, from Friday on, when this week's column is not yet on air. Once a week.

    Called by ``kehoach send_broadcast_reminders`` (daily cron). Returns the reminders sent now.
    """
    today = today or timezone.localdate()
    if today.weekday() < 4:  # Monday–Thursday: still time
        return []
    week = period_containing("week", today)
    sent = []
    plans = Plan.objects.filter(status="issued").filter(
        Q(period_start__lte=today) | Q(period_start__isnull=True, year=today.year)
    )
    for plan in plans:
        if plan.end and plan.end < week.start:
            continue
        status = broadcast_compliance(plan, start=week.start, end=week.end, today=today)
        if status["unit_id"] is None or not status["weeks"]:
            continue
        w = status["weeks"][-1]
        if w["compliant"]:
            continue
        unit = Unit.objects.select_related("focal_person").get(pk=status["unit_id"])
        address = notice_services.unit_address(unit)
        recipients = [address] if address else []
        message = (
            f"Tuần {week.index:02d}/{week.year} ({week.start:%d/%m}–{week.end:%d/%m/%Y}) chưa đạt yêu cầu phát sóng "
            f"chuyên mục cải cách hành chính theo Kế hoạch {plan.number}: {w['reason']}. "
            f"Yêu cầu: ít nhất {status['min_count']} lượt, mỗi lượt ít nhất {status['min_minutes']} phút."
        )
        try:
            with transaction.atomic():
                reminder = WeekReminder.objects.create(
                    plan=plan, unit=unit, week=week.code, recipients=recipients, message=message
                )
                audit.record(reminder, "action", {"week": [None, week.code]}, verb="nhắc phát sóng")
                # In the app first; e-mail after commit, under the notices' one failure policy.
                notice_services.deliver(
                    key=f"radio_week:{reminder.pk}",
                    kind="radio_week",
                    title="Nhắc phát sóng chuyên mục CCHC",
                    body=message,
                    units=[unit],
                    plan=plan,
                    period=week.code,
                )
        except IntegrityError:  # already reminded this week
            continue
        sent.append(reminder)
    return sent
