"""Deliverables (việc phải nộp), submissions, reviews, completeness, problems and inspections."""

from __future__ import annotations

import datetime
import json
import os
from typing import Literal

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from kehoach.api.lookup import check_as_of, get_visible_or_403
from kehoach.api.pagination import PageParams, paginate
from kehoach.core import permissions
from kehoach.core.errors import DomainError, TooLarge
from kehoach.core.validation import Count, Flag, Id, InvalidInput, NoteText, Ref, ShortText
from kehoach.fulfilment.prefill import report_prefill
from kehoach.org.models import Unit
from kehoach.plans.models import DutyKind, Plan
from kehoach.rules.periods import parse_period
from kehoach.tracking import followup, selectors, services
from kehoach.tracking.models import (
    Deliverable,
    DeliverableStatus,
    Inspection,
    InspectionStatus,
    Problem,
    ProblemKind,
    ProblemStatus,
    Submission,
)

router = Router(tags=["tracking"])


# --- schemas ---------------------------------------------------------------------------------


class DeliverableOut(Schema):
    id: int
    plan_id: int
    duty_id: int
    unit_id: int
    unit_name: str
    kind: str
    period: str
    period_start: datetime.date
    period_end: datetime.date
    due: datetime.date
    due_inclusive: bool
    status: str
    overdue: bool | None = None
    submitted_at: datetime.datetime | None
    version: Count
    locked: bool
    lock_reason: str
    reopened_until: datetime.date | None


class SubmissionOut(Schema):
    id: int
    number: int
    author: str | None
    submitted_at: datetime.datetime
    is_late: bool
    text: str
    file: str | None
    figures: dict
    results: str
    shortcomings: str
    proposals: str
    review_decision: str
    review_comment: str
    reviewed_at: datetime.datetime | None


class DeliverableDetailOut(DeliverableOut):
    submissions: list[SubmissionOut]


class SubmitIn(Schema):
    text: NoteText = ""
    figures: dict | None = None
    results: NoteText = ""
    shortcomings: NoteText = ""
    proposals: NoteText = ""
    version: Count | None = None


class SubmitOut(Schema):
    id: int
    status: str
    version: Count
    submitted_at: datetime.datetime | None
    submission_number: int
    is_late: bool


class ReviewIn(Schema):
    decision: Literal["accept", "return"]
    comment: NoteText = ""
    version: Count | None = None


class ReviewOut(Schema):
    id: int
    status: str
    version: Count


# A plain pydantic model, validated from the selector's dicts without ninja's per-object getter
# (a page of 100 units cost 4 ms through it, issue 11).
class UnitRate(BaseModel):
    unit_id: int
    unit_name: str
    expected: int
    submitted: int
    on_time: int
    overdue: int
    rate: float
    on_time_rate: float


class CompletenessOut(Schema):
    period: str
    as_of: datetime.date
    expected: int
    submitted: int
    on_time: int
    rate: float
    on_time_rate: float
    overdue: int
    by_unit: list[UnitRate]


class ProblemIn(Schema):
    plan_id: Ref
    unit_id: Ref
    kind: Literal["problem", "proposal"] = "problem"
    title: ShortText
    content: NoteText


class ProblemOut(Schema):
    id: int
    plan_id: int
    unit_id: int
    kind: str
    title: str
    content: str
    status: str
    answer: str
    answered_at: datetime.datetime | None
    created_at: datetime.datetime


class AnswerIn(Schema):
    answer: NoteText
    close: Flag = False


class InspectionIn(Schema):
    plan_id: Ref
    unit_id: Ref
    date: datetime.date
    inspectors: ShortText = ""
    findings: NoteText = ""
    recommendations: NoteText = ""
    status: Literal["planned", "done", "followed_up"] | None = None


class InspectionOut(Schema):
    id: int
    plan_id: int
    unit_id: int
    date: datetime.date
    inspectors: str
    findings: str
    recommendations: str
    follow_up: str
    status: str


class FollowUpIn(Schema):
    follow_up: NoteText


# --- helpers -------------------------------------------------------------------------------


