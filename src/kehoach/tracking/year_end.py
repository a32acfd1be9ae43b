"""Sang năm mới for what units owe: issue a copied plan (its deliverables are generated) and close
a year (every period locked, everything still readable)."""

import datetime

from django.db import transaction

from kehoach.core import permissions
from kehoach.core.audit import record
from kehoach.core.errors import Conflict, DomainError, Forbidden
from kehoach.plans.models import Plan, PlanStatus
from kehoach.plans.year_turn import may_manage
from kehoach.tracking.models import Deliverable
from kehoach.tracking.services import generate_deliverables, lock_period


@transaction.atomic
def issue_plan(plan: Plan, user=None, number: str = "", issued_on: datetime.date | None = None) -> dict:
    """Ban hành a draft: it becomes the units' work, and its deliverables are generated."""
    if user is not None and not may_manage(user, plan):
        raise Forbidden("Chỉ quản trị viên hoặc cơ quan thường trực được ban hành kế hoạch.")
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.DRAFT:
        raise Conflict("Chỉ ban hành được kế hoạch đang là dự thảo.")
    plan.status = PlanStatus.ISSUED
    plan.number = number.strip() or plan.number
    plan.issued_on = issued_on or plan.issued_on
    plan.save()
    record(
        plan,
        "action",
        {"status": [PlanStatus.DRAFT, PlanStatus.ISSUED]},
        verb="Ban hành kế hoạch",
        actor=user,
    )
    return generate_deliverables(plan)


@transaction.atomic
def close_year(year: int, user=None, today: datetime.date | None = None) -> dict:
    """Khóa sổ năm: lock every period of the year's issued plans and mark them ended.

    Nothing is deleted or hidden: closed plans, their deliverables and documents stay readable;
    only new submissions for the year's periods are refused (as for any locked period).
    """
    if user is not None and not (user.is_superuser or permissions.is_any_coordinator(user)):
        raise Forbidden("Chỉ quản trị viên hoặc cơ quan thường trực được khóa sổ năm.")
    plans = list(Plan.objects.filter(year=year, status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED]))
    if user is not None and not user.is_superuser:
        plans = [p for p in plans if permissions.is_coordinator(user, p)]
    if not plans:
        raise DomainError(f"Không có kế hoạch đã ban hành nào của năm {year} để khóa sổ.")
    reason = f"Đã khóa sổ năm {year}"
    locked = 0
    for plan in plans:
        periods = (
            Deliverable.objects.filter(plan=plan, locked=False).values_list("period", flat=True).distinct()
        )
        for period in sorted(set(periods)):
            locked += lock_period(plan, period, reason, user=user, today=today)
        if plan.status != PlanStatus.CLOSED:
            plan.status = PlanStatus.CLOSED
            plan.save()
        record(plan, "action", {"closed_year": [None, year]}, verb="Khóa sổ năm", actor=user)
    return {"year": year, "plans": [p.pk for p in plans], "locked": locked}
