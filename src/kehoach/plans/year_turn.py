"""Sang năm mới: copy a plan to another year (issuing it and closing a year live in
``tracking.year_end``, since they make and lock deliverables)."""

import datetime

from django.db import transaction

from kehoach.core import permissions
from kehoach.core.audit import record
from kehoach.core.errors import Conflict, DomainError, Forbidden
from kehoach.plans.models import Activity, Clause, Duty, Plan, PlanStatus


def shift_date(day: datetime.date | None, years: int) -> datetime.date | None:
    """The same calendar day ``years`` later; 29/02 becomes 28/02 in a common year."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def may_manage(user, plan: Plan | None = None) -> bool:
    return bool(
        user and user.is_authenticated and (user.is_superuser or permissions.is_coordinator(user, plan))
    )


class DuplicateCopy(Conflict):
    """Đã có bản sao: the plan was already copied to that year (409 unless confirmed)."""

    def __init__(self, plan_id: int, year: int):
        super().__init__(
            f"Kế hoạch này đã được sao chép sang năm {year} (kế hoạch #{plan_id}). "
            "Gửi confirm_duplicate=true nếu vẫn muốn tạo thêm một bản."
        )
        self.plan_id = plan_id


def earlier_copy(plan: Plan, year: int) -> int | None:
    """A plan of ``year`` already copied from ``plan``: same issuer, same title with the year shifted."""
    base = plan.year or (plan.start.year if plan.start else None)
    title = plan.title.replace(str(base), str(year)) if base else plan.title
    return (
        Plan.objects.filter(issuer_id=plan.issuer_id, year=year, title=title)
        .exclude(pk=plan.pk)
        .order_by("id")
        .values_list("pk", flat=True)
        .first()
    )


@transaction.atomic
def copy_plan(plan: Plan, year: int, user=None, confirm_duplicate: bool = True) -> Plan:
    """Sao chép kế hoạch sang năm khác: a draft with dates shifted by whole years, the same clauses,
    activities and duties, no number or issue date, progress reset; nothing is generated until
    the copy is issued (``issue_plan``)."""
    if user is not None and not may_manage(user, plan):
        raise Forbidden("Chỉ quản trị viên hoặc cơ quan thường trực được sao chép kế hoạch.")
    base = plan.year or (plan.start.year if plan.start else None)
    if base is None:
        raise DomainError("Kế hoạch chưa có năm: không biết dời ngày bao nhiêu năm.")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError("Năm phải từ 2000 đến 2100.")
    if year == base:
        raise DomainError("Năm mới phải khác năm của kế hoạch gốc.")
    if not confirm_duplicate:
        earlier = earlier_copy(plan, year)
        if earlier is not None:
            raise DuplicateCopy(earlier, year)
    delta = year - base
    title = plan.title.replace(str(base), str(year))
    new = Plan.objects.create(
        kind=plan.kind,
        number="",
        issued_on=None,
        issuer=plan.issuer,
        title=title,
        year=year,
        period_start=shift_date(plan.period_start, delta),
        period_end=shift_date(plan.period_end, delta),
        bases=list(plan.bases),
        signer_name="",
        signer_position=plan.signer_position,
        signer_authority=plan.signer_authority,
        recipients=list(plan.recipients),
        status=PlanStatus.DRAFT,
        coordinator_unit=plan.coordinator_unit,
        appraiser_unit=plan.appraiser_unit,
        is_public=plan.is_public,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    clause_map: dict[int, Clause] = {}
    for c in plan.clauses.order_by("depth", "order", "id"):
        clause_map[c.pk] = Clause.objects.create(
            plan=new,
            parent=clause_map.get(c.parent_id),
            label=c.label,
            path=c.path,
            heading=c.heading,
            text=c.text.replace(str(base), str(year)),
            depth=c.depth,
            order=c.order,
        )
    for a in plan.activities.prefetch_related("coordinator_units", "coordinator_groups"):
        copy = Activity.objects.create(
            plan=new,
            no=a.no,
            order=a.order,
            group_title=a.group_title,
            content=a.content,
            lead_text=a.lead_text,
            lead_unit=a.lead_unit,
            coordinators_text=list(a.coordinators_text),
            timeframe_text=a.timeframe_text.replace(str(base), str(year)),
            start=shift_date(a.start, delta),
            end=shift_date(a.end, delta),
            regular=a.regular,
            product=a.product,
        )
        copy.coordinator_units.set(a.coordinator_units.all())
        copy.coordinator_groups.set(a.coordinator_groups.all())
    for d in plan.duties.prefetch_related("who_units", "who_groups"):
        copy = Duty.objects.create(
            plan=new,
            clause=clause_map.get(d.clause_id),
            section=d.section,
            order=d.order,
            kind=d.kind,
            text=d.text.replace(str(base), str(year)),
            who_text=list(d.who_text),
            due_date=shift_date(d.due_date, delta),
            due_inclusive=d.due_inclusive,
            recurrence=list(d.recurrence),
            report_to_text=d.report_to_text,
            report_to=d.report_to,
            working_days_after_cutoff=d.working_days_after_cutoff,
        )
        copy.who_units.set(d.who_units.all())
        copy.who_groups.set(d.who_groups.all())
    record(
        new,
        "create",
        {"copied_from": [None, plan.pk], "year": [base, year]},
        verb="Sao chép kế hoạch",
        actor=user,
    )
    return new
