"""Plans (Kế hoạch), their clauses, appendix activities and duties."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kehoach.core.models import AuditedModel, TimeStampedModel, VersionedModel
from kehoach.org.models import Unit, UnitGroup
from kehoach.rules.task_state import activity_state


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã ban hành"
    CLOSED = "closed", "Đã kết thúc"


class PlanQuerySet(models.QuerySet):
    def for_user(self, user):
        """Every signed-in member of the organisation reads plans; drafts only their makers and coordinators."""
        from kehoach.core import permissions

        if user is None or not user.is_authenticated:
            return self.none()
        if permissions.sees_everything(user):
            return self
        units = permissions.unit_ids(user)
        return self.filter(~Q(status=PlanStatus.DRAFT) | Q(issuer_id__in=units) | Q(created_by=user))

    def public(self):
        return self.filter(status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED], is_public=True)


class Plan(AuditedModel, TimeStampedModel, VersionedModel):
    """Kế hoạch: an administrative plan as issued, with its body, appendix and duties."""

    kind = models.CharField("loại văn bản", max_length=40, default="KẾ HOẠCH")
    number = models.CharField("số, ký hiệu", max_length=60, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issuer = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="issued_plans", verbose_name="cơ quan ban hành"
    )
    title = models.CharField("trích yếu", max_length=500)
    year = models.PositiveIntegerField("năm", null=True, blank=True)
    period_start = models.DateField("thời gian từ", null=True, blank=True)
    period_end = models.DateField("thời gian đến", null=True, blank=True)
    bases = models.JSONField("căn cứ", default=list, blank=True)
    signer_name = models.CharField("người ký", max_length=120, blank=True)
    signer_position = models.CharField("chức vụ người ký", max_length=120, blank=True)
    signer_authority = models.CharField("thẩm quyền ký", max_length=120, blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    status = models.CharField(
        "trạng thái", max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name="kế hoạch cấp trên",
    )
    coordinator_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="cơ quan thường trực",
    )
    appraiser_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="cơ quan thẩm định kinh phí",
    )
    is_public = models.BooleanField("công khai", default=True)
    source_name = models.CharField("tệp gốc", max_length=255, blank=True)
    source_sha256 = models.CharField("mã băm tệp gốc", max_length=64, blank=True, db_index=True)
    source_text = models.TextField("văn bản gốc", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-issued_on", "-id"]
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="plan_period_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    @property
    def start(self) -> datetime.date | None:
        return self.period_start or (datetime.date(self.year, 1, 1) if self.year else None)

    @property
    def end(self) -> datetime.date | None:
        return self.period_end or (datetime.date(self.year, 12, 31) if self.year else None)


class Clause(AuditedModel):
    """A clause of the plan's body ("V.1.đ"), so any record can cite where its duty comes from."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="clauses")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    label = models.CharField("ký hiệu", max_length=20, blank=True)
    path = models.CharField("đường dẫn", max_length=60, blank=True, db_index=True)
    heading = models.TextField("tiêu đề", blank=True)
    text = models.TextField("nội dung", blank=True)
    depth = models.PositiveSmallIntegerField(default=0)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = "điều khoản"
        verbose_name_plural = "điều khoản"

    def __str__(self) -> str:
        return f"{self.path} {self.heading or self.text[:60]}"


class ActivityQuerySet(models.QuerySet):
    def with_relations(self):
        return self.select_related("lead_unit", "plan").prefetch_related(
            "coordinator_units", "coordinator_groups"
        )


class Activity(AuditedModel, TimeStampedModel, VersionedModel):
    """Nhiệm vụ, hoạt động: a row of the plan's appendix."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    no = models.CharField("STT", max_length=20)
    order = models.PositiveIntegerField(default=0)
    group_title = models.CharField("nhóm nhiệm vụ", max_length=300, blank=True)
    content = models.TextField("nội dung")
    lead_text = models.CharField("cơ quan chủ trì (như văn bản)", max_length=300, blank=True)
    lead_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_activities",
        verbose_name="cơ quan chủ trì",
    )
    coordinators_text = models.JSONField("cơ quan phối hợp (như văn bản)", default=list, blank=True)
    coordinator_units = models.ManyToManyField(
        Unit, blank=True, related_name="coordinated_activities", verbose_name="đơn vị phối hợp"
    )
    coordinator_groups = models.ManyToManyField(
        UnitGroup, blank=True, related_name="+", verbose_name="nhóm phối hợp"
    )
    timeframe_text = models.CharField("thời gian thực hiện", max_length=200, blank=True)
    start = models.DateField("bắt đầu", null=True, blank=True)
    end = models.DateField("kết thúc", null=True, blank=True)
    regular = models.BooleanField("thường xuyên", default=False)
    product = models.TextField("sản phẩm", blank=True)
    note = models.TextField("ghi chú", blank=True)
    progress = models.PositiveSmallIntegerField(
        "tiến độ (%)", default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="activity_progress_max_100"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="activity_dates_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.no}. {self.content[:80]}"

    def status_on(self, day: datetime.date) -> str:
        """The government's task state, computed from dates and progress (never typed)."""
        return activity_state(
            start=self.start, end=self.end, progress=self.progress, completed_on=self.completed_on, today=day
        )

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())


