"""Bulk entry of outputs from an Excel sheet: the template to download, and reading it back.

All or nothing: every row is checked first; if any is wrong nothing is saved and each bad row
is listed with its reason; otherwise all rows are saved in one transaction.
"""

from __future__ import annotations

import datetime
import io
import unicodedata

from django.db import transaction

from kehoach.core.errors import DomainError
from kehoach.outputs.models import AUDIENCES, TOPICS, OutputForm, QuantityUnit

MAX_ROWS = 2000
HEADERS = [
    ("Ngày (dd/mm/yyyy)", 14),
    ("Hình thức", 34),
    ("Tên sản phẩm, tiêu đề", 48),
    ("Nội dung tuyên truyền (cách nhau dấu ;)", 44),
    ("Đối tượng (cách nhau dấu ;)", 30),
    ("Số lượng", 10),
    ("Đơn vị tính (để trống: theo hình thức)", 20),
    ("Số người tham dự", 12),
    ("Đường dẫn", 36),
]
LISTS_SHEET = "DanhMuc"


def _key(text) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).strip().lower().split())


def _lookup(pairs) -> dict[str, str]:
    out = {}
    for code, label in pairs:
        out[_key(code)] = code
        out[_key(label)] = code
    return out


FORMS = _lookup(OutputForm.choices)
TOPIC_KEYS = _lookup(TOPICS)
AUDIENCE_KEYS = _lookup(AUDIENCES)
QUNIT_KEYS = _lookup(QuantityUnit.choices)


