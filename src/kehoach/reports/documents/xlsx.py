"""The report's annex as a spreadsheet: one row per unit with its figures (openpyxl)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HEADER = [
    ("Cơ quan, đơn vị", 42, None),
    ("Báo cáo phải nộp", 12, "#,##0"),
    ("Đã nộp", 10, "#,##0"),
    ("Nộp đúng hạn", 12, "#,##0"),
    ("Tỷ lệ nộp", 11, "0.0%"),
    ("Tỷ lệ đúng hạn", 13, "0.0%"),
    ("Sản phẩm tuyên truyền", 14, "#,##0"),
    ("Tin, bài", 10, "#,##0"),
    ("Phát thanh, loa (phút)", 14, "#,##0"),
    ("Tờ gấp, pa-nô (bản)", 14, "#,##0"),
    ("Tập huấn, hội nghị (buổi)", 14, "#,##0"),
    ("Lượt người tham dự", 14, "#,##0"),
]


def unit_rows(data: dict) -> list[list]:
    """One row per unit that has reports to send or outputs, in the units' order."""
    comp = {u["unit_id"]: u for u in data["completeness"]["by_unit"]}
    outs = data["outputs_by_unit"]
    units = data["units"]
    ids = sorted(set(comp) | set(outs), key=lambda i: (getattr(units.get(i), "sort_order", 999), i))
    rows = []
    for uid in ids:
        c = comp.get(uid, {"expected": 0, "submitted": 0, "on_time": 0, "rate": 0.0, "on_time_rate": 0.0})
        s = outs.get(uid)
        figures = [0] * 6
        if s:
            figures = [
                s["outputs"],
                s["by_form"].get("website_article", 0)
                + s["by_form"].get("press", 0)
                + s["by_form"].get("social_media", 0),
                s["radio_minutes"] + s.get("broadcast_minutes", 0),
                s["copies"],
                s["trainings"] + s["conferences"],
                s["training_participants"] + s["conference_participants"],
            ]
        rows.append(
            [
                getattr(units.get(uid), "name", str(uid)),
                c["expected"],
                c["submitted"],
                c["on_time"],
                c.get("rate", 0.0),
                c.get("on_time_rate", 0.0),
                *figures,
            ]
        )
    return rows


TNR = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DASH = "—"  # a rate whose denominator is 0 (the unit owed nothing)


def _rate(part: int, whole: int):
    return part / whole if whole else DASH


def render_xlsx(data: dict, title: str) -> bytes:
    """Print-ready annex: STT, borders, Times New Roman 12, A4 landscape fitted to the width, header
    rows repeated on every printed page, frozen panes, totals stored as values (a viewer that does not
    calculate shows them too), "—" where a rate has no denominator."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Theo đơn vị"
    columns = [("STT", 6, "0"), *HEADER]
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    ws["A1"].font = Font(name=TNR, bold=True, size=13)
    ws["A1"].alignment = Alignment(horizontal="center", wrap_text=True)
    ws.row_dimensions[1].height = 36
    ws.append([])
    ws.append([h for h, _, _ in columns])
    header_row = 3
    for col, (_, width, _) in enumerate(columns, start=1):
        cell = ws.cell(row=header_row, column=col)
        cell.font = Font(name=TNR, bold=True, size=12)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = BOX
        ws.column_dimensions[get_column_letter(col)].width = width
    rows = unit_rows(data)
    totals = [0] * (len(HEADER) - 1)
    for i, r in enumerate(rows, start=1):
        name, expected, submitted, on_time, _, _, *figures = r
        values = [
            expected,
            submitted,
            on_time,
            _rate(submitted, expected),
            _rate(on_time, expected),
            *figures,
        ]
        ws.append([i, name, *values])
        for k, v in enumerate([expected, submitted, on_time, 0, 0, *figures]):
            totals[k] += v
    comp = data["completeness"]
    totals[3] = _rate(comp["submitted"], comp["expected"])
    totals[4] = _rate(comp["on_time"], comp["expected"])
    ws.append(["", "Tổng cộng", *totals])
    total_row = header_row + len(rows) + 1
    for row in ws.iter_rows(min_row=header_row + 1, max_row=total_row, min_col=1, max_col=len(columns)):
        for cell in row:
            cell.border = BOX
            cell.font = Font(name=TNR, size=12, bold=cell.row == total_row)
            fmt = columns[cell.column - 1][2]
            if fmt and not isinstance(cell.value, str):
                cell.number_format = fmt
            if cell.column == 1 or cell.value == DASH:
                cell.alignment = Alignment(horizontal="center", vertical="top")
            elif cell.column == 2:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    ws.row_dimensions[header_row].height = 48
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.oddFooter.center.text = "Trang &P/&N"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
