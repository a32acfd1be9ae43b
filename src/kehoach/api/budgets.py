"""Budget estimates (dự toán kinh phí): estimate, appraise (Phòng TC-KH), approve (lãnh đạo UBND).

Each estimate carries ``actions``: what the caller may do with it now, read from the transition
table (``rules.budget_flow``) that the services enforce.
"""

import datetime
from typing import Literal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictInt

from kehoach.api.lookup import get_visible_or_403
from kehoach.api.pagination import PageParams, paginate
from kehoach.budgets import selectors, services
from kehoach.budgets.models import Budget
from kehoach.core.validation import Count, Id, NoteText, Ref, ShortText
from kehoach.org.models import Unit
from kehoach.plans.models import Plan

router = Router(tags=["budgets"])

SourceCode = Literal["state_budget", "other"]
StatusCode = Literal["estimated", "appraised", "approved", "returned"]
ActionCode = Literal["revise", "appraise", "reappraise", "approve", "return"]
# Whole đồng: a JSON integer (1.5 or "abc" → 422); the range (≥ 0, ≤ 10^15, the sum too) is
# checked by the service, with a Vietnamese message and before anything is saved.
Amount = Field(..., description="đồng, số nguyên 0 … 10^15")


class ItemIn(Schema):
    description: ShortText = Field(..., min_length=1, max_length=300)
    amount: StrictInt = Amount


class ItemOut(Schema):
    id: int
    description: str
    amount: int


class BudgetOut(Schema):
    id: int
    plan_id: int
    unit_id: int
    status: StatusCode
    source: SourceCode
    total: int
    appraised_amount: int | None
    appraisal_comment: str
    appraised_at: datetime.datetime | None
    approved_amount: int | None
    appraisal_override_reason: str
    approval_comment: str
    approval_override_reason: str
    approved_at: datetime.datetime | None
    return_comment: str
    note: str
    version: Count
    items: list[ItemOut]
    actions: list[ActionCode] = Field(default_factory=list, description="what the caller may do now")

    @staticmethod
    def resolve_actions(obj, context) -> list[str]:
        request = context.get("request") if context else None
        if request is None or not isinstance(obj, Budget):
            return []
        return services.available_actions(request.user, obj)


class BudgetIn(Schema):
    plan_id: Ref
    unit_id: Ref
    source: SourceCode = "state_budget"
    items: list[ItemIn] = Field(..., min_length=1, max_length=500)
    note: NoteText = ""


class CreatedOut(Schema):
    id: int
    status: StatusCode
    total: int
    version: Count


class BudgetFilter(Schema):
    plan: Id | None = None
    unit: Id | None = None
    status: StatusCode | None = None


def _visible(request, budget_id: int) -> Budget:
    return get_visible_or_403(
        Budget.objects.with_relations(),
        budget_id,
        request.user,
        "Bạn không có quyền xem dự toán của đơn vị khác.",
    )


@router.get("/budgets", response=list[BudgetOut])
def list_budgets(request, filters: Query[BudgetFilter], response: HttpResponse, page: Query[PageParams]):
    qs = Budget.objects.for_user(request.user).with_relations()
    if filters.plan:
        qs = qs.filter(plan_id=filters.plan)
    if filters.unit:
        qs = qs.filter(unit_id=filters.unit)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return paginate(request, response, qs, page, order=("plan_id", "unit__sort_order", "id"))


@router.get("/budgets/{budget_id}", response=BudgetOut)
def get_budget(request, budget_id: int):
    return _visible(request, budget_id)


@router.post("/budgets", response={201: CreatedOut})
def create_budget(request, payload: BudgetIn):
    """A unit's estimate (403 for another unit or a read-only role; 422 for negative or fractional amounts)."""
    plan = Plan.objects.for_user(request.user).filter(pk=payload.plan_id).first()
    if plan is None:
        raise services.InvalidInput("Kế hoạch không tồn tại.")
    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        raise services.InvalidInput("Đơn vị không tồn tại.")
    budget = services.create_estimate(
        request.user, plan, unit, payload.source, [i.dict() for i in payload.items], note=payload.note
    )
    return Status(201, budget)


class ReviseIn(Schema):
    items: list[ItemIn] = Field(..., min_length=1, max_length=500)
    source: SourceCode | None = None
    note: NoteText | None = None
    version: Count | None = None


@router.put("/budgets/{budget_id}", response=CreatedOut)
def revise_budget(request, budget_id: int, payload: ReviseIn):
    """The unit revises its estimate (while waiting for appraisal, or after it was returned)."""
    budget = _visible(request, budget_id)
    return services.revise_estimate(
        budget,
        request.user,
        [i.dict() for i in payload.items],
        source=payload.source,
        note=payload.note,
        version=payload.version,
    )


OverrideReason = Field(
    "",
    max_length=1000,
    description="Lý do vượt: required when the amount is above the estimate (appraise) or the appraisal (approve)",
)


class AppraiseIn(Schema):
    appraised_amount: StrictInt = Amount
    comment: NoteText = ""
    override_reason: str = OverrideReason
    version: Count | None = None


class ApproveIn(Schema):
    approved_amount: StrictInt = Amount
    comment: NoteText = ""
    override_reason: str = OverrideReason
    version: Count | None = None


class ReturnIn(Schema):
    comment: str = Field(..., min_length=1)
    version: Count | None = None


@router.post("/budgets/{budget_id}/appraise", response=BudgetOut)
def appraise_budget(request, budget_id: int, payload: AppraiseIn):
    """Phòng Tài chính-Kế hoạch only (403); an estimate waiting for appraisal, or a correction of the
    appraisal before the leader acts (else 409); above the estimate only with ``override_reason`` (422)."""
    budget = _visible(request, budget_id)
    services.appraise(
        budget,
        request.user,
        payload.appraised_amount,
        payload.comment,
        version=payload.version,
        override_reason=payload.override_reason,
    )
    return Budget.objects.with_relations().get(pk=budget.pk)


@router.post("/budgets/{budget_id}/approve", response=BudgetOut)
def approve_budget(request, budget_id: int, payload: ApproveIn):
    """The UBND leader only (403); only an appraised estimate, only once (409); above the appraised
    amount only with ``override_reason`` (422)."""
    budget = _visible(request, budget_id)
    services.approve(
        budget,
        request.user,
        payload.approved_amount,
        payload.comment,
        version=payload.version,
        override_reason=payload.override_reason,
    )
    return Budget.objects.with_relations().get(pk=budget.pk)


@router.post("/budgets/{budget_id}/return", response=BudgetOut)
def return_budget(request, budget_id: int, payload: ReturnIn):
    """Finance or the leader sends an estimate back with a reason."""
    budget = _visible(request, budget_id)
    services.return_estimate(budget, request.user, payload.comment, version=payload.version)
    return Budget.objects.with_relations().get(pk=budget.pk)


class UnitTotal(Schema):
    unit_id: int
    unit_name: str
    estimated: int
    appraised: int
    approved: int
    count: int


class TotalsOut(Schema):
    estimated: int
    appraised: int
    approved: int
    by_unit: list[UnitTotal]


@router.get("/plans/{plan_id}/budget-totals", response=TotalsOut)
def budget_totals(request, plan_id: int):
    """Sums over the estimates the caller may see (a unit sees its own; finance, coordinator, leader all)."""
    plan = get_object_or_404(Plan.objects.for_user(request.user), pk=plan_id)
    return selectors.totals(plan, qs=Budget.objects.for_user(request.user))
