"""Văn bản đi: drafts compiled from the data, their files, issuing with a number from the register."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import AfterValidator

from kehoach.api.reports import ReportJobOut, draft_retry_after, file_or_202
from kehoach.core.errors import DomainError, Forbidden
from kehoach.core.validation import Flag, validate_text
from kehoach.plans.models import Plan
from kehoach.reports import services
from kehoach.reports.models import OutgoingDocument

router = Router(tags=["documents"])


class DraftIn(Schema):
    type: str
    period: str | None = None
    as_of: datetime.date | None = None


class DocumentOut(Schema):
    id: int
    type: str
    status: str
    number: str | None
    period: str
    as_of: datetime.date | None
    issued_on: datetime.date | None
    issued_at: datetime.datetime | None
    sha256: str | None
    signed_sha256: str | None = None
    signer: str | None = None
    signed_at: datetime.datetime | None = None


class IssueIn(Schema):
    date: datetime.date | None = None


class IssuedOut(Schema):
    number: str
    issued_at: datetime.datetime
    issued_on: datetime.date
    sha256: str
    files: dict[str, str]


def _out(d: OutgoingDocument) -> dict:
    return {
        "id": d.pk,
        "type": d.type,
        "status": d.status,
        "number": d.number_text or None,
        "period": d.period,
        "as_of": d.as_of,
        "issued_on": d.issued_on,
        "issued_at": d.issued_at,
        "sha256": d.sha256 or None,
        "signed_sha256": d.signed_sha256 or None,
        "signer": d.signer_name or None,
        "signed_at": d.signed_at,
    }


def _document(request, document_id: int) -> OutgoingDocument:
    """A document of a plan the caller may read; 403 unless the caller may compile it."""
    document = get_object_or_404(
        OutgoingDocument.objects.select_related("plan", "plan__issuer", "plan__coordinator_unit", "issuer"),
        pk=document_id,
        plan__in=Plan.objects.for_user(request.user),
    )
    if not services.can_compile(request.user, document.plan):
        raise Forbidden("Chỉ cơ quan thường trực và lãnh đạo được xem, ban hành văn bản đi của kế hoạch.")
    return document


@router.post("/plans/{plan_id}/documents", response={201: DocumentOut}, summary="Lập dự thảo văn bản")
def create_draft(request, plan_id: int, payload: DraftIn):
    """A draft (dự thảo) of a report, the plan or an urging letter: no number until it is issued."""
    plan = get_object_or_404(Plan.objects.for_user(request.user).select_related("issuer"), pk=plan_id)
    today = timezone.localdate()
    document = services.create_draft(request.user, plan, payload.type, payload.period, payload.as_of, today)
    return Status(201, _out(document))


@router.get("/plans/{plan_id}/documents", response=list[DocumentOut], summary="Văn bản đi của kế hoạch")
def list_documents(request, plan_id: int, limit: int = 100):
    plan = get_object_or_404(Plan.objects.for_user(request.user), pk=plan_id)
    if not services.can_compile(request.user, plan):
        raise Forbidden("Chỉ cơ quan thường trực và lãnh đạo được xem văn bản đi của kế hoạch.")
    limit = max(1, min(limit, 1000))
    return [_out(d) for d in OutgoingDocument.objects.filter(plan=plan).order_by("-id")[:limit]]


# Before "/documents/{document_id}": the router matches paths in order of definition.
class RegisterEntryOut(Schema):
    id: int
    number: str


class VerifyOut(Schema):
    status: str
    label: str
    signer: str
    signed_at: datetime.datetime | None
    details: list[str]
    sha256: str
    document: RegisterEntryOut | None


@router.post("/documents/verify", response=VerifyOut, summary="Kiểm tra chữ ký số của một tệp PDF")
def verify(request, file: File[UploadedFile]):
    """Multipart ``file``: ``status`` is ``valid`` (hợp lệ), ``modified`` (đã bị sửa đổi),
    ``unknown_signer`` (không rõ người ký: not chained to the configured trust roots) or ``unsigned``;
    ``document`` is the register entry whose signed copy this is, byte for byte, if any."""
    from django.conf import settings

    from kehoach.core.errors import TooLarge

    if file.size and file.size > settings.KEHOACH_MAX_UPLOAD_BYTES:
        raise TooLarge("Tệp lớn quá giới hạn cho phép.")
    result = services.verify_signed_pdf(request.user, file.read())
    match = result.pop("document")
    result["document"] = {"id": match.pk, "number": match.number_text} if match else None
    return result


@router.get("/documents/{document_id}", response=DocumentOut, summary="Một văn bản đi", url_name="document")
def get_document(request, document_id: int):
    return _out(_document(request, document_id))


class FileQuery(Schema):
    format: str = "docx"


@router.get(
    "/documents/{document_id}/file",
    response={200: None, 202: ReportJobOut},
    summary="Tệp văn bản (docx, pdf, xlsx)",
    url_name="document_file",
)
def document_file(request, document_id: int, q: Query[FileQuery], response: HttpResponse):
    """A draft is drafted from the current data (no number); an issued document is its frozen file.
    A heavy draft is compiled in a job: 202 with it, as ``GET …/report``."""
    from kehoach.reports.documents import answer as answers

    document = _document(request, document_id)
    today = timezone.localdate()

    def now():
        return services.document_file(request.user, document, q.format, today)

    if document.status == "issued" or q.format == "signed":
        return file_or_202(now(), response, draft_retry_after)
    answer = answers.draft_or_job(
        request.user, {"what": "document", "document_id": document.pk, "format": q.format}, now
    )
    return file_or_202(answer, response, draft_retry_after)


@router.post(
    "/documents/{document_id}/issue",
    response={200: IssuedOut, 202: ReportJobOut},
    summary="Ban hành: cấp số, đóng băng tệp",
)
def issue(request, document_id: int, response: HttpResponse, payload: IssueIn | None = None):
    """The văn thư or a leader issues a draft: the next number of the issuer's register, the date, the
    frozen files (SHA-256 of the PDF in ``sha256``, of each format in ``files``). 409 if already issued
    or being issued.

    A small document (the district's) is issued in this request: 200. A heavy one (a national report:
    its PDF takes 40–55 s) has its number reserved at once and is rendered in an ``issue`` job: 202
    ``{id, status, progress}`` with ``Location: /api/v1/jobs/{id}`` and ``Retry-After``; the job's
    ``result`` is this 200 body, its ``result_url`` the issued PDF; ``GET /documents/{id}`` says
    ``issuing`` until it is ``issued``. A failed job leaves the document ``issuing`` with its number:
    issue it again to render it again with that number."""
    from kehoach.core.errors import Conflict
    from kehoach.reports.documents import answer as answers
    from kehoach.reports.documents import reuse

    document = _document(request, document_id)
    today = timezone.localdate()
    day = (payload.date if payload else None) or today
    if day > today:
        raise DomainError("Ngày ban hành không được sau ngày hôm nay.")
    answer = answers.issue_or_job(request.user, document, day)
    if isinstance(answer, OutgoingDocument):
        return _issued(answer)
    if answer.status == "done":  # KEHOACH_JOBS=inline: the job ran in this request
        return _issued(OutgoingDocument.objects.get(pk=document.pk))
    if answer.status == "failed":
        raise Conflict(answer.error or "Không ban hành được văn bản; hãy thử lại.")
    response["Location"] = reverse("api:job", args=[answer.pk])
    response["Retry-After"] = str(reuse.wait_for(reuse.issue_seconds(document)))
    return Status(202, {"id": answer.pk, "status": answer.status, "progress": answer.progress})


def _issued(document: OutgoingDocument) -> dict:
    return {
        "number": document.number_text,
        "issued_at": document.issued_at,
        "issued_on": document.issued_on,
        "sha256": document.sha256,
        "files": {f.format: f.sha256 for f in document.files.all()},
    }


# A report section may run to several pages; still bounded, never truncated.
SectionText = Annotated[str, AfterValidator(lambda v: validate_text(v, 100_000))]


class SectionIn(Schema):
    text: SectionText | None = None
    refresh: Flag = False


class SectionOut(Schema):
    key: str
    version: int
    text: str


@router.put("/documents/{document_id}/sections/{key}", response=SectionOut, summary="Sửa một mục của dự thảo")
def put_section(request, document_id: int, key: str, payload: SectionIn):
    """The coordinator's text of one section (a new version each time); ``refresh`` drafts it again
    from the current figures."""
    document = _document(request, document_id)
    if payload.refresh:
        s = services.refresh_section(request.user, document, key)
    else:
        s = services.save_section(request.user, document, key, payload.text or "")
    return {"key": s.key, "version": s.version, "text": s.text}


class SignedOut(Schema):
    number: str
    signed_sha256: str
    signer: str
    signed_at: datetime.datetime
    test_certificate: bool


@router.post("/documents/{document_id}/sign", response=SignedOut, summary="Ký số (PAdES) văn bản đã ban hành")
def sign(request, document_id: int):
    """Sign the issued PDF with the issuer's certificate (PAdES, visible box in the signature block);
    download it with ``GET …/file?format=signed``. 409 if not issued or already signed."""
    document = services.sign_document(request.user, _document(request, document_id))
    return {
        "number": document.number_text,
        "signed_sha256": document.signed_sha256,
        "signer": document.signer_name,
        "signed_at": document.signed_at,
        "test_certificate": document.signed_with_test_certificate,
    }