def template_workbook() -> bytes:
    """The .xlsx template: Vietnamese headers, a drop-down list on the form column, code lists."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "SanPham"
    ws.append([h for h, _ in HEADERS])
    for i, (_, width) in enumerate(HEADERS, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E4EEF8")
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = "A2"
    ws.append(
        [
            "15/03/2021",
            OutputForm.LEAFLET.label,
            "Tờ gấp thủ tục hành chính một cửa",
            "Cải cách thủ tục hành chính",
            "Người dân",
            500,
            "",
            "",
            "",
        ]
    )

    lists = wb.create_sheet(LISTS_SHEET)
    lists.append(["Hình thức", "Nội dung tuyên truyền", "Đối tượng", "Đơn vị tính"])
    columns = [
        [label for _, label in OutputForm.choices],
        [label for _, label in TOPICS],
        [label for _, label in AUDIENCES],
        [label for _, label in QuantityUnit.choices],
    ]
    for r in range(max(len(c) for c in columns)):
        lists.append([c[r] if r < len(c) else None for c in columns])
    for col in "ABCD":
        lists.column_dimensions[col].width = 42

    def validation(col_letter: str, lists_col: str, n: int, prompt: str):
        dv = DataValidation(
            type="list", formula1=f"={LISTS_SHEET}!${lists_col}$2:${lists_col}${n + 1}", allow_blank=True
        )
        dv.error = "Chọn một giá trị trong danh sách."
        dv.errorTitle = "Giá trị không hợp lệ"
        dv.prompt = prompt
        dv.showErrorMessage = True
        ws.add_data_validation(dv)
        dv.add(f"{col_letter}2:{col_letter}{MAX_ROWS + 1}")

    validation("B", "A", len(columns[0]), "Chọn hình thức tuyên truyền")
    validation("G", "D", len(columns[3]), "Để trống hoặc chọn đơn vị tính")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _codes(cell, table: dict[str, str], what: str) -> list[str]:
    if cell in (None, ""):
        return []
    out = []
    for piece in str(cell).replace("\n", ";").split(";"):
        if not piece.strip():
            continue
        code = table.get(_key(piece))
        if code is None:  # codes may also be separated by commas ("procedures, indices")
            subs = [table.get(_key(p)) for p in piece.split(",") if p.strip()]
            if subs and all(subs):
                out.extend(s for s in subs if s not in out)
                continue
            raise ValueError(f"{what} không hợp lệ: “{piece.strip()}”")
        if code not in out:
            out.append(code)
    return out


def _date(cell) -> datetime.date:
    from kehoach.rules.money import parse_date_vi

    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    if cell in (None, ""):
        raise ValueError("thiếu ngày")
    try:
        return parse_date_vi(str(cell))
    except ValueError:
        raise ValueError(f"ngày không hợp lệ “{cell}” (dd/mm/yyyy)")


def _number(cell, what: str, required: bool):
    if cell in (None, ""):
        if required:
            raise ValueError(f"thiếu {what}")
        return None
    if isinstance(cell, bool):
        raise ValueError(f"{what} không hợp lệ")
    if isinstance(cell, float):
        if not cell.is_integer():
            raise ValueError(f"{what} phải là số nguyên: “{cell}”")
        cell = int(cell)
    if isinstance(cell, str):
        text = cell.strip().replace(".", "")
        if not text.lstrip("-").isdigit():
            raise ValueError(f"{what} không phải số: “{cell}”")
        cell = int(text)
    if cell < 0:
        raise ValueError(f"{what} không được âm")
    return cell


def read_rows(data: bytes) -> list[tuple[int, dict]]:
    """Rows of the sheet as (row number, service data without unit); ``ValueError`` for an unreadable file."""
    from openpyxl import load_workbook

    from kehoach.core.validation import InvalidInput, check_xlsx

    try:
        check_xlsx(data)  # sheet size and compression before parsing
    except InvalidInput as exc:
        raise ValueError(exc.message)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ValueError("Không đọc được tệp: hãy dùng tệp .xlsx tải từ mẫu.")
    ws = wb.worksheets[0]
    rows = []
    for n, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        values = list(values) + [None] * (len(HEADERS) - len(values))
        if all(v in (None, "") for v in values[: len(HEADERS)]):
            continue
        if len(rows) >= MAX_ROWS:
            raise ValueError(f"Tệp có quá {MAX_ROWS} dòng; hãy chia thành nhiều tệp.")
        rows.append((n, values[: len(HEADERS)]))
    wb.close()
    return rows


def parse_row(values) -> dict:
    """One sheet row → the fields of ``log_output`` (``ValueError`` with the reason when wrong)."""
    day, form, title, topics, audiences, qty, qunit, people, url = values
    form_code = FORMS.get(_key(form)) if form not in (None, "") else None
    if form_code is None:
        raise ValueError("thiếu hình thức" if form in (None, "") else f"hình thức không hợp lệ “{form}”")
    qunit_code = None
    if qunit not in (None, ""):
        qunit_code = QUNIT_KEYS.get(_key(qunit))
        if qunit_code is None:
            raise ValueError(f"đơn vị tính không hợp lệ “{qunit}”")
    if title in (None, "") or not str(title).strip():
        raise ValueError("thiếu tên sản phẩm, tiêu đề")
    return {
        "date": _date(day),
        "form": form_code,
        "title": str(title).strip(),
        "topics": _codes(topics, TOPIC_KEYS, "nội dung"),
        "audiences": _codes(audiences, AUDIENCE_KEYS, "đối tượng"),
        "quantity": _number(qty, "số lượng", required=False) if qty not in (None, "") else 1,
        "quantity_unit": qunit_code,
        "participants": _number(people, "số người tham dự", required=False),
        "url": str(url).strip() if url not in (None, "") else "",
    }


def import_outputs(user, unit, plan, data: bytes) -> tuple[int, list[tuple[int, str]]]:
    """Check every row, then save all of them in one transaction, or none. Returns (saved, errors)."""
    from kehoach.outputs.services import clean_output, log_output

    try:
        rows = read_rows(data)
    except ValueError as exc:
        return 0, [(0, str(exc))]
    if not rows:
        return 0, [(0, "Tệp không có dòng dữ liệu nào (dòng 1 là tiêu đề).")]
    parsed, errors = [], []
    for n, values in rows:
        try:
            fields = parse_row(values)
            fields.update(unit_id=unit.pk, plan_id=plan.pk if plan else None)
            clean_output(user, fields)
        except ValueError as exc:
            errors.append((n, str(exc)))
            continue
        except DomainError as exc:
            errors.append((n, exc.message))
            continue
        parsed.append(fields)
    if errors:
        return 0, errors
    with transaction.atomic():
        for fields in parsed:
            log_output(user, fields)
    return len(parsed), []