def deliverable_out(d: Deliverable) -> dict:
    return {
        "id": d.pk,
        "plan_id": d.plan_id,
        "duty_id": d.duty_id,
        "unit_id": d.unit_id,
        "unit_name": d.unit.name,
        "kind": d.kind,
        "period": d.period,
        "period_start": d.period_start,
        "period_end": d.period_end,
        "due": d.due_date,
        "due_inclusive": d.due_inclusive,
        "status": d.standing,
        "overdue": getattr(d, "overdue", None),
        "submitted_at": d.submitted_at,
        "version": d.version,
        "locked": d.locked,
        "lock_reason": d.lock_reason,
        "reopened_until": d.reopened_until,
    }


def submission_out(s: Submission) -> dict:
    return {
        "id": s.pk,
        "number": s.number,
        "author": s.author.get_username() if s.author_id else None,
        "submitted_at": s.submitted_at,
        "is_late": s.is_late,
        "text": s.text,
        "file": s.file_name or None,
        "figures": s.figures,
        "results": s.results,
        "shortcomings": s.shortcomings,
        "proposals": s.proposals,
        "review_decision": s.review_decision,
        "review_comment": s.review_comment,
        "reviewed_at": s.reviewed_at,
    }


def _deliverable_for(request, pk: int) -> Deliverable:
    return get_visible_or_403(
        Deliverable.objects.with_relations(), pk, request.user, "Việc phải nộp này thuộc đơn vị khác."
    )


def _check_period(code: str | None) -> str | None:
    if not code:
        return None
    try:
        return parse_period(code).code
    except ValueError as exc:
        raise DomainError(f"Kỳ báo cáo không hợp lệ: {exc}")


def _check_choice(value: str | None, choices, name: str) -> None:
    if value and value not in choices:
        raise DomainError(f"{name} không hợp lệ: {value!r}. Chọn một trong: {', '.join(choices)}.")


def _check_evidence(file) -> None:
    if file.size > settings.KEHOACH_MAX_UPLOAD_BYTES:
        raise TooLarge("Tệp quá lớn: tối đa 20 MB.")
    ext = os.path.splitext(file.name or "")[1].lower()
    if ext not in settings.KEHOACH_EVIDENCE_TYPES:
        raise DomainError(
            "Loại tệp không được chấp nhận. Chấp nhận: " + ", ".join(settings.KEHOACH_EVIDENCE_TYPES)
        )


def _parse_submit(request) -> tuple[SubmitIn, object]:
    """JSON ``{text, figures?, ...}`` or multipart (``text`` field, ``file``, ``figures`` as JSON text)."""
    if request.content_type and request.content_type.startswith("multipart/"):
        raw = {
            k: request.POST.get(k)
            for k in ("text", "results", "shortcomings", "proposals", "version")
            if k in request.POST
        }
        if request.POST.get("figures"):
            try:
                raw["figures"] = json.loads(request.POST["figures"])
            except (ValueError, RecursionError):
                raise DomainError("Trường 'figures' phải là JSON.")
        if raw.get("version") in ("", None):
            raw.pop("version", None)
        elif raw["version"].isascii() and raw["version"].isdigit():
            raw["version"] = int(raw["version"])  # form fields are text; JSON bodies must send a number
        file = request.FILES.get("file")
    else:
        try:
            raw = json.loads(request.body or b"{}")
        except (ValueError, RecursionError):
            raise DomainError("Nội dung gửi lên không phải JSON hợp lệ.")
        if not isinstance(raw, dict):
            raise DomainError("Nội dung gửi lên phải là một đối tượng JSON.")
        file = None
    try:
        payload = SubmitIn(**raw)
    except PydanticValidationError as exc:
        raise NinjaValidationError(
            [{**e, "loc": ("body", "payload", *e.get("loc", ()))} for e in exc.errors()]
        )
    if file is not None:
        _check_evidence(file)
    return payload, file


# --- deliverables --------------------------------------------------------------------------


