"""Dự toán kinh phí: a unit's estimate for its communication work, appraised and approved (V.2 of the seed).

Units estimate; Phòng Tài chính-Kế hoạch appraises (thẩm định); the People's Committee approves
(phê duyệt). Amounts are whole đồng.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from kehoach.core import permissions
from kehoach.core.models import AuditedModel, TimeStampedModel, VersionedModel
from kehoach.core.querysets import UnitScopedQuerySet
from kehoach.rules import budget_flow
from kehoach.rules.budget_flow import AMOUNT_CEILING


class BudgetSource(models.TextChoices):
    """Nguồn kinh phí (V.2.a)."""

    STATE_BUDGET = "state_budget", "Ngân sách nhà nước"
    OTHER = "other", "Nguồn hợp pháp khác"


class BudgetStatus(models.TextChoices):
    """The states of ``rules.budget_flow`` with their Vietnamese names (the moves live in the table)."""

    ESTIMATED = budget_flow.ESTIMATED, "Chờ thẩm định"
    APPRAISED = budget_flow.APPRAISED, "Đã thẩm định, chờ phê duyệt"
    APPROVED = budget_flow.APPROVED, "Đã phê duyệt"
    RETURNED = budget_flow.RETURNED, "Bị trả lại"


STATUS_TAGS = {"estimated": "info", "appraised": "warn", "approved": "ok", "returned": "bad"}


class BudgetQuerySet(UnitScopedQuerySet):
    """The unit's own estimates; the finance office, coordinators and leaders see every unit's."""

    def sees_all(self, user) -> bool:
        return permissions.sees_everything(user) or "finance" in permissions.roles(user)

    def with_relations(self):
        return self.select_related("unit", "plan").prefetch_related("items")


class Budget(AuditedModel, TimeStampedModel, VersionedModel):
    """Dự toán kinh phí: one unit's estimate under one plan, from one source."""

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="budgets", verbose_name="kế hoạch"
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="budgets", verbose_name="đơn vị"
    )
    source = models.CharField(
        "nguồn kinh phí", max_length=20, choices=BudgetSource.choices, default=BudgetSource.STATE_BUDGET
    )
    status = models.CharField(
        "trạng thái", max_length=12, choices=BudgetStatus.choices, default=BudgetStatus.ESTIMATED
    )
    total = models.PositiveBigIntegerField("tổng dự toán (đồng)", default=0)
    appraised_amount = models.PositiveBigIntegerField("số thẩm định (đồng)", null=True, blank=True)
    appraisal_comment = models.TextField("ý kiến thẩm định", blank=True)
    appraisal_override_reason = models.TextField(
        "lý do thẩm định vượt dự toán",
        blank=True,
        help_text="Bắt buộc khi số thẩm định lớn hơn tổng dự toán.",
    )
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người thẩm định",
    )
    appraised_at = models.DateTimeField("thẩm định lúc", null=True, blank=True)
    approved_amount = models.PositiveBigIntegerField("số phê duyệt (đồng)", null=True, blank=True)
    approval_comment = models.TextField("ý kiến phê duyệt", blank=True)
    approval_override_reason = models.TextField(
        "lý do phê duyệt vượt số thẩm định",
        blank=True,
        help_text="Bắt buộc khi số phê duyệt lớn hơn số thẩm định.",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người phê duyệt",
    )
    approved_at = models.DateTimeField("phê duyệt lúc", null=True, blank=True)
    return_comment = models.TextField("lý do trả lại", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người lập",
    )
    note = models.TextField("ghi chú", blank=True)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "unit__sort_order", "id"]
        verbose_name = "dự toán kinh phí"
        verbose_name_plural = "dự toán kinh phí"
        constraints = [
            models.CheckConstraint(condition=Q(total__gte=0), name="budget_total_not_negative"),
            # The ceiling of rules.budget_flow, also in the database: no write path can overflow a sum.
            models.CheckConstraint(
                condition=Q(total__lte=AMOUNT_CEILING), name="budget_total_within_ceiling"
            ),
            models.CheckConstraint(
                condition=Q(appraised_amount__isnull=True) | Q(appraised_amount__lte=AMOUNT_CEILING),
                name="budget_appraised_within_ceiling",
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(approved_amount__lte=AMOUNT_CEILING),
                name="budget_approved_within_ceiling",
            ),
            models.CheckConstraint(
                condition=Q(appraised_amount__isnull=True) | Q(appraised_amount__gte=0),
                name="budget_appraised_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(approved_amount__gte=0),
                name="budget_approved_not_negative",
            ),
            models.CheckConstraint(condition=Q(status__in=BudgetStatus.values), name="budget_status_known"),
            models.CheckConstraint(condition=Q(source__in=BudgetSource.values), name="budget_source_known"),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_amount__isnull=False),
                name="budget_approved_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"Dự toán {self.unit_id}/{self.plan_id} #{self.pk}"

    @property
    def status_tag(self) -> str:
        return STATUS_TAGS.get(self.status, "grey")


class BudgetItem(AuditedModel):
    """Một khoản chi trong dự toán: what the money is for, in whole đồng."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="items")
    description = models.CharField("nội dung chi", max_length=300)
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["budget", "order", "id"]
        verbose_name = "khoản chi"
        verbose_name_plural = "khoản chi"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_item_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(amount__lte=AMOUNT_CEILING), name="budget_item_amount_within_ceiling"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"
