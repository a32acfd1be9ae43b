"""Entering and importing index results. Coordinators only; an import saves every row or none."""

from __future__ import annotations

import contextlib
import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction

from kehoach.core import permissions
from kehoach.core.errors import DomainError, Forbidden
from kehoach.indices.models import SHORT_LABELS, IndexCode, IndexResult
from kehoach.org.models import Unit

COLUMNS = ["index", "unit", "year", "value", "rank", "rank_of", "components", "source", "note"]
HEADERS_VI = [
    "Chỉ số",
    "Mã đơn vị",
    "Năm",
    "Giá trị",
    "Xếp hạng",
    "Trên tổng số",
    "Chỉ số thành phần",
    "Nguồn",
    "Ghi chú",
]
#: Accepted spellings of the index in a file: the code, the short name, or the full label.
_INDEX_NAMES = {
    **{c: c for c in IndexCode.values},
    **{v.lower().replace(" ", ""): k for k, v in SHORT_LABELS.items()},
    **{label.lower(): code for code, label in IndexCode.choices},
}


class ImportError_(DomainError):
    """An import with invalid rows: nothing was saved; ``errors`` lists each row's problems."""

    status = 400

    def __init__(self, errors: list[dict]):
        super().__init__(f"Tệp có {len(errors)} dòng lỗi; chưa lưu dòng nào.")
        self.errors = errors


@dataclass
class Row:
    line: int
    data: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def can_enter(user) -> bool:
    return permissions.is_any_coordinator(user)


def _components(raw) -> list[dict]:
    """Components as a list of {name, value, max}, from JSON-like data or "Tên: 7,5/10; Tên: 6/8" text."""
    if raw in (None, "", []):
        return []
    if isinstance(raw, list):
        out = []
        for item in raw:
            if not isinstance(item, dict) or not str(item.get("name", "")).strip():
                raise ValueError("mỗi chỉ số thành phần cần có tên (name)")
            value = _decimal(item.get("value"), "giá trị thành phần")
            mx = _decimal(item.get("max"), "điểm tối đa") if item.get("max") not in (None, "") else None
            if mx is not None and value > mx:
                raise ValueError(f"thành phần “{item['name']}”: giá trị lớn hơn điểm tối đa")
            out.append(
                {
                    "name": str(item["name"]).strip(),
                    "value": float(value),
                    "max": float(mx) if mx is not None else None,
                }
            )
        return out
    parts = [p.strip() for p in str(raw).split(";") if p.strip()]
    items = []
    for p in parts:
        name, sep, rest = p.rpartition(":")
        if not sep or not name.strip():
            raise ValueError(f"thành phần “{p}” phải có dạng “Tên: giá trị/tối đa”")
        value, _, mx = rest.partition("/")
        items.append({"name": name.strip(), "value": value.strip(), "max": mx.strip() or None})
    return _components(items)


def _decimal(raw, what: str) -> Decimal:
    if isinstance(raw, bool) or raw in (None, ""):
        raise ValueError(f"thiếu {what}")
    try:
        d = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{what} “{raw}” không phải là số")
    if not d.is_finite() or d < 0:
        raise ValueError(f"{what} phải là số không âm")
    return d


def _int(raw, what: str, required: bool = False) -> int | None:
    if raw in (None, ""):
        if required:
            raise ValueError(f"thiếu {what}")
        return None
    try:
        d = Decimal(str(raw).strip())
    except InvalidOperation:
        raise ValueError(f"{what} “{raw}” không phải là số nguyên")
    if d != d.to_integral_value() or d < 1:
        raise ValueError(f"{what} phải là số nguyên dương")
    return int(d)


def validate(data: dict, units_by_key: dict[str, Unit] | None = None) -> tuple[dict, list[str]]:
    """Check one result; return cleaned values and the list of problems (in Vietnamese)."""
    errors: list[str] = []
    clean: dict = {}
    raw_index = str(data.get("index") or "").strip()
    key = raw_index.lower()
    code = _INDEX_NAMES.get(key) or _INDEX_NAMES.get(key.replace(" ", ""))
    if not code:
        errors.append(f"chỉ số “{raw_index}” không hợp lệ (par_index, papi, sipas, pci)")
    clean["index"] = code
    unit_raw = data.get("unit")
    unit = None
    if isinstance(unit_raw, Unit):
        unit = unit_raw
    elif unit_raw not in (None, ""):
        s = str(unit_raw).strip()
        if units_by_key is not None:
            unit = units_by_key.get(s) or units_by_key.get(s.lower())
        else:
            unit = Unit.objects.filter(code=s).first() or (
                Unit.objects.filter(pk=int(s)).first() if s.isdigit() else None
            )
    if unit is None:
        errors.append(f"đơn vị “{unit_raw or ''}” không tồn tại")
    clean["unit"] = unit
    for name, fn in [
        ("year", lambda: _int(data.get("year"), "năm", required=True)),
        ("value", lambda: _decimal(data.get("value"), "giá trị")),
        ("rank", lambda: _int(data.get("rank"), "xếp hạng")),
        ("rank_of", lambda: _int(data.get("rank_of"), "tổng số xếp hạng")),
        ("components", lambda: _components(data.get("components"))),
    ]:
        try:
            clean[name] = fn()
        except ValueError as exc:
            errors.append(str(exc))
    if clean.get("year") is not None and not 2000 <= clean["year"] <= 2100:
        errors.append("năm phải từ 2000 đến 2100")
    if clean.get("value") is not None and clean["value"] >= Decimal("100000"):
        errors.append("giá trị quá lớn")
    if clean.get("rank") and clean.get("rank_of") and clean["rank"] > clean["rank_of"]:
        errors.append("xếp hạng lớn hơn tổng số đơn vị được xếp hạng")
    clean["source"] = str(data.get("source") or "").strip()[:500]
    clean["note"] = str(data.get("note") or "").strip()
    return clean, errors


