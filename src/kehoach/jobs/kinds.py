"""The kinds of background job (loại tác vụ) and how each is checked and run.

A kind is registered once with ``register``: ``check(user, params)`` runs in the request (a bad
plan, period or format, or a missing right, is refused there with a 4xx, before anything is
queued) and returns the cleaned parameters; ``run(job, progress)`` runs in the worker and returns
either a file (any object with ``content``, ``filename``, ``content_type``) or JSON-able data.

Kinds ship here: ``report`` (the compiled report of a plan and period), ``draft`` (the other drafted
files), ``issue`` (ban hành a heavy outgoing document) and ``call`` (any service function, for imports,
status refreshes, bulk uploads; started from Python code only, never from the API, because its
parameter is a function path).
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kehoach.core.errors import DomainError

Progress = Callable[..., None]


@dataclass(frozen=True)
class Kind:
    name: str
    check: Callable[[Any, dict], dict]
    run: Callable[[Any, Progress], Any]
    title: Callable[[dict], str]
    api: bool = False  # may be started through POST /api/v1/jobs


KINDS: dict[str, Kind] = {}


def register(
    name: str,
    *,
    check: Callable[[Any, dict], dict],
    run: Callable[[Any, Progress], Any],
    title: Callable[[dict], str] | None = None,
    api: bool = False,
) -> Kind:
    kind = Kind(name, check, run, title or (lambda params: name), api)
    KINDS[name] = kind
    return kind


def get(name: str, *, from_api: bool = False) -> Kind:
    kind = KINDS.get(name or "")
    if kind is None or (from_api and not kind.api):
        allowed = ", ".join(sorted(k for k, v in KINDS.items() if v.api or not from_api))
        raise DomainError(f"Loại tác vụ không hỗ trợ: {name or '(trống)'}; chọn một trong: {allowed}.")
    return kind


# --- report: Báo cáo tổng hợp 6 tháng / năm (docx, pdf) or its annex (xlsx) ---


def _report_plan(user, plan_id):
    from django.http import Http404
    from django.shortcuts import get_object_or_404

    from kehoach.plans.models import Plan

    try:
        plan_id = int(plan_id)
    except (TypeError, ValueError):
        raise DomainError("plan_id phải là số.")
    try:
        return get_object_or_404(
            Plan.objects.for_user(user).select_related("issuer", "coordinator_unit"), pk=plan_id
        )
    except Http404:
        raise DomainError("Không tìm thấy kế hoạch.")


def _check_report(user, params: dict) -> dict:
    from kehoach.reports import services as report_services
    from kehoach.reports.documents.compile import _check_format, parse_report_period

    plan = _report_plan(user, params.get("plan_id"))
    fmt = _check_format(str(params.get("format") or "docx"), ("docx", "pdf", "xlsx"))
    period = parse_report_period(params.get("period"), plan)
    report_services.require_compiler(user, plan)
    from django.utils import timezone

    from kehoach.reports.documents import reuse

    as_of = _as_of(params["as_of"]) if params.get("as_of") else None
    # The day the figures are of, resolved now, and the facts' change stamp: the same report of
    # unchanged facts is the same job (``reuse.finished_job``: a repeated GET …/report reuses its file).
    return {
        "plan_id": plan.pk,
        "period": period.code,
        "format": fmt,
        "as_of": reuse.resolved_as_of(period, as_of, timezone.localdate()).isoformat(),
        "stamp": reuse.change_stamp(),
    }


def _as_of(raw):
    import datetime

    try:
        day = datetime.date.fromisoformat(str(raw))
    except ValueError:
        raise DomainError("as_of phải có dạng YYYY-MM-DD.")
    if not datetime.date(2000, 1, 1) <= day <= datetime.date(2100, 12, 31):
        raise DomainError("Ngày 'as_of' phải trong khoảng 01/01/2000–31/12/2100.")
    return day


def _run_report(job, progress: Progress):
    from django.utils import timezone

    from kehoach.reports.documents.compile import compile_report

    plan = _report_plan(job.created_by, job.params["plan_id"])
    progress(5, "Đang tính số liệu của kỳ báo cáo")
    return compile_report(
        job.created_by,
        plan,
        job.params["period"],
        job.params["format"],
        timezone.localdate(),
        as_of=_as_of(job.params["as_of"]) if job.params.get("as_of") else None,
        progress=progress,
    )


def _report_title(params: dict) -> str:
    return f"Báo cáo tổng hợp kỳ {params.get('period')} (.{params.get('format')})"


register("report", check=_check_report, run=_run_report, title=_report_title, api=True)


# --- draft: an urging letter, the plan export or an outgoing draft, compiled from the current data ---
# (started by the GETs of those files when the file would take long: ``reports.documents.answer``)

DRAFTS = ("urging", "plan", "document")


def _outgoing(user, document_id):
    from kehoach.plans.models import Plan
    from kehoach.reports.models import OutgoingDocument

    try:
        return OutgoingDocument.objects.select_related("plan", "plan__issuer", "plan__coordinator_unit").get(
            pk=int(document_id), plan__in=Plan.objects.for_user(user)
        )
    except (TypeError, ValueError, OutgoingDocument.DoesNotExist):
        raise DomainError("Không tìm thấy văn bản.")


def _check_draft(user, params: dict) -> dict:
    from django.utils import timezone

    from kehoach.reports import services as report_services
    from kehoach.reports.documents import reuse
    from kehoach.reports.documents.compile import FORMATS, _check_format, parse_any_period

    what = params.get("what")
    fmt = str(params.get("format") or "docx")
    today = timezone.localdate()
    # The facts' change stamp and the day: the same draft of unchanged facts on the same day is the
    # same job, and its file is served again (``reuse.finished_job``).
    same = {"format": fmt, "today": today.isoformat(), "stamp": reuse.change_stamp()}
    if what == "document":
        document = _outgoing(user, params.get("document_id"))
        report_services.require_compiler(user, document.plan)
        if document.status == "issued":
            raise DomainError("Văn bản đã ban hành: tải tệp đã lưu của nó.")
        same["format"] = _check_format(fmt, FORMATS[document.type])
        return {"what": what, "document_id": document.pk, **same}
    plan = _report_plan(user, params.get("plan_id"))
    same["format"] = _check_format(fmt, ("docx", "pdf"))
    if what == "plan":  # anyone who may read the plan
        return {"what": what, "plan_id": plan.pk, **same}
    if what == "urging":
        period = parse_any_period(params.get("period"))
        report_services.require_compiler(user, plan)
        as_of = _as_of(params["as_of"]) if params.get("as_of") else today
        return {"what": what, "plan_id": plan.pk, "period": period.code, "as_of": as_of.isoformat(), **same}
    raise DomainError(f"Loại văn bản không hỗ trợ: {what!r}; chọn một trong: {', '.join(DRAFTS)}.")


def _run_draft(job, progress: Progress):
    import datetime

    from kehoach.reports import services as report_services
    from kehoach.reports.documents import compile as documents

    p, user = job.params, job.created_by
    today = datetime.date.fromisoformat(p["today"])
    progress(5, "Đang soạn văn bản từ số liệu")
    if p["what"] == "document":
        return report_services.document_file(user, _outgoing(user, p["document_id"]), p["format"], today)
    plan = _report_plan(user, p["plan_id"])
    if p["what"] == "plan":
        return documents.compile_plan(user, plan, p["format"])
    return documents.compile_urging(user, plan, p["period"], p["format"], today, as_of=_as_of(p["as_of"]))


def _draft_title(params: dict) -> str:
    names = {"urging": "Công văn đôn đốc", "plan": "Kế hoạch kèm Phụ lục", "document": "Dự thảo văn bản"}
    return f"{names.get(params.get('what'), 'Văn bản')} (.{params.get('format')})"


register("draft", check=_check_draft, run=_run_draft, title=_draft_title)


# --- issue: ban hành a heavy outgoing document (its number reserved by the request that queued it) ---
# (started by ``reports.documents.answer.issue_or_job``, never through POST /api/v1/jobs)


def _check_issue(user, params: dict) -> dict:
    from kehoach.core.errors import Conflict
    from kehoach.reports import services as report_services

    document = _outgoing(user, params.get("document_id"))
    report_services.require_compiler(user, document.plan)
    if document.status == "issued":
        raise Conflict(f"Văn bản đã được ban hành (số {document.number_text}).")
    return {"document_id": document.pk, "number": document.number_text}


def _run_issue(job, progress: Progress):
    from django.urls import reverse
    from django.utils import timezone

    from kehoach.reports import services as report_services

    user = job.created_by
    document = _outgoing(user, job.params["document_id"])
    progress(2, "Đang ban hành văn bản")
    # The same one service function as an issue in the request: it finds the number reserved.
    issued = report_services.issue_document(
        user, document, document.issued_on or timezone.localdate(), progress=progress
    )
    return {
        "document_id": issued.pk,
        "number": issued.number_text,
        "issued_at": issued.issued_at.isoformat(),
        "issued_on": issued.issued_on.isoformat(),
        "sha256": issued.sha256,
        "files": dict(issued.files.values_list("format", "sha256")),
        # GET /api/v1/jobs/{id} names the issued PDF as its result_url; the page links the document.
        "result_url": reverse("api:document_file", args=[issued.pk]) + "?format=pdf",
        "document_url": reverse("api:document", args=[issued.pk]),
        "page_url": reverse("reports:document", kwargs={"document_id": issued.pk}),
    }


def _issue_title(params: dict) -> str:
    return f"Ban hành văn bản số {params.get('number')}" if params.get("number") else "Ban hành văn bản"


register("issue", check=_check_issue, run=_run_issue, title=_issue_title)


# --- call: any service function, started from Python (``services.start_call``) ---


def function_path(func: Callable) -> str:
    return f"{func.__module__}:{func.__qualname__}"


def resolve(path: str) -> Callable:
    from django.conf import settings

    module, _, name = (path or "").partition(":")
    allowed = tuple(settings.KEHOACH_JOB_CALL_MODULES)
    if not module.startswith(allowed) or not name or "." in name:
        raise DomainError(f"Hàm không hợp lệ cho tác vụ nền: {path!r}.")
    try:
        func = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        raise DomainError(f"Không tìm thấy hàm {path!r}.")
    if not callable(func):
        raise DomainError(f"{path!r} không phải là hàm.")
    return func


def _check_call(user, params: dict) -> dict:
    resolve(params.get("function", ""))
    if not isinstance(params.get("kwargs", {}), dict):
        raise DomainError("kwargs phải là một đối tượng JSON.")
    return {
        "function": params["function"],
        "kwargs": params.get("kwargs") or {},
        "title": params.get("title", ""),
    }


def _run_call(job, progress: Progress):
    func = resolve(job.params["function"])
    kwargs = dict(job.params.get("kwargs") or {})
    accepted = inspect.signature(func).parameters
    # The function asks for what it needs by name: the user who started the job, a progress callback.
    if "user" in accepted:
        kwargs["user"] = job.created_by
    if "progress" in accepted:
        kwargs["progress"] = progress
    return func(**kwargs)


register(
    "call",
    check=_check_call,
    run=_run_call,
    title=lambda params: params.get("title") or params.get("function", "call"),
)
