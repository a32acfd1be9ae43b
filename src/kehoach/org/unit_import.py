"""Nhập danh sách đơn vị từ tệp .xlsx: read, check every row, then save all or nothing.

The same three steps serve the API (``POST /api/v1/units/import``) and the page with its preview:
``read_xlsx`` turns the sheet into plain rows, ``check`` says what would change (and every error,
row by row) without writing, ``apply`` saves a checked plan inside one transaction.
"""

import datetime
import io
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction

from kehoach.core.audit import record
from kehoach.core.errors import DomainError
from kehoach.core.validation import SHORT_TEXT_MAX, row_text_problem
from kehoach.importing.names import normalize_key
from kehoach.org.models import Alias, Unit, UnitKind

#: Accepted headers (English or Vietnamese, case and accents ignored) -> field.
HEADERS = {
    "code": "code",
    "ma": "code",
    "ma don vi": "code",
    "name": "name",
    "ten": "name",
    "ten don vi": "name",
    "kind": "kind",
    "loai": "kind",
    "loai don vi": "kind",
    "parent code": "parent",
    "parent": "parent",
    "ma don vi cap tren": "parent",
    "ma cap tren": "parent",
    "truc thuoc": "parent",
    "aliases": "aliases",
    "ten goi khac": "aliases",
    "valid_from": "valid_from",
    "valid from": "valid_from",
    "hieu luc tu": "valid_from",
    "email": "email",
    "thu dien tu": "email",
}
TEMPLATE_HEADERS = ["code", "name", "kind", "parent code", "aliases", "valid_from", "email"]
TEMPLATE_LABELS = [
    "Mã đơn vị (chữ thường, số, gạch ngang)",
    "Tên đầy đủ",
    "Loại (mã hoặc tên loại)",
    "Mã đơn vị cấp trên",
    "Tên gọi khác (cách nhau bởi ;)",
    "Hiệu lực từ (dd/mm/yyyy)",
    "Thư điện tử",
]
MAX_ROWS = 5000
# Column widths of Unit and Alias: a longer value is refused with its row, never cut or left to the database.
_CODE_MAX = Unit._meta.get_field("code").max_length
_NAME_MAX = min(
    SHORT_TEXT_MAX, Unit._meta.get_field("name").max_length, Alias._meta.get_field("name").max_length
)
_EMAIL_MAX = Unit._meta.get_field("email").max_length
_KINDS = {normalize_key(k): k for k in UnitKind.values} | {
    normalize_key(label): value for value, label in UnitKind.choices
}


@dataclass
class Row:
    """One unit as the sheet states it (line = the sheet's row number, for messages)."""

    line: int
    code: str
    name: str
    kind: str
    parent: str = ""
    aliases: list[str] = field(default_factory=list)
    valid_from: datetime.date | None = None
    email: str = ""


@dataclass
class Change:
    """What saving one row will do: ``create`` or ``update`` (with the fields that differ)."""

    row: Row
    action: str
    fields: list[str] = field(default_factory=list)


@dataclass
class Check:
    """The outcome of checking every row; nothing has been saved."""

    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(1 for c in self.changes if c.action == "create")

    @property
    def updated(self) -> int:
        return sum(1 for c in self.changes if c.action == "update")

    @property
    def unchanged(self) -> int:
        return sum(1 for c in self.changes if c.action == "same")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value, line: int, errors: list[str]) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    errors.append(f"Dòng {line}: ngày hiệu lực “{text}” không đúng dạng dd/mm/yyyy.")
    return None


