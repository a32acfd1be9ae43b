"""Units and groups."""

import datetime

from django.http import HttpResponse
from ninja import File, Query, Router, Schema
from ninja.files import UploadedFile

from kehoach.api.pagination import PageParams, paginate
from kehoach.org.models import Unit

router = Router(tags=["units"])


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None


@router.get("/units", response=list[UnitOut])
def list_units(
    request,
    response: HttpResponse,
    page: Query[PageParams],
    kind: str | None = None,
    active_on: datetime.date | None = None,
):
    """Every unit of the organisation (any signed-in member may read them)."""
    qs = Unit.objects.all()
    if kind:
        qs = qs.filter(kind=kind)
    if active_on:
        qs = qs.active_on(active_on)
    return paginate(request, response, qs, page, order=("sort_order", "name", "id"))


@router.get("/units/{int:unit_id}", response=UnitOut)
def get_unit(request, unit_id: int):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Unit, pk=unit_id)


class UnitImportOut(Schema):
    created: int
    updated: int
    errors: list[str]


class UnitImportRefused(Schema):
    """422: rows refused (``errors`` as text, ``Dòng N: ...``) or a request that fails validation
    (``errors`` as ``{field, message, type}``); nothing saved either way."""

    detail: str
    created: int = 0
    updated: int = 0
    errors: list[str | dict] = []


@router.post("/units/import", response={200: UnitImportOut, 422: UnitImportRefused})
def import_units(request, file: File[UploadedFile]):
    """Nhập đơn vị từ .xlsx: every row is checked first; any wrong row means nothing is saved."""
    from django.conf import settings

    from kehoach.core import permissions
    from kehoach.core.errors import Forbidden, TooLarge
    from kehoach.org import unit_import

    if not permissions.is_any_coordinator(request.user):
        raise Forbidden("Chỉ quản trị viên hoặc cơ quan thường trực được nhập danh sách đơn vị.")
    if file.size > settings.KEHOACH_MAX_UPLOAD_BYTES:
        raise TooLarge("Tệp quá lớn: tối đa 20 MB.")
    _, outcome = unit_import.import_units(file.read(), user=request.user)
    # The contract: 200 {created, updated, errors}; with any wrong row, errors names every one and
    # nothing is saved (created = updated = 0).
    return outcome


class OfficialImportIn(Schema):
    province_code: str
    departments: bool | list[str] = False
    dry_run: bool = False
    top_code: str | None = None


@router.post("/units/import-official", response=UnitImportOut)
def import_official(request, payload: OfficialImportIn):
    """Lấy đơn vị từ danh mục đơn vị hành chính: one province's units, through the units import.

    ``dry_run`` only says what would change; a second run on the same province changes nothing.
    """
    from kehoach.core import permissions
    from kehoach.core.errors import Forbidden
    from kehoach.org import official

    if not permissions.is_any_coordinator(request.user):
        raise Forbidden("Chỉ quản trị viên hoặc cơ quan thường trực được nhập danh sách đơn vị.")
    result, outcome = official.import_official(
        payload.province_code,
        payload.departments,
        payload.top_code,
        user=request.user,
        save=not payload.dry_run,
    )
    if outcome is None:
        return {"created": result.created, "updated": result.updated, "errors": result.errors}
    return outcome
