"""Services of the first run (thiết lập ban đầu): each step previews, then saves atomically."""

from django.db import transaction

from kehoach.core.audit import record
from kehoach.core.errors import DomainError
from kehoach.org.models import Unit, UnitGroup, UnitKind

LEVELS = {"province": "tỉnh", "district": "huyện"}
_K = UnitKind
#: The groups plans name in "Tổ chức thực hiện", by level: (code suffix, name, kinds, open).
#: Without them a first plan's "UBND các xã, phường" could only be mapped to one unit or left empty.
STANDARD_GROUPS = {
    "province": [
        (
            "xa-phuong",
            "Ủy ban nhân dân các xã, phường",
            [_K.COMMUNE, _K.WARD, _K.TOWN, _K.SPECIAL_ZONE],
            False,
        ),
        ("so-nganh", "Các sở, ban, ngành", [_K.PROVINCE_DEPARTMENT], False),
        ("ct-xh", "Các tổ chức chính trị - xã hội", [_K.FRONT, _K.MASS_ORG], False),
        ("lien-quan", "Các cơ quan, đơn vị liên quan", [], True),
    ],
    "district": [
        ("xa-tt", "Ủy ban nhân dân các xã, thị trấn", [_K.COMMUNE, _K.TOWN, _K.WARD], False),
        ("phong-ban", "Các phòng, ban", [_K.OFFICE], False),
        ("ct-xh", "Các tổ chức chính trị - xã hội", [_K.FRONT, _K.MASS_ORG], False),
        ("lien-quan", "Các cơ quan, đơn vị liên quan", [], True),
    ],
}


def organisation_change(code: str, name: str, level: str) -> dict:
    """What saving the organisation's top unit would do (create or rename), without saving."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_slug

    if level not in LEVELS:
        raise DomainError("Chọn cấp tổ chức: tỉnh hoặc huyện.")
    if not name:
        raise DomainError("Nhập tên cơ quan, ví dụ “Ủy ban nhân dân tỉnh Khánh Hòa”.")
    try:
        validate_slug(code)
    except ValidationError:
        raise DomainError("Mã chỉ gồm chữ không dấu, số, gạch ngang, ví dụ “ubnd-tinh”.") from None
    unit = Unit.objects.filter(code=code).first()
    groups = [
        g[1]
        for g in STANDARD_GROUPS[level]
        if not UnitGroup.objects.filter(code=_group_code(code, g[0])).exists()
    ]
    if unit is None:
        return {"action": "create", "code": code, "name": name, "level": LEVELS[level], "groups": groups}
    return {
        "groups": groups,
        "action": "update" if unit.name != name else "same",
        "code": code,
        "name": name,
        "old": unit.name,
        "level": LEVELS[level],
    }


@transaction.atomic
def save_organisation(code: str, name: str, level: str, user=None) -> Unit:
    """Create or rename the top unit (Ủy ban nhân dân tỉnh/huyện); safe to redo."""
    change = organisation_change(code, name, level)
    unit, created = Unit.objects.update_or_create(
        code=code, defaults={"name": name, "kind": UnitKind.PEOPLES_COMMITTEE, "parent": None}
    )
    record(
        unit,
        "create" if created else "update",
        {"name": [change.get("old"), name]},
        verb="Thiết lập tổ chức",
        actor=user,
    )
    for suffix, group_name, kinds, is_open in STANDARD_GROUPS[level]:
        # A group renamed or reshaped since is the admin's choice: redoing the step keeps it.
        UnitGroup.objects.get_or_create(
            code=_group_code(code, suffix),
            defaults={"name": group_name, "within": unit, "kinds": list(kinds), "is_open": is_open},
        )
    return unit


def _group_code(top_code: str, suffix: str) -> str:
    return f"{top_code[:28]}-{suffix}"
