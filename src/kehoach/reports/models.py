"""Models of the reports app: outgoing documents and their register, document numbers, private calendar links, ranking weights."""

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


class DocumentType(models.TextChoices):
    """Loại văn bản the app drafts; each has its own register (sổ) code and number symbol."""

    REPORT = "report", "Báo cáo"
    PLAN = "plan", "Kế hoạch"
    URGING = "urging", "Công văn đôn đốc"


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    # Number reserved, files being rendered (``services.issue_document``): no edit, not yet in the register.
    ISSUING = "issuing", "Đang ban hành"
    ISSUED = "issued", "Đã ban hành"


class OutgoingDocumentQuerySet(models.QuerySet):
    def issued(self):
        return self.filter(status=DocumentStatus.ISSUED)

    def register(self, issuer, year: int):
        """Sổ văn bản đi of an issuer for a year, in number order."""
        return self.issued().filter(issuer=issuer, year=year).order_by("type_code", "number")


class OutgoingDocument(TimeStampedModel):
    """Văn bản đi: a document drafted from the data (dự thảo), then issued by the văn thư.

    A draft has no number and no day; its files are rendered from the data on each download. Issuing
    takes the next number of the issuer's register (``DocumentNumber``), stamps the date and freezes
    the files (``DocumentFile``): an issued document never changes again. The issued rows of an issuer
    and year are the register itself (sổ đăng ký văn bản đi).
    """

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    type = models.CharField("loại", max_length=10, choices=DocumentType.choices)
    period = models.CharField("kỳ", max_length=10, blank=True)
    as_of = models.DateField("số liệu tính đến ngày", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    issuer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    # Register fields: null while a draft.
    year = models.PositiveIntegerField("năm", null=True, blank=True)
    type_code = models.CharField("mã sổ", max_length=10, blank=True)
    number = models.PositiveIntegerField("số", null=True, blank=True)
    symbol = models.CharField("ký hiệu", max_length=30, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issued_at = models.DateTimeField("ban hành lúc", null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField("trích yếu", max_length=300, blank=True)
    sha256 = models.CharField("SHA-256 (PDF)", max_length=64, blank=True)
    # Chữ ký số (PAdES) of the issued PDF: the signed copy is a DocumentFile of format "signed".
    signed_sha256 = models.CharField("SHA-256 (PDF đã ký số)", max_length=64, blank=True)
    signed_at = models.DateTimeField("ký số lúc", null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signer_name = models.CharField("người ký (theo chứng thư)", max_length=200, blank=True)
    signed_with_test_certificate = models.BooleanField("ký bằng chứng thư thử nghiệm", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = OutgoingDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "văn bản đi"
        verbose_name_plural = "văn bản đi"
        constraints = [
            # Two issues at once can never print the same number (the counter row is locked too).
            models.UniqueConstraint(
                fields=["issuer", "year", "type_code", "number"], name="outgoing_document_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(status="draft", number__isnull=True)
                | Q(
                    status__in=["issuing", "issued"],
                    number__isnull=False,
                    year__isnull=False,
                    issued_on__isnull=False,
                ),
                name="outgoing_document_number_iff_issued",
            ),
        ]

    def __str__(self) -> str:
        if self.number:
            return f"{self.number:02d}/{self.symbol} ({self.get_type_display()} {self.period})"
        return f"Dự thảo {self.get_type_display()} {self.period}".strip()

    @property
    def number_text(self) -> str:
        return f"{self.number:02d}/{self.symbol}" if self.number else ""


class DocumentFile(models.Model):
    """The frozen bytes of an issued document in one format, with their SHA-256."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="files")
    format = models.CharField("định dạng", max_length=10, help_text="docx, pdf, xlsx; signed: PDF đã ký số")
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=200)

    class Meta:
        verbose_name = "tệp văn bản đã ban hành"
        verbose_name_plural = "tệp văn bản đã ban hành"
        constraints = [
            models.UniqueConstraint(fields=["document", "format"], name="document_file_once_per_format"),
        ]

    def __str__(self) -> str:
        return self.filename


class DocumentSection(models.Model):
    """One version of a section's narrative, edited by the coordinator (đoạn văn do người soạn sửa).

    Versions are kept (never updated): the latest of a key is printed; the draft page shows the
    difference with the text drafted from the data.
    """

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField("mục", max_length=40)
    version = models.PositiveIntegerField("phiên bản")
    text = models.TextField("nội dung")
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("sửa lúc", auto_now_add=True)

    class Meta:
        ordering = ["key", "-version"]
        verbose_name = "đoạn văn bản đã sửa"
        verbose_name_plural = "đoạn văn bản đã sửa"
        constraints = [
            models.UniqueConstraint(
                fields=["document", "key", "version"], name="document_section_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} v{self.version}"


class SigningCertificate(AuditedModel, TimeStampedModel):
    """Chứng thư số của cơ quan ban hành: the PKCS#12 file an issuer's PDFs are signed with.

    Overrides the default of the settings (``KEHOACH_SIGNING_P12``). The password is never stored: a
    reference says where to read it (``env:TÊN_BIẾN`` or ``file:/đường/dẫn``), so a database copy or
    backup does not carry a usable key.
    """

    audit_exclude = ("updated_at", "created_at", "p12_content")

    issuer = models.OneToOneField(
        "org.Unit", on_delete=models.CASCADE, related_name="+", verbose_name="cơ quan ban hành"
    )
    p12_path = models.CharField("đường dẫn tệp .p12", max_length=500, blank=True)
    p12_content = models.BinaryField("nội dung tệp .p12", null=True, blank=True, editable=True)
    password_ref = models.CharField(
        "mật khẩu (nơi đọc)",
        max_length=300,
        blank=True,
        help_text="env:TÊN_BIẾN_MÔI_TRƯỜNG hoặc file:/đường/dẫn/tệp; để trống nếu tệp không có mật khẩu.",
    )
    is_test = models.BooleanField("chứng thư thử nghiệm", default=False)

    class Meta:
        verbose_name = "chứng thư số của cơ quan ban hành"
        verbose_name_plural = "chứng thư số của cơ quan ban hành"
        constraints = [
            models.CheckConstraint(
                condition=~Q(p12_path="") | Q(p12_content__isnull=False),
                name="signing_certificate_has_p12",
            ),
        ]

    def __str__(self) -> str:
        return f"Chứng thư số {self.issuer_id}{' (thử nghiệm)' if self.is_test else ''}"
