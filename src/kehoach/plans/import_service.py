"""Nhập kế hoạch từ văn bản: the one service behind the import page and ``POST /api/v1/plans/import``.

Both paths ask the same questions in the same order: may this person import (``may_import``), is the
file of an accepted type and size (``core.uploads``), can it be read (``read_document``), was the
same document imported before (``duplicates_of``); and both save through ``save_import``, which
writes the plan and its audit entry in one transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction

from kehoach.core import permissions
from kehoach.core.audit import record
from kehoach.core.errors import Conflict, DomainError, Forbidden, TooLarge
from kehoach.core.uploads import PLAN_DOCUMENT, check_upload
from kehoach.plans.models import Plan
from kehoach.plans.services import save_imported_plan

#: The source text kept with the plan and shown beside the review.
MAX_SOURCE_CHARS = 300_000


@dataclass
class ReadDocument:
    """Một văn bản đã đọc: the importer's object, the file's fingerprint and its text."""

    data: dict
    source_name: str
    source_sha256: str
    source_text: str


@dataclass
class ImportResult:
    """The saved plan, and the first plan saved earlier from the same file (if any)."""

    plan: Plan
    duplicate_of: int | None


PARSE_TIME_LIMIT = 20.0


class NotAPlanError(DomainError):
    """Văn bản không phải kế hoạch (422): readable, but no heading, activity or duty."""

    status = 422


def refusal(exc, prefix: str = "") -> DomainError:
    """The importer's error as the domain error pages and the API answer with: 413 for a document
    over the caps, 422 for one that is not a plan, 400 for an unreadable file."""
    from kehoach.importing import DocumentTooLarge, NotAPlan

    message = f"{prefix}{exc}"
    if isinstance(exc, DocumentTooLarge):
        return TooLarge(message)
    if isinstance(exc, NotAPlan):
        return NotAPlanError(message)
    return DomainError(message)


def may_import(user) -> bool:
    """Only administrators and coordinators may import plans (``permissions.may_create_plans``)."""
    return permissions.may_create_plans(user)


def require_importer(user) -> None:
    if not may_import(user):
        raise Forbidden("Chỉ quản trị viên hoặc cơ quan thường trực được nhập kế hoạch.")


class DuplicatePlan(Conflict):
    """Văn bản đã nhập: the same file was saved as a plan before (409 unless confirmed)."""

    def __init__(self, plan_id: int):
        super().__init__(
            f"Văn bản này đã được nhập thành kế hoạch #{plan_id}. "
            "Gửi confirm_duplicate=true nếu vẫn muốn nhập thêm một bản."
        )
        self.plan_id = plan_id


def source_text_of(data: dict, raw: bytes) -> str:
    """The text shown beside the review: what the reader extracted, else the bytes decoded."""
    text = data.get("source_text") or data.get("text")
    if not isinstance(text, str) or not text.strip():
        if raw[:2] == b"PK" or raw[:5] == b"%PDF-":
            text = _text_from_sections(data)
        else:
            text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    return text[:MAX_SOURCE_CHARS]


def _text_from_sections(data: dict) -> str:
    """A readable outline rebuilt from the parsed clauses (for binary sources)."""
    lines: list[str] = []

    def walk(nodes, depth):
        for node in nodes or []:
            label = node.get("label") or ""
            head = " ".join(x for x in (node.get("heading"), node.get("text")) if x)
            lines.append(("  " * depth) + (f"{label}. " if label not in ("-", "+", "") else "- ") + head)
            walk(node.get("children"), depth + 1)

    doc = data.get("document") or {}
    lines += [doc.get("kind") or "", doc.get("title") or "", ""]
    walk(data.get("sections"), 0)
    return "\n".join(lines)


def read_document(user, raw: bytes, filename: str, year: int | None = None) -> ReadDocument:
    """Đọc văn bản: check who uploads and the file, then parse it. Writes nothing.

    Raises Forbidden (403), TooLarge (413), Invalid (422, a type that is not accepted) or
    DomainError (400, a file that cannot be read) with a one-line message a person can act on.
    """
    from kehoach.importing import DocumentError, parse_bytes  # the parser loads on first use only

    require_importer(user)
    check_upload(filename, len(raw), PLAN_DOCUMENT)
    if not raw.strip():
        raise DomainError("Tệp rỗng: không có nội dung để đọc.")
    try:
        data = parse_bytes(raw, filename, year=year, time_limit=PARSE_TIME_LIMIT)
    except DocumentError as exc:
        raise refusal(exc, prefix="Không đọc được văn bản: ")  # 413 / 422 / 400; nothing saved
    return ReadDocument(
        data=data,
        source_name=(filename or "")[:255],
        source_sha256=hashlib.sha256(raw).hexdigest(),
        source_text=source_text_of(data, raw),
    )


def duplicates_of(source_sha256: str):
    """Plans saved earlier from the very same file, oldest first."""
    if not source_sha256:
        return Plan.objects.none()
    return Plan.objects.filter(source_sha256=source_sha256).order_by("id")


@transaction.atomic
def save_import(user, data: dict, *, source_name: str, source_sha256: str, source_text: str = "", **options):
    """Lưu kế hoạch đã nhập: the plan (``plans.services.save_imported_plan`` with ``options``) and
    its audit entry, all or nothing. Returns an ImportResult naming an earlier copy, if any."""
    require_importer(user)
    earlier = duplicates_of(source_sha256).values_list("pk", flat=True).first()
    plan = save_imported_plan(
        data,
        user=user,
        source_name=source_name,
        source_sha256=source_sha256,
        source_text=source_text,
        **options,
    )
    record(plan, "action", {}, verb=f"nhập từ văn bản {source_name}"[:80], actor=user)
    return ImportResult(plan=plan, duplicate_of=earlier)


def import_document(
    user, raw: bytes, filename: str, year: int | None = None, confirm_duplicate: bool = True
) -> tuple[ImportResult, dict]:
    """Read and save in one step, as a draft (the API): (result, the importer's object).

    A document imported before is refused (``DuplicatePlan``, 409) unless ``confirm_duplicate``.
    Coordinators and leaders import for the issuer the document names; anyone else imports a draft
    of their own unit (a commune cannot create a plan in the district's name). When the named
    issuer is not recognised, the importer's own unit issues the draft.
    """
    doc = read_document(user, raw, filename, year)
    earlier = duplicates_of(doc.source_sha256).values_list("pk", flat=True).first()
    if earlier is not None and not confirm_duplicate:
        raise DuplicatePlan(earlier)
    source = {
        "source_name": doc.source_name,
        "source_sha256": doc.source_sha256,
        "source_text": doc.source_text,
    }
    own_unit = permissions.primary_unit(user)
    if not permissions.sees_everything(user):
        return save_import(user, doc.data, issuer=own_unit, **source), doc.data
    try:
        return save_import(user, doc.data, issuer=None, **source), doc.data
    except DomainError:
        if own_unit is None:
            raise
        return save_import(user, doc.data, issuer=own_unit, **source), doc.data
