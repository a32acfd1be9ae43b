"""Plans, activities, duties, and plan import."""

import datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from kehoach.api.lookup import check_as_of
from kehoach.api.pagination import PageParams, paginate
from kehoach.core.errors import DomainError
from kehoach.core.validation import Count, NoteText, Percent, ShortText, StrictYear, WebUrl, Year
from kehoach.plans import selectors as plan_selectors
from kehoach.plans import services
from kehoach.plans.models import Activity, Duty, Plan

router = Router(tags=["plans"])


class PlanOut(Schema):
    id: int
    number: str
    title: str
    year: int | None
    issuer_id: int
    status: str
    kind: str
    issued_on: datetime.date | None
    parent_id: int | None
    coordinator_unit_id: int | None
    appraiser_unit_id: int | None


class ActivityOut(Schema):
    id: int
    plan_id: int
    no: str
    content: str
    lead_text: str
    lead_unit_id: int | None
    coordinator_unit_ids: list[int]
    coordinator_group_ids: list[int]
    coordinators: list[str]
    timeframe: str
    start: datetime.date | None
    end: datetime.date | None
    regular: bool
    status: str
    progress: int
    completed_on: datetime.date | None
    note: str
    version: Count


class DutyOut(Schema):
    id: int
    section: str
    kind: str
    text: str
    who: list[str]
    who_unit_ids: list[int]
    who_group_ids: list[int]
    due: datetime.date | None
    due_inclusive: bool
    recurrence: list[dict]
    report_to: str
    report_to_unit_id: int | None


class PlanDetailOut(PlanOut):
    bases: list[str]
    signer_name: str
    signer_position: str
    signer_authority: str
    recipients: list[str]
    activities: list[ActivityOut]
    duties: list[DutyOut]


def activity_out(a: Activity) -> dict:
    """An activity as it stood on the day ``plans.selectors.annotate`` was given."""
    return {
        "id": a.pk,
        "plan_id": a.plan_id,
        "no": a.no,
        "content": a.content,
        "lead_text": a.lead_text,
        "lead_unit_id": a.lead_unit_id,
        "coordinator_unit_ids": [u.pk for u in a.coordinator_units.all()],
        "coordinator_group_ids": [g.pk for g in a.coordinator_groups.all()],
        "coordinators": a.coordinators_text,
        "timeframe": a.timeframe_text,
        "start": a.start,
        "end": a.end,
        "regular": a.regular,
        "status": a.state,
        "progress": a.progress_on,
        "completed_on": a.completed_by,
        "note": a.note,
        "version": a.version,
    }


def duty_out(d: Duty) -> dict:
    return {
        "id": d.pk,
        "section": d.section,
        "kind": d.kind,
        "text": d.text,
        "who": d.who_text,
        "who_unit_ids": [u.pk for u in d.who_units.all()],
        "who_group_ids": [g.pk for g in d.who_groups.all()],
        "due": d.due_date,
        "due_inclusive": d.due_inclusive,
        "recurrence": d.recurrence,
        "report_to": d.report_to_text,
        "report_to_unit_id": d.report_to_id,
    }


def _activities(plan_id: int, as_of: datetime.date | None = None) -> list[Activity]:
    qs = Activity.objects.filter(plan_id=plan_id).prefetch_related("coordinator_units", "coordinator_groups")
    return plan_selectors.annotate(qs, as_of)


@router.get("/plans", response=list[PlanOut])
def list_plans(
    request,
    response: HttpResponse,
    page: Query[PageParams],
    year: Year | None = None,
    status: str | None = None,
):
    qs = Plan.objects.for_user(request.user)
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    # Newest first by id: year and issue date may be empty on drafts, and a cursor needs values.
    return paginate(request, response, qs, page, order=("-id",))


@router.get("/plans/{int:plan_id}", response=PlanDetailOut)
def get_plan(request, plan_id: int):
    plan = get_object_or_404(Plan.objects.for_user(request.user), pk=plan_id)
    data = PlanOut.from_orm(plan).dict()
    data.update(
        bases=plan.bases,
        signer_name=plan.signer_name,
        signer_position=plan.signer_position,
        signer_authority=plan.signer_authority,
        recipients=plan.recipients,
        activities=[activity_out(a) for a in _activities(plan.pk)],
        duties=[duty_out(d) for d in plan.duties.prefetch_related("who_units", "who_groups")],
    )
    return data


@router.get("/plans/{int:plan_id}/activities", response=list[ActivityOut])
def list_activities(
    request, plan_id: int, response: HttpResponse, page: Query[PageParams], as_of: datetime.date | None = None
):
    """The appendix rows with their state and progress at the end of ``as_of`` (default today)."""
    plan = get_object_or_404(Plan.objects.for_user(request.user), pk=plan_id)
    rows = paginate(request, response, _activities(plan.pk, check_as_of(as_of)), page, order=("order", "id"))
    return [activity_out(a) for a in rows]


@router.get("/plans/{int:plan_id}/duties", response=list[DutyOut])
def list_duties(request, plan_id: int, response: HttpResponse, page: Query[PageParams]):
    plan = get_object_or_404(Plan.objects.for_user(request.user), pk=plan_id)
    duties = plan.duties.prefetch_related("who_units", "who_groups")
    return [duty_out(d) for d in paginate(request, response, duties, page, order=("order", "id"))]


