"""The organisation: a tree of units of any depth, groups of units as plans name them, people and roles."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from kehoach.core.models import AuditedModel, TimeStampedModel


class UnitKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân (cấp trên)"
    OFFICE = "office", "Phòng, ban chuyên môn"
    PROVINCE_DEPARTMENT = "province_department", "Sở, ban, ngành"
    SERVICE_UNIT = "service_unit", "Đơn vị sự nghiệp, trung tâm"
    FRONT = "front", "Mặt trận Tổ quốc"
    MASS_ORG = "mass_org", "Tổ chức chính trị - xã hội"
    PARTY = "party", "Cơ quan Đảng"
    COMMUNE = "commune", "Xã"
    WARD = "ward", "Phường"
    TOWN = "town", "Thị trấn"
    SPECIAL_ZONE = "special_zone", "Đặc khu"
    OTHER = "other", "Khác"


#: Kinds that are the grassroots tier (cấp xã) in both the old and the two-tier shape.
COMMUNE_LEVEL_KINDS = (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWN, UnitKind.SPECIAL_ZONE)


class UnitQuerySet(models.QuerySet):
    def active_on(self, day):
        """Units that exist on ``day`` (merged or abolished units keep their history)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def active_between(self, start, end):
        """Units that exist at some point of [start, end]."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=start)
        )

    def commune_level(self):
        return self.filter(kind__in=COMMUNE_LEVEL_KINDS)


class Unit(AuditedModel, TimeStampedModel):
    """Đơn vị: a people's committee, an office, a centre, a mass organisation, a commune..."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên đầy đủ", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=120, blank=True)
    kind = models.CharField("loại", max_length=30, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="trực thuộc",
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        verbose_name="đơn vị kế thừa (sau sáp nhập)",
    )
    focal_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="focal_for",
        verbose_name="cán bộ đầu mối",
    )
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    sort_order = models.PositiveIntegerField("thứ tự", default=100)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def is_commune_level(self) -> bool:
        return self.kind in COMMUNE_LEVEL_KINDS

    def ancestors(self) -> list["Unit"]:
        chain, node = [], self.parent
        while node is not None and len(chain) < 20:
            chain.append(node)
            node = node.parent
        return chain


class UnitGroup(AuditedModel, TimeStampedModel):
    """Nhóm đơn vị as plans name them ("Các Phòng, ban", "UBND các xã, thị trấn").

    Members are the units of ``kinds`` directly under ``within`` (a rule, so the group follows
    mergers without editing), plus any listed explicitly in ``extra_members``.
    """

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=255)
    within = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name="thuộc đơn vị"
    )
    kinds = models.JSONField("các loại đơn vị", default=list, blank=True)
    extra_members = models.ManyToManyField(
        Unit, blank=True, related_name="groups", verbose_name="thành viên thêm"
    )
    is_open = models.BooleanField(
        "nhóm mở",
        default=False,
        help_text="Nhóm như 'các cơ quan, đơn vị liên quan': không giao việc cụ thể.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "nhóm đơn vị"
        verbose_name_plural = "nhóm đơn vị"

    def __str__(self) -> str:
        return self.name

    def member_filter(self) -> Q:
        q = Q(pk__in=self.extra_members.values("pk"))
        if self.kinds:
            rule = Q(kind__in=self.kinds)
            if self.within_id:
                rule &= Q(parent_id=self.within_id)
            q |= rule
        return q

    def resolve(self, on=None):
        """The units this group names (on a given day, if given)."""
        qs = Unit.objects.filter(self.member_filter())
        return qs.active_on(on) if on else qs


class Alias(AuditedModel, TimeStampedModel):
    """Another spelling of a unit's or a group's name, matched by its normalised key."""

    name = models.CharField("cách viết", max_length=255)
    key = models.CharField("khóa so khớp", max_length=255, unique=True)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases")
    group = models.ForeignKey(
        UnitGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="aliases"
    )

    class Meta:
        verbose_name = "tên gọi khác"
        verbose_name_plural = "tên gọi khác"
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(group__isnull=True))
                | (Q(unit__isnull=True) & Q(group__isnull=False)),
                name="alias_unit_xor_group",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Cơ quan thường trực (theo dõi, tổng hợp)"
    FINANCE = "finance", "Thẩm định kinh phí"
    LEADER = "leader", "Lãnh đạo (phê duyệt)"
    OFFICER = "officer", "Cán bộ đơn vị (báo cáo)"
    VIEWER = "viewer", "Chỉ xem"


class Membership(AuditedModel, TimeStampedModel):
    """A person's place in a unit with a role. A person may hold several."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    title = models.CharField("chức vụ", max_length=120, blank=True)

    class Meta:
        verbose_name = "thành viên"
        verbose_name_plural = "thành viên"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.unit} ({self.get_role_display()})"


class HomeVisit(models.Model):
    """Lần mở trang "Việc của tôi": when a person last looked, so the home can say what changed since.

    ``since`` is where the current visit's window starts (the last look before this visit began);
    ``seen_at`` the latest look. The rule that moves them is ``rules.visits.next_visit``. Not audited:
    it records looking, not a change of the plan's data.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="home_visit")
    seen_at = models.DateTimeField("xem lần cuối lúc")
    since = models.DateTimeField("lần xem trước lúc", null=True, blank=True)

    class Meta:
        verbose_name = "lần xem trang chủ"
        verbose_name_plural = "lần xem trang chủ"

    def __str__(self) -> str:
        return f"{self.user} — {self.seen_at:%d/%m/%Y %H:%M}"
