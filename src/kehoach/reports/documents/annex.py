"""Phụ lục of the report: the statistics tables (biểu), numbered, each with its units of measure."""

from __future__ import annotations

import datetime
import re

from kehoach.reports import charts
from kehoach.reports.documents.common import n, pct
from kehoach.reports.documents.model import Chart, Para, Table


def week_label(code: str) -> str:
    """ "2021-W06" → "Tuần 6 (08/02–14/02/2021)" (ISO weeks, Monday to Sunday)."""
    m = re.fullmatch(r"(\d{4})-W(\d{1,2})", code or "")
    if not m:
        return code
    year, week = int(m.group(1)), int(m.group(2))
    monday = datetime.date.fromisocalendar(year, week, 1)
    sunday = monday + datetime.timedelta(days=6)
    return f"Tuần {week} ({monday:%d/%m}–{sunday:%d/%m/%Y})"


def rate(part: int, whole: int) -> str:
    """A percentage only where the denominator is not 0 ("—" otherwise)."""
    return pct(part / whole) if whole else "—"


def completeness_table(comp: dict, units: dict) -> Table:
    rows = []
    for i, u in enumerate(comp["by_unit"], start=1):
        name = u.get("unit_name") or getattr(units.get(u["unit_id"]), "name", "")
        rows.append(
            [
                str(i),
                name,
                n(u["expected"]),
                n(u["submitted"]),
                n(u["on_time"]),
                rate(u["submitted"], u["expected"]),
                rate(u["on_time"], u["expected"]),
            ]
        )
    return Table(
        header=[
            "STT",
            "Cơ quan, đơn vị",
            "Phải nộp (báo cáo)",
            "Đã nộp (báo cáo)",
            "Đúng hạn (báo cáo)",
            "Tỷ lệ nộp (%)",
            "Tỷ lệ đúng hạn (%)",
        ],
        rows=rows,
        widths=[0.8, 5.0, 1.3, 1.3, 1.3, 1.3, 1.5],
        numeric={2, 3, 4, 5, 6},
        total=[
            "",
            "Tổng cộng",
            n(comp["expected"]),
            n(comp["submitted"]),
            n(comp["on_time"]),
            rate(comp["submitted"], comp["expected"]),
            rate(comp["on_time"], comp["expected"]),
        ],
        caption="Biểu 1. Tình hình gửi báo cáo của các cơ quan, đơn vị",
        font_size=12,
    )


UNIT_STAT_HEADER = [
    "STT",
    "Cơ quan, đơn vị",
    "Sản phẩm (sản phẩm)",
    "Tin, bài (tin, bài)",
    "Phát thanh (phút)",
    "Tờ gấp, pa-nô (bản)",
    "Tập huấn, hội nghị (buổi)",
    "Người tham dự (lượt người)",
]


def unit_stat_rows(data: dict) -> tuple[list[list[str]], list[str]]:
    rows, totals = [], [0] * 6
    units = data["units"]
    ordered = sorted(
        data["outputs_by_unit"].items(), key=lambda kv: (getattr(units.get(kv[0]), "sort_order", 999), kv[0])
    )
    for i, (uid, s) in enumerate(ordered, start=1):
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
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        rows.append([str(i), getattr(units.get(uid), "name", ""), *[n(v) for v in figures]])
    return rows, ["", "Tổng cộng", *[n(v) for v in totals]]


def report_tables(data: dict) -> list:
    """Biểu 1–5 of the report's Phụ lục, in the order the body cites them."""
    comp, outputs, bc, acts = data["completeness"], data["outputs"], data["broadcast"], data["activities"]
    blocks: list = [completeness_table(comp, data["units"])]
    rows, total = unit_stat_rows(data)
    if rows:
        blocks.append(
            Table(
                header=UNIT_STAT_HEADER,
                rows=rows,
                total=total,
                widths=[0.7, 5.0, 1.3, 1.2, 1.3, 1.4, 1.5, 1.5],
                numeric={2, 3, 4, 5, 6, 7},
                caption="Biểu 2. Sản phẩm tuyên truyền theo cơ quan, đơn vị",
                font_size=11,
            )
        )
    failed = [w for w in bc.get("weeks", []) if not w["compliant"]]
    if failed:
        blocks.append(
            Table(
                header=["Tuần", "Số lần đạt (lần)", "Tổng thời lượng (phút)", "Lý do chưa đạt"],
                rows=[
                    [week_label(w["week"]), n(w["count"]), n(w["minutes"]), w.get("reason") or ""]
                    for w in failed
                ],
                widths=[3.2, 1.4, 1.6, 5.0],
                numeric={1, 2},
                caption="Biểu 3. Các tuần chuyên mục phát thanh chưa đạt yêu cầu",
            )
        )
    if acts["rows"]:
        blocks.append(
            Table(
                header=["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian", "Tiến độ (%)", "Tình trạng"],
                rows=[
                    [r["no"], r["content"], r["lead"], r["timeframe"], f"{r['progress']}%", r["state_label"]]
                    for r in acts["rows"]
                ],
                widths=[0.7, 5.5, 2.4, 1.8, 1.1, 1.7],
                numeric={4},
                caption="Biểu 4. Tình hình thực hiện nhiệm vụ, hoạt động trọng tâm",
                font_size=11,
            )
        )
    if outputs["by_form"]:
        blocks.append(
            Table(
                header=["STT", "Hình thức tuyên truyền", "Số sản phẩm (sản phẩm)"],
                rows=[[str(i), r["label"], n(r["count"])] for i, r in enumerate(outputs["by_form"], start=1)],
                widths=[0.7, 7, 2],
                numeric={2},
                caption="Biểu 5. Sản phẩm tuyên truyền theo hình thức",
            )
        )
        bars = [(r["label"], float(r["count"])) for r in outputs["by_form"]]
        title = "Biểu đồ: Sản phẩm tuyên truyền theo hình thức"
        blocks.append(
            Chart(
                svg=charts.bar_chart(
                    bars, title=title, width=520, left=240, label_chars=60, hatched=True, unit=""
                ),
                caption=f"{title} (đơn vị tính: sản phẩm)",
                bars=bars,
                unit="",
            )
        )
    if not blocks:
        blocks.append(Para("Chưa có số liệu thống kê."))
    return blocks
