"""Workflows of the reports app: document numbers, compiling documents, calendar links, ranking weights."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from kehoach.core import audit, permissions
from kehoach.core.errors import Conflict, DomainError, Forbidden
from kehoach.reports.drafting import can_compile, latest_sections, require_compiler  # noqa: F401
from kehoach.reports.models import CalendarToken, DocumentNumber, RankingWeights


def next_document_number(issuer, year: int, type_code: str) -> int:
    """Take the next number in the issuer's register for the year (restarts at 1 each year).

    The row is locked (``select_for_update``) so two people compiling at once get two numbers.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                DocumentNumber.objects.get_or_create(issuer=issuer, year=year, type_code=type_code)
        except IntegrityError:  # created by a concurrent request in between: fine, lock it below
            pass
        row = DocumentNumber.objects.select_for_update().get(issuer=issuer, year=year, type_code=type_code)
        row.last += 1
        row.save(update_fields=["last"])
        return row.last


def create_calendar_token(user, *, label: str = "", plan=None, unit=None) -> tuple[CalendarToken, str]:
    """Make a private calendar link; the key is returned once and only its hash is kept."""
    if not user.is_authenticated:
        raise Forbidden("Cần đăng nhập.")
    if unit is not None and not permissions.can_see_unit_records(user, unit.pk):
        raise Forbidden("Bạn không được xem lịch của đơn vị này.")
    if len(label) > 120:
        raise DomainError("Tên gợi nhớ dài quá 120 ký tự.")
    key = CalendarToken.new_key()
    with transaction.atomic():
        token = CalendarToken.objects.create(
            user=user, key_hash=CalendarToken.hash(key), label=label, plan=plan, unit=unit
        )
        audit.record(token, "action", {}, verb="tạo đường dẫn lịch riêng", actor=user)
    return token, key


def revoke_calendar_token(user, token_id: int) -> CalendarToken:
    with transaction.atomic():
        token = CalendarToken.objects.select_for_update().filter(pk=token_id, user=user).first()
        if token is None:
            raise DomainError("Không tìm thấy đường dẫn lịch.")
        if token.revoked_at is not None:
            raise Conflict("Đường dẫn này đã bị thu hồi.")
        token.revoke()
        audit.record(token, "action", {}, verb="thu hồi đường dẫn lịch riêng", actor=user)
    return token


def token_from_key(key: str) -> CalendarToken | None:
    return (
        CalendarToken.objects.active()
        .select_related("user", "plan", "unit")
        .filter(key_hash=CalendarToken.hash(key))
        .first()
    )


def set_ranking_weights(user, plan, values: dict) -> RankingWeights:
    """The coordinator sets the weights of the emulation criteria (0–100 each, not all zero)."""
    if not permissions.is_coordinator(user, plan):
        raise Forbidden("Chỉ cơ quan thường trực được đặt trọng số chấm điểm thi đua.")
    clean = {}
    for f in RankingWeights.FIELDS:
        v = values.get(f)
        try:
            v = int(v)
        except (TypeError, ValueError):
            raise DomainError(f"Trọng số “{f}” phải là số nguyên từ 0 đến 100.")
        if not 0 <= v <= 100:
            raise DomainError(f"Trọng số “{f}” phải từ 0 đến 100.")
        clean[f] = v
    if not any(clean.values()):
        raise DomainError("Phải có ít nhất một tiêu chí có trọng số lớn hơn 0.")
    with transaction.atomic():
        weights, _ = RankingWeights.objects.select_for_update().get_or_create(plan=plan)
        for k, v in clean.items():
            setattr(weights, k, v)
        weights.save()
    return weights


# --- drafts, issuing and the register (văn bản đi) ---------------------------------------------

#: Sổ (type code) and the number's symbol of each document type.
TYPE_CODES = {"report": "BC", "plan": "KH", "urging": "CV"}


def symbol_for(document) -> str:
    from kehoach.reports.documents import plan_doc, report, urging

    if document.type == "report":
        return report.SYMBOL
    if document.type == "plan":
        return plan_doc.symbol_of(document.plan)
    return urging.symbol()


