"""Units and groups."""

import datetime

from django.http import HttpResponse
from ninja import Query, Router, Schema

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


@router.get("/units/{unit_id}", response=UnitOut)
def get_unit(request, unit_id: int):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Unit, pk=unit_id)
