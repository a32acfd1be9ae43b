"""Tracking: what each unit must hand in (việc phải nộp), what it handed in, the reviews,
reminders and urging notices, problems raised, and inspections.

A deliverable is one duty × one unit × one period. Its status is stored (so lists and
dashboards filter and count it in SQL) and is changed only by ``tracking.services``.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, ExpressionWrapper, F, FilteredRelation, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from kehoach.core.i18n import deliverable_label
from kehoach.core.models import AuditedModel, TimeStampedModel, VersionedModel
from kehoach.core.querysets import UnitScopedQuerySet
from kehoach.org.models import Unit
from kehoach.plans.models import Duty, DutyKind, Plan
from kehoach.rules import standing, submission_flow
from kehoach.rules.deadlines import Due
from kehoach.rules.periods import parse_period
from kehoach.rules.standing import Scope, SubmissionFact
from kehoach.rules.task_state import (
    ACCEPTED,
    DEFAULT_GRACE_DAYS,
    LATE,
    MISSED,
    PENDING,
    RETURNED,
    SUBMITTED,
)


class DeliverableStatus(models.TextChoices):
    PENDING = "pending", deliverable_label("pending")
    SUBMITTED = "submitted", deliverable_label("submitted")
    LATE = "late", deliverable_label("late")
    ACCEPTED = "accepted", deliverable_label("accepted")
    RETURNED = "returned", deliverable_label("returned")
    MISSED = "missed", deliverable_label("missed")


#: Statuses meaning "the unit handed something in" / "still owes it" (``rules.standing``), and
#: those waiting for the coordinator (``rules.submission_flow``: where "accept" may start).
HANDED_IN = standing.HANDED_IN
OPEN = standing.OWED
AWAITING_REVIEW = submission_flow.TRANSITIONS[submission_flow.ACCEPT][0]

STATUS_TAGS = {
    "pending": "grey",
    "submitted": "info",
    "late": "warn",
    "accepted": "ok",
    "returned": "bad",
    "missed": "bad",
}


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The first instant after ``day`` in the app's time zone: figures "as of" a day include it."""
    return datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE)
    )


