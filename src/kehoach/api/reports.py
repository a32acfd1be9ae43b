"""Compiled documents, calendar feeds, the emulation ranking and dashboard figures of a plan."""

from __future__ import annotations

import datetime

from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import StrictInt

from kehoach.api.lookup import check_as_of
from kehoach.api.pagination import PageParams, paginate
from kehoach.core.errors import Conflict, DomainError, Forbidden
from kehoach.plans.models import Plan
from kehoach.reports import feeds, selectors, services
from kehoach.reports.documents import compile as documents
from kehoach.reports.ranking import ranking as compute_ranking
from kehoach.reports.ranking import weights_for
from kehoach.rules.periods import parse_period

router = Router(tags=["reports"])


def _plan(request, plan_id: int) -> Plan:
    return get_object_or_404(
        Plan.objects.for_user(request.user).select_related("issuer", "coordinator_unit"), pk=plan_id
    )


def _file(f: documents.CompiledFile) -> HttpResponse:
    resp = HttpResponse(f.content, content_type=f.content_type)
    resp["Content-Disposition"] = f'attachment; filename="{f.filename}"'
    return resp


class ReportQuery(Schema):
    period: str | None = None
    format: str = "docx"
    as_of: datetime.date | None = None


class ReportJobOut(Schema):
    """202: the report is being compiled in a background job (the body of ``POST /jobs``, and more)."""

    id: int
    status: str
    progress: int


@router.get(
    "/plans/{plan_id}/report",
    response={200: None, 202: ReportJobOut},
    summary="Báo cáo tổng hợp 6 tháng / năm (docx, pdf, xlsx)",
)
def plan_report(request, plan_id: int, q: Query[ReportQuery], response: HttpResponse):
    """Phòng Nội vụ's report drafted from the data; coordinator and leaders only (403 otherwise).

    200 with the file when a finished job compiled the same report of unchanged facts, or when the
    report is small enough to compile at once; otherwise 202 with the background job (``Location:
    /api/v1/jobs/{id}``, ``Retry-After``): repeat the same GET, or follow the job, to get the file.
    """
    from kehoach.reports.documents import answer as answers
    from kehoach.reports.documents import reuse

    plan = _plan(request, plan_id)
    as_of = q.as_of and check_as_of(q.as_of)
    answer = answers.report_or_job(request.user, plan, q.period, q.format, timezone.localdate(), as_of=as_of)
    return file_or_202(
        answer,
        response,
        lambda job: reuse.retry_after(plan, parse_period(job.params["period"]), job.params["format"]),
    )


def file_or_202(answer, response: HttpResponse, retry_after):
    """The HTTP answer for a compiled file or its job: the file (compiled now, or the finished job's),
    409 for a job that failed in this request (``KEHOACH_JOBS=inline``), else 202 with the job."""
    if isinstance(answer, documents.CompiledFile):
        return _file(answer)
    if answer.has_file:
        return _job_file(answer)
    if answer.status == "failed":  # only with KEHOACH_JOBS=inline: the job ran in this request
        raise Conflict(answer.error or "Không biên soạn được văn bản.")
    # Queued for the worker: the client follows the job, or repeats this GET later.
    response["Location"] = reverse("api:job", args=[answer.pk])
    response["Retry-After"] = str(retry_after(answer))
    return Status(202, {"id": answer.pk, "status": answer.status, "progress": answer.progress})


def draft_retry_after(job) -> int:
    from kehoach.reports.documents import reuse

    return reuse.wait_for(reuse.draft_seconds(job.params))


def _job_file(job) -> FileResponse:
    return FileResponse(
        job.result_file.open("rb"), as_attachment=True, filename=job.result_name, content_type=job.result_type
    )


class ExportQuery(Schema):
    format: str = "docx"


@router.get(
    "/plans/{plan_id}/export",
    response={200: None, 202: ReportJobOut},
    summary="Kế hoạch kèm Phụ lục (docx, pdf)",
)
def plan_export(request, plan_id: int, q: Query[ExportQuery], response: HttpResponse):
    """The file, or (a plan of many activities) 202 with its job, as ``GET …/report``."""
    from kehoach.reports.documents import answer as answers

    plan = _plan(request, plan_id)
    answer = answers.draft_or_job(
        request.user,
        {"what": "plan", "plan_id": plan.pk, "format": q.format},
        lambda: documents.compile_plan(request.user, plan, q.format),
    )
    return file_or_202(answer, response, draft_retry_after)


@router.get(
    "/plans/{plan_id}/urging-letter",
    response={200: None, 202: ReportJobOut},
    summary="Công văn đôn đốc (docx, pdf)",
)
def urging_letter(request, plan_id: int, q: Query[ReportQuery], response: HttpResponse):
    """The file, or (thousands of units) 202 with its job, as ``GET …/report``."""
    from kehoach.reports.documents import answer as answers

    plan = _plan(request, plan_id)
    as_of = q.as_of and check_as_of(q.as_of)
    today = timezone.localdate()
    answer = answers.draft_or_job(
        request.user,
        {"what": "urging", "plan_id": plan.pk, "period": q.period, "format": q.format, "as_of": as_of},
        lambda: documents.compile_urging(request.user, plan, q.period, q.format, today, as_of=as_of),
    )
    return file_or_202(answer, response, draft_retry_after)


