"""Calendar feeds (lịch, iCalendar): deadlines of deliverables, activity time frames, broadcast weeks.

Deadlines are all-day events on the last day on time: "trước ngày 26/01/2021" is exclusive, so the
event sits on 25/01/2021 and its description repeats the deadline as the plan words it.
A coordinator's feed groups the same deadline of many units into one event; a unit's feed has its own.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Q
from django.utils import timezone
from icalendar import Calendar, Event

from kehoach.core import formatting, permissions
from kehoach.plans.models import DutyKind, Plan
from kehoach.reports import selectors
from kehoach.rules.deadlines import Due
from kehoach.rules.standing import OWED
from kehoach.tracking.models import Deliverable

KIND_TITLES = {
    DutyKind.SUBPLAN: "Hạn gửi kế hoạch tuyên truyền CCHC",
    DutyKind.REPORT: "Hạn gửi báo cáo",
    DutyKind.BROADCAST: "Phát sóng chuyên mục CCHC",
    DutyKind.TASK: "Hạn thực hiện",
}


def _due_text(due: Due) -> str:
    return f"hạn: {'trước ngày' if not due.inclusive else 'chậm nhất ngày'} {formatting.date(due.date)}"


def _event(
    uid: str, summary: str, start: datetime.date, end_exclusive: datetime.date, description: str, stamp
) -> Event:
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("summary", summary)
    ev.add("dtstart", start)
    ev.add("dtend", end_exclusive)
    ev.add("description", description)
    ev.add("transp", "TRANSPARENT")
    return ev


def _span(d, due: Due) -> tuple[datetime.date, datetime.date]:
    """All-day (start, exclusive end): a broadcast week spans its days; any other deadline is its last day on time."""
    if d.kind == DutyKind.BROADCAST:
        return d.period_start, d.period_end + datetime.timedelta(days=1)
    day = due.last_on_time_day
    return day, day + datetime.timedelta(days=1)


def _label(period: str) -> str:
    return selectors._period_label(period)


def build_calendar(
    user, plan: Plan, unit_ids: set[int] | None = None, now: datetime.datetime | None = None
) -> bytes:
    """The plan's calendar as the user may see it. ``unit_ids`` narrows it to some units (token feeds)."""
    now = now or datetime.datetime.now(datetime.UTC)
    cal = Calendar()
    cal.add("prodid", "-//Kehoach//Lich ke hoach//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{plan.number} {plan.title}"[:200])
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    wide = permissions.sees_everything(user) and unit_ids is None
    own = unit_ids if unit_ids is not None else permissions.unit_ids(user)
    host = "kehoach"

    qs = Deliverable.objects.filter(plan=plan).select_related("unit").order_by("due_date", "unit__sort_order")
    if not wide:
        qs = qs.filter(unit_id__in=own)
    qs = qs.as_of(timezone.localdate(now))
    deliverables = list(qs)
    if deliverables:
        if wide:
            groups: dict[tuple, list] = defaultdict(list)
            for d in deliverables:
                groups[(d.kind, d.period, d.due_date, d.due_inclusive)].append(d)
            for (kind, period, due_date, inclusive), items in groups.items():
                due = Due(due_date, inclusive)
                start, end = _span(items[0], due)
                open_ = [d for d in items if d.state in OWED]
                summary = f"{KIND_TITLES.get(kind, 'Hạn')} {_label(period)} ({len(items)} đơn vị)"
                desc = f"{_due_text(due)}\nChưa nộp: {len(open_)}/{len(items)}" + (
                    "\n" + "\n".join(f"- {d.unit.name}" for d in open_[:40]) if open_ else ""
                )
                cal.add_component(
                    _event(
                        f"dl-{plan.pk}-{kind}-{period}-{due_date:%Y%m%d}@{host}",
                        summary,
                        start,
                        end,
                        desc,
                        now,
                    )
                )
        else:
            for d in deliverables:
                due = Due(d.due_date, d.due_inclusive)
                start, end = _span(d, due)
                summary = f"{KIND_TITLES.get(d.kind, 'Hạn')} {_label(d.period)} — {d.unit.display_name}"
                desc = f"{_due_text(due)}\nTình trạng: {d.standing_label}"
                cal.add_component(_event(f"dl-{d.pk}@{host}", summary, start, end, desc, now))
    else:
        # No deliverables generated yet: the plan's dated duties still belong in the calendar.
        for duty in plan.duties.filter(due_date__isnull=False):
            due = Due(duty.due_date, duty.due_inclusive)
            day = due.last_on_time_day
            cal.add_component(
                _event(
                    f"duty-{duty.pk}@{host}",
                    f"{KIND_TITLES.get(duty.kind, 'Hạn')} ({duty.section})",
                    day,
                    day + datetime.timedelta(days=1),
                    f"{_due_text(due)}\n{duty.text}",
                    now,
                )
            )

    acts = plan.activities.select_related("lead_unit").order_by("order")
    if not wide:
        acts = acts.filter(Q(lead_unit_id__in=own) | Q(coordinator_units__in=own)).distinct()
    for a in acts:
        if not a.start and not a.end:
            continue
        start = a.start or a.end
        end = a.end or a.start
        lead = a.lead_unit.name if a.lead_unit else a.lead_text
        cal.add_component(
            _event(
                f"act-{a.pk}@{host}",
                f"Nhiệm vụ {a.no}: {a.content[:120]}",
                start,
                end + datetime.timedelta(days=1),
                f"Cơ quan chủ trì: {lead}\nThời gian thực hiện: {a.timeframe_text} ({formatting.date(start)} – {formatting.date(end)})\n"
                f"Tiến độ: {a.progress}%",
                now,
            )
        )
    return cal.to_ical()
