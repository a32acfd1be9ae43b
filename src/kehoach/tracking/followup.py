"""Vướng mắc, đề xuất and Kiểm tra: problems raised by units to the UBND via the coordinator,
and the coordinator's inspections of units' communication work (V.1.b of the seed)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from kehoach.core import permissions
from kehoach.core.errors import Conflict, DomainError, Forbidden
from kehoach.org.models import Unit
from kehoach.plans.guards import refuse_if_closed
from kehoach.plans.models import Plan
from kehoach.tracking.models import Inspection, InspectionStatus, Problem, ProblemKind, ProblemStatus
from kehoach.tracking.services import plan_bounds


@transaction.atomic
def raise_problem(plan: Plan, unit: Unit, user, *, kind: str, title: str, content: str) -> Problem:
    """Vướng mắc, đề xuất: a unit reports a difficulty or proposal to the UBND via Phòng Nội vụ."""
    if not permissions.can_act_for(user, unit.pk):
        raise Forbidden("Bạn chỉ được gửi vướng mắc, đề xuất cho đơn vị của mình.")
    refuse_if_closed(plan)
    if kind not in ProblemKind.values:
        raise DomainError("Loại phải là 'problem' (vướng mắc) hoặc 'proposal' (đề xuất).")
    title, content = (title or "").strip(), (content or "").strip()
    if not title or not content:
        raise DomainError("Cần nhập tiêu đề và nội dung.")
    return Problem.objects.create(
        plan=plan, unit=unit, kind=kind, title=title[:300], content=content, created_by=user
    )


@transaction.atomic
def forward_problem(problem: Problem, user) -> Problem:
    """The coordinator forwards a problem to the UBND leaders."""
    p = Problem.objects.select_for_update().select_related("plan").get(pk=problem.pk)
    if not permissions.is_coordinator(user, p.plan):
        raise Forbidden("Chỉ cơ quan thường trực được chuyển vướng mắc.")
    if p.status != ProblemStatus.OPEN:
        raise Conflict("Chỉ chuyển được vướng mắc mới gửi.")
    p.status = ProblemStatus.FORWARDED
    p.save()
    return p


@transaction.atomic
def answer_problem(problem: Problem, user, *, answer: str, close: bool = False, now=None) -> Problem:
    """The coordinator (or a UBND leader) answers; ``close`` ends the thread."""
    p = Problem.objects.select_for_update().select_related("plan").get(pk=problem.pk)
    if not (permissions.is_coordinator(user, p.plan) or permissions.is_leader(user, p.plan)):
        raise Forbidden("Chỉ cơ quan thường trực hoặc lãnh đạo UBND được trả lời.")
    answer = (answer or "").strip()
    if not answer:
        raise DomainError("Cần nhập nội dung trả lời.")
    if p.status == ProblemStatus.CLOSED:
        raise Conflict("Vướng mắc này đã đóng.")
    p.answer = answer
    p.answered_by = user
    p.answered_at = now or timezone.now()
    p.status = ProblemStatus.CLOSED if close else ProblemStatus.ANSWERED
    p.save()
    return p


@transaction.atomic
def record_inspection(
    plan: Plan,
    unit: Unit,
    user,
    *,
    date: datetime.date,
    inspectors: str = "",
    findings: str = "",
    recommendations: str = "",
    status: str | None = None,
) -> Inspection:
    """Kiểm tra: the coordinator plans or records an inspection of a unit."""
    if not permissions.is_coordinator(user, plan):
        raise Forbidden("Chỉ cơ quan thường trực được ghi nhận kiểm tra.")
    refuse_if_closed(plan)
    if status is None:
        status = InspectionStatus.DONE if findings.strip() else InspectionStatus.PLANNED
    if status not in InspectionStatus.values:
        raise DomainError("Tình trạng kiểm tra không hợp lệ.")
    start, end = plan_bounds(plan)
    if not (start - datetime.timedelta(days=366) <= date <= end + datetime.timedelta(days=366)):
        raise DomainError("Ngày kiểm tra nằm ngoài thời gian của kế hoạch.")
    return Inspection.objects.create(
        plan=plan,
        unit=unit,
        date=date,
        inspectors=inspectors.strip(),
        findings=findings.strip(),
        recommendations=recommendations.strip(),
        status=status,
        created_by=user,
    )


@transaction.atomic
def follow_up_inspection(inspection: Inspection, user, *, follow_up: str) -> Inspection:
    """Kết quả khắc phục: the inspected unit or the coordinator records what was fixed."""
    i = Inspection.objects.select_for_update().select_related("plan").get(pk=inspection.pk)
    if not (permissions.is_coordinator(user, i.plan) or permissions.can_act_for(user, i.unit_id)):
        raise Forbidden("Chỉ đơn vị được kiểm tra hoặc cơ quan thường trực được cập nhật khắc phục.")
    follow_up = (follow_up or "").strip()
    if not follow_up:
        raise DomainError("Cần nhập kết quả khắc phục.")
    if i.status == InspectionStatus.PLANNED:
        raise Conflict("Cuộc kiểm tra chưa diễn ra.")
    i.follow_up = follow_up
    i.status = InspectionStatus.FOLLOWED_UP
    i.save()
    return i