class DeliverableQuerySet(UnitScopedQuerySet):
    """Coordinators and leaders see every unit's deliverables; others only their own units'."""

    def with_relations(self):
        return self.select_related("unit", "plan", "duty")

    def reports(self):
        """Deliverables that count in reporting rates: unit plans and periodic reports."""
        return self.filter(kind__in=[DutyKind.SUBPLAN, DutyKind.REPORT])

    # --- one truth: the SQL twin of ``rules.standing`` -------------------------------------

    def as_of(self, day: datetime.date):
        """Annotate each deliverable with where it stood at the end of ``day`` (``rules.standing``).

        ``state``: pending / submitted / late / accepted / returned / missed, from the latest
        submission made by then and its review if reviewed by then; ``last_late``: that
        submission was late (NULL when none); ``overdue``: still owed and past the last day on
        time; ``on_time``: handed in and its latest version on time. Every count, list and
        document reads these annotations (a property test keeps them equal to the pure rule).
        """
        end = end_of_day(day)
        # The latest submission made by ``end`` is the one made before it and not superseded
        # before it (``Submission.superseded_at``, kept with the facts): a plain LEFT JOIN of at
        # most one row per deliverable, where correlated subqueries ran once per row and per use
        # (issue 11: 27 s for the national dashboard).
        latest = FilteredRelation(
            "submissions",
            condition=Q(submissions__submitted_at__lt=end)
            & (Q(submissions__superseded_at__isnull=True) | Q(submissions__superseded_at__gte=end)),
        )
        grace = day - datetime.timedelta(days=DEFAULT_GRACE_DAYS)
        past_grace = Q(due_inclusive=True, due_date__lt=grace) | Q(due_inclusive=False, due_date__lte=grace)
        locked = Q(locked_on__lte=day) & (Q(reopened_until__isnull=True) | Q(reopened_until__lt=day))
        return (
            self.alias(latest_made=latest)
            .annotate(
                last_late=F("latest_made__is_late"),
                last_decision=Case(
                    When(latest_made__reviewed_at__lt=end, then=F("latest_made__review_decision")),
                    default=Value(""),
                    output_field=models.CharField(),
                ),
            )
            .annotate(
                state=Case(
                    # A week of broadcasts is judged from the broadcast log, not from submissions.
                    When(kind=DutyKind.BROADCAST, then=F("status")),
                    When(last_decision=ACCEPTED, then=Value(ACCEPTED)),
                    When(last_decision=RETURNED, then=Value(RETURNED)),
                    When(last_late=True, then=Value(LATE)),
                    When(last_late=False, then=Value(SUBMITTED)),
                    When(locked | past_grace, then=Value(MISSED)),
                    default=Value(PENDING),
                    output_field=models.CharField(),
                ),
                overdue=ExpressionWrapper(
                    ~Q(kind=DutyKind.BROADCAST)
                    & (Q(last_late__isnull=True) | Q(last_decision=RETURNED))
                    & (Q(due_inclusive=True, due_date__lt=day) | Q(due_inclusive=False, due_date__lte=day)),
                    output_field=models.BooleanField(),
                ),
                on_time=Case(When(last_late=False, then=Value(True)), default=Value(False)),
            )
        )

    def in_scope(self, scope: Scope, role: str = "report"):
        """The deliverables that figure in a period's documents as ``role`` (``rules.standing.Scope``):
        ``report`` (periodic reports within the period), ``subplan`` (the year's unit plans), or
        another duty kind (``broadcast``: the weeks within the period)."""
        if role == DutyKind.SUBPLAN:
            if scope.subplan_period is None:
                return self.none()
            return self.filter(kind=DutyKind.SUBPLAN, period=scope.subplan_period)
        return self.filter(kind=role, period_start__gte=scope.start, period_end__lte=scope.end)