@router.get("/deliverables", response=list[DeliverableOut])
def list_deliverables(
    request,
    response: HttpResponse,
    page: Query[PageParams],
    plan: Id | None = None,
    unit: Id | None = None,
    period: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    overdue: bool | None = None,
    as_of: datetime.date | None = None,
):
    """Việc phải nộp the user may see (own units; coordinators and leaders all), each with its
    status as it stood at the end of ``as_of`` (default today); ``overdue=true``: those still owed
    past their last day on time on that day."""
    _check_choice(status, DeliverableStatus.values, "Tình trạng")
    _check_choice(kind, DutyKind.values, "Loại")
    day = check_as_of(as_of)
    qs = Deliverable.objects.for_user(request.user).select_related("unit")
    if plan:
        qs = qs.filter(plan_id=plan)
    if unit:
        qs = qs.filter(unit_id=unit)
    if period:
        qs = qs.filter(period=_check_period(period))
    if kind:
        qs = qs.filter(kind=kind)
    qs = qs.as_of(day)
    if status:
        qs = qs.filter(state=status)
    if overdue is not None:
        qs = qs.filter(overdue=overdue)
    rows = paginate(request, response, qs, page, order=("due_date", "unit__sort_order", "id"))
    return [deliverable_out(d) for d in rows]


@router.get("/deliverables/{deliverable_id}", response=DeliverableDetailOut)
def get_deliverable(request, deliverable_id: int):
    d = _deliverable_for(request, deliverable_id)
    data = deliverable_out(d)
    data["submissions"] = [
        submission_out(s) for s in d.submissions.select_related("author").order_by("number")
    ]
    return data


@router.post(
    "/deliverables/{deliverable_id}/submit",
    response=SubmitOut,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {"schema": SubmitIn.json_schema()},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "text": {"type": "string"},
                            "file": {"type": "string", "format": "binary"},
                            "figures": {"type": "string", "description": "JSON"},
                            "results": {"type": "string"},
                            "shortcomings": {"type": "string"},
                            "proposals": {"type": "string"},
                            "version": {"type": "integer"},
                        },
                    }
                },
            }
        }
    },
)
def submit_deliverable(request, deliverable_id: int):
    """Nộp: 200 with the new status (``submitted`` or ``late``); 403 another unit; 409 locked or stale."""
    d = _deliverable_for(request, deliverable_id)
    payload, file = _parse_submit(request)
    sub = services.submit(
        d,
        request.user,
        text=payload.text,
        file=file,
        figures=payload.figures,
        results=payload.results,
        shortcomings=payload.shortcomings,
        proposals=payload.proposals,
        version=payload.version,
    )
    return {
        "id": d.pk,
        "status": d.status,
        "version": d.version,
        "submitted_at": d.submitted_at,
        "submission_number": sub.number,
        "is_late": sub.is_late,
    }


@router.post("/deliverables/{deliverable_id}/review", response=ReviewOut)
def review_deliverable(request, deliverable_id: int, payload: ReviewIn):
    """Tiếp nhận / Trả lại (coordinator only; a comment is required to return)."""
    d = get_object_or_404(Deliverable.objects.select_related("plan"), pk=deliverable_id)
    services.review(
        d, request.user, decision=payload.decision, comment=payload.comment, version=payload.version
    )
    return {"id": d.pk, "status": d.status, "version": d.version}


@router.get("/deliverables/{deliverable_id}/prefill", response=dict)
def prefill(request, deliverable_id: int):
    """The report's figures pre-filled from the unit's logged outputs for the period."""
    return report_prefill(_deliverable_for(request, deliverable_id))


@router.get("/plans/{plan_id}/completeness", response=CompletenessOut)
def plan_completeness(
    request,
    plan_id: int,
    response: HttpResponse,
    page: Query[PageParams],
    period: str,
    kind: str | None = None,
    as_of: datetime.date | None = None,
):
    """Tỷ lệ nộp of ``period`` at the end of ``as_of`` (default today): the periodic reports within
    the period (the annual one counts the 6-month reports too), handed in, on time, overdue;
    ``kind=subplan``: the year's unit plans instead.

    The totals cover every unit; ``by_unit`` is a list like any other: ``limit`` units (default
    100) from ``cursor``, ``Link: rel="next"`` while more remain (nationally 3,400 units made
    643 KB)."""
    plan = get_object_or_404(Plan.objects.for_user(request.user), pk=plan_id)
    _check_choice(kind, DutyKind.values, "Loại")
    code = _check_period(period)
    if code is None:
        raise InvalidInput("Cần chỉ rõ kỳ báo cáo (period), ví dụ 2021-H1.")
    data = selectors.completeness(plan, code, kind=kind, as_of=check_as_of(as_of))
    if not permissions.sees_everything(request.user):
        mine = permissions.unit_ids(request.user)
        data["by_unit"] = [r for r in data["by_unit"] if r["unit_id"] in mine]
    data["by_unit"] = paginate(request, response, data["by_unit"], page)
    return data


