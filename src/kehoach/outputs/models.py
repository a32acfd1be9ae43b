"""Sản phẩm tuyên truyền (what units actually produced) and lượt phát sóng (radio airings).

The seed plan (II.2) lists the forms of communication; V.1.đ asks the radio centre for a weekly
column of at least 10 minutes. Units log what they did here; reports, dashboards and the
weekly compliance calendar read it.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models, router, transaction
from django.db.models import Q

from kehoach.core.models import AuditedModel, TimeStampedModel
from kehoach.core.querysets import SignedInQuerySet
from kehoach.outputs import summary_rows
from kehoach.outputs.summary_rows import ALL_UNITS, ANY_TOPIC, NO_PLAN  # noqa: F401  (read by selectors)


class OutputForm(models.TextChoices):
    """Hình thức tuyên truyền (II.2 of the seed plan)."""

    WEBSITE_ARTICLE = "website_article", "Tin, bài trên trang thông tin điện tử"
    RADIO = "radio", "Phát thanh"
    TELEVISION = "television", "Truyền hình"
    PRESS = "press", "Báo in"
    LEAFLET = "leaflet", "Tờ gấp"
    POSTER = "poster", "Pa-nô, áp phích, băng rôn"
    TRAINING = "training", "Lớp tập huấn, bồi dưỡng"
    CONFERENCE = "conference", "Hội nghị, lồng ghép hội nghị"
    SKIT = "skit", "Tiểu phẩm"
    LOUDSPEAKER = "loudspeaker", "Loa truyền thanh"
    SOCIAL_MEDIA = "social_media", "Mạng xã hội"
    OTHER = "other", "Khác"


#: Nội dung tuyên truyền: the seed's contents II.1 a–e plus the reform areas of II.1.d.
TOPICS: list[tuple[str, str]] = [
    ("importance", "Tầm quan trọng, ý nghĩa CCHC (II.1.a)"),
    ("policy", "Chủ trương, chính sách về CCHC (II.1.b)"),
    ("responsibility", "Vai trò, trách nhiệm người đứng đầu (II.1.c)"),
    ("procedures", "Cải cách thủ tục hành chính"),
    ("apparatus", "Cải cách tổ chức bộ máy"),
    ("civil_service", "Cải cách chế độ công vụ"),
    ("public_finance", "Cải cách tài chính công"),
    ("digital_government", "Chính quyền điện tử, chính quyền số"),
    ("indices", "Chỉ số PAR INDEX, PAPI, SIPAS, PCI"),
    ("results", "Kết quả, tồn tại, hạn chế (II.1.đ)"),
    ("citizen_rights", "Quan hệ Nhà nước – nhân dân (II.1.e)"),
]
TOPIC_LABELS = dict(TOPICS)

#: Đối tượng tuyên truyền (I.3 of the seed plan).
AUDIENCES: list[tuple[str, str]] = [
    ("officials", "Cán bộ, công chức, viên chức"),
    ("citizens", "Người dân"),
    ("businesses", "Doanh nghiệp"),
    ("members", "Đoàn viên, hội viên"),
]
AUDIENCE_LABELS = dict(AUDIENCES)


class QuantityUnit(models.TextChoices):
    """Đơn vị tính of an output's quantity."""

    ITEMS = "items", "tin, bài, sản phẩm"
    COPIES = "copies", "bản, tờ"
    MINUTES = "minutes", "phút"
    PARTICIPANTS = "participants", "lượt người"
    SESSIONS = "sessions", "buổi, lớp"


#: The natural unit of each form, used when none is given.
DEFAULT_QUANTITY_UNIT = {
    OutputForm.RADIO: QuantityUnit.MINUTES,
    OutputForm.TELEVISION: QuantityUnit.MINUTES,
    OutputForm.LOUDSPEAKER: QuantityUnit.MINUTES,
    OutputForm.LEAFLET: QuantityUnit.COPIES,
    OutputForm.POSTER: QuantityUnit.COPIES,
    OutputForm.TRAINING: QuantityUnit.SESSIONS,
    OutputForm.CONFERENCE: QuantityUnit.SESSIONS,
}


class OutputQuerySet(SignedInQuerySet):
    """Communication work is public inside the organisation: every signed-in person reads it."""

    def delete(self):
        """Delete the rows and take them from the daily summary, in one transaction."""
        with transaction.atomic(using=self.db):
            rows = list(self.order_by().select_for_update())
            summary_rows.apply(OutputDailySummary._meta.db_table, self.db, removed=rows)
            return super().delete()

    delete.queryset_only = True  # type: ignore[attr-defined]

    def update(self, **kwargs):
        """Update the rows; when a counted field changes, move them in the daily summary too."""
        if not set(kwargs) & {*summary_rows.COUNTED_FIELDS, "unit", "plan"}:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            before = list(self.order_by().select_for_update())
            done = super().update(**kwargs)
            after = list(Output.objects.using(self.db).filter(pk__in=[o.pk for o in before]))
            summary_rows.apply(OutputDailySummary._meta.db_table, self.db, added=after, removed=before)
            return done

    def between(self, start=None, end=None):
        qs = self
        if start:
            qs = qs.filter(date__gte=start)
        if end:
            qs = qs.filter(date__lte=end)
        return qs


