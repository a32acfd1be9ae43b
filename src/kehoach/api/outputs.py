"""Communication outputs (sản phẩm tuyên truyền), broadcasts (lượt phát sóng) and weekly compliance."""

import datetime
from typing import Literal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from kehoach.api.lookup import check_as_of
from kehoach.api.pagination import PageParams, paginate
from kehoach.core.validation import Count, Id, Ref, SaneDate, SaneDateTime, ShortText, WebUrl
from kehoach.outputs import services
from kehoach.outputs.models import AUDIENCES, TOPICS, Broadcast, Output, OutputForm, QuantityUnit
from kehoach.plans.models import Plan

router = Router(tags=["outputs"])

FormCode = Literal[
    "website_article",
    "radio",
    "television",
    "press",
    "leaflet",
    "poster",
    "training",
    "conference",
    "skit",
    "loudspeaker",
    "social_media",
    "other",
]
TopicCode = Literal[
    "importance",
    "policy",
    "responsibility",
    "procedures",
    "apparatus",
    "civil_service",
    "public_finance",
    "digital_government",
    "indices",
    "results",
    "citizen_rights",
]
AudienceCode = Literal["officials", "citizens", "businesses", "members"]
QuantityUnitCode = Literal["items", "copies", "minutes", "participants", "sessions"]

# The Literal types above are what the OpenAPI document lists; keep them equal to the models' codes.
assert set(FormCode.__args__) == set(OutputForm.values)
assert set(TopicCode.__args__) == {c for c, _ in TOPICS}
assert set(AudienceCode.__args__) == {c for c, _ in AUDIENCES}
assert set(QuantityUnitCode.__args__) == set(QuantityUnit.values)


class OutputOut(Schema):
    id: int
    unit_id: int
    date: datetime.date
    form: FormCode
    topics: list[str]
    audiences: list[str]
    quantity: int
    quantity_unit: str
    participants: int | None
    title: str
    url: str
    activity_id: int | None
    plan_id: int | None


class OutputIn(Schema):
    unit_id: Ref
    date: SaneDate
    form: FormCode
    topics: list[TopicCode] = []
    audiences: list[AudienceCode] = []
    quantity: Count = 1
    quantity_unit: QuantityUnitCode | None = None
    participants: Count | None = None
    title: ShortText = Field(..., min_length=1, max_length=300)
    url: WebUrl | None = None
    activity_id: Ref | None = None
    plan_id: Ref | None = None


class OutputFilter(Schema):
    unit: Id | None = None
    plan: Id | None = None
    from_: SaneDate | None = Field(None, alias="from")
    to: SaneDate | None = None
    form: FormCode | None = None


@router.get("/outputs", response=list[OutputOut])
def list_outputs(request, filters: Query[OutputFilter], response: HttpResponse, page: Query[PageParams]):
    """Every signed-in person may read outputs (communication work is public inside the organisation)."""
    qs = Output.objects.for_user(request.user).between(filters.from_, filters.to)
    if filters.unit:
        qs = qs.filter(unit_id=filters.unit)
    if filters.plan:
        qs = qs.filter(plan_id=filters.plan)
    if filters.form:
        qs = qs.filter(form=filters.form)
    return paginate(request, response, qs, page, order=("date", "id"))


class Code(Schema):
    code: str
    label: str


class CodesOut(Schema):
    forms: list[Code]
    topics: list[Code]
    audiences: list[Code]
    quantity_units: list[Code]


@router.get("/outputs/codes", response=CodesOut)
def output_codes(request):
    """The codes an output may use, with their Vietnamese labels."""

    def pairs(choices):
        return [{"code": c, "label": str(label)} for c, label in choices]

    return {
        "forms": pairs(OutputForm.choices),
        "topics": pairs(TOPICS),
        "audiences": pairs(AUDIENCES),
        "quantity_units": pairs(QuantityUnit.choices),
    }


@router.get("/outputs/{output_id}", response=OutputOut)
def get_output(request, output_id: int):
    return get_object_or_404(Output.objects.for_user(request.user), pk=output_id)


@router.post("/outputs", response={201: OutputOut})
def create_output(request, payload: OutputIn):
    """Log an output for one of your units (403 otherwise; 422 for unknown codes or negative numbers)."""
    output = services.log_output(request.user, payload.dict())
    return Status(201, output)


class BroadcastOut(Schema):
    id: int
    unit_id: int
    plan_id: int | None
    aired_at: datetime.datetime
    minutes: int
    title: str


class BroadcastIn(Schema):
    unit_id: Ref
    aired_at: SaneDateTime
    minutes: int = Field(..., gt=0, le=1440, strict=True)
    title: ShortText = Field(..., min_length=1, max_length=300)
    plan_id: Ref | None = None


class BroadcastFilter(Schema):
    unit: Id | None = None
    plan: Id | None = None
    from_: SaneDate | None = Field(None, alias="from")
    to: SaneDate | None = None


@router.get("/broadcasts", response=list[BroadcastOut])
def list_broadcasts(
    request, filters: Query[BroadcastFilter], response: HttpResponse, page: Query[PageParams]
):
    qs = Broadcast.objects.for_user(request.user).between(filters.from_, filters.to)
    if filters.unit:
        qs = qs.filter(unit_id=filters.unit)
    if filters.plan:
        qs = qs.filter(plan_id=filters.plan)
    return paginate(request, response, qs, page, order=("aired_at", "id"))


@router.post("/broadcasts", response={201: BroadcastOut})
def create_broadcast(request, payload: BroadcastIn):
    """Log an airing: only the broadcasting unit's members (403 otherwise; 422 for minutes ≤ 0)."""
    from kehoach.fulfilment.broadcasts import record_broadcast

    return Status(201, record_broadcast(request.user, payload.dict()))


class WeekOut(Schema):
    week: str
    count: int
    minutes: int
    compliant: bool
    reason: str | None


class ComplianceOut(Schema):
    weeks: list[WeekOut]
    compliant_weeks: int
    total_weeks: int
    min_count: int
    min_minutes: int
    unit_id: int | None


class RangeFilter(Schema):
    from_: SaneDate | None = Field(None, alias="from")
    to: SaneDate | None = None


class ComplianceFilter(RangeFilter):
    as_of: datetime.date | None = None


@router.get("/plans/{plan_id}/broadcast-compliance", response=ComplianceOut)
def broadcast_compliance(request, plan_id: int, filters: Query[ComplianceFilter]):
    """Week by week: does the radio centre air the column as the plan asks (e.g. ≥ 1 × 10 minutes)?
    Weeks are judged from the airings logged by the end of ``as_of`` (default today)."""
    plan = get_object_or_404(Plan.objects.for_user(request.user), pk=plan_id)
    if filters.from_ and filters.to and filters.from_ > filters.to:
        raise services.InvalidInput("from: phải trước hoặc bằng to.")
    return services.broadcast_compliance(
        plan, start=filters.from_, end=filters.to, today=check_as_of(filters.as_of)
    )
