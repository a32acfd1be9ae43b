"""Read side of notices: a person's inbox, unread counts, and the delivery status per unit."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q

from kehoach.notices.models import MailStatus, Notice, NoticeKind, NoticeRecipient, NoticeUnit


def inbox(user):
    """Hộp thư Thông báo: the person's notices, newest first (one query with the notice and plan)."""
    if user is None or not user.is_authenticated:
        return NoticeRecipient.objects.none()
    return (
        NoticeRecipient.objects.filter(user=user)
        .select_related("notice", "notice__plan")
        .order_by("-notice__sent_at", "-id")
    )


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return NoticeRecipient.objects.filter(user=user, read_at__isnull=True).count()


@dataclass
class UnitDelivery:
    """Per addressed unit: delivered in the app (it has members), read (first, by whom), mail state."""

    unit_id: int
    unit_name: str
    delivered: bool
    members: int
    read_at: object
    read_by: list[str] = field(default_factory=list)
    mail_status: str = MailStatus.NO_ADDRESS
    mail_label: str = ""
    email: str = ""
    mailed_at: object = None
    mail_attempts: int = 0
    mail_error: str = ""

    @property
    def read(self) -> bool:
        return self.read_at is not None

    @property
    def mailed(self) -> bool:
        return self.mail_status == MailStatus.SENT


def delivery(notice: Notice) -> list[UnitDelivery]:
    """Tình trạng chuyển: one row per addressed unit (two queries whatever the number of units)."""
    readers = NoticeRecipient.objects.filter(read_at__isnull=False).select_related("user").order_by("read_at")
    rows = (
        NoticeUnit.objects.filter(notice=notice)
        .select_related("unit")
        .annotate(members=Count("recipients"), first_read=Min("recipients__read_at"))
        .prefetch_related(Prefetch("recipients", queryset=readers, to_attr="readers"))
    )
    return [
        UnitDelivery(
            unit_id=r.unit_id,
            unit_name=r.unit.name,
            delivered=r.members > 0,
            members=r.members,
            read_at=r.first_read,
            read_by=[p.user.get_full_name() or p.user.get_username() for p in r.readers],
            mail_status=r.mail_status,
            mail_label=r.get_mail_status_display(),
            email=r.email,
            mailed_at=r.mailed_at,
            mail_attempts=r.mail_attempts,
            mail_error=r.mail_error,
        )
        for r in rows
    ]


def summary(notice: Notice) -> dict[str, int]:
    """The counts the "sent" message and the list show: units, delivered in app, read, mailed, failed, no address."""
    return summaries(Notice.objects.filter(pk=notice.pk))[notice.pk]


def summaries(notices) -> dict[int, dict[str, int]]:
    """:func:`summary` for many notices in one query."""
    out = {}
    rows = (
        NoticeUnit.objects.filter(notice__in=notices)
        .values("notice_id", "unit_id", "mail_status")
        .annotate(
            members=Count("recipients"),
            readers=Count("recipients", filter=Q(recipients__read_at__isnull=False)),
        )
    )
    for r in rows:
        s = out.setdefault(
            r["notice_id"],
            {"units": 0, "delivered": 0, "read": 0, "mailed": 0, "pending": 0, "failed": 0, "no_address": 0},
        )
        s["units"] += 1
        s["delivered"] += r["members"] > 0
        s["read"] += r["readers"] > 0
        s["mailed"] += r["mail_status"] == MailStatus.SENT
        s["pending"] += r["mail_status"] in (MailStatus.PENDING, MailStatus.SENDING)
        s["failed"] += r["mail_status"] == MailStatus.FAILED
        s["no_address"] += r["mail_status"] == MailStatus.NO_ADDRESS
    for pk in notices.values_list("pk", flat=True):
        out.setdefault(
            pk,
            {"units": 0, "delivered": 0, "read": 0, "mailed": 0, "pending": 0, "failed": 0, "no_address": 0},
        )
    return out


def sent_urging(plan=None):
    """Văn bản đôn đốc đã gửi, newest first."""
    qs = Notice.objects.filter(kind=NoticeKind.URGING).select_related("plan", "sent_by")
    return qs.filter(plan=plan) if plan is not None else qs


def urging_notice_for(source_pk: int) -> Notice | None:
    """The delivered notice of a tracking ``UrgingNotice`` (keyed ``urging:<pk>``)."""
    return Notice.objects.filter(key=f"urging:{source_pk}").first()


def sent_message(urging) -> str:
    """What the coordinator is told after sending: the truth about who got it, and how."""
    notice = urging_notice_for(urging.pk)
    if notice is None:  # pragma: no cover - send_urging always delivers
        return f"Đã lập văn bản đôn đốc số {urging.number:02d}."
    s = summary(notice)
    parts = [f"{s['delivered']} đơn vị đã nhận trong ứng dụng"]
    if s["units"] - s["delivered"]:
        parts.append(f"{s['units'] - s['delivered']} đơn vị chưa có tài khoản nên chưa nhận được")
    parts.append(f"{s['mailed']} đã gửi thư điện tử")
    if s["pending"]:
        parts.append(f"{s['pending']} đang chờ gửi thư")
    if s["failed"]:
        parts.append(f"{s['failed']} gửi thư lỗi (sẽ gửi lại)")
    parts.append(f"{s['no_address']} không có địa chỉ thư")
    return f"Đã gửi văn bản đôn đốc số {urging.number:02d} tới {s['units']} đơn vị: " + ", ".join(parts) + "."


def units_not_read(plan) -> int:
    """Đơn vị chưa đọc văn bản đôn đốc: (notice, unit) pairs of the plan's urging notices that no
    member of the unit has opened yet, counted in one query for the coordinator's home."""
    read = NoticeRecipient.objects.filter(unit_row=OuterRef("pk"), read_at__isnull=False)
    return (
        NoticeUnit.objects.filter(notice__plan=plan, notice__kind=NoticeKind.URGING)
        .exclude(Exists(read))
        .count()
    )
