"""Workflows of the reports app: document numbers, compiling documents, calendar links, ranking weights."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from kehoach.core import audit, permissions
from kehoach.core.errors import Conflict, DomainError, Forbidden
from kehoach.reports.models import CalendarToken, DocumentNumber, RankingWeights


def can_compile(user, plan) -> bool:
    """District documents are compiled by the plan's coordinator (Phòng Nội vụ) and its leaders."""
    return permissions.is_coordinator(user, plan) or permissions.is_leader(user, plan)


def require_compiler(user, plan) -> None:
    if not can_compile(user, plan):
        raise Forbidden(
            "Chỉ cơ quan thường trực và lãnh đạo Ủy ban nhân dân được lập văn bản tổng hợp của kế hoạch."
        )


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


def document_number_for(user, plan, kind: str, period: str, issuer, year: int, type_code: str) -> int:
    """The number of the plan's ``kind`` document for ``period``: taken once, then kept."""
    from kehoach.reports.models import CompiledDocument

    with transaction.atomic():
        existing = (
            CompiledDocument.objects.select_for_update().filter(plan=plan, kind=kind, period=period).first()
        )
        if existing:
            return existing.number
        number = next_document_number(issuer, year, type_code)
        doc = CompiledDocument.objects.create(
            plan=plan,
            kind=kind,
            period=period,
            issuer=issuer,
            year=year,
            type_code=type_code,
            number=number,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        audit.record(
            doc,
            "action",
            {"number": [None, number]},
            verb=f"lập văn bản số {number:02d}/{type_code}",
            actor=user,
        )
        return number
