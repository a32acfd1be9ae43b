"""Estimate → appraisal → approval of communication budgets, with a way back (trả lại) for revision.

estimated --appraise (finance)--> appraised --approve (leader)--> approved
estimated/appraised --return (finance or leader)--> returned --revise (unit)--> estimated
Any other move is a Conflict (409); the wrong role is Forbidden (403).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kehoach.budgets.models import Budget, BudgetItem, BudgetSource, BudgetStatus
from kehoach.core import audit, permissions
from kehoach.core.errors import Conflict, DomainError, Forbidden, check_version

MAX_AMOUNT = 10**15  # a sanity bound far above any district budget; keeps sums inside BIGINT


class InvalidInput(DomainError):
    """Negative or fractional amounts, unknown codes, empty estimates (422 in the API)."""

    status = 422


def clean_amount(value, name: str = "Số tiền") -> int:
    """Whole đồng, ≥ 0. Accepts ints, integral floats and "15.500.000"-style text."""
    from kehoach.rules.money import parse_vnd

    if isinstance(value, bool) or value is None:
        raise InvalidInput(f"{name}: phải là số tiền nguyên (đồng).")
    if isinstance(value, float):
        if not value.is_integer():
            raise InvalidInput(f"{name}: phải là số đồng nguyên, không có phần lẻ.")
        value = int(value)
    if isinstance(value, int):
        if value < 0:
            raise InvalidInput(f"{name}: không được âm.")
    else:
        try:
            value = parse_vnd(str(value))
        except ValueError:
            raise InvalidInput(f"{name}: không phải số tiền hợp lệ (đồng, không âm, không có phần lẻ).")
    if value > MAX_AMOUNT:
        raise InvalidInput(f"{name}: quá lớn.")
    return value


def clean_items(items) -> list[tuple[str, int]]:
    out = []
    for i, item in enumerate(items or [], start=1):
        if isinstance(item, dict):
            desc, amount = item.get("description"), item.get("amount")
        else:
            desc, amount = item
        desc = (desc or "").strip()
        if not desc:
            raise InvalidInput(f"Khoản {i}: thiếu nội dung chi.")
        out.append((desc[:300], clean_amount(amount, f"Khoản {i}")))
    if not out:
        raise InvalidInput("Dự toán phải có ít nhất một khoản chi.")
    return out


def _lock(budget: Budget) -> Budget:
    return Budget.objects.select_for_update().select_related("plan").get(pk=budget.pk)


@transaction.atomic
def create_estimate(user, plan, unit, source: str, items, note: str = "") -> Budget:
    """Lập dự toán: a unit estimates its own costs (only for a unit the user acts for)."""
    if not permissions.can_act_for(user, unit.pk):
        raise Forbidden("Bạn chỉ lập được dự toán cho đơn vị mình.")
    if source not in BudgetSource.values:
        raise InvalidInput(f"Nguồn kinh phí: mã không hợp lệ “{source}”.")
    lines = clean_items(items)
    with audit.acting_as(user):
        budget = Budget.objects.create(
            plan=plan,
            unit=unit,
            source=source,
            total=sum(a for _, a in lines),
            note=(note or "").strip(),
            created_by=user,
        )
        audit.audited_bulk_create(
            BudgetItem,
            [BudgetItem(budget=budget, description=d, amount=a, order=n) for n, (d, a) in enumerate(lines)],
        )
    return budget


@transaction.atomic
def revise_estimate(
    budget: Budget, user, items, source: str | None = None, note: str | None = None, version=None
) -> Budget:
    """Sửa dự toán: the unit changes its lines while waiting for appraisal, or after it was returned."""
    budget = _lock(budget)
    if not permissions.can_act_for(user, budget.unit_id):
        raise Forbidden("Bạn chỉ sửa được dự toán của đơn vị mình.")
    check_version(budget, version)
    if budget.status not in (BudgetStatus.ESTIMATED, BudgetStatus.RETURNED):
        raise Conflict(f"Dự toán đang ở trạng thái “{budget.get_status_display()}”, không sửa được.")
    if source is not None and source not in BudgetSource.values:
        raise InvalidInput(f"Nguồn kinh phí: mã không hợp lệ “{source}”.")
    lines = clean_items(items)
    with audit.acting_as(user):
        audit.audited_delete(budget.items.all())
        audit.audited_bulk_create(
            BudgetItem,
            [BudgetItem(budget=budget, description=d, amount=a, order=n) for n, (d, a) in enumerate(lines)],
        )
        budget.total = sum(a for _, a in lines)
        if source is not None:
            budget.source = source
        if note is not None:
            budget.note = note.strip()
        budget.status = BudgetStatus.ESTIMATED
        budget.version += 1
        budget.save()
        audit.record(budget, "action", {"total": [None, budget.total]}, verb="sửa dự toán")
    return budget


@transaction.atomic
def appraise(budget: Budget, user, amount, comment: str = "", version=None) -> Budget:
    """Thẩm định: the finance office (Phòng TC-KH) sets the appraised amount; only from ``estimated``."""
    budget = _lock(budget)
    if not permissions.is_finance(user, budget.plan):
        raise Forbidden("Chỉ Phòng Tài chính-Kế hoạch được thẩm định dự toán.")
    check_version(budget, version)
    if budget.status != BudgetStatus.ESTIMATED:
        raise Conflict(f"Dự toán đang ở trạng thái “{budget.get_status_display()}”, không thẩm định được.")
    amount = clean_amount(amount, "Số thẩm định")
    with audit.acting_as(user):
        budget.status = BudgetStatus.APPRAISED
        budget.appraised_amount = amount
        budget.appraisal_comment = (comment or "").strip()
        budget.appraised_by = user
        budget.appraised_at = timezone.now()
        budget.version += 1
        budget.save()
        audit.record(budget, "action", {"appraised_amount": [None, amount]}, verb="thẩm định")
    return budget


@transaction.atomic
def approve(budget: Budget, user, amount, comment: str = "", version=None) -> Budget:
    """Phê duyệt: the People's Committee leader; only an appraised estimate, only once (409 after)."""
    budget = _lock(budget)
    if not permissions.is_leader(user, budget.plan):
        raise Forbidden("Chỉ lãnh đạo UBND được phê duyệt dự toán.")
    check_version(budget, version)
    if budget.status == BudgetStatus.APPROVED:
        raise Conflict("Dự toán đã được phê duyệt.")
    if budget.status != BudgetStatus.APPRAISED:
        raise Conflict(
            f"Dự toán đang ở trạng thái “{budget.get_status_display()}”: phải được thẩm định trước."
        )
    amount = clean_amount(amount, "Số phê duyệt")
    with audit.acting_as(user):
        budget.status = BudgetStatus.APPROVED
        budget.approved_amount = amount
        budget.approval_comment = (comment or "").strip()
        budget.approved_by = user
        budget.approved_at = timezone.now()
        budget.version += 1
        budget.save()
        audit.record(budget, "action", {"approved_amount": [None, amount]}, verb="phê duyệt")
    return budget


@transaction.atomic
def return_estimate(budget: Budget, user, comment: str, version=None) -> Budget:
    """Trả lại: finance (before appraisal) or the leader (before approval) sends it back with a reason."""
    budget = _lock(budget)
    finance, leader = permissions.is_finance(user, budget.plan), permissions.is_leader(user, budget.plan)
    if not (finance or leader):
        raise Forbidden("Chỉ Phòng Tài chính-Kế hoạch hoặc lãnh đạo UBND được trả lại dự toán.")
    check_version(budget, version)
    if budget.status not in (BudgetStatus.ESTIMATED, BudgetStatus.APPRAISED):
        raise Conflict(f"Dự toán đang ở trạng thái “{budget.get_status_display()}”, không trả lại được.")
    comment = (comment or "").strip()
    if not comment:
        raise InvalidInput("Lý do trả lại: bắt buộc.")
    with audit.acting_as(user):
        budget.status = BudgetStatus.RETURNED
        budget.return_comment = comment
        budget.appraised_amount = None
        budget.appraised_by = None
        budget.appraised_at = None
        budget.version += 1
        budget.save()
        audit.record(budget, "action", {"comment": [None, comment]}, verb="trả lại dự toán")
    return budget
