"""Estimate → appraisal → approval of communication budgets, with a way back (trả lại) for revision.

Which move is allowed from which state, and for whom, is the table in ``kehoach.rules.budget_flow``;
every function here asks it (the wrong role is Forbidden, 403; the wrong state a Conflict, 409).
An appraisal above the estimate, or an approval above the appraisal, needs a written reason
(``override_reason``), which is stored and audited. Amounts and sums stay under
``budget_flow.AMOUNT_CEILING`` (422), checked before any row is written.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kehoach.budgets.models import Budget, BudgetItem, BudgetSource, BudgetStatus
from kehoach.core import audit, permissions
from kehoach.core.errors import Conflict, Forbidden, Invalid, check_version
from kehoach.plans.guards import refuse_if_closed
from kehoach.rules import budget_flow as flow
from kehoach.rules.money import format_vnd

MAX_AMOUNT = flow.AMOUNT_CEILING


InvalidInput = Invalid  # the one 422 class (core.errors.Invalid), under the name callers here use


class OverLimit(InvalidInput):
    """Vượt dự toán / vượt số thẩm định without a written reason (422)."""

    def __init__(self, message: str, limit: int):
        super().__init__(message)
        self.limit = limit


def clean_amount(value, name: str = "Số tiền") -> int:
    """Whole đồng, 0 ≤ amount ≤ the ceiling. Accepts ints, integral floats and "15.500.000"-style text."""
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
    if not flow.amount_fits(value):
        raise InvalidInput(f"{name}: quá lớn (tối đa {format_vnd(MAX_AMOUNT)}).")
    return value


def clean_items(items) -> list[tuple[str, int]]:
    """Line items as ``(description, amount)``; the whole list is checked before anything is saved."""
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
    if not flow.sum_fits(a for _, a in out):
        raise InvalidInput(
            f"Tổng dự toán vượt mức tối đa {format_vnd(MAX_AMOUNT)}; hãy kiểm tra lại các khoản chi."
        )
    return out


def actor_roles(user, budget: Budget) -> set[str]:
    """The user's relation to this estimate, in the words of the transition table."""
    roles = set()
    if permissions.can_act_for(user, budget.unit_id):
        roles.add(flow.UNIT)
    if permissions.is_finance(user, budget.plan):
        roles.add(flow.FINANCE)
    if permissions.is_leader(user, budget.plan):
        roles.add(flow.LEADER)
    return roles


def available_actions(user, budget: Budget) -> list[str]:
    """What this user may do with this estimate now (pages show these buttons, the API lists them)."""
    return flow.allowed_actions(budget.status, actor_roles(user, budget))


_FORBIDDEN = {
    flow.REVISE: "Bạn chỉ sửa được dự toán của đơn vị mình.",
    flow.APPRAISE: "Chỉ Phòng Tài chính-Kế hoạch được thẩm định dự toán.",
    flow.REAPPRAISE: "Chỉ Phòng Tài chính-Kế hoạch được thẩm định lại dự toán.",
    flow.APPROVE: "Chỉ lãnh đạo UBND được phê duyệt dự toán.",
    flow.RETURN: "Chỉ Phòng Tài chính-Kế hoạch hoặc lãnh đạo UBND được trả lại dự toán.",
}
_WRONG_STATE = {
    flow.REVISE: "không sửa được",
    flow.APPRAISE: "không thẩm định được",
    flow.REAPPRAISE: "không thẩm định lại được",
    flow.APPROVE: "không phê duyệt được",
    flow.RETURN: "không trả lại được",
}


def _authorize(budget: Budget, user, action: str, version) -> None:
    """The table's verdict: 403 for a role that never takes this action, 409 for the wrong state."""
    if not flow.role_may(action, actor_roles(user, budget)):
        raise Forbidden(_FORBIDDEN[action])
    refuse_if_closed(budget.plan)
    check_version(budget, version)
    if not flow.state_allows(action, budget.status):
        if action == flow.APPROVE and budget.status == BudgetStatus.APPROVED:
            raise Conflict("Dự toán đã được phê duyệt.")
        why = "phải được thẩm định trước" if action == flow.APPROVE else _WRONG_STATE[action]
        raise Conflict(f"Dự toán đang ở trạng thái “{budget.get_status_display()}”, {why}.")


def appraise_action(budget: Budget) -> str:
    """A first appraisal, or a correction (thẩm định lại) of one the leader has not acted on."""
    return flow.REAPPRAISE if budget.status == BudgetStatus.APPRAISED else flow.APPRAISE


def check_decision(budget: Budget, action: str, amount, override_reason: str = "") -> tuple[int, str]:
    """Clean the amount of an appraisal or approval and hold it to its limit.

    Above the limit (the estimate for an appraisal, the appraisal for an approval) only with a
    written reason; returns ``(amount, reason)`` where the reason is kept only when it was needed.
    Pages call this before the confirm step, the services again inside the transaction.
    """
    name = "Số phê duyệt" if action == flow.APPROVE else "Số thẩm định"
    amount = clean_amount(amount, name)
    reason = (override_reason or "").strip()
    limit = flow.decision_limit(action, budget.total, budget.appraised_amount)
    if limit is None or amount <= limit:
        return amount, ""
    if not reason:
        if action == flow.APPROVE:
            msg = (
                f"Số phê duyệt {format_vnd(amount)} lớn hơn số thẩm định {format_vnd(limit)}. "
                "Chỉ phê duyệt vượt số thẩm định khi ghi rõ lý do (override_reason)."
            )
        else:
            msg = (
                f"Số thẩm định {format_vnd(amount)} lớn hơn tổng dự toán {format_vnd(limit)}. "
                "Chỉ thẩm định vượt dự toán khi ghi rõ lý do (override_reason)."
            )
        raise OverLimit(msg, limit)
    return amount, reason[:1000]


