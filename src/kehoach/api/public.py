"""Public API (no sign-in): feedback and its lookup, plans' progress, procedures, news. Staff API: handling feedback."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from kehoach.api.lookup import get_visible_or_403
from kehoach.api.pagination import PageParams, paginate
from kehoach.core.errors import DomainError
from kehoach.core.validation import Flag, Id, NoteText, Ref, ShortText
from kehoach.public import services
from kehoach.public.models import Feedback, FeedbackStatus, NewsItem, Procedure, ProcedureLevel
from kehoach.public.selectors import ROLLUP_FORMULA, public_plans

router = Router(tags=["public"])


class FeedbackIn(Schema):
    content: NoteText
    procedure: ShortText | Id | None = None
    procedure_text: ShortText | None = None
    name: ShortText | None = None
    contact: ShortText | None = None
    form_token: str | None = Field(
        None, max_length=200, description="from GET /public/feedback/form-token, at least a few seconds old"
    )
    website: str | None = Field(None, max_length=200, description="leave empty (a trap for robots)")


class FormTokenOut(Schema):
    form_token: str
    min_seconds: int


class CodeOut(Schema):
    code: str
    due_date: datetime.date


class LookupOut(Schema):
    """Status of a feedback item. Never the sender's name or contact."""

    code: str
    status: str
    status_label: str
    received_at: datetime.datetime
    due_date: datetime.date | None
    answer: str | None = None
    answered_at: datetime.datetime | None = None


class Detail(Schema):
    detail: str


@router.get("/public/feedback/form-token", auth=None, response=FormTokenOut)
def feedback_form_token(request):
    """A single-use form token for ``POST /public/feedback`` (send it after at least ``min_seconds``)."""
    from django.conf import settings

    return {
        "form_token": services.issue_form_token(),
        "min_seconds": int(getattr(settings, "KEHOACH_FEEDBACK_MIN_SECONDS", 3)),
    }


@router.post(
    "/public/feedback", auth=None, response={201: CodeOut, 400: Detail, 409: Detail, 422: Detail, 429: Detail}
)
def post_feedback(request, payload: FeedbackIn):
    """Send feedback on an administrative procedure; answer: the tracking code.

    Spam guards: ``website`` must stay empty; the same text a 4th time within a day is refused (429);
    5 posts per 10 minutes per address, or 30 when each carries a fresh ``form_token``."""
    if payload.website:
        raise DomainError("Không gửi được phản ánh. Vui lòng thử lại.")
    trusted = payload.form_token is not None and bool(services.check_form_token(payload.form_token))
    # The same text more than 3 times a day, from any address, is a copy-paste flood.
    services.take_slot(
        "feedback-fp:" + services.content_fingerprint(payload.content),
        3,
        24 * 3600,
        "Phản ánh có nội dung này đã được gửi nhiều lần hôm nay; hãy tra cứu bằng mã đã nhận.",
    )
    fb = services.submit_feedback(
        content=payload.content,
        procedure=payload.procedure,
        procedure_text=payload.procedure_text or "",
        name=payload.name or "",
        contact=payload.contact or "",
        ip=request.META.get("REMOTE_ADDR", ""),
        trusted=trusted,
    )
    return Status(201, {"code": fb.code, "due_date": fb.due_date})


def lookup_out(fb: Feedback) -> dict:
    from kehoach.public.views import PUBLIC_STATUS

    shown = fb.is_published and bool(fb.answer)
    return {
        "code": fb.code,
        "status": fb.status,
        "status_label": PUBLIC_STATUS[fb.status],
        "received_at": fb.received_at,
        "due_date": fb.due_date,
        "answer": fb.answer if shown else None,
        "answered_at": fb.answered_at if shown else None,
    }


@router.get("/public/feedback/{code}", auth=None, response={200: LookupOut, 404: Detail, 429: Detail})
def get_feedback(request, code: str):
    """Tra cứu: 30 lookups per minute per address (codes cannot be enumerated)."""
    services.take_slot(
        "feedback-lookup:" + services.hash_ip(request.META.get("REMOTE_ADDR", "")),
        30,
        60,
        "Tra cứu quá nhiều lần; vui lòng thử lại sau một phút.",
    )
    fb = services.lookup(code)
    if fb is None:
        return Status(404, {"detail": "Không tìm thấy phản ánh có mã này."})
    return lookup_out(fb)


class StateCount(Schema):
    code: str
    label: str
    count: int
    percent: int


class PublicActivity(Schema):
    id: int
    no: str
    content: str
    lead_unit_id: int | None
    lead: str
    start: datetime.date | None
    end: datetime.date | None
    progress: int
    status: str