@router.get(
    "/plans/{plan_id}/calendar.ics",
    response={200: None},
    summary="Lịch: hạn nộp, thời gian nhiệm vụ (iCalendar)",
)
def calendar(request, plan_id: int):
    plan = _plan(request, plan_id)
    resp = HttpResponse(feeds.build_calendar(request.user, plan), content_type="text/calendar; charset=utf-8")
    resp["Content-Disposition"] = f'inline; filename="ke-hoach-{plan.pk}.ics"'
    return resp


class BreakdownOut(Schema):
    criterion: str
    label_vi: str
    value: float | None
    weight: float
    points: float
    formula: str


class RankingOut(Schema):
    unit_id: int
    unit_name: str
    score: float
    rank: int
    breakdown: list[BreakdownOut]


def _period(plan: Plan, code: str | None):
    if not code:
        return parse_period(str(plan.year or timezone.localdate().year))
    try:
        return parse_period(code)
    except ValueError:
        raise DomainError(f"Kỳ không hợp lệ: {code!r} (ví dụ 2021, 2021-H1).")


@router.get("/plans/{plan_id}/ranking", response=list[RankingOut], summary="Xếp hạng thi đua các đơn vị")
def ranking(
    request,
    plan_id: int,
    response: HttpResponse,
    page: Query[PageParams],
    period: str | None = None,
    as_of: datetime.date | None = None,
):
    """Scores best first, every point explained in ``breakdown`` (weights set by the coordinator),
    from the figures as they stood at the end of ``as_of`` (default today)."""
    plan = _plan(request, plan_id)
    rows = compute_ranking(plan, _period(plan, period), check_as_of(as_of))
    return paginate(request, response, rows, page)


class WeightsIn(Schema):
    timeliness: int
    completeness: int
    outputs: int
    compliance: int
    review: int


class WeightsBody(WeightsIn):
    """The weights a client sends: JSON integers only ("10" or true is a client bug, 422)."""

    timeliness: StrictInt
    completeness: StrictInt
    outputs: StrictInt
    compliance: StrictInt
    review: StrictInt


@router.get("/plans/{plan_id}/ranking-weights", response=WeightsIn)
def get_weights(request, plan_id: int):
    return weights_for(_plan(request, plan_id))


@router.put("/plans/{plan_id}/ranking-weights", response=WeightsIn)
def put_weights(request, plan_id: int, payload: WeightsBody):
    """Coordinator only (403 otherwise); each weight 0–100, not all zero (400)."""
    plan = _plan(request, plan_id)
    return services.set_ranking_weights(request.user, plan, payload.dict()).as_dict()


class DashboardOut(Schema):
    plan_id: int
    period: str
    as_of: datetime.date
    completeness: dict
    activities: dict
    outputs_total: int
    outputs_by_form: list[dict]
    broadcast: dict
    budget: dict


@router.get("/plans/{plan_id}/dashboard", response=DashboardOut, summary="Số liệu bảng điều khiển")
def dashboard(request, plan_id: int, period: str | None = None, as_of: datetime.date | None = None):
    """The coordinator dashboard's figures (coordinators and leaders; 403 for a unit officer).

    Above ``GROUP_ABOVE`` units, ``completeness`` gives ``by_group`` (as the page) and
    ``by_unit_url`` (the paged completeness API) instead of ``by_unit``."""
    from kehoach.core import permissions

    plan = _plan(request, plan_id)
    if not permissions.sees_everything(request.user):
        raise Forbidden("Bảng điều khiển chung dành cho cơ quan thường trực và lãnh đạo.")
    p = _period(plan, period)
    day = check_as_of(as_of)
    acts = selectors.activity_summary(plan, day)
    outs = selectors.outputs_summary(plan, p.start, min(p.end, day))
    bc = selectors.broadcast_compliance(plan, p.start, p.end, day)
    budget = selectors.budget_totals(plan)
    comp = selectors.completeness(plan, p.code, as_of=day)
    if len(comp["by_unit"]) > selectors.GROUP_ABOVE:
        # As the page shows them: by group (the unit above × tier), every unit a page at a time
        # from the completeness API (nationally 3,400 units made this answer 644 KB).
        units = comp.pop("by_unit")
        comp["by_group"] = selectors.group_matrix({"rows": units})["rows"]
        comp["by_unit_url"] = f"/api/v1/plans/{plan.pk}/completeness?period={p.code}&as_of={day.isoformat()}"
    return {
        "plan_id": plan.pk,
        "period": p.code,
        "as_of": day,
        "completeness": comp,
        "activities": {
            "total": acts["total"],
            "progress": acts["progress"],
            "states": {s["code"]: s["count"] for s in acts["states"]},
        },
        "outputs_total": outs["total"],
        "outputs_by_form": outs["by_form"],
        "broadcast": {"compliant_weeks": bc["compliant_weeks"], "total_weeks": bc["total_weeks"]},
        "budget": {k: budget[k] for k in ("estimated", "appraised", "approved", "count")},
    }
