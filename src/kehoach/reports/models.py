"""Models of the reports app: document numbers, private calendar links, ranking weights."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kehoach.core.models import AuditedModel, TimeStampedModel
from kehoach.rules.ranking import DEFAULT_WEIGHTS


class DocumentNumber(models.Model):
    """Sổ đăng ký văn bản đi: the last number given per issuer, year and document type.

    Decree 30/2020 numbers documents from 01 each 1 January, unique within the year for an issuer;
    the counter is taken under a row lock (see ``reports.services.next_document_number``).
    """

    issuer = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan ban hành"
    )
    year = models.PositiveIntegerField("năm")
    type_code = models.CharField("loại văn bản", max_length=10, help_text="BC, KH, UBND (công văn)...")
    last = models.PositiveIntegerField("số cuối đã cấp", default=0)

    class Meta:
        verbose_name = "số văn bản"
        verbose_name_plural = "số văn bản"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "type_code"], name="docnumber_unique_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer_id}/{self.year}/{self.type_code}: {self.last}"


class CalendarTokenQuerySet(models.QuerySet):
    def for_user(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def active(self):
        return self.filter(revoked_at__isnull=True)


class CalendarToken(AuditedModel, TimeStampedModel):
    """Đường dẫn lịch riêng: a secret URL a phone or Outlook subscribes to without signing in.

    Only the hash of the key is stored; the key is shown once, when the link is made.
    """

    audit_exclude = ("updated_at", "created_at", "key_hash")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField("tên gợi nhớ", max_length=120, blank=True)
    plan = models.ForeignKey("plans.Plan", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "đường dẫn lịch riêng"
        verbose_name_plural = "đường dẫn lịch riêng"

    def __str__(self) -> str:
        return f"{self.user} {self.label or self.pk}"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(24)

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at", "updated_at"])


class RankingWeights(AuditedModel, TimeStampedModel):
    """Trọng số chấm điểm thi đua của kế hoạch (III.4), set by the coordinator.

    Weights are relative (scaled to 100 when scoring); at least one must be positive.
    """

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="ranking_weights")
    timeliness = models.PositiveSmallIntegerField("nộp đúng hạn", default=int(DEFAULT_WEIGHTS["timeliness"]))
    completeness = models.PositiveSmallIntegerField(
        "nộp đầy đủ", default=int(DEFAULT_WEIGHTS["completeness"])
    )
    outputs = models.PositiveSmallIntegerField(
        "sản phẩm tuyên truyền", default=int(DEFAULT_WEIGHTS["outputs"])
    )
    compliance = models.PositiveSmallIntegerField(
        "thực hiện chỉ tiêu định kỳ", default=int(DEFAULT_WEIGHTS["compliance"])
    )
    review = models.PositiveSmallIntegerField(
        "báo cáo được tiếp nhận", default=int(DEFAULT_WEIGHTS["review"])
    )

    FIELDS = ("timeliness", "completeness", "outputs", "compliance", "review")

    class Meta:
        verbose_name = "trọng số xếp hạng thi đua"
        verbose_name_plural = "trọng số xếp hạng thi đua"
        constraints = [
            models.CheckConstraint(
                condition=Q(timeliness__gt=0)
                | Q(completeness__gt=0)
                | Q(outputs__gt=0)
                | Q(compliance__gt=0)
                | Q(review__gt=0),
                name="ranking_weights_not_all_zero",
            ),
            models.CheckConstraint(
                condition=Q(timeliness__lte=100)
                & Q(completeness__lte=100)
                & Q(outputs__lte=100)
                & Q(compliance__lte=100)
                & Q(review__lte=100),
                name="ranking_weights_max_100",
            ),
        ]

    def __str__(self) -> str:
        return f"Trọng số thi đua {self.plan_id}"

    def as_dict(self) -> dict[str, float]:
        return {f: float(getattr(self, f)) for f in self.FIELDS}


class CompiledDocument(TimeStampedModel):
    """A document drafted by the app (báo cáo, văn bản đôn đốc) and the number it was given.

    Compiling the same document again (another format, a later download) keeps its number: a number
    is taken from the register only the first time.
    """

    KINDS = [("report", "Báo cáo"), ("urging", "Văn bản đôn đốc")]
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("loại", max_length=10, choices=KINDS)
    period = models.CharField("kỳ", max_length=10)
    issuer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("năm")
    type_code = models.CharField("loại văn bản", max_length=10)
    number = models.PositiveIntegerField("số")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "văn bản đã lập"
        verbose_name_plural = "văn bản đã lập"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "period"], name="compiled_document_once_per_period"
            ),
            models.UniqueConstraint(
                fields=["issuer", "year", "type_code", "number"], name="compiled_document_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number:02d}/{self.type_code} ({self.kind} {self.period})"