class Deliverable(AuditedModel, TimeStampedModel, VersionedModel):
    """Việc phải nộp: one unit's plan, periodic report or week of broadcasts for one period."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="deliverables", verbose_name="kế hoạch"
    )
    duty = models.ForeignKey(
        Duty, on_delete=models.CASCADE, related_name="deliverables", verbose_name="trách nhiệm"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="deliverables", verbose_name="đơn vị"
    )
    kind = models.CharField("loại", max_length=20, choices=DutyKind.choices)
    period = models.CharField("kỳ báo cáo", max_length=10, db_index=True)
    period_start = models.DateField("kỳ từ ngày")
    period_end = models.DateField("kỳ đến ngày")
    due_date = models.DateField("hạn nộp")
    due_inclusive = models.BooleanField("tính cả ngày hạn", default=True)
    status = models.CharField(
        "tình trạng",
        max_length=10,
        choices=DeliverableStatus.choices,
        default=DeliverableStatus.PENDING,
        db_index=True,
    )
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    submitted_late = models.BooleanField("lần nộp gần nhất trễ hạn", default=False)
    locked = models.BooleanField("đã khóa", default=False)
    locked_on = models.DateField("khóa từ ngày", null=True, blank=True)
    lock_reason = models.TextField("lý do khóa", blank=True)
    reopened_until = models.DateField("mở lại cho nộp đến ngày", null=True, blank=True)

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "unit__sort_order", "id"]
        verbose_name = "việc phải nộp"
        verbose_name_plural = "việc phải nộp"
        constraints = [
            models.UniqueConstraint(fields=["duty", "unit", "period"], name="deliverable_unique"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="deliverable_period_range"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in DeliverableStatus]), name="deliverable_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["plan", "period", "kind"], name="deliverable_plan_period_idx"),
            # Hot filters at scale (issue 11): status counts per plan/period/unit, the API's keyset order.
            models.Index(fields=["plan", "period", "status", "unit"], name="deliverable_plan_status_idx"),
            models.Index(fields=["plan", "due_date", "id"], name="deliverable_plan_due_idx"),
            # ``in_scope``: a period's documents select by kind and the period's bounds, not its code.
            models.Index(fields=["plan", "kind", "period_start", "period_end"], name="deliverable_scope_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period} — {self.unit_id and self.unit.display_name}"

    @property
    def due(self) -> Due:
        return Due(self.due_date, inclusive=self.due_inclusive)

    @property
    def due_label(self) -> str:
        return self.due.label_vi

    @property
    def period_label(self) -> str:
        """ "6 tháng đầu năm 2021" rather than "2021-H1"."""
        try:
            p = parse_period(self.period)
        except ValueError:
            return self.period
        if self.kind in (DutyKind.SUBPLAN, DutyKind.TASK) and p.kind == "year":
            return f"năm {p.year}"
        return p.label_vi

    @property
    def title(self) -> str:
        """What is owed, in the documents' words: "Báo cáo 6 tháng đầu năm 2021"."""
        if self.kind == DutyKind.SUBPLAN:
            return f"Kế hoạch tuyên truyền CCHC {self.period_label}"
        if self.kind == DutyKind.REPORT:
            return f"Báo cáo {self.period_label}"
        if self.kind == DutyKind.BROADCAST:
            return f"Phát sóng chuyên mục CCHC {self.period_label}"
        return f"{self.duty.text[:60]} ({self.period_label})"

    @property
    def status_tag(self) -> str:
        return STATUS_TAGS.get(self.status, "grey")

    @property
    def actions(self) -> list[str]:
        """The moves the state machine (``rules.submission_flow``) allows from the current status."""
        return submission_flow.actions_from(self.status)

    @property
    def standing(self) -> str:
        """The state as of the queryset's ``as_of`` day when annotated, else the stored status."""
        return getattr(self, "state", None) or self.status

    @property
    def standing_tag(self) -> str:
        return STATUS_TAGS.get(self.standing, "grey")

    @property
    def standing_label(self) -> str:
        return deliverable_label(self.standing)

    def is_open_on(self, day: datetime.date) -> bool:
        """May the unit (re)submit on ``day``? Locked periods only while reopened for this unit."""
        if not self.locked:
            return True
        return self.reopened_until is not None and day <= self.reopened_until

    def facts(self) -> list[SubmissionFact]:
        """This deliverable's history in the terms of ``rules.standing`` (one query)."""
        return [
            SubmissionFact(
                submitted_on=timezone.localtime(s.submitted_at).date(),
                late=s.is_late,
                reviewed_on=timezone.localtime(s.reviewed_at).date() if s.reviewed_at else None,
                decision=s.review_decision or None,
            )
            for s in self.submissions.order_by("submitted_at", "number")
        ]

    def state_on(self, day: datetime.date) -> str:
        """Where this one deliverable stood at the end of ``day`` (``rules.standing.state_on``)."""
        return standing.state_on(
            self.due, self.facts(), day, locked_on=self.locked_on, reopened_until=self.reopened_until
        )

    def is_overdue_on(self, day: datetime.date) -> bool:
        return standing.is_overdue(self.state_on(day), self.due, day)


def submission_path(instance, filename: str) -> str:
    return f"evidence/deliverables/{instance.deliverable_id}/{filename}"


class ReviewDecision(models.TextChoices):
    NONE = "", "Chưa xem xét"
    ACCEPTED = "accepted", "Tiếp nhận"
    RETURNED = "returned", "Trả lại"


