"""Notices (thông báo): the signed-in person's inbox, marking read, and sending an urging notice."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from kehoach.core.errors import DomainError, Forbidden
from kehoach.notices import selectors, services
from kehoach.notices.models import Notice, NoticeRecipient
from kehoach.plans.models import Plan
from kehoach.rules.periods import parse_period
from kehoach.tracking import reminders as tracking_reminders

router = Router(tags=["notices"])

MAX_LIMIT = 1000


# Larger numbers overflow the database's integers; strict: a JSON string or boolean is refused.
DbId = Annotated[int, Field(strict=True, ge=1, le=2**31 - 1)]


class UrgingIn(Schema):
    period: str = Field(..., max_length=10, description="kỳ báo cáo, ví dụ 2021-H1")
    unit_ids: list[DbId] | None = Field(
        None, max_length=1000, description="mặc định: mọi đơn vị có việc quá hạn trong kỳ"
    )
    text: str | None = Field(None, max_length=5000, description="nội dung; mặc định một đoạn văn mẫu")


class UnitDeliveryOut(Schema):
    unit_id: int
    unit_name: str
    delivered: bool
    read: bool
    read_at: datetime.datetime | None
    mailed: bool
    mail_status: str


class UrgingOut(Schema):
    id: int
    number: int | None
    period: str
    sent_at: datetime.datetime
    units: list[UnitDeliveryOut]


class NoticeOut(Schema):
    id: int
    title: str
    kind: str
    sent_at: datetime.datetime
    read: bool
    read_at: datetime.datetime | None
    plan_id: int | None


class ListQuery(Schema):
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    cursor: str | None = None


def _check_id(pk: int) -> None:
    if not 1 <= pk <= 2**31 - 1:
        raise Http404


def _default_text(plan: Plan, code: str) -> str:
    label = parse_period(code).label_vi
    return (
        f"Thực hiện Kế hoạch số {plan.number} của {plan.issuer.name}, đến nay các cơ quan, đơn vị có tên dưới đây "
        f"chưa gửi kế hoạch, báo cáo kỳ {label} về Phòng Nội vụ. Đề nghị Thủ trưởng các cơ quan, đơn vị khẩn trương thực hiện."
    )


def _urging_out(notice: Notice) -> dict:
    return {
        "id": notice.pk,
        "number": notice.number,
        "period": notice.period,
        "sent_at": notice.sent_at,
        "units": [
            {
                "unit_id": r.unit_id,
                "unit_name": r.unit_name,
                "delivered": r.delivered,
                "read": r.read,
                "read_at": r.read_at,
                "mailed": r.mailed,
                "mail_status": r.mail_status,
            }
            for r in selectors.delivery(notice)
        ],
    }


@router.post(
    "/plans/{plan_id}/urging",
    response={201: UrgingOut},
    summary="Gửi văn bản đôn đốc (cơ quan thường trực)",
)
def send_urging(request, plan_id: int, payload: UrgingIn):
    _check_id(plan_id)
    plan = get_object_or_404(Plan.objects.for_user(request.user).select_related("issuer"), pk=plan_id)
    try:
        code = parse_period(payload.period).code
    except ValueError:
        raise DomainError(f"Kỳ báo cáo không hợp lệ: {payload.period!r} (ví dụ 2021-H1, 2021).")
    text = (payload.text or "").strip() or _default_text(plan, code)
    urging = tracking_reminders.send_urging(plan, request.user, payload.unit_ids, code, text)
    return Status(201, _urging_out(selectors.urging_notice_for(urging.pk)))


@router.get(
    "/notices/{notice_id}/delivery",
    response=UrgingOut,
    summary="Tình trạng nhận của một thông báo (cơ quan thường trực, lãnh đạo)",
)
def notice_delivery(request, notice_id: int):
    _check_id(notice_id)
    from kehoach.core import permissions

    notice = get_object_or_404(Notice, pk=notice_id)
    if not permissions.sees_everything(request.user):
        raise Forbidden("Chỉ cơ quan thường trực và lãnh đạo xem được tình trạng nhận.")
    return _urging_out(notice)


@router.get("/notices", response=list[NoticeOut], summary="Hộp thư thông báo của người đăng nhập")
def inbox(request, response: HttpResponse, q: Query[ListQuery]):
    rows = selectors.inbox(request.user).order_by("-id")
    if q.cursor:
        try:
            cursor = int(q.cursor)
            if not 0 < cursor < 2**31:
                raise ValueError(cursor)
            rows = rows.filter(pk__lt=cursor)
        except ValueError:
            raise DomainError("cursor không hợp lệ.")
    page = list(rows[: q.limit + 1])
    if len(page) > q.limit:
        page = page[: q.limit]
        url = request.build_absolute_uri(request.path)
        response["Link"] = f'<{url}?limit={q.limit}&cursor={page[-1].pk}>; rel="next"'
    return [
        {
            "id": r.notice_id,
            "title": r.notice.title,
            "kind": r.notice.kind,
            "sent_at": r.notice.sent_at,
            "read": r.read_at is not None,
            "read_at": r.read_at,
            "plan_id": r.notice.plan_id,
        }
        for r in page
    ]


@router.post("/notices/{notice_id}/read", response=NoticeOut, summary="Đánh dấu đã đọc")
def read(request, notice_id: int):
    _check_id(notice_id)
    notice = get_object_or_404(Notice, pk=notice_id)
    row = services.mark_read(notice, request.user, now=timezone.now())  # 403 when not addressed to you
    row = NoticeRecipient.objects.select_related("notice").get(pk=row.pk)
    return {
        "id": notice.pk,
        "title": notice.title,
        "kind": notice.kind,
        "sent_at": notice.sent_at,
        "read": True,
        "read_at": row.read_at,
        "plan_id": notice.plan_id,
    }
