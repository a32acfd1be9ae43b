"""Ninh Phước district's organisation (before the July 2025 reform) and the demo accounts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from kehoach.org.models import Membership, Role, Unit, UnitGroup, UnitKind
from kehoach.org.services import add_alias

DEMO_PASSWORD = "kehoach-demo"

# code, name, short name, kind, parent code, aliases
UNITS = [
    (
        "ubnd-tinh",
        "Ủy ban nhân dân tỉnh Ninh Thuận",
        "UBND tỉnh",
        UnitKind.PEOPLES_COMMITTEE,
        None,
        ["UBND tỉnh Ninh Thuận"],
    ),
    (
        "so-noi-vu",
        "Sở Nội vụ tỉnh Ninh Thuận",
        "Sở Nội vụ",
        UnitKind.PROVINCE_DEPARTMENT,
        "ubnd-tinh",
        ["Sở Nội vụ"],
    ),
    (
        "ubnd",
        "Ủy ban nhân dân huyện Ninh Phước",
        "UBND huyện",
        UnitKind.PEOPLES_COMMITTEE,
        "ubnd-tinh",
        ["UBND huyện Ninh Phước", "Ủy ban nhân dân huyện", "UBND huyện"],
    ),
    (
        "vp",
        "Văn phòng HĐND-UBND",
        "VP HĐND-UBND",
        UnitKind.OFFICE,
        "ubnd",
        [
            "VP.HĐND-UBND",
            "Văn phòng HĐND và UBND huyện",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện",
        ],
    ),
    ("nv", "Phòng Nội vụ", "Phòng NV", UnitKind.OFFICE, "ubnd", ["Phòng Nội vụ huyện"]),
    ("tp", "Phòng Tư pháp", "Phòng TP", UnitKind.OFFICE, "ubnd", ["Phòng Tư pháp huyện"]),
    (
        "tckh",
        "Phòng Tài chính-Kế hoạch",
        "Phòng TC-KH",
        UnitKind.OFFICE,
        "ubnd",
        ["Phòng Tài chính - Kế hoạch"],
    ),
    (
        "phong-vhtt",
        "Phòng Văn hóa-Thông tin",
        "Phòng VH-TT",
        UnitKind.OFFICE,
        "ubnd",
        ["Phòng Văn hóa và Thông tin"],
    ),
    ("ktht", "Phòng Kinh tế và Hạ tầng", "Phòng KT-HT", UnitKind.OFFICE, "ubnd", []),
    ("nnptnt", "Phòng Nông nghiệp và Phát triển nông thôn", "Phòng NN-PTNT", UnitKind.OFFICE, "ubnd", []),
    ("tnmt", "Phòng Tài nguyên và Môi trường", "Phòng TN-MT", UnitKind.OFFICE, "ubnd", []),
    ("gddt", "Phòng Giáo dục và Đào tạo", "Phòng GD-ĐT", UnitKind.OFFICE, "ubnd", []),
    ("ldtbxh", "Phòng Lao động-Thương binh và Xã hội", "Phòng LĐ-TB&XH", UnitKind.OFFICE, "ubnd", []),
    ("yte", "Phòng Y tế", "Phòng Y tế", UnitKind.OFFICE, "ubnd", []),
    ("dantoc", "Phòng Dân tộc", "Phòng Dân tộc", UnitKind.OFFICE, "ubnd", []),
    ("thanhtra", "Thanh tra huyện", "Thanh tra", UnitKind.OFFICE, "ubnd", []),
    (
        "vhtt",
        "Trung tâm Văn hóa thể thao và truyền thanh huyện",
        "TT VH-TT&TT",
        UnitKind.SERVICE_UNIT,
        "ubnd",
        [
            "Trung tâm Văn hóa thể thao và Truyền hình huyện",
            "TT VH TT & truyền thanh huyện",
            "Trung tâm VHTT và truyền thanh huyện",
        ],
    ),
    (
        "ttct",
        "Trung tâm Chính trị huyện",
        "TT Chính trị",
        UnitKind.SERVICE_UNIT,
        "ubnd",
        ["TT Chính trị huyện"],
    ),
    (
        "mttq",
        "Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
        "UBMTTQ huyện",
        UnitKind.FRONT,
        None,
        ["Ủy ban MTTQ Việt Nam huyện", "UBMTTQVN huyện"],
    ),
    (
        "huyen-doan",
        "Huyện Đoàn Ninh Phước",
        "Huyện Đoàn",
        UnitKind.MASS_ORG,
        None,
        ["Đoàn TNCS Hồ Chí Minh huyện"],
    ),
    ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ huyện", "Hội LHPN", UnitKind.MASS_ORG, None, []),
    ("hoi-nong-dan", "Hội Nông dân huyện", "Hội ND", UnitKind.MASS_ORG, None, []),
    ("hoi-ccb", "Hội Cựu chiến binh huyện", "Hội CCB", UnitKind.MASS_ORG, None, []),
    ("ldld", "Liên đoàn Lao động huyện", "LĐLĐ", UnitKind.MASS_ORG, None, []),
    (
        "phuocdan",
        "Ủy ban nhân dân thị trấn Phước Dân",
        "TT Phước Dân",
        UnitKind.TOWN,
        "ubnd",
        ["UBND thị trấn Phước Dân"],
    ),
    ("anhai", "Ủy ban nhân dân xã An Hải", "Xã An Hải", UnitKind.COMMUNE, "ubnd", ["UBND xã An Hải"]),
    (
        "phuochai",
        "Ủy ban nhân dân xã Phước Hải",
        "Xã Phước Hải",
        UnitKind.COMMUNE,
        "ubnd",
        ["UBND xã Phước Hải"],
    ),
    (
        "phuochau",
        "Ủy ban nhân dân xã Phước Hậu",
        "Xã Phước Hậu",
        UnitKind.COMMUNE,
        "ubnd",
        ["UBND xã Phước Hậu"],
    ),
    (
        "phuochuu",
        "Ủy ban nhân dân xã Phước Hữu",
        "Xã Phước Hữu",
        UnitKind.COMMUNE,
        "ubnd",
        ["UBND xã Phước Hữu"],
    ),
    (
        "phuocson",
        "Ủy ban nhân dân xã Phước Sơn",
        "Xã Phước Sơn",
        UnitKind.COMMUNE,
        "ubnd",
        ["UBND xã Phước Sơn"],
    ),
    (
        "phuocthai",
        "Ủy ban nhân dân xã Phước Thái",
        "Xã Phước Thái",
        UnitKind.COMMUNE,
        "ubnd",
        ["UBND xã Phước Thái"],
    ),
    (
        "phuocthuan",
        "Ủy ban nhân dân xã Phước Thuận",
        "Xã Phước Thuận",
        UnitKind.COMMUNE,
        "ubnd",
        ["UBND xã Phước Thuận"],
    ),
    (
        "phuocvinh",
        "Ủy ban nhân dân xã Phước Vinh",
        "Xã Phước Vinh",
        UnitKind.COMMUNE,
        "ubnd",
        ["UBND xã Phước Vinh"],
    ),
]

# code, name, within, kinds, open, aliases
GROUPS = [
    (
        "phong-ban",
        "Các Phòng, ban",
        "ubnd",
        [UnitKind.OFFICE],
        False,
        ["Các Phòng, ban thuộc huyện", "các phòng, ban chuyên môn", "Các Phòng, ban, đơn vị"],
    ),
    (
        "ubnd-xa",
        "Ủy ban nhân dân các xã, thị trấn",
        "ubnd",
        [UnitKind.COMMUNE, UnitKind.TOWN],
        False,
        ["UBND các xã, thị trấn"],
    ),
    (
        "ctxh",
        "các tổ chức chính trị - xã hội",
        None,
        [UnitKind.MASS_ORG],
        False,
        ["các tổ chức chính trị-xã hội"],
    ),
    (
        "doan-the",
        "các tổ chức đoàn thể",
        None,
        [UnitKind.FRONT, UnitKind.MASS_ORG],
        False,
        ["các tổ chức đoàn thể của huyện", "Các cơ quan Đảng, Mặt trận, đoàn thể huyện"],
    ),
    ("lien-quan", "các cơ quan, đơn vị liên quan", None, [], True, ["các cơ quan, đơn vị có liên quan"]),
]

# username, full name, unit code, role, title
ACCOUNTS = [
    ("noivu", "Nguyễn Thị Hồng", "nv", Role.COORDINATOR, "Chuyên viên theo dõi CCHC"),
    ("tckh", "Trần Văn Minh", "tckh", Role.FINANCE, "Chuyên viên ngân sách"),
    ("lanhdao", "Bạch Văn Nguyên", "ubnd", Role.LEADER, "Phó Chủ tịch UBND huyện"),
    ("vhtt", "Lê Thị Thu", "vhtt", Role.OFFICER, "Biên tập viên"),
    ("vpub", "Phạm Văn Hải", "vp", Role.OFFICER, "Chuyên viên"),
    ("tuphap", "Đặng Thị Lan", "tp", Role.OFFICER, "Chuyên viên"),
    ("phuocdan", "Võ Văn Tài", "phuocdan", Role.OFFICER, "Công chức Văn phòng - Thống kê"),
    ("phuochau", "Huỳnh Thị Mai", "phuochau", Role.OFFICER, "Công chức Văn phòng - Thống kê"),
]


def load_org(stdout=None) -> dict[str, Unit]:
    """Create or refresh the units, groups and aliases; return units by code."""
    units: dict[str, Unit] = {}
    for order, (code, name, short, kind, parent, aliases) in enumerate(UNITS, start=1):
        unit, _ = Unit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "parent": units.get(parent),
                "sort_order": order,
            },
        )
        units[code] = unit
        for alias in aliases:
            add_alias(unit, alias)
    for code, name, within, kinds, is_open, aliases in GROUPS:
        group, _ = UnitGroup.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "within": units.get(within),
                "kinds": [str(k) for k in kinds],
                "is_open": is_open,
            },
        )
        for alias in aliases:
            add_alias(group, alias)
    return units


def load_accounts(units: dict[str, Unit]) -> None:
    """The demo accounts of CONTRACT.md plus a focal person for every other unit."""
    User = get_user_model()
    hashed = make_password(DEMO_PASSWORD)  # hash once: every demo account shares the password
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        admin.password = hashed
        admin.first_name = "Quản trị"
        admin.save()
    taken = {a[2] for a in ACCOUNTS}
    extra = [
        (f"cb-{code}", f"Cán bộ đầu mối {u.short_name or u.name}", code, Role.OFFICER, "Cán bộ đầu mối")
        for code, u in units.items()
        if code not in taken and code not in {"ubnd-tinh", "so-noi-vu"}
    ]
    for username, full_name, unit_code, role, title in ACCOUNTS + extra:
        # Vietnamese names read family name first: one field keeps the name as it is written.
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
        if created:
            user.password = hashed
            user.save()
        Membership.objects.get_or_create(
            user=user, unit=units[unit_code], role=role, defaults={"title": title}
        )
        unit = units[unit_code]
        if unit.focal_person_id is None and role != Role.LEADER:
            unit.focal_person = user
            unit.save()
    # The coordinator also acts for its own office's reports.
    Membership.objects.get_or_create(
        user=User.objects.get(username="noivu"), unit=units["nv"], role=Role.OFFICER
    )
    Membership.objects.get_or_create(
        user=User.objects.get(username="tckh"), unit=units["tckh"], role=Role.OFFICER
    )
