"""Thông báo: what the app tells people (urging notices, reminders), delivered in the app first.

A :class:`Notice` is addressed to units (:class:`NoticeUnit`, one row per unit, which also carries
the e-mail channel's state) and reaches every member of those units (:class:`NoticeRecipient`, one
row per person, with the moment they read it). E-mail is an extra channel: a unit row is mailed at
most once, after the notice is committed (see ``notices.services``).

This app sits below tracking and outputs (they call ``notices.services.deliver``): its models and
services import only core, org and plans.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kehoach.core.models import TimeStampedModel
from kehoach.org.models import Unit
from kehoach.plans.models import Plan


class NoticeKind(models.TextChoices):
    URGING = "urging", "Văn bản đôn đốc"
    BEFORE_DUE = "before_due", "Nhắc trước hạn"
    OVERDUE = "overdue", "Nhắc quá hạn"
    RADIO_WEEK = "radio_week", "Nhắc phát sóng chuyên mục CCHC"


class MailStatus(models.TextChoices):
    NO_ADDRESS = "none", "Không có địa chỉ thư"
    PENDING = "pending", "Chờ gửi thư"
    SENDING = "sending", "Đang gửi thư"
    SENT = "sent", "Đã gửi thư"
    FAILED = "failed", "Gửi thư lỗi"


class NoticeQuerySet(models.QuerySet):
    def for_user(self, user):
        """The notices addressed to ``user``; coordinators and leaders also see every sent notice."""
        from kehoach.core import permissions

        if user is None or not user.is_authenticated:
            return self.none()
        if permissions.sees_everything(user):
            return self
        return self.filter(recipients__user=user).distinct()


class Notice(TimeStampedModel):
    """Thông báo: one message to one or more units (văn bản đôn đốc, lời nhắc việc)."""

    key = models.CharField("khóa", max_length=120, unique=True)  # makes every sender idempotent
    kind = models.CharField("loại", max_length=12, choices=NoticeKind.choices)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.CASCADE, related_name="notices", verbose_name="kế hoạch"
    )
    period = models.CharField("kỳ báo cáo", max_length=10, blank=True)
    number = models.PositiveIntegerField("số văn bản", null=True, blank=True)
    title = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung")
    #: For an urging notice: what each unit owed when it was sent, so its letter never changes.
    letter = models.JSONField("danh sách việc đôn đốc", default=list, blank=True)
    sent_at = models.DateTimeField("gửi lúc", default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người gửi",
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in NoticeKind]), name="notice_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["plan", "kind"], name="notice_plan_kind_idx")]

    def __str__(self) -> str:
        return self.title


class NoticeUnit(models.Model):
    """Đơn vị nhận thông báo, and the e-mail channel's state for that unit."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="unit_rows")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị")
    email = models.CharField("địa chỉ thư", max_length=254, blank=True)
    mail_status = models.CharField(
        "thư điện tử", max_length=8, choices=MailStatus.choices, default=MailStatus.NO_ADDRESS
    )
    mail_attempts = models.PositiveSmallIntegerField("số lần gửi thư", default=0)
    mailed_at = models.DateTimeField("gửi thư lúc", null=True, blank=True)
    mail_error = models.CharField("lỗi gửi thư", max_length=500, blank=True)

    class Meta:
        ordering = ["unit__sort_order", "unit__name", "id"]
        verbose_name = "đơn vị nhận thông báo"
        verbose_name_plural = "đơn vị nhận thông báo"
        constraints = [
            models.UniqueConstraint(fields=["notice", "unit"], name="notice_unit_once"),
            models.CheckConstraint(
                condition=Q(mail_status__in=[s.value for s in MailStatus]),
                name="notice_unit_mail_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notice_id} → {self.unit_id}"


class NoticeRecipient(models.Model):
    """Người nhận: one member of an addressed unit; ``read_at`` is set when they open the notice."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="recipients")
    unit_row = models.ForeignKey(NoticeUnit, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    delivered_at = models.DateTimeField("nhận lúc", default=timezone.now)
    read_at = models.DateTimeField("đọc lúc", null=True, blank=True)

    class Meta:
        ordering = ["-delivered_at", "-id"]
        verbose_name = "người nhận thông báo"
        verbose_name_plural = "người nhận thông báo"
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="notice_recipient_once")]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_recipient_unread_idx")]

    def __str__(self) -> str:
        return f"{self.notice_id} → {self.user_id}"