def _lock(budget: Budget) -> Budget:
    return Budget.objects.select_for_update().select_related("plan").get(pk=budget.pk)


def _save_lines(budget: Budget, lines: list[tuple[str, int]]) -> None:
    """Write the line items row by row through the audited model, so each change leaves an audit row.

    Rows are matched by position: an unchanged line writes nothing, a changed one an update, extra
    old lines a delete each, extra new lines a create each.
    """
    old = list(budget.items.order_by("order", "id"))
    for n, (desc, amount) in enumerate(lines):
        if n < len(old):
            item = old[n]
            if (item.description, item.amount, item.order) != (desc, amount, n):
                item.description, item.amount, item.order = desc, amount, n
                item.save()
        else:
            BudgetItem(budget=budget, description=desc, amount=amount, order=n).save()
    for item in old[len(lines) :]:
        item.delete()


@transaction.atomic
def create_estimate(user, plan, unit, source: str, items, note: str = "") -> Budget:
    """Lập dự toán: a unit estimates its own costs (only for a unit the user acts for)."""
    if not permissions.can_act_for(user, unit.pk):
        raise Forbidden("Bạn chỉ lập được dự toán cho đơn vị mình.")
    refuse_if_closed(plan)
    if source not in BudgetSource.values:
        raise InvalidInput(f"Nguồn kinh phí: mã không hợp lệ “{source}”.")
    lines = clean_items(items)
    with audit.acting_as(user):
        budget = Budget.objects.create(
            plan=plan,
            unit=unit,
            source=source,
            status=flow.INITIAL,
            total=sum(a for _, a in lines),
            note=(note or "").strip(),
            created_by=user,
        )
        _save_lines(budget, lines)
    return budget


@transaction.atomic
def revise_estimate(
    budget: Budget, user, items, source: str | None = None, note: str | None = None, version=None
) -> Budget:
    """Sửa dự toán: the unit changes its lines while waiting for appraisal, or after it was returned."""
    budget = _lock(budget)
    _authorize(budget, user, flow.REVISE, version)
    if source is not None and source not in BudgetSource.values:
        raise InvalidInput(f"Nguồn kinh phí: mã không hợp lệ “{source}”.")
    lines = clean_items(items)
    with audit.acting_as(user):
        _save_lines(budget, lines)
        old_total = budget.total
        budget.total = sum(a for _, a in lines)
        if source is not None:
            budget.source = source
        if note is not None:
            budget.note = note.strip()
        budget.status = flow.target(flow.REVISE, budget.status)
        budget.version += 1
        budget.save()
        audit.record(budget, "action", {"total": [old_total, budget.total]}, verb="sửa dự toán")
    return budget


@transaction.atomic
def appraise(
    budget: Budget, user, amount, comment: str = "", version=None, override_reason: str = ""
) -> Budget:
    """Thẩm định (Phòng TC-KH): from ``estimated``; or thẩm định lại from ``appraised`` until the leader acts.

    Above the estimate only with ``override_reason`` (stored, audited).
    """
    budget = _lock(budget)
    action = appraise_action(budget)
    _authorize(budget, user, action, version)
    amount, reason = check_decision(budget, action, amount, override_reason)
    old = budget.appraised_amount
    with audit.acting_as(user):
        budget.status = flow.target(action, budget.status)
        budget.appraised_amount = amount
        budget.appraisal_comment = (comment or "").strip()
        budget.appraisal_override_reason = reason
        budget.appraised_by = user
        budget.appraised_at = timezone.now()
        budget.version += 1
        budget.save()
        changes = {"appraised_amount": [old, amount]}
        if reason:
            changes["override_reason"] = [None, reason]
        verb = "thẩm định lại" if action == flow.REAPPRAISE else "thẩm định"
        audit.record(budget, "action", changes, verb=verb + (" vượt dự toán" if reason else ""))
    return budget


@transaction.atomic
def approve(
    budget: Budget, user, amount, comment: str = "", version=None, override_reason: str = ""
) -> Budget:
    """Phê duyệt (lãnh đạo UBND): only an appraised estimate, only once (409 after).

    Above the appraised amount only with ``override_reason`` (stored, audited).
    """
    budget = _lock(budget)
    _authorize(budget, user, flow.APPROVE, version)
    amount, reason = check_decision(budget, flow.APPROVE, amount, override_reason)
    with audit.acting_as(user):
        budget.status = flow.target(flow.APPROVE, budget.status)
        budget.approved_amount = amount
        budget.approval_comment = (comment or "").strip()
        budget.approval_override_reason = reason
        budget.approved_by = user
        budget.approved_at = timezone.now()
        budget.version += 1
        budget.save()
        changes = {"approved_amount": [None, amount]}
        if reason:
            changes["override_reason"] = [None, reason]
        audit.record(budget, "action", changes, verb="phê duyệt" + (" vượt số thẩm định" if reason else ""))
    return budget


@transaction.atomic
def return_estimate(budget: Budget, user, comment: str, version=None) -> Budget:
    """Trả lại: finance or the leader sends an estimate back, with a reason, before approval."""
    budget = _lock(budget)
    _authorize(budget, user, flow.RETURN, version)
    comment = (comment or "").strip()
    if not comment:
        raise InvalidInput("Lý do trả lại: bắt buộc.")
    with audit.acting_as(user):
        budget.status = flow.target(flow.RETURN, budget.status)
        budget.return_comment = comment
        budget.appraised_amount = None
        budget.appraisal_override_reason = ""
        budget.appraised_by = None
        budget.appraised_at = None
        budget.version += 1
        budget.save()
        audit.record(budget, "action", {"comment": [None, comment]}, verb="trả lại dự toán")
    return budget
