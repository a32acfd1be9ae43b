"""Index results (PAR INDEX, PAPI, SIPAS, PCI): read, enter, import."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.http import HttpResponse
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from kehoach.api.pagination import PageParams, paginate
from kehoach.core.errors import DomainError, Forbidden, TooLarge
from kehoach.core.validation import Count, NoteText, Ref, ShortText, StrictYear, Year
from kehoach.indices import services
from kehoach.indices.models import IndexCode, IndexResult
from kehoach.org.models import Unit

router = Router(tags=["indices"])


class Component(Schema):
    name: str
    value: float
    max: float | None = None


class IndexResultOut(Schema):
    id: int
    index: str
    index_label: str
    unit_id: int
    year: int
    value: Decimal
    rank: int | None
    rank_of: int | None
    components: list[dict]
    source: str
    note: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_index_label(obj):
        return obj.get_index_display()


class IndexResultIn(Schema):
    index: str
    unit_id: Ref | None = None
    unit: str | None = None
    year: StrictYear
    value: Decimal
    rank: Count | None = None
    rank_of: Count | None = None
    components: list[Component] = []
    source: ShortText = ""
    note: NoteText = ""


class IndexImportOut(Schema):
    created: int
    updated: int
    rows: int


class ImportErrorOut(Schema):
    detail: str
    errors: list[dict] = []  # row errors; empty when the file as a whole is refused


def _unit_id(value: str) -> int:
    # isascii: "²".isdigit() is True but int("²") fails; ids beyond bigint name no unit.
    if value.isascii() and value.isdigit():
        if len(value) > 18:
            raise DomainError(f"Đơn vị “{value[:30]}” không tồn tại.")
        return int(value)
    unit = Unit.objects.filter(code=value).first()
    if unit is None:
        raise DomainError(f"Đơn vị “{value}” không tồn tại.")
    return unit.pk


@router.get("/indices", response=list[IndexResultOut])
def list_indices(
    request,
    response: HttpResponse,
    page: Query[PageParams],
    index: str = "",
    unit: str = "",
    year: Year | None = None,
):
    """Results, filtered by index code, unit (id or code) and year."""
    qs = IndexResult.objects.for_user(request.user)
    if index:
        if index not in IndexCode.values:
            raise DomainError(f"index phải là một trong {IndexCode.values}.")
        qs = qs.filter(index=index)
    if unit:
        qs = qs.filter(unit_id=_unit_id(unit))
    if year:
        qs = qs.filter(year=year)
    return paginate(request, response, qs, page, order=("index", "unit_id", "year", "id"))


@router.post("/indices", response={200: IndexResultOut, 201: IndexResultOut})
def post_index(request, payload: IndexResultIn):
    """Enter (or correct) one result; coordinator only. 201 when new, 200 when it replaced a result."""
    if not services.can_enter(request.user):
        raise Forbidden("Chỉ cơ quan thường trực được nhập kết quả chỉ số.")
    data = payload.dict()
    data["unit"] = payload.unit_id if payload.unit_id is not None else payload.unit
    data["components"] = [c.dict() for c in payload.components]
    obj, created = services.save_result(request.user, data)
    return Status(201 if created else 200, obj)


@router.post("/indices/import", response={200: IndexImportOut, 400: ImportErrorOut})
def import_indices(request, file: File[UploadedFile]):
    """Multipart ``file`` (.xlsx or .csv as the template): every row validated; nothing saved if one is wrong."""
    if not services.can_enter(request.user):
        raise Forbidden("Chỉ cơ quan thường trực được nhập kết quả chỉ số.")
    if file.size > settings.KEHOACH_MAX_UPLOAD_BYTES:
        raise TooLarge("Tệp quá lớn.")
    try:
        return services.import_file(request.user, file.read(), file.name or "")
    except services.ImportError_ as exc:
        return Status(400, {"detail": exc.message, "errors": exc.errors})
    except DomainError as exc:
        if exc.status != 400:
            raise
        return Status(400, {"detail": exc.message, "errors": []})