class Submission(AuditedModel, TimeStampedModel):
    """Lần nộp: every version a unit hands in is kept, with the coordinator's review of it."""

    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveIntegerField("lần nộp")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người nộp",
    )
    submitted_at = models.DateTimeField("nộp lúc", default=timezone.now)
    is_late = models.BooleanField("trễ hạn", default=False)
    text = models.TextField("nội dung", blank=True)
    file = models.FileField("tài liệu kèm theo", upload_to=submission_path, blank=True, max_length=300)
    figures = models.JSONField("số liệu", default=dict, blank=True)
    results = models.TextField("kết quả đạt được", blank=True)
    shortcomings = models.TextField("tồn tại, hạn chế", blank=True)
    proposals = models.TextField("đề xuất, kiến nghị", blank=True)
    review_decision = models.CharField(
        "kết quả xem xét", max_length=10, choices=ReviewDecision.choices, blank=True, default=""
    )
    review_comment = models.TextField("ý kiến", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField("xem xét lúc", null=True, blank=True)
    #: When the next version came in (NULL for the latest): derived from the versions, rewritten by
    #: ``relink`` whenever one is added, so ``Deliverable.objects.as_of`` finds "the latest by a
    #: day" with a join instead of a subquery per row.
    superseded_at = models.DateTimeField("có lần nộp sau lúc", null=True, blank=True, editable=False)

    audit_exclude = ("updated_at", "created_at", "superseded_at")

    class Meta:
        ordering = ["deliverable", "-number"]
        verbose_name = "lần nộp"
        verbose_name_plural = "lần nộp"
        constraints = [
            models.UniqueConstraint(fields=["deliverable", "number"], name="submission_number_unique"),
            models.CheckConstraint(
                condition=Q(review_decision__in=["", "accepted", "returned"]), name="submission_review_valid"
            ),
        ]
        indexes = [
            # The as-of join (``Deliverable.objects.as_of``) and ``relink``: versions of a deliverable in time.
            models.Index(fields=["deliverable", "submitted_at", "number"], name="submission_deliv_time_idx"),
        ]

    def __str__(self) -> str:
        return f"Lần nộp {self.number} — {self.deliverable_id}"

    def save(self, *args, **kwargs):
        with transaction.atomic():
            moved = self._state.adding or getattr(self, "_submitted_at_loaded", None) != self.submitted_at
            super().save(*args, **kwargs)
            if moved:
                Submission.relink(self.deliverable_id)
            self._submitted_at_loaded = self.submitted_at

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            deliverable_id = self.deliverable_id
            result = super().delete(*args, **kwargs)
            Submission.relink(deliverable_id)
        return result

    @classmethod
    def from_db(cls, db, field_names, values):
        obj = super().from_db(db, field_names, values)
        obj._submitted_at_loaded = obj.__dict__.get("submitted_at")
        return obj

    @staticmethod
    def relink(deliverable_ids) -> int:
        """Rewrite ``superseded_at`` of the versions of the given deliverable(s), in one UPDATE:
        each version's is the time of the next one in (``submitted_at``, ``number``) order."""
        ids = [deliverable_ids] if isinstance(deliverable_ids, int) else list(deliverable_ids)
        after = Q(submitted_at__gt=OuterRef("submitted_at")) | Q(
            submitted_at=OuterRef("submitted_at"), number__gt=OuterRef("number")
        )
        following = (
            Submission.objects.filter(after, deliverable_id=OuterRef("deliverable_id"))
            .order_by("submitted_at", "number")
            .values("submitted_at")[:1]
        )
        return Submission.objects.filter(deliverable_id__in=ids).update(superseded_at=Subquery(following))

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


class ReminderKind(models.TextChoices):
    BEFORE_DUE = "before_due", "Nhắc trước hạn"
    OVERDUE = "overdue", "Nhắc quá hạn"
    URGING = "urging", "Văn bản đôn đốc"


class UrgingNotice(AuditedModel):
    """Văn bản đôn đốc: the coordinator urges late units to hand in a period's deliverables."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="urging_notices")
    number = models.PositiveIntegerField("số")
    units = models.ManyToManyField(Unit, related_name="urging_notices", verbose_name="đơn vị được đôn đốc")
    period = models.CharField("kỳ báo cáo", max_length=10)
    text = models.TextField("nội dung")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("lúc", default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "văn bản đôn đốc"
        verbose_name_plural = "văn bản đôn đốc"
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="urging_number_unique")]

    def __str__(self) -> str:
        return f"Văn bản đôn đốc số {self.number:02d} ({self.period})"


class Reminder(models.Model):
    """A reminder sent about a deliverable. One row per (deliverable, kind) so ``kehoach remind``
    never sends the same reminder twice; urging reminders belong to a notice and may repeat."""

    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField("loại", max_length=12, choices=ReminderKind.choices)
    notice = models.ForeignKey(
        UrgingNotice, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    sent_at = models.DateTimeField("gửi lúc", default=timezone.now)
    to_email = models.CharField("gửi đến", max_length=254, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = "lời nhắc"
        verbose_name_plural = "lời nhắc"
        constraints = [
            models.UniqueConstraint(
                fields=["deliverable", "kind"], condition=~Q(kind="urging"), name="reminder_once_per_kind"
            ),
            models.UniqueConstraint(fields=["deliverable", "notice"], name="reminder_once_per_notice"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.deliverable_id}"


class ProblemKind(models.TextChoices):
    PROBLEM = "problem", "Vướng mắc"
    PROPOSAL = "proposal", "Đề xuất"


class ProblemStatus(models.TextChoices):
    OPEN = "open", "Mới gửi"
    FORWARDED = "forwarded", "Đã chuyển UBND huyện"
    ANSWERED = "answered", "Đã trả lời"
    CLOSED = "closed", "Đã đóng"


class Problem(AuditedModel, TimeStampedModel):
    """Vướng mắc, đề xuất: raised by a unit to the UBND through the coordinator (Phòng Nội vụ)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="problems")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="problems", verbose_name="đơn vị")
    kind = models.CharField("loại", max_length=10, choices=ProblemKind.choices, default=ProblemKind.PROBLEM)
    title = models.CharField("tiêu đề", max_length=300)
    content = models.TextField("nội dung")
    status = models.CharField(
        "tình trạng", max_length=10, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    answer = models.TextField("trả lời", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "vướng mắc, đề xuất"
        verbose_name_plural = "vướng mắc, đề xuất"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["problem", "proposal"]), name="problem_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=["open", "forwarded", "answered", "closed"]),
                name="problem_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def status_tag(self) -> str:
        return {"open": "warn", "forwarded": "info", "answered": "ok", "closed": "grey"}[self.status]


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", "Dự kiến"
    DONE = "done", "Đã kiểm tra"
    FOLLOWED_UP = "followed_up", "Đã khắc phục"


class Inspection(AuditedModel, TimeStampedModel):
    """Kiểm tra công tác tuyên truyền CCHC tại một đơn vị (mục V.1.b của kế hoạch)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="inspections")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="inspections", verbose_name="đơn vị được kiểm tra"
    )
    date = models.DateField("ngày kiểm tra")
    inspectors = models.TextField("thành phần đoàn kiểm tra", blank=True)
    findings = models.TextField("kết quả kiểm tra", blank=True)
    recommendations = models.TextField("kiến nghị", blank=True)
    follow_up = models.TextField("kết quả khắc phục", blank=True)
    status = models.CharField(
        "tình trạng", max_length=12, choices=InspectionStatus.choices, default=InspectionStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "kiểm tra"
        verbose_name_plural = "kiểm tra"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["planned", "done", "followed_up"]), name="inspection_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Kiểm tra {self.unit_id and self.unit.display_name} ngày {self.date:%d/%m/%Y}"

    @property
    def status_tag(self) -> str:
        return {"planned": "grey", "done": "warn", "followed_up": "ok"}[self.status]