class PublicPlan(Schema):
    id: int
    number: str
    title: str
    year: int | None
    issued_on: datetime.date | None
    issuer: str
    progress: int
    formula: str
    states: list[StateCount]
    activities: list[PublicActivity]


@router.get("/public/plans", auth=None, response=list[PublicPlan])
def list_public_plans(request, response: HttpResponse, page: Query[PageParams]):
    """Issued public plans with the five task states and the overall progress (formula included)."""
    out = []
    for p in paginate(request, response, public_plans(timezone.localdate()), page):
        plan = p["plan"]
        out.append(
            {
                "id": plan.pk,
                "number": plan.number,
                "title": plan.title,
                "year": plan.year,
                "issued_on": plan.issued_on,
                "issuer": plan.issuer.name,
                "progress": p["progress"],
                "formula": ROLLUP_FORMULA,
                "states": p["states"],
                "activities": [
                    {
                        "id": a.pk,
                        "no": a.no,
                        "content": a.content,
                        "lead_unit_id": a.lead_unit_id,
                        "lead": a.lead_unit.name if a.lead_unit else a.lead_text,
                        "start": a.start,
                        "end": a.end,
                        "progress": a.progress,
                        "status": a.state,
                    }
                    for a in p["activities"]
                ],
            }
        )
    return out


class ProcedureOut(Schema):
    id: int
    code: str
    name: str
    field: str
    level: str
    unit_id: int | None
    updated_on: datetime.date | None
    url: str


@router.get("/public/procedures", auth=None, response={200: list[ProcedureOut], 400: Detail})
def list_procedures(request, response: HttpResponse, page: Query[PageParams], q: str = "", level: str = ""):
    """Published procedures; ``q`` ignores accents and case ("dat dai" finds "Đất đai")."""
    qs = Procedure.objects.all()
    if q:
        qs = qs.search(q[:200])
    if level:
        if level not in ProcedureLevel.values:
            raise DomainError(f"level phải là một trong {ProcedureLevel.values}.")
        qs = qs.filter(level=level)
    return paginate(request, response, qs, page, order=("field", "name", "id"))


class NewsOut(Schema):
    id: int
    unit_id: int
    title: str
    summary: str
    body: str
    url: str
    published_at: datetime.datetime


@router.get("/public/news", auth=None, response=list[NewsOut])
def list_news(request, response: HttpResponse, page: Query[PageParams]):
    return paginate(request, response, NewsItem.objects.published(), page, order=("-published_at", "-id"))


# --- staff -----------------------------------------------------------------------------------


class StaffFeedbackOut(Schema):
    id: int
    code: str
    content: str
    procedure_id: int | None
    procedure_text: str
    name: str
    contact: str
    received_at: datetime.datetime
    status: str
    routed_to_id: int | None
    due_date: datetime.date | None
    answer: str
    is_published: bool
    overdue: bool


def staff_out(fb: Feedback) -> dict:
    data = {f: getattr(fb, f) for f in StaffFeedbackOut.model_fields if f != "overdue"}
    data["overdue"] = fb.is_overdue(timezone.localdate())
    return data


@router.get("/feedback", response=list[StaffFeedbackOut])
def staff_list(request, response: HttpResponse, page: Query[PageParams], status: str = ""):
    qs = Feedback.objects.for_user(request.user)
    if status:
        if status not in FeedbackStatus.values:
            raise DomainError(f"status phải là một trong {FeedbackStatus.values}.")
        qs = qs.filter(status=status)
    return [staff_out(fb) for fb in paginate(request, response, qs, page, order=("-received_at", "-id"))]


def _staff_get(request, feedback_id: int) -> Feedback:
    return get_visible_or_403(
        Feedback.objects.all(), feedback_id, request.user, "Phản ánh này không thuộc đơn vị của bạn."
    )


class RouteIn(Schema):
    unit_id: Ref


class AnswerIn(Schema):
    answer: NoteText
    publish: Flag = False


@router.post("/feedback/{feedback_id}/route", response=StaffFeedbackOut)
def staff_route(request, feedback_id: int, payload: RouteIn):
    return staff_out(services.route(_staff_get(request, feedback_id), request.user, payload.unit_id))


@router.post("/feedback/{feedback_id}/answer", response=StaffFeedbackOut)
def staff_answer(request, feedback_id: int, payload: AnswerIn):
    return staff_out(
        services.answer(
            _staff_get(request, feedback_id), request.user, payload.answer, publish=payload.publish
        )
    )


@router.post("/feedback/{feedback_id}/publish", response=StaffFeedbackOut)
def staff_publish(request, feedback_id: int):
    return staff_out(services.publish_answer(_staff_get(request, feedback_id), request.user))
