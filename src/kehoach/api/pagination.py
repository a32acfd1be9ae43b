"""Pagination of every API list (CONTRACT.md, second round): ``limit`` and an opaque ``cursor``.

Lists stay JSON arrays, so today's clients keep working; the next page is announced in a
``Link: <…>; rel="next"`` header while more rows remain. Querysets page by keyset (the list's own
order, ending with ``id`` so it is total and stable under inserts); lists computed in Python
(ranking, activities with their states) page by position.

    @router.get("/things", response=list[ThingOut])
    def list_things(request, response: HttpResponse, page: Query[PageParams]):
        return paginate(request, response, Thing.objects.all(), page, order=("-date", "-id"))
"""

from __future__ import annotations

import base64
import datetime
import decimal
import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema

from kehoach.core.errors import DomainError

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


class PageParams(Schema):
    limit: int = Field(
        DEFAULT_LIMIT, description=f"số dòng một trang, 1–{MAX_LIMIT} (mặc định {DEFAULT_LIMIT})"
    )
    cursor: str | None = Field(None, description="lấy từ tiêu đề Link rel=next của trang trước")


def _encode(values: list) -> str:
    raw = json.dumps(values, default=_plain, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> list:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, TypeError):
        raise DomainError("cursor không hợp lệ; hãy dùng đường dẫn trong tiêu đề Link của trang trước.")
    if not isinstance(values, list):
        raise DomainError("cursor không hợp lệ; hãy dùng đường dẫn trong tiêu đề Link của trang trước.")
    return values


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(type(value))


def _limit(page: PageParams) -> int:
    if not 1 <= page.limit <= MAX_LIMIT:
        raise DomainError(f"limit phải từ 1 đến {MAX_LIMIT}.")
    return page.limit


def _after(order: Sequence[str], values: list) -> Q:
    """Rows strictly after ``values`` in ``order`` (mixed directions allowed)."""
    q = Q()
    for i, field in enumerate(order):
        name = field.lstrip("-")
        step = Q(**{f"{name}__{'lt' if field.startswith('-') else 'gt'}": values[i]})
        for prev, value in zip(order[:i], values[:i], strict=False):
            step &= Q(**{prev.lstrip("-"): value})
        q |= step
    return q


def _next_link(request: HttpRequest, response: HttpResponse, cursor: str, limit: int) -> None:
    params = request.GET.copy()
    params["cursor"] = cursor
    params["limit"] = str(limit)
    url = request.build_absolute_uri(request.path) + "?" + urlencode(list(params.lists()), doseq=True)
    response["Link"] = f'<{url}>; rel="next"'


def paginate(
    request: HttpRequest,
    response: HttpResponse,
    rows: QuerySet | Sequence[Any],
    page: PageParams,
    *,
    order: Sequence[str] = ("id",),
) -> list:
    """One page of ``rows``; sets ``Link`` (more rows remain) or ``X-Total-Count`` (this is all)."""
    limit = _limit(page)
    if not isinstance(rows, QuerySet):
        start = 0
        if page.cursor:
            values = _decode(page.cursor)
            if len(values) != 1 or not isinstance(values[0], int) or values[0] < 0:
                raise DomainError(
                    "cursor không hợp lệ; hãy dùng đường dẫn trong tiêu đề Link của trang trước."
                )
            start = values[0]
        chunk = list(rows[start : start + limit + 1])
        if len(chunk) > limit:
            _next_link(request, response, _encode([start + limit]), limit)
        elif not page.cursor:
            response["X-Total-Count"] = str(len(chunk))
        return chunk[:limit]

    if order[-1].lstrip("-") not in ("id", "pk"):
        order = (*order, "id")  # a total order: ties on the other fields are broken by id
    # Order fields must be NOT NULL: a cursor compares values, and NULL compares to nothing.
    qs = rows.order_by(*order)
    if page.cursor:
        values = _decode(page.cursor)
        if len(values) != len(order):
            raise DomainError("cursor không hợp lệ; hãy dùng đường dẫn trong tiêu đề Link của trang trước.")
        try:
            qs = qs.filter(_after(order, values))
        except (ValueError, TypeError, decimal.InvalidOperation):
            raise DomainError("cursor không hợp lệ; hãy dùng đường dẫn trong tiêu đề Link của trang trước.")
    chunk = list(qs[: limit + 1])
    if len(chunk) > limit:
        last = chunk[limit - 1]
        values = [_attr(last, f.lstrip("-")) for f in order]
        _next_link(request, response, _encode(values), limit)
    elif not page.cursor:
        response["X-Total-Count"] = str(len(chunk))  # known for free: everything fits in one page
    return chunk[:limit]


def _attr(obj, path: str):
    for part in path.split("__"):
        obj = getattr(obj, part)
    if hasattr(obj, "pk"):
        obj = obj.pk
    return obj