def create_draft(user, plan, doc_type: str, period: str | None, as_of, today):
    """Lập dự thảo: a report, plan or urging letter drafted from the data, with no number yet.

    A report's figures are those at the end of its period (or ``as_of``); an urging letter's those of
    the day it is drafted. Nothing is numbered here: only ``issue_document`` takes a number.
    """
    from kehoach.reports.documents import compile as documents
    from kehoach.reports.documents.data import report_as_of
    from kehoach.reports.models import DocumentType, OutgoingDocument

    if doc_type not in DocumentType.values:
        raise DomainError(f"Loại văn bản không hợp lệ: {doc_type!r}; chọn report, plan hoặc urging.")
    require_compiler(user, plan)
    if as_of and as_of > today:
        raise DomainError("Ngày lấy số liệu (as_of) không được sau ngày hôm nay.")
    code = ""
    if doc_type == "report":
        p = documents.parse_report_period(period, plan)
        code, as_of = p.code, min(as_of, p.end) if as_of else report_as_of(p, today)
    elif doc_type == "urging":
        p = documents.parse_any_period(period)
        code, as_of = p.code, as_of or today
    else:
        as_of = None
    with transaction.atomic():
        document = OutgoingDocument.objects.create(
            plan=plan,
            type=doc_type,
            period=code,
            as_of=as_of,
            issuer=plan.issuer,
            summary=f"{DocumentType(doc_type).label} {code}".strip(),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        audit.record(
            document,
            "create",
            {"type": [None, doc_type], "period": [None, code]},
            verb="lập dự thảo",
            actor=user,
        )
    return document


def save_section(user, document, key: str, text: str):
    """The coordinator edits one section of a draft report; each save is a new version (kept)."""
    from kehoach.reports.documents.report import SECTIONS
    from kehoach.reports.models import DocumentSection, OutgoingDocument

    if not permissions.is_coordinator(user, document.plan):
        raise Forbidden("Chỉ cơ quan thường trực được sửa nội dung dự thảo.")
    if document.type != "report":
        raise DomainError("Chỉ dự thảo báo cáo có các mục sửa được.")
    if key not in dict(SECTIONS):
        raise DomainError(f"Mục không hợp lệ: {key!r}.")
    text = (text or "").strip()
    if len(text) > 20000:
        raise DomainError("Nội dung một mục dài quá 20.000 ký tự.")
    with transaction.atomic():
        locked = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status != "draft":
            raise Conflict("Văn bản đã hoặc đang được ban hành, không sửa được nữa.")
        last = locked.sections.filter(key=key).order_by("-version").first()
        if last is not None and last.text == text:
            return last
        section = DocumentSection.objects.create(
            document=locked, key=key, version=(last.version + 1 if last else 1), text=text, edited_by=user
        )
        audit.record(
            locked, "update", {key: [last.text if last else None, text]}, verb="sửa dự thảo", actor=user
        )
    return section


def refresh_section(user, document, key: str):
    """ "Làm mới số liệu": drop the edits of a section so it is drafted again from the current figures
    (a new empty version is not stored; the old versions stay in the history)."""
    from kehoach.core.errors import NotFound
    from kehoach.reports.documents import compile as documents
    from kehoach.reports.documents.data import report_data
    from kehoach.reports.documents.report import default_sections

    period = documents.parse_report_period(document.period, document.plan)
    drafted = default_sections(
        report_data(document.plan, period, document.as_of or period.end, document.as_of)
    )
    if key not in drafted:
        raise NotFound(f"Không có mục «{key[:100]}» trong văn bản.")
    return save_section(user, document, key, "\n".join(drafted[key]))


def issue_document(user, document, day, *, progress=None):
    """Ban hành: take the next number of the issuer's register (per issuer, year and type), stamp the
    date, freeze every format's bytes with their SHA-256. Pages, API and the ``issue`` job call this.

    Three steps, so that a long render (a national report's PDF takes 40–55 s) holds no lock:

    1. reserve (a short transaction; the document row and the register's counter row locked): a draft
       takes the next number and becomes ``issuing`` (đang ban hành) with its number, year and day;
       sections can no longer be edited. A document already ``issuing`` keeps the number it reserved.
    2. render every format outside any transaction, with that number and day (``progress`` called).
    3. freeze (a short transaction; the row locked again): store the files, mark ``issued``, write the
       one audit record of the issuing. If another caller froze it in between: 409, nothing stored.

    Numbers are never reused: a number is taken once, by one document, and stays with it. A render that
    fails leaves the document ``issuing`` with its number: issuing it again renders again with the same
    number and day (so the register has no gap), whoever retries. A number whose document is deleted
    stays a gap. The unique constraint on (issuer, year, type, number) backs the counter lock.
    """
    require_compiler(user, document.plan)
    reserved = reserve_number(user, document, day)
    files = render_issued(reserved, progress)
    return freeze_issued(user, reserved, files)


def reserve_number(user, document, day):
    """Step 1 of ``issue_document``: the draft takes its number and becomes ``issuing`` (kept if it is)."""
    from kehoach.reports.models import DocumentStatus, OutgoingDocument

    with transaction.atomic():
        locked = (
            OutgoingDocument.objects.select_for_update(of=("self",))
            .select_related("plan", "plan__issuer", "plan__coordinator_unit", "issuer")
            .get(pk=document.pk)
        )
        if locked.status == DocumentStatus.ISSUED:
            raise Conflict(f"Văn bản đã được ban hành (số {locked.number_text}).")
        if locked.status == DocumentStatus.ISSUING:
            return locked  # a retry: the number and day reserved the first time
        locked.type_code = TYPE_CODES[locked.type]
        locked.number = next_document_number(locked.issuer, day.year, locked.type_code)
        locked.year = day.year
        locked.symbol = symbol_for(locked)
        locked.issued_on = day
        locked.status = DocumentStatus.ISSUING
        # The reservation alone is no issuing: the audit record is written once, when it is frozen.
        OutgoingDocument.objects.filter(pk=locked.pk).update(
            status=locked.status,
            type_code=locked.type_code,
            number=locked.number,
            year=locked.year,
            symbol=locked.symbol,
            issued_on=locked.issued_on,
        )
    return locked


def render_issued(document, progress=None) -> dict:
    """Step 2 of ``issue_document``: every format of a reserved document, rendered with its number."""
    from kehoach.reports.documents import compile as documents
    from kehoach.reports.documents.common import Stamp

    day = document.issued_on
    stamp = Stamp(year=document.year, number=document.number, day=day)
    formats = documents.FORMATS[document.type]
    files = {}
    for i, fmt in enumerate(formats):
        step = None
        if progress is not None:
            base, span = 5 + 90 * i // len(formats), 90 // len(formats)
            progress(base, f"Đang dựng tệp .{fmt} ({i + 1}/{len(formats)})")

            def step(percent, message="", base=base, span=span):
                progress(base + span * percent / 100, message)

        files[fmt] = documents.render_outgoing(document, fmt, stamp, day, progress=step)
    return files


def freeze_issued(user, document, files: dict):
    """Step 3 of ``issue_document``: store the rendered files and mark the document ``issued``."""
    import hashlib

    from django.utils import timezone

    from kehoach.reports.models import DocumentFile, DocumentStatus, OutgoingDocument

    with transaction.atomic():
        locked = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status != DocumentStatus.ISSUING or locked.number != document.number:
            raise Conflict(f"Văn bản đã được ban hành (số {locked.number_text}).")
        shas = {}
        for fmt, f in files.items():
            shas[fmt] = hashlib.sha256(f.content).hexdigest()
            DocumentFile.objects.create(
                document=locked, format=fmt, content=f.content, sha256=shas[fmt], filename=f.filename
            )
        locked.status = DocumentStatus.ISSUED
        locked.issued_at = timezone.now()
        locked.issued_by = user
        locked.sha256 = shas["pdf"]
        locked.save()
        audit.record(
            locked,
            "action",
            {"number": [None, locked.number], "sha256": [None, locked.sha256]},
            verb=f"ban hành văn bản số {locked.number_text}",
            actor=user,
        )
    return locked


def document_file(user, document, fmt: str, today):
    """A draft is rendered from the data on each download; an issued document's frozen bytes are sent."""
    from kehoach.reports.documents import compile as documents

    require_compiler(user, document.plan)
    if (fmt or "").lower() == "signed":  # the PDF signed with the issuer's certificate (chữ ký số)
        if not document.signed_sha256:
            raise DomainError("Văn bản chưa được ký số.")
        f = document.files.get(format="signed")
        return documents.CompiledFile(bytes(f.content), f.filename, documents.CONTENT_TYPES["pdf"])
    fmt = documents._check_format(fmt, documents.FORMATS[document.type])
    if document.status == "issued":
        f = document.files.get(format=fmt)
        return documents.CompiledFile(bytes(f.content), f.filename, documents.CONTENT_TYPES[fmt])
    year = documents.default_year(document)
    return documents.render_outgoing(document, fmt, documents.draft_stamp(year), today)


# --- chữ ký số (PAdES) --------------------------------------------------------------------------


def _read_password(ref: str) -> bytes | None:
    """A password reference: ``env:NAME`` (environment) or ``file:/path``; empty means none."""
    import os
    from pathlib import Path

    ref = (ref or "").strip()
    if not ref:
        return None
    kind, _, where = ref.partition(":")
    if kind == "env":
        value = os.environ.get(where)
        if value is None:
            raise DomainError(f"Chưa đặt biến môi trường {where} chứa mật khẩu chứng thư số.")
        return value.encode()
    if kind == "file":
        try:
            return Path(where).read_bytes().strip()
        except OSError:
            raise DomainError("Không đọc được tệp mật khẩu của chứng thư số; hãy báo quản trị hệ thống.")
    raise DomainError("Tham chiếu mật khẩu phải có dạng env:TÊN_BIẾN hoặc file:/đường/dẫn.")


def signing_config(issuer) -> tuple[bytes, bytes | None, bool]:
    """(PKCS#12 bytes, password, is a test certificate) for an issuer: its own certificate (admin),
    else the default of the settings (``KEHOACH_SIGNING_P12``); a clear 400 when neither exists."""
    from pathlib import Path

    from django.conf import settings

    from kehoach.reports.models import SigningCertificate

    own = SigningCertificate.objects.filter(issuer=issuer).first()
    if own is not None:
        content = bytes(own.p12_content) if own.p12_content else None
        if content is None:
            try:
                content = Path(own.p12_path).read_bytes()
            except OSError:
                raise DomainError("Không đọc được tệp chứng thư số của cơ quan ban hành; hãy báo quản trị.")
        return content, _read_password(own.password_ref), own.is_test
    if settings.KEHOACH_SIGNING_P12:
        try:
            content = Path(settings.KEHOACH_SIGNING_P12).read_bytes()
        except OSError:
            raise DomainError("Không đọc được tệp chứng thư số (KEHOACH_SIGNING_P12); hãy báo quản trị.")
        password = settings.KEHOACH_SIGNING_P12_PASSWORD
        return content, password.encode() if password else None, False
    raise DomainError(
        "Cơ quan ban hành chưa có chứng thư số: quản trị cần khai báo tệp .p12 (trang quản trị hoặc "
        "biến KEHOACH_SIGNING_P12)."
    )


def trust_roots() -> list:
    """The certificates a signature must chain to for "hợp lệ": the files of
    ``KEHOACH_SIGNING_TRUST_ROOTS`` and every certificate in ``KEHOACH_SIGNING_TRUST_DIR``."""
    from pathlib import Path

    from django.conf import settings

    from kehoach.reports.signature import pades

    paths = [Path(p) for p in settings.KEHOACH_SIGNING_TRUST_ROOTS]
    folder = Path(settings.KEHOACH_SIGNING_TRUST_DIR)
    if folder.is_dir():
        paths += sorted(p for p in folder.iterdir() if p.suffix.lower() in (".pem", ".crt", ".cer", ".der"))
    return pades.load_roots([p for p in paths if p.is_file()])


def sign_document(user, document):
    """Ký số: sign the issued PDF (PAdES) with the issuer's certificate, a visible box in the signature
    block; the signed copy is frozen beside the issued files with its SHA-256. Once only (409)."""
    import hashlib

    from django.utils import timezone

    from kehoach.reports.documents import decree30 as d30
    from kehoach.reports.models import DocumentFile, OutgoingDocument
    from kehoach.reports.signature import pades

    require_compiler(user, document.plan)
    with transaction.atomic():
        locked = (
            OutgoingDocument.objects.select_for_update().select_related("plan", "issuer").get(pk=document.pk)
        )
        if locked.status != "issued":
            raise Conflict("Chỉ ký số văn bản đã ban hành (đã có số và ngày).")
        if locked.signed_sha256:
            raise Conflict(f"Văn bản số {locked.number_text} đã được ký số.")
        p12, password, is_test = signing_config(locked.issuer)
        pdf = bytes(locked.files.get(format="pdf").content)
        _, _, signer_line = d30.signature_lines(locked.plan)
        try:
            signed, signer = pades.sign_pdf(
                pdf,
                p12,
                password,
                signer_name=signer_line,
                reason=f"Ban hành văn bản số {locked.number_text}",
                location=locked.issuer.name,
                note="Chứng thư thử nghiệm" if is_test else "",
            )
        except pades.SigningError as exc:
            raise DomainError(str(exc))
        sha = hashlib.sha256(signed).hexdigest()
        DocumentFile.objects.create(
            document=locked,
            format="signed",
            content=signed,
            sha256=sha,
            filename=locked.files.get(format="pdf").filename.removesuffix(".pdf") + "-da-ky-so.pdf",
        )
        locked.signed_sha256 = sha
        locked.signed_at = timezone.now()
        locked.signed_by = user
        locked.signer_name = signer
        locked.signed_with_test_certificate = is_test
        locked.save()
        audit.record(
            locked,
            "action",
            {"signed_sha256": [None, sha], "signer": [None, signer]},
            verb=f"ký số văn bản số {locked.number_text}",
            actor=user,
        )
    return locked


def verify_signed_pdf(user, data: bytes) -> dict:
    """Kiểm tra chữ ký số of an uploaded PDF: "hợp lệ" / "đã bị sửa đổi" / "không rõ người ký" (against
    the trust roots), and the register entry whose signed copy it is, if any (audited on that entry)."""
    import hashlib

    from django.conf import settings

    from kehoach.core.errors import Invalid, TooLarge
    from kehoach.reports.models import OutgoingDocument
    from kehoach.reports.signature import pades

    if not getattr(user, "is_authenticated", False):
        raise Forbidden("Cần đăng nhập.")
    if not data:
        raise Invalid("Hãy chọn tệp PDF cần kiểm tra.")
    if len(data) > settings.KEHOACH_MAX_UPLOAD_BYTES:
        raise TooLarge("Tệp lớn quá giới hạn cho phép.")
    try:
        verdict = pades.verify_pdf(data, trust_roots())
    except ValueError as exc:
        raise Invalid(str(exc))
    sha = hashlib.sha256(data).hexdigest()
    match = OutgoingDocument.objects.filter(signed_sha256=sha).first()
    if match is not None:
        audit.record(
            match, "action", {"verify": [None, verdict.status]}, verb="kiểm tra chữ ký số", actor=user
        )
    return {
        "status": verdict.status,
        "label": verdict.label,
        "signer": verdict.signer,
        "signed_at": verdict.signed_at,
        "details": verdict.details,
        "sha256": sha,
        "document": match,
    }