def save_result(user, data: dict) -> tuple[IndexResult, bool]:
    """Create or update the result of (index, unit, year). Returns (result, created)."""
    if not can_enter(user):
        raise Forbidden("Chỉ cơ quan thường trực được nhập kết quả chỉ số.")
    clean, errors = validate(data)
    if errors:
        raise DomainError("; ".join(errors).capitalize() + ".")
    with transaction.atomic():
        return _upsert(clean)


def _upsert(clean: dict) -> tuple[IndexResult, bool]:
    obj = (
        IndexResult.objects.select_for_update()
        .filter(index=clean["index"], unit=clean["unit"], year=clean["year"])
        .first()
    )
    created = obj is None
    if created:
        obj = IndexResult(index=clean["index"], unit=clean["unit"], year=clean["year"])
    for f in ("value", "rank", "rank_of", "components", "source", "note"):
        setattr(obj, f, clean[f])
    obj.save()
    return obj, created


def _header_key(h) -> str | None:
    s = str(h or "").strip().lower()
    for code, vi in zip(COLUMNS, HEADERS_VI, strict=True):
        if s in (code, vi.lower()):
            return code
    return None


def read_rows(raw: bytes, filename: str) -> list[Row]:
    """Rows of a .csv (UTF-8, comma or semicolon) or .xlsx file, keyed by column code."""
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        from kehoach.core.validation import check_xlsx

        check_xlsx(raw)  # sheet size and compression before parsing (InvalidInput is a DomainError)
        try:
            wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception:
            raise DomainError("Không đọc được tệp .xlsx.")
        table = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    elif name.endswith(".csv") or name.endswith(".txt"):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DomainError("Tệp .csv phải mã hóa UTF-8.")
        dialect = csv.excel
        with contextlib.suppress(csv.Error):  # an unsniffable header keeps the plain comma dialect
            dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        table = list(csv.reader(io.StringIO(text), dialect))
    else:
        raise DomainError("Chỉ nhận tệp .xlsx hoặc .csv (tải mẫu trên trang Chỉ số).")
    if not table:
        raise DomainError("Tệp trống.")
    keys = [_header_key(h) for h in table[0]]
    missing = [c for c in ("index", "unit", "year", "value") if c not in keys]
    if missing:
        raise DomainError("Thiếu cột: " + ", ".join(missing) + ". Hãy dùng tệp mẫu.")
    rows = []
    for n, values in enumerate(table[1:], start=2):
        if all(v in (None, "") for v in values):
            continue
        rows.append(Row(n, {k: v for k, v in zip(keys, values, strict=False) if k}))
    if not rows:
        raise DomainError("Tệp không có dòng số liệu nào.")
    return rows


def import_file(user, raw: bytes, filename: str) -> dict:
    """Validate every row first; save all of them in one transaction only if none has an error."""
    if not can_enter(user):
        raise Forbidden("Chỉ cơ quan thường trực được nhập kết quả chỉ số.")
    rows = read_rows(raw, filename)
    units = {u.code: u for u in Unit.objects.all()}
    units.update({str(u.pk): u for u in units.values()})
    seen: dict[tuple, int] = {}
    cleaned = []
    for row in rows:
        clean, errors = validate(row.data, units)
        key = (clean.get("index"), getattr(clean.get("unit"), "pk", None), clean.get("year"))
        if not errors and key in seen:
            errors.append(f"trùng với dòng {seen[key]}")
        seen.setdefault(key, row.line)
        row.errors = errors
        cleaned.append(clean)
    bad = [{"row": r.line, "errors": r.errors} for r in rows if r.errors]
    if bad:
        raise ImportError_(bad)
    created = updated = 0
    with transaction.atomic():
        for clean in cleaned:
            _, was_created = _upsert(clean)
            created += was_created
            updated += not was_created
    return {"created": created, "updated": updated, "rows": len(cleaned)}


def template_csv() -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(COLUMNS)
    w.writerow(
        [
            "par_index",
            "ubnd",
            2021,
            "82,35",
            3,
            7,
            "Chỉ đạo, điều hành: 9/10; Cải cách TTHC: 11,5/13",
            "Quyết định ...",
            "",
        ]
    )
    return out.getvalue()


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ số"
    ws.append(COLUMNS)
    ws.append(
        [
            "par_index",
            "ubnd",
            2021,
            82.35,
            3,
            7,
            "Chỉ đạo, điều hành: 9/10; Cải cách TTHC: 11,5/13",
            "Quyết định ...",
            "",
        ]
    )
    hints = wb.create_sheet("Hướng dẫn")
    for code, vi in zip(COLUMNS, HEADERS_VI, strict=True):
        hints.append([code, vi])
    hints.append([])
    hints.append(["Chỉ số hợp lệ", ", ".join(IndexCode.values)])
    hints.append(["Mã đơn vị", "ubnd-tinh (tỉnh), ubnd (huyện) — xem trang Đơn vị"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
