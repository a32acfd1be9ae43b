"""Pages of văn bản đi: drafts to edit, issuing, and the register (sổ văn bản đi)."""

from __future__ import annotations

import difflib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kehoach.core import permissions
from kehoach.core.errors import DomainError, TooLarge
from kehoach.plans.models import Plan
from kehoach.reports import services
from kehoach.reports.models import OutgoingDocument


def _plan(request, plan_id: int) -> Plan:
    plan = get_object_or_404(Plan.objects.for_user(request.user).select_related("issuer"), pk=plan_id)
    if not services.can_compile(request.user, plan):
        raise Http404  # another unit's documents: 404 on pages
    return plan


def _document(request, document_id: int) -> OutgoingDocument:
    document = get_object_or_404(
        OutgoingDocument.objects.select_related("plan", "plan__issuer", "plan__coordinator_unit", "issuer"),
        pk=document_id,
        plan__in=Plan.objects.for_user(request.user),
    )
    if not services.can_compile(request.user, document.plan):
        raise Http404
    return document


@login_required
def documents_page(request, plan_id: int):
    """Dự thảo của kế hoạch và sổ văn bản đi của cơ quan ban hành (năm chọn, mặc định năm nay)."""
    plan = _plan(request, plan_id)
    today = timezone.localdate()
    if request.method == "POST":
        try:
            document = services.create_draft(
                request.user, plan, request.POST.get("type", ""), request.POST.get("period"), None, today
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("reports:documents", plan_id=plan.pk)
        return redirect("reports:document", document_id=document.pk)
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    register = OutgoingDocument.objects.register(plan.issuer, year).select_related("issued_by", "plan")
    drafts = OutgoingDocument.objects.filter(plan=plan, status__in=("draft", "issuing")).order_by("-id")
    return render(
        request,
        "reports/documents.html",
        {"plan": plan, "drafts": drafts, "register": register, "year": year},
    )


def _section_rows(document) -> list[dict]:
    """Each editable section: the text drafted from the figures, the edited text, their diff."""
    from kehoach.reports.documents import compile as documents
    from kehoach.reports.documents.data import report_data
    from kehoach.reports.documents.report import SECTIONS, default_sections

    period = documents.parse_report_period(document.period, document.plan)
    today = timezone.localdate()
    drafted = default_sections(report_data(document.plan, period, today, document.as_of))
    edited = services.latest_sections(document)
    versions = {}
    for s in document.sections.all():
        versions[s.key] = max(versions.get(s.key, 0), s.version)
    rows = []
    for key, title in SECTIONS:
        base = "\n".join(drafted[key])
        text = edited.get(key, base)
        diff = [
            line
            for line in difflib.ndiff(base.splitlines(), text.splitlines())
            if line[:1] in "+-" and key in edited
        ]
        rows.append({"key": key, "title": title, "text": text, "version": versions.get(key, 0), "diff": diff})
    return rows


@login_required
def document_page(request, document_id: int):
    """A draft: download it, edit its sections (coordinator), issue it (văn thư, leader)."""
    document = _document(request, document_id)
    if request.method == "POST" and request.POST.get("key"):
        try:
            if request.POST.get("refresh"):
                services.refresh_section(request.user, document, request.POST["key"])
            else:
                services.save_section(
                    request.user, document, request.POST["key"], request.POST.get("text", "")
                )
            messages.success(request, _("Đã lưu mục của dự thảo."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("reports:document", document_id=document.pk)
    from kehoach.reports.documents.compile import FORMATS

    sections = _section_rows(document) if document.type == "report" and document.status == "draft" else []
    signing = _signing_state(document)
    issuing = _issuing_state(request.user, document) if document.status == "issuing" else None
    return render(
        request,
        "reports/document.html",
        {
            "document": document,
            "plan": document.plan,
            "formats": FORMATS[document.type],
            "sections": sections,
            "may_edit": permissions.is_coordinator(request.user, document.plan),
            "signing": signing,
            "issuing": issuing,
        },
    )


@login_required
def document_file(request, document_id: int):
    from kehoach.reports.documents import answer as answers

    document = _document(request, document_id)
    fmt, today = request.GET.get("format", "docx"), timezone.localdate()

    def now():
        return services.document_file(request.user, document, fmt, today)

    try:
        if document.status == "issued" or fmt == "signed":
            f = now()
        else:  # a heavy draft is compiled in a job: the browser goes to the job's page
            f = answers.draft_or_job(
                request.user, {"what": "document", "document_id": document.pk, "format": fmt}, now
            )
    except DomainError as exc:
        return render(
            request,
            "reports/document_error.html",
            {"plan": document.plan, "message": exc.message},
            status=exc.status,
        )
    from kehoach.reports.documents.compile import CompiledFile

    if not isinstance(f, CompiledFile):  # a job
        if not f.has_file:
            return redirect("jobs:detail", job_id=f.pk)
        return FileResponse(
            f.result_file.open("rb"), as_attachment=True, filename=f.result_name, content_type=f.result_type
        )
    resp = HttpResponse(f.content, content_type=f.content_type)
    resp["Content-Disposition"] = f'attachment; filename="{f.filename}"'
    return resp


@login_required
@require_POST
def document_issue(request, document_id: int):
    """Ban hành: a small document is issued now; a heavy one is issued by a job whose progress the
    document's page shows (htmx polling) until the issued document replaces it."""
    from kehoach.reports.documents import answer as answers

    document = _document(request, document_id)
    try:
        answer = answers.issue_or_job(request.user, document, timezone.localdate())
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("reports:document", kwargs={"document_id": document.pk}))
    if isinstance(answer, OutgoingDocument) or answer.status == "done":
        document.refresh_from_db()
        messages.success(request, _("Đã ban hành văn bản số %(n)s.") % {"n": document.number_text})
    elif answer.status == "failed":
        messages.error(request, answer.error)
    return redirect(reverse("reports:document", kwargs={"document_id": document.pk}))


def _issuing_state(user, document) -> dict:
    """A document being issued: its job's progress (the caller's own job, or any for a superuser),
    or, when no job runs (a failed render), the offer to issue it again with its reserved number."""
    from kehoach.jobs import services as jobs
    from kehoach.jobs.models import Job
    from kehoach.reports.documents import answer as answers

    job = answers.issuing_job(document)
    if job is None:
        return {"running": False}
    mine = Job.objects.for_user(user).filter(pk=job.pk).exists()
    return {"running": True, "job": job if mine else None, "elapsed": jobs.elapsed_seconds(job)}


def _signing_state(document) -> dict:
    """Whether "Ký số" can be offered and with which kind of certificate (test or real)."""
    if document.status != "issued" or document.signed_sha256:
        return {"ready": False, "test": document.signed_with_test_certificate}
    try:
        _, _, is_test = services.signing_config(document.issuer)
    except DomainError as exc:
        return {"ready": False, "problem": exc.message}
    return {"ready": True, "test": is_test}


@login_required
@require_POST
def document_sign(request, document_id: int):
    """Ký số the issued PDF with the issuer's certificate."""
    document = _document(request, document_id)
    try:
        document = services.sign_document(request.user, document)
        messages.success(request, _("Đã ký số văn bản số %(n)s.") % {"n": document.number_text})
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("reports:document", kwargs={"document_id": document.pk}))


@login_required
def verify_page(request, plan_id: int):
    """Kiểm tra chữ ký số: upload a PDF, read "hợp lệ" / "đã bị sửa đổi" / "không rõ người ký"."""
    plan = _plan(request, plan_id)
    result, status = None, 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is not None and upload.size > settings.KEHOACH_MAX_UPLOAD_BYTES:
                raise TooLarge(_("Tệp lớn quá giới hạn cho phép."))
            result = services.verify_signed_pdf(request.user, upload.read() if upload else b"")
            result["filename"] = upload.name
        except DomainError as exc:
            messages.error(request, exc.message)
            status = exc.status
    return render(request, "reports/verify.html", {"plan": plan, "result": result}, status=status)
