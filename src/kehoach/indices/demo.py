"""Demo index results 2019–2021 for Ninh Thuận province and Ninh Phước district (illustrative, labelled as such)."""

from decimal import Decimal

from kehoach.core.audit import audited_bulk_create
from kehoach.indices.models import IndexResult

NOTE = "Số liệu minh họa (dữ liệu demo), không phải kết quả công bố chính thức."

# index, unit code, year, value, rank, rank_of, components
RESULTS = [
    (
        "par_index",
        "ubnd-tinh",
        2019,
        "80.12",
        30,
        63,
        [("Cải cách thủ tục hành chính", 11.2, 13), ("Cải cách tổ chức bộ máy", 7.9, 9)],
    ),
    (
        "par_index",
        "ubnd-tinh",
        2020,
        "84.38",
        25,
        63,
        [("Cải cách thủ tục hành chính", 11.9, 13), ("Cải cách tổ chức bộ máy", 8.2, 9)],
    ),
    (
        "par_index",
        "ubnd-tinh",
        2021,
        "86.05",
        21,
        63,
        [("Cải cách thủ tục hành chính", 12.1, 13), ("Cải cách tổ chức bộ máy", 8.4, 9)],
    ),
    (
        "par_index",
        "ubnd",
        2019,
        "78.40",
        4,
        7,
        [("Công tác chỉ đạo, điều hành", 8.5, 10), ("Cải cách thủ tục hành chính", 10.6, 13)],
    ),
    (
        "par_index",
        "ubnd",
        2020,
        "81.75",
        3,
        7,
        [("Công tác chỉ đạo, điều hành", 9.0, 10), ("Cải cách thủ tục hành chính", 11.3, 13)],
    ),
    (
        "par_index",
        "ubnd",
        2021,
        "83.90",
        2,
        7,
        [("Công tác chỉ đạo, điều hành", 9.25, 10), ("Cải cách thủ tục hành chính", 11.8, 13)],
    ),
    ("papi", "ubnd-tinh", 2019, "43.21", 35, 63, []),
    ("papi", "ubnd-tinh", 2020, "42.87", 38, 63, []),
    ("papi", "ubnd-tinh", 2021, "43.64", 31, 63, []),
    ("sipas", "ubnd-tinh", 2019, "84.50", None, None, []),
    ("sipas", "ubnd-tinh", 2020, "86.12", None, None, []),
    ("sipas", "ubnd-tinh", 2021, "87.30", None, None, []),
    ("sipas", "ubnd", 2019, "82.10", 5, 7, []),
    ("sipas", "ubnd", 2020, "85.40", 3, 7, []),
    ("sipas", "ubnd", 2021, "88.05", 2, 7, []),
    ("pci", "ubnd-tinh", 2019, "63.53", 33, 63, []),
    ("pci", "ubnd-tinh", 2020, "64.11", 33, 63, []),
    ("pci", "ubnd-tinh", 2021, "64.86", 32, 63, []),
]


def load(plan, units) -> None:
    """Idempotent: existing (index, unit, year) rows are left as they are."""
    existing = set(IndexResult.objects.values_list("index", "unit_id", "year"))
    new = []
    for index, code, year, value, rank, rank_of, comps in RESULTS:
        unit = units.get(code)
        if unit is None or (index, unit.pk, year) in existing:
            continue
        new.append(
            IndexResult(
                index=index,
                unit=unit,
                year=year,
                value=Decimal(value),
                rank=rank,
                rank_of=rank_of,
                components=[{"name": n, "value": v, "max": m} for n, v, m in comps],
                source="Dữ liệu demo",
                note=NOTE,
            )
        )
    audited_bulk_create(IndexResult, new)
