"""Services of the first run (thiết lập ban đầu): each step previews, then saves atomically."""

from django.db import transaction

from kehoach.core.audit import record
from kehoach.core.errors import DomainError
from kehoach.org.models import Unit, UnitKind

LEVELS = {"province": "tỉnh", "district": "huyện"}


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
    if unit is None:
        return {"action": "create", "code": code, "name": name, "level": LEVELS[level]}
    return {
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
    return unit