def _header_key(value) -> str:
    """Headers match without accents or case: "Mã đơn vị cấp trên" == "ma don vi cap tren"."""
    text = unicodedata.normalize("NFD", _text(value).replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("_", " ")
    return " ".join(text.replace("(", " ").replace(")", " ").split())


def read_xlsx(raw: bytes) -> tuple[list[Row], list[str]]:
    """The rows of the first sheet; a header row names the columns (any order)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise DomainError("Không đọc được tệp: cần một tệp Excel .xlsx theo mẫu.") from exc
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = next(lines, None) or ()
    columns = {i: HEADERS.get(_header_key(h)) for i, h in enumerate(header)}
    missing = {"code", "name", "kind"} - set(columns.values())
    if missing:
        raise DomainError("Tệp thiếu cột bắt buộc: " + ", ".join(sorted(missing)) + " (xem tệp mẫu).")
    rows: list[Row] = []
    errors: list[str] = []
    for line, values in enumerate(lines, start=2):
        cells = {columns[i]: v for i, v in enumerate(values) if columns.get(i)}
        if not any(_text(v) for v in cells.values()):
            continue
        # The template's second row explains the columns; skip it wherever it is kept.
        if _text(cells.get("code")).startswith("Mã đơn vị ("):
            continue
        if len(rows) >= MAX_ROWS:
            raise DomainError(f"Tệp có quá nhiều dòng: tối đa {MAX_ROWS} đơn vị một lần.")
        rows.append(
            Row(
                line=line,
                code=_text(cells.get("code")).lower(),
                name=_text(cells.get("name")),
                kind=_text(cells.get("kind")),
                parent=_text(cells.get("parent")).lower(),
                aliases=[a.strip() for a in _text(cells.get("aliases")).split(";") if a.strip()],
                valid_from=_date(cells.get("valid_from"), line, errors),
                email=_text(cells.get("email")),
            )
        )
    return rows, errors


def check(rows: list[Row], errors: list[str] | None = None) -> Check:
    """Check every row against the sheet and the database; says what saving would change."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email, validate_slug

    result = Check(errors=list(errors or []))
    existing = {u.code: u for u in Unit.objects.all()}
    seen: dict[str, int] = {}
    code_of = {u.pk: u.code for u in existing.values()}
    parents: dict[str, str] = {u.code: code_of.get(u.parent_id, "") for u in existing.values()}
    alias_keys: dict[str, set[str]] = {}
    for key, code in Alias.objects.filter(unit__isnull=False).values_list("key", "unit__code"):
        alias_keys.setdefault(code, set()).add(key)
    alias_owner = dict(Alias.objects.values_list("key", "unit__code"))
    for row in rows:
        err = result.errors
        if not row.code or not row.name or not row.kind:
            err.append(f"Dòng {row.line}: thiếu mã, tên hoặc loại đơn vị.")
            continue
        try:
            validate_slug(row.code)
            if len(row.code) > _CODE_MAX:
                raise ValidationError("too long")
        except ValidationError:
            err.append(
                f"Dòng {row.line}: mã “{row.code[:_CODE_MAX]}” chỉ gồm chữ không dấu, số, gạch ngang"
                f" (tối đa {_CODE_MAX} ký tự)."
            )
            continue
        if row.code in seen:
            err.append(f"Dòng {row.line}: mã “{row.code}” đã có ở dòng {seen[row.code]}.")
            continue
        seen[row.code] = row.line
        # The same text rule as every other path (core/validation.py), within each column's width.
        for label, value, limit in (
            ("tên đơn vị", row.name, _NAME_MAX),
            ("loại", row.kind, SHORT_TEXT_MAX),
            ("thư điện tử", row.email, _EMAIL_MAX),
            *(("tên gọi khác", alias, _NAME_MAX) for alias in row.aliases),
        ):
            if why := row_text_problem(value, label, limit):
                err.append(f"Dòng {row.line}: {why}")
        kind = _KINDS.get(normalize_key(row.kind))
        if kind is None:
            err.append(f"Dòng {row.line}: loại “{row.kind}” không có trong danh mục (xem tệp mẫu).")
        else:
            row.kind = kind
        if row.email:
            try:
                validate_email(row.email)
            except ValidationError:
                err.append(f"Dòng {row.line}: thư điện tử “{row.email}” không hợp lệ.")
        if row.parent == row.code:
            err.append(f"Dòng {row.line}: đơn vị không thể trực thuộc chính nó.")
        parents[row.code] = row.parent
        for name in row.aliases:
            owner = alias_owner.get(normalize_key(name))
            if owner not in (None, row.code):
                err.append(f"Dòng {row.line}: tên gọi khác “{name}” đã thuộc đơn vị “{owner}”.")
        unit = existing.get(row.code)
        if unit is None:
            result.changes.append(Change(row, "create"))
        else:
            fields = [
                f
                for f, new in (
                    ("name", row.name),
                    ("kind", row.kind),
                    ("valid_from", row.valid_from),
                    ("email", row.email),
                )
                if getattr(unit, f) != new
            ]
            if code_of.get(unit.parent_id, "") != row.parent:
                fields.append("parent")
            known = alias_keys.get(row.code, set())
            if any(normalize_key(a) not in known for a in row.aliases):
                fields.append("aliases")
            result.changes.append(Change(row, "update" if fields else "same", fields))
    for row in rows:
        if row.parent and row.parent not in parents:
            result.errors.append(f"Dòng {row.line}: không có đơn vị cấp trên mã “{row.parent}”.")
    # A parent chain that comes back to itself would make the tree endless.
    for row in rows:
        node, hops = row.parent, 0
        while node and hops <= len(parents):
            if node == row.code:
                result.errors.append(f"Dòng {row.line}: cấp trên của “{row.code}” vòng lại chính nó.")
                break
            node, hops = parents.get(node, ""), hops + 1
    return result


@transaction.atomic
def apply(result: Check, user=None, verb: str = "Nhập đơn vị từ tệp Excel") -> dict:
    """Save a checked import (all rows or, when any row is wrong, none)."""
    if result.errors:
        return {"created": 0, "updated": 0, "errors": result.errors}
    by_code = {u.code: u for u in Unit.objects.select_for_update()}
    todo = [c for c in result.changes if c.action != "same"]
    for change in todo:
        row = change.row
        unit = by_code.get(row.code) or Unit(code=row.code)
        unit.name, unit.kind, unit.valid_from, unit.email = row.name, row.kind, row.valid_from, row.email
        # Parents are linked in a second pass: a parent may come later in the sheet.
        unit.save()
        by_code[row.code] = unit
    for change in todo:
        row = change.row
        unit = by_code[row.code]
        parent = by_code.get(row.parent) if row.parent else None
        if unit.parent_id != (parent.pk if parent else None):
            unit.parent = parent
            unit.save(update_fields=["parent"])
        for name in row.aliases:
            Alias.objects.get_or_create(key=normalize_key(name), defaults={"name": name, "unit": unit})
        record(
            unit,
            "create" if change.action == "create" else "update",
            {f: [None, str(getattr(unit, f, ""))] for f in (change.fields or ["code", "name", "kind"])},
            verb=verb,
            actor=user,
        )
    return {"created": result.created, "updated": result.updated, "errors": []}


def import_units(raw: bytes, user=None, save: bool = True) -> tuple[Check, dict | None]:
    """Read, check and (when ``save`` and no row is wrong) save a units workbook."""
    rows, errors = read_xlsx(raw)
    if not rows and not errors:
        raise DomainError("Tệp không có đơn vị nào.")
    result = check(rows, errors)
    return result, (apply(result, user) if save else None)


def template_xlsx() -> bytes:
    """The blank template: headers, a row that explains them, an example row and the kinds."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Đơn vị"
    sheet.append(TEMPLATE_HEADERS)
    sheet.append(TEMPLATE_LABELS)
    sheet.append(
        [
            "tinh-vi-du",
            "Ủy ban nhân dân tỉnh Ví Dụ",
            "peoples_committee",
            "",
            "UBND tỉnh Ví Dụ",
            "01/07/2025",
            "",
        ]
    )
    sheet.append(
        ["xa-vi-du", "Ủy ban nhân dân xã Ví Dụ", "commune", "tinh-vi-du", "UBND xã Ví Dụ", "01/07/2025", ""]
    )
    kinds = book.create_sheet("Loại đơn vị")
    kinds.append(["kind", "Tên loại"])
    for value, label in UnitKind.choices:
        kinds.append([value, label])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