class ActivityPatch(Schema):
    version: Count
    progress: Percent | None = None
    note: NoteText | None = None
    link: WebUrl | None = None


@router.get("/activities/{int:activity_id}", response=ActivityOut)
def get_activity(request, activity_id: int):
    activity = get_object_or_404(
        Activity.objects.filter(plan__in=Plan.objects.for_user(request.user)).prefetch_related(
            "coordinator_units", "coordinator_groups"
        ),
        pk=activity_id,
    )
    return activity_out(plan_selectors.annotate([activity])[0])


@router.patch("/activities/{int:activity_id}", response=ActivityOut)
def patch_activity(request, activity_id: int, payload: ActivityPatch):
    """Update progress: 403 when not the lead unit, 409 when ``version`` is stale."""
    activity = get_object_or_404(
        Activity.objects.filter(plan__in=Plan.objects.for_user(request.user)), pk=activity_id
    )
    if payload.progress is not None and not 0 <= payload.progress <= 100:
        raise DomainError("Tiến độ phải từ 0 đến 100%.")
    services.update_activity(
        activity,
        request.user,
        version=payload.version,
        progress=payload.progress,
        note=payload.note,
        link=payload.link or "",
    )
    fresh = Activity.objects.prefetch_related("coordinator_units", "coordinator_groups").get(pk=activity.pk)
    return activity_out(plan_selectors.annotate([fresh])[0])


class PlanImportOut(Schema):
    id: int
    number: str
    title: str
    year: int | None
    status: str
    activities: int
    duties: int
    warnings: list[str]
    duplicate_of: int | None = None


class DuplicateOut(Schema):
    detail: str
    duplicate_of: int


@router.post("/plans/import", response={201: PlanImportOut, 409: DuplicateOut})
def import_plan(request, file: File[UploadedFile], confirm_duplicate: bool = False):
    """Build a draft plan from a plan document with the same parser as ``kehoach import-plan``.

    The same service as the import page: same permission (admins and coordinators), type and
    size checks, and the audit entry. A document imported before answers 409 with
    ``duplicate_of`` (the earlier plan's id) unless ``?confirm_duplicate=true``."""
    from kehoach.plans import import_service

    try:
        result, data = import_service.import_document(
            request.user, file.read(), file.name or "plan.txt", confirm_duplicate=confirm_duplicate
        )
    except import_service.DuplicatePlan as exc:
        return Status(409, {"detail": exc.message, "duplicate_of": exc.plan_id})
    plan = result.plan
    return Status(
        201,
        {
            "id": plan.pk,
            "number": plan.number,
            "title": plan.title,
            "year": plan.year,
            "status": plan.status,
            "activities": plan.activities.count(),
            "duties": plan.duties.count(),
            "warnings": list(data.get("warnings") or []),
            "duplicate_of": result.duplicate_of,
        },
    )


class CopyIn(Schema):
    year: StrictYear
    confirm_duplicate: bool = Field(
        False, description="Vẫn sao chép khi năm đó đã có bản sao của kế hoạch này (mặc định: 409)."
    )


class IssueIn(Schema):
    number: ShortText = ""
    issued_on: datetime.date | None = None


class IssueOut(PlanOut):
    deliverables: dict


class CloseYearIn(Schema):
    year: StrictYear


class CloseYearOut(Schema):
    year: int
    plans: list[int]
    locked: int


@router.post("/plans/{int:plan_id}/copy", response={201: PlanOut, 409: DuplicateOut})
def copy_plan(request, plan_id: int, payload: CopyIn):
    """Sao chép kế hoạch sang năm ``year``: a draft, dates shifted, progress reset. A copy of the
    same plan for that year already there answers 409 with ``duplicate_of`` unless
    ``confirm_duplicate`` is true."""
    from kehoach.plans import year_turn

    plan = get_object_or_404(Plan.objects.for_user(request.user), pk=plan_id)
    try:
        new = year_turn.copy_plan(
            plan, payload.year, user=request.user, confirm_duplicate=payload.confirm_duplicate
        )
    except year_turn.DuplicateCopy as exc:
        return Status(409, {"detail": exc.message, "duplicate_of": exc.plan_id})
    return Status(201, new)


@router.post("/plans/{int:plan_id}/activate", response=IssueOut)
def activate_plan(request, plan_id: int, payload: IssueIn):
    """Ban hành a draft plan: its deliverables are generated (counts in ``deliverables``)."""
    from kehoach.tracking import year_end

    plan = get_object_or_404(Plan.objects.for_user(request.user), pk=plan_id)
    counts = year_end.issue_plan(plan, request.user, number=payload.number, issued_on=payload.issued_on)
    data = PlanOut.from_orm(Plan.objects.get(pk=plan.pk)).dict()
    data["deliverables"] = counts
    return data


@router.post("/plans/close-year", response=CloseYearOut)
def close_year(request, payload: CloseYearIn):
    """Khóa sổ năm: locks every period of the year's plans; everything stays readable."""
    from kehoach.tracking import year_end

    return year_end.close_year(payload.year, user=request.user)