def evidence_path(instance, filename: str) -> str:
    return f"evidence/activities/{instance.activity_id}/{filename}"


class ActivityUpdate(AuditedModel, TimeStampedModel):
    """A progress update with evidence (tài liệu kiểm chứng): file or link."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", validators=[MaxValueValidator(100)])
    note = models.TextField("nội dung cập nhật", blank=True)
    link = models.URLField("đường dẫn minh chứng", blank=True)
    file = models.FileField("tệp minh chứng", upload_to=evidence_path, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "cập nhật tiến độ"
        verbose_name_plural = "cập nhật tiến độ"

    def __str__(self) -> str:
        return f"{self.activity.no}: {self.progress}%"


class DutyKind(models.TextChoices):
    SUBPLAN = "subplan", "Kế hoạch đơn vị"
    REPORT = "report", "Báo cáo định kỳ"
    BROADCAST = "broadcast", "Phát sóng định kỳ"
    TASK = "task", "Nhiệm vụ thường xuyên"


class Duty(AuditedModel, TimeStampedModel):
    """Trách nhiệm được giao: who must do what, by when or how often (section V of a plan)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="duties")
    clause = models.ForeignKey(
        Clause, null=True, blank=True, on_delete=models.SET_NULL, related_name="duties"
    )
    section = models.CharField("mục", max_length=40, blank=True)
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField("loại", max_length=20, choices=DutyKind.choices, default=DutyKind.TASK)
    text = models.TextField("nội dung")
    who_text = models.JSONField("đơn vị thực hiện (như văn bản)", default=list, blank=True)
    who_units = models.ManyToManyField(
        Unit, blank=True, related_name="duties", verbose_name="đơn vị thực hiện"
    )
    who_groups = models.ManyToManyField(
        UnitGroup, blank=True, related_name="+", verbose_name="nhóm thực hiện"
    )
    due_date = models.DateField("hạn", null=True, blank=True)
    due_inclusive = models.BooleanField("tính cả ngày hạn", default=True)
    recurrence = models.JSONField(
        "định kỳ",
        default=list,
        blank=True,
        help_text='[{"every": "week"|"month"|"quarter"|"6 months"|"year", "min_count", "min_minutes"}]',
    )
    report_to_text = models.CharField("gửi về (như văn bản)", max_length=255, blank=True)
    report_to = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="gửi về"
    )
    working_days_after_cutoff = models.PositiveSmallIntegerField(
        "hạn báo cáo: số ngày làm việc sau ngày chốt số liệu", null=True, blank=True
    )

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = "trách nhiệm được giao"
        verbose_name_plural = "trách nhiệm được giao"

    def __str__(self) -> str:
        return f"{self.section}: {self.text[:80]}"

    def assigned_units(self, on=None):
        """The units this duty names, directly or through its groups (active on a day, if given)."""
        q = Q(pk__in=self.who_units.values("pk"))
        for group in self.who_groups.all():
            if not group.is_open:
                q |= group.member_filter()
        qs = Unit.objects.filter(q).distinct()
        return qs.active_on(on) if on else qs

    @property
    def recurrence_labels(self) -> list[str]:
        """Recurrences in words: "hằng tuần, ít nhất 1 lần, mỗi lần ít nhất 10 phút"."""
        words = {
            "day": "hằng ngày",
            "week": "hằng tuần",
            "month": "hằng tháng",
            "quarter": "hằng quý",
            "6 months": "6 tháng một lần",
            "year": "hằng năm",
            "unspecified": "định kỳ",
        }
        labels = []
        for r in self.recurrence or []:
            text = words.get(r.get("every"), str(r.get("every")))
            if r.get("min_count"):
                text += f", ít nhất {r['min_count']} lần"
            if r.get("min_minutes"):
                text += f", mỗi lần ít nhất {r['min_minutes']} phút"
            labels.append(text)
        return labels

    @property
    def due_label(self) -> str:
        if not self.due_date:
            return ""
        word = "đến hết ngày" if self.due_inclusive else "trước ngày"
        return f"{word} {self.due_date:%d/%m/%Y}"