# --- problems ------------------------------------------------------------------------------


def problem_out(p: Problem) -> dict:
    return {f: getattr(p, f) for f in ProblemOut.model_fields}


@router.get("/problems", response=list[ProblemOut])
def list_problems(
    request,
    response: HttpResponse,
    page: Query[PageParams],
    plan: Id | None = None,
    status: str | None = None,
    unit: Id | None = None,
):
    _check_choice(status, ProblemStatus.values, "Tình trạng")
    qs = Problem.objects.for_user(request.user)
    if plan:
        qs = qs.filter(plan_id=plan)
    if status:
        qs = qs.filter(status=status)
    if unit:
        qs = qs.filter(unit_id=unit)
    return [problem_out(p) for p in paginate(request, response, qs, page, order=("-created_at", "-id"))]


@router.post("/problems", response={201: ProblemOut})
def create_problem(request, payload: ProblemIn):
    """Gửi vướng mắc, đề xuất for the user's unit."""
    plan = get_object_or_404(Plan.objects.for_user(request.user), pk=payload.plan_id)
    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        raise DomainError("Đơn vị không tồn tại.")
    _check_choice(payload.kind, ProblemKind.values, "Loại")
    p = followup.raise_problem(
        plan, unit, request.user, kind=payload.kind, title=payload.title, content=payload.content
    )
    return Status(201, problem_out(p))


def _problem_for(request, pk: int) -> Problem:
    return get_visible_or_403(
        Problem.objects.select_related("plan"), pk, request.user, "Vướng mắc này thuộc đơn vị khác."
    )


@router.post("/problems/{problem_id}/answer", response=ProblemOut)
def answer_problem(request, problem_id: int, payload: AnswerIn):
    """Trả lời vướng mắc (coordinator or UBND leader)."""
    p = _problem_for(request, problem_id)
    return problem_out(followup.answer_problem(p, request.user, answer=payload.answer, close=payload.close))


@router.post("/problems/{problem_id}/forward", response=ProblemOut)
def forward_problem(request, problem_id: int):
    """Chuyển UBND huyện (coordinator)."""
    p = _problem_for(request, problem_id)
    return problem_out(followup.forward_problem(p, request.user))


# --- inspections ---------------------------------------------------------------------------


def inspection_out(i: Inspection) -> dict:
    return {f: getattr(i, f) for f in InspectionOut.model_fields}


@router.get("/inspections", response=list[InspectionOut])
def list_inspections(
    request,
    response: HttpResponse,
    page: Query[PageParams],
    plan: Id | None = None,
    unit: Id | None = None,
    status: str | None = None,
):
    _check_choice(status, InspectionStatus.values, "Tình trạng")
    qs = Inspection.objects.for_user(request.user)
    if plan:
        qs = qs.filter(plan_id=plan)
    if unit:
        qs = qs.filter(unit_id=unit)
    if status:
        qs = qs.filter(status=status)
    return [inspection_out(i) for i in paginate(request, response, qs, page, order=("-date", "-id"))]


@router.post("/inspections", response={201: InspectionOut})
def create_inspection(request, payload: InspectionIn):
    """Ghi nhận kiểm tra (coordinator)."""
    plan = get_object_or_404(Plan.objects.for_user(request.user), pk=payload.plan_id)
    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        raise DomainError("Đơn vị không tồn tại.")
    i = followup.record_inspection(
        plan,
        unit,
        request.user,
        date=payload.date,
        inspectors=payload.inspectors,
        findings=payload.findings,
        recommendations=payload.recommendations,
        status=payload.status,
    )
    return Status(201, inspection_out(i))


@router.post("/inspections/{inspection_id}/follow-up", response=InspectionOut)
def follow_up(request, inspection_id: int, payload: FollowUpIn):
    i = get_visible_or_403(
        Inspection.objects.select_related("plan"),
        inspection_id,
        request.user,
        "Cuộc kiểm tra này thuộc đơn vị khác.",
    )
    return inspection_out(followup.follow_up_inspection(i, request.user, follow_up=payload.follow_up))
