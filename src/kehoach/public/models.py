"""Public side of the plan: administrative procedures, CCHC news, citizens' feedback (phản ánh, kiến nghị)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kehoach.core import permissions
from kehoach.core.models import AuditedModel, TimeStampedModel
from kehoach.core.querysets import UnitScopedQuerySet
from kehoach.importing.names import strip_accents
from kehoach.org.models import Unit


def search_key(text: str) -> str:
    """Lower-case text without Vietnamese accents ("Đất đai" -> "dat dai"): what accent-blind search compares."""
    return " ".join(strip_accents(text or "").lower().split())


class ProcedureLevel(models.TextChoices):
    PROVINCE = "tinh", "Cấp tỉnh"
    DISTRICT = "huyen", "Cấp huyện"
    COMMUNE = "xa", "Cấp xã"


class ProcedureQuerySet(models.QuerySet):
    def search(self, q: str):
        """Accent- and case-blind: "dat dai" finds "Đất đai" in the code, name or field."""
        for word in search_key(q).split():
            self = self.filter(search__icontains=word)
        return self


class Procedure(AuditedModel, TimeStampedModel):
    """Thủ tục hành chính công bố: an administrative procedure as published for citizens."""

    code = models.CharField("mã thủ tục", max_length=40, unique=True)
    name = models.CharField("tên thủ tục", max_length=500)
    field = models.CharField("lĩnh vực", max_length=120)
    level = models.CharField("cấp thực hiện", max_length=10, choices=ProcedureLevel.choices)
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procedures",
        verbose_name="cơ quan thực hiện",
    )
    updated_on = models.DateField("ngày cập nhật", null=True, blank=True)
    url = models.URLField("đường dẫn (Cổng dịch vụ công)", blank=True)
    search = models.TextField("khóa tìm kiếm (không dấu)", blank=True, editable=False)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        ordering = ["field", "name"]
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=["tinh", "huyen", "xa"]), name="procedure_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        self.search = search_key(f"{self.code} {self.name} {self.field}")
        super().save(*args, **kwargs)


class NewsItemQuerySet(UnitScopedQuerySet):
    """Staff see their own unit's items (all of them for coordinators and leaders)."""

    def published(self, now=None):
        return self.filter(is_published=True, published_at__lte=now or timezone.now())


class NewsItem(AuditedModel, TimeStampedModel):
    """Tin cải cách hành chính: a news item a unit publishes in the public CCHC column."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="news_items", verbose_name="đơn vị đăng"
    )
    title = models.CharField("tiêu đề", max_length=300)
    summary = models.CharField("tóm tắt", max_length=600, blank=True)
    body = models.TextField("nội dung", blank=True)
    published_at = models.DateTimeField("ngày đăng", default=timezone.now)
    url = models.URLField("đường dẫn bài gốc", blank=True)
    is_published = models.BooleanField("công khai", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người đăng",
    )

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = "tin cải cách hành chính"
        verbose_name_plural = "tin cải cách hành chính"
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="newsitem_title_not_empty")]

    def __str__(self) -> str:
        return self.title


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", "Đã tiếp nhận"
    ROUTED = "routed", "Đã chuyển đơn vị xử lý"
    ANSWERED = "answered", "Đã có trả lời (chờ công khai)"
    PUBLISHED = "published", "Đã trả lời"
    REJECTED = "rejected", "Không xử lý"


FEEDBACK_OPEN = (FeedbackStatus.RECEIVED, FeedbackStatus.ROUTED)


class FeedbackQuerySet(UnitScopedQuerySet):
    """The feedback desk (coordinator, VP HĐND-UBND) and leaders see all; a unit sees what was routed to it."""

    unit_field = "routed_to"

    def sees_all(self, user) -> bool:
        return permissions.sees_all_feedback(user)

    def open(self):
        return self.filter(status__in=FEEDBACK_OPEN)

    def overdue(self, today):
        return self.open().filter(due_date__lt=today)


class Feedback(AuditedModel, TimeStampedModel):
    """Phản ánh, kiến nghị về thủ tục hành chính, sent by a citizen from the public page.

    The sender's name, contact and address hash are personal data: they are never shown on the
    public side and are left out of the audit log.
    """

    audit_exclude = ("updated_at", "created_at", "name", "contact", "ip_hash")

    code = models.CharField("mã tra cứu", max_length=24, unique=True)
    content = models.TextField("nội dung")
    procedure = models.ForeignKey(
        Procedure,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
        verbose_name="thủ tục",
    )
    procedure_text = models.CharField("thủ tục (người gửi ghi)", max_length=300, blank=True)
    name = models.CharField("họ tên người gửi", max_length=120, blank=True)
    contact = models.CharField("liên hệ", max_length=200, blank=True)
    received_at = models.DateTimeField("tiếp nhận lúc", default=timezone.now)
    status = models.CharField(
        "trạng thái", max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.RECEIVED
    )
    routed_to = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
        verbose_name="đơn vị xử lý",
    )
    due_date = models.DateField("hạn trả lời", null=True, blank=True)
    answer = models.TextField("nội dung trả lời", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người trả lời",
    )
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    is_published = models.BooleanField("công khai trả lời", default=False)
    ip_hash = models.CharField("mã băm địa chỉ gửi", max_length=64, blank=True, db_index=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = "phản ánh, kiến nghị"
        verbose_name_plural = "phản ánh, kiến nghị"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in FeedbackStatus]), name="feedback_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | ~Q(answer=""), name="feedback_published_has_answer"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def is_overdue(self, today) -> bool:
        return self.status in FEEDBACK_OPEN and self.due_date is not None and today > self.due_date