def evidence_path(instance, filename: str) -> str:
    return f"evidence/outputs/{instance.unit_id}/{filename}"


class Output(AuditedModel, TimeStampedModel):
    """Sản phẩm tuyên truyền: one piece of communication work a unit did (an article, a class...)."""

    # No single-column indexes on unit and plan: the composite indexes below start with them, and
    # every index is one more insertion a write (nine on this table before issue 11, seven now).
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="outputs", verbose_name="đơn vị", db_index=False
    )
    plan = models.ForeignKey(
        "plans.Plan",
        null=True,
        blank=True,
        db_index=False,
        on_delete=models.SET_NULL,
        related_name="outputs",
        verbose_name="kế hoạch",
    )
    activity = models.ForeignKey(
        "plans.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outputs",
        verbose_name="nhiệm vụ, hoạt động",
    )
    date = models.DateField("ngày thực hiện", db_index=True)
    form = models.CharField("hình thức", max_length=20, choices=OutputForm.choices)
    topics = models.JSONField("nội dung tuyên truyền", default=list, blank=True)
    audiences = models.JSONField("đối tượng", default=list, blank=True)
    quantity = models.PositiveIntegerField("số lượng", default=1)
    quantity_unit = models.CharField(
        "đơn vị tính", max_length=15, choices=QuantityUnit.choices, default=QuantityUnit.ITEMS
    )
    participants = models.PositiveIntegerField("số người tham dự", null=True, blank=True)
    title = models.CharField("tên sản phẩm, tiêu đề", max_length=300)
    url = models.URLField("đường dẫn", max_length=500, blank=True)
    file = models.FileField("tài liệu kiểm chứng", upload_to=evidence_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người nhập",
    )

    objects = OutputQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "sản phẩm tuyên truyền"
        verbose_name_plural = "sản phẩm tuyên truyền"
        indexes = [
            models.Index(fields=["unit", "date"], name="output_unit_date_idx"),
            # Hot filters at scale (issue 11): a plan's outputs by date (the API's keyset order), by unit.
            models.Index(fields=["plan", "date", "id"], name="output_plan_date_idx"),
            models.Index(fields=["plan", "unit", "date"], name="output_plan_unit_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="output_quantity_not_negative"),
            models.CheckConstraint(
                condition=Q(participants__isnull=True) | Q(participants__gte=0),
                name="output_participants_not_negative",
            ),
            models.CheckConstraint(condition=Q(form__in=OutputForm.values), name="output_form_known"),
            models.CheckConstraint(
                condition=Q(quantity_unit__in=QuantityUnit.values), name="output_quantity_unit_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_form_display()}: {self.title[:80]}"

    # The daily summary (OutputDailySummary) moves with every save and delete, in the same
    # transaction, like the audit entry: pages, API, imports, admin and tests alike. Bulk paths
    # (bulk_create, COPY) call ``outputs.summaries.apply`` or ``rebuild`` themselves.
    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(Output, instance=self)
        # savepoint=False: inside a service's transaction a savepoint cost two round trips a write
        # (issue 11) and bought nothing: an error here must undo the whole write anyway.
        with transaction.atomic(using=using, savepoint=False):
            before = None
            if not self._state.adding and self.pk is not None:
                # The row as stored (locked), to take away what it counted before.
                before = Output.objects.using(using).select_for_update().filter(pk=self.pk).first()
            super().save(*args, **kwargs)
            summary_rows.apply(
                OutputDailySummary._meta.db_table, using, added=[self], removed=[before] if before else []
            )

    def delete(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(Output, instance=self)
        with transaction.atomic(using=using, savepoint=False):
            # Read back and locked: two concurrent deletes of one output take it away once.
            current = Output.objects.using(using).select_for_update().filter(pk=self.pk).first()
            if current is None:
                return 0, {}
            summary_rows.apply(OutputDailySummary._meta.db_table, using, removed=[current])
            return super().delete(*args, **kwargs)

    @property
    def topic_labels(self) -> list[str]:
        return [TOPIC_LABELS.get(t, t) for t in self.topics]

    @property
    def audience_labels(self) -> list[str]:
        return [AUDIENCE_LABELS.get(a, a) for a in self.audiences]


class BroadcastQuerySet(SignedInQuerySet):
    """Broadcasts are public communication work: every signed-in person reads them."""

    def between(self, start=None, end=None):
        """Airings on local days [start, end] (Asia/Ho_Chi_Minh), as a range on ``aired_at`` so
        the index serves it (no date function on every row)."""
        tz = ZoneInfo(settings.TIME_ZONE)
        qs = self
        if start:
            qs = qs.filter(aired_at__gte=datetime.datetime.combine(start, datetime.time.min, tzinfo=tz))
        if end:
            nxt = end + datetime.timedelta(days=1)
            qs = qs.filter(aired_at__lt=datetime.datetime.combine(nxt, datetime.time.min, tzinfo=tz))
        return qs


def recording_path(instance, filename: str) -> str:
    return f"evidence/broadcasts/{instance.unit_id}/{filename}"


class Broadcast(AuditedModel, TimeStampedModel):
    """Lượt phát sóng: one airing of the administrative-reform column (chuyên mục CCHC)."""

    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="broadcasts", verbose_name="đơn vị phát sóng"
    )
    plan = models.ForeignKey(
        "plans.Plan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="broadcasts",
        verbose_name="kế hoạch",
    )
    aired_at = models.DateTimeField("thời điểm phát sóng", db_index=True)
    minutes = models.PositiveIntegerField("thời lượng (phút)")
    title = models.CharField("tên chương trình, chuyên mục", max_length=300)
    recording = models.FileField("bản ghi", upload_to=recording_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người nhập",
    )

    objects = BroadcastQuerySet.as_manager()

    class Meta:
        ordering = ["-aired_at", "-id"]
        verbose_name = "lượt phát sóng"
        verbose_name_plural = "lượt phát sóng"
        indexes = [
            models.Index(fields=["unit", "aired_at"], name="broadcast_unit_time_idx"),
            models.Index(fields=["plan", "aired_at", "id"], name="broadcast_plan_time_idx"),
        ]
        constraints = [models.CheckConstraint(condition=Q(minutes__gt=0), name="broadcast_minutes_positive")]

    def __str__(self) -> str:
        return f"{self.aired_at:%d/%m/%Y %H:%M} ({self.minutes} phút) {self.title[:80]}"


class WeekReminder(TimeStampedModel):
    """Nhắc phát sóng: a reminder sent to the radio centre for a week not yet compliant (once a week)."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    week = models.CharField("tuần", max_length=10)
    recipients = models.JSONField("người nhận", default=list, blank=True)
    message = models.TextField("nội dung", blank=True)

    class Meta:
        ordering = ["-week"]
        verbose_name = "nhắc phát sóng"
        verbose_name_plural = "nhắc phát sóng"
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit", "week"], name="week_reminder_once_per_week")
        ]

    def __str__(self) -> str:
        return f"{self.week} {self.unit_id}"


class OutputDailySummary(models.Model):
    """Tổng hợp sản phẩm tuyên truyền theo ngày: outputs counted by plan × unit × day × form ×
    quantity unit × topic, kept in the same transaction as every write (``outputs.summaries``).

    Dashboards, the leader's page, the ranking and the reports' figures read these few thousand
    rows instead of counting millions of outputs on each view (issue 11). Two rollups live in the
    same table so that one insert keeps them: ``unit_key = 0`` adds up all units, ``topic = ""``
    counts every output once (a topic row counts the outputs naming that topic). Keys are plain
    integers, not foreign keys, so that "no plan" (0) and "all units" (0) group like any key.

    A write APPENDS its rows (+1, or -1 for a removal): it never updates a shared row, so thousands
    of communes logging on the same day do not queue on the plan's all-units row (issue 11). Every
    reader sums by key; ``outputs.summaries.compact`` (the job worker, every minute) folds each key
    back into one row. ``kehoach rebuild-summaries`` recomputes it.
    """

    plan_key = models.IntegerField("kế hoạch (0: không thuộc kế hoạch)")
    unit_key = models.IntegerField("đơn vị (0: mọi đơn vị)")
    day = models.DateField("ngày")
    form = models.CharField("hình thức", max_length=20)
    quantity_unit = models.CharField("đơn vị tính", max_length=15)
    topic = models.CharField("nội dung (trống: mọi sản phẩm)", max_length=40, blank=True)
    count = models.IntegerField("số sản phẩm", default=0)
    quantity = models.BigIntegerField("tổng số lượng", default=0)
    participants = models.BigIntegerField("tổng số người tham dự", default=0)

    class Meta:
        verbose_name = "tổng hợp sản phẩm theo ngày"
        verbose_name_plural = "tổng hợp sản phẩm theo ngày"
        indexes = [
            # Unit first: the all-units rollup (unit 0) of a plan or of every plan, a few units' rows;
            # and the compaction's GROUP BY. Not unique: a write appends its rows (see above).
            models.Index(
                fields=["unit_key", "plan_key", "day", "form", "quantity_unit", "topic"],
                name="output_summary_key",
            ),
            # The ranking and the report's unit table: a plan's every-output rows of a period, by unit.
            # Covering (PostgreSQL): an index-only scan, the rows' pages are never read.
            models.Index(
                fields=["plan_key", "topic", "day"],
                include=["unit_key", "form", "quantity_unit", "count", "quantity", "participants"],
                name="output_summary_plan_topic_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_key}/{self.unit_key} {self.day} {self.form} {self.topic}: {self.count}"
