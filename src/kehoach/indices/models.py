"""Index results (Chỉ số): PAR INDEX, PAPI, SIPAS, PCI of the province or the district, per year."""

from django.db import models
from django.db.models import Q

from kehoach.core.models import AuditedModel, TimeStampedModel
from kehoach.core.querysets import SignedInQuerySet
from kehoach.org.models import Unit


class IndexCode(models.TextChoices):
    PAR_INDEX = "par_index", "Chỉ số CCHC (PAR INDEX)"
    PAPI = "papi", "Chỉ số hiệu quả quản trị và hành chính công (PAPI)"
    SIPAS = "sipas", "Chỉ số hài lòng (SIPAS)"
    PCI = "pci", "Chỉ số năng lực cạnh tranh (PCI)"


SHORT_LABELS = {"par_index": "PAR INDEX", "papi": "PAPI", "sipas": "SIPAS", "pci": "PCI"}


class IndexResultQuerySet(SignedInQuerySet):
    """Index results are published figures: every signed-in member reads them; coordinators write."""

    def with_unit(self):
        return self.select_related("unit")


class IndexResult(AuditedModel, TimeStampedModel):
    """Kết quả chỉ số: one year's value (and rank) of one index for one unit (tỉnh or huyện)."""

    index = models.CharField("chỉ số", max_length=12, choices=IndexCode.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="index_results", verbose_name="đơn vị được đánh giá"
    )
    year = models.PositiveSmallIntegerField("năm")
    value = models.DecimalField("điểm / giá trị", max_digits=7, decimal_places=2)
    rank = models.PositiveIntegerField("xếp hạng", null=True, blank=True)
    rank_of = models.PositiveIntegerField("trên tổng số", null=True, blank=True)
    components = models.JSONField(
        "chỉ số thành phần", default=list, blank=True, help_text='[{"name", "value", "max"}]'
    )
    source = models.CharField("nguồn", max_length=500, blank=True)
    note = models.TextField("ghi chú", blank=True)

    objects = IndexResultQuerySet.as_manager()

    class Meta:
        ordering = ["index", "unit", "year"]
        verbose_name = "kết quả chỉ số"
        verbose_name_plural = "kết quả chỉ số"
        constraints = [
            models.UniqueConstraint(
                fields=["index", "unit", "year"], name="indexresult_unique_index_unit_year"
            ),
            models.CheckConstraint(
                condition=Q(index__in=[c.value for c in IndexCode]), name="indexresult_index_valid"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="indexresult_value_not_negative"),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="indexresult_year_range"
            ),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank_of__isnull=True) | Q(rank__lte=models.F("rank_of")),
                name="indexresult_rank_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{SHORT_LABELS.get(self.index, self.index)} {self.year} — {self.unit}: {self.value}"

    @property
    def short_label(self) -> str:
        return SHORT_LABELS.get(self.index, self.index)
