"""Reading index results: trends for charts and reports, the latest value of each index."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.conf import settings

from kehoach.indices.charts import line_chart
from kehoach.indices.models import SHORT_LABELS, IndexCode, IndexResult
from kehoach.org.models import Unit


def home_unit_id() -> int | None:
    """The unit whose results are shown when none is named: the district (setting KEHOACH_INDICES_HOME_UNIT, "ubnd")."""
    code = getattr(settings, "KEHOACH_INDICES_HOME_UNIT", "ubnd")
    return Unit.objects.filter(code=code).values_list("pk", flat=True).first()


def trend(
    index_code: str, unit_id: int | None = None, as_of: datetime.date | None = None
) -> list[tuple[int, Decimal, int | None]]:
    """``[(year, value, rank), ...]`` by year for one index and unit (the district when ``unit_id`` is None).

    With ``as_of``: only the years known on that day. A year's results (PAR INDEX, PAPI, SIPAS,
    PCI) are announced in the following year, so a document as of a day in 2021 cites 2020 at most.
    """
    if index_code not in IndexCode.values:
        raise ValueError(f"unknown index {index_code!r}; expected one of {IndexCode.values}")
    if unit_id is None:
        unit_id = home_unit_id()
    rows = IndexResult.objects.filter(index=index_code, unit_id=unit_id).order_by("year")
    if as_of is not None:
        rows = rows.filter(year__lt=as_of.year)
    return [(r.year, r.value, r.rank) for r in rows.only("year", "value", "rank")]


#: How many results of one index a page shows in its cards and in its table.
SHOWN = 40


def overview(qs=None) -> list[dict]:
    """Per index: its label, a chart of every unit's trend, the rows for the table, the latest result per unit.

    One query for all results, whatever their number.
    """
    qs = (
        (qs if qs is not None else IndexResult.objects.all())
        .select_related("unit")
        .order_by("index", "unit__sort_order", "year")
    )
    by_index: dict[str, list[IndexResult]] = defaultdict(list)
    for r in qs:
        by_index[r.index].append(r)
    out = []
    for code, label in IndexCode.choices:
        rows = by_index.get(code, [])
        per_unit: dict[int, list[IndexResult]] = defaultdict(list)
        for r in rows:
            per_unit[r.unit_id].append(r)
        series = [(rs[0].unit.display_name, [(r.year, r.value) for r in rs]) for rs in per_unit.values()]
        latest = [rs[-1] for rs in per_unit.values()]
        for r in latest:
            prev = [p for p in per_unit[r.unit_id] if p.year < r.year]
            r.change = (r.value - prev[-1].value) if prev else None
        out.append(
            {
                "code": code,
                "label": label,
                "short": SHORT_LABELS[code],
                # Shown on a page: the first SHOWN of each (a country's 3,400 units made a 1.2 MB page);
                # the chart draws them all, the Excel export and the unit filter give the rest.
                "rows": rows[:SHOWN],
                "rows_more": max(0, len(rows) - SHOWN),
                "latest": latest[:SHOWN],
                "latest_more": max(0, len(latest) - SHOWN),
                "chart": line_chart(series, title=label) if rows else "",
            }
        )
    return out
