"""The report's annex as a spreadsheet: one row per unit with its figures (openpyxl)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
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


def render_xlsx(data: dict, title: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Theo đơn vị"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append([h for h, _, _ in HEADER])
    header_row = 3
    for col, (_, width, _) in enumerate(HEADER, start=1):
        cell = ws.cell(row=header_row, column=col)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    rows = unit_rows(data)
    for r in rows:
        ws.append(r)
    last = header_row + len(rows)
    total_row = last + 1
    ws.cell(row=total_row, column=1, value="Tổng cộng").font = Font(bold=True)
    comp = data["completeness"]
    for col in range(2, len(HEADER) + 1):
        letter = get_column_letter(col)
        if col == 5:
            value = comp["rate"]
        elif col == 6:
            value = comp["on_time_rate"]
        else:
            value = f"=SUM({letter}{header_row + 1}:{letter}{last})" if rows else 0
        c = ws.cell(row=total_row, column=col, value=value)
        c.font = Font(bold=True)
    for row in ws.iter_rows(min_row=header_row + 1, max_row=total_row, min_col=2, max_col=len(HEADER)):
        for cell in row:
            cell.number_format = HEADER[cell.column - 1][2]
    ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
    ws.row_dimensions[header_row].height = 45
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
