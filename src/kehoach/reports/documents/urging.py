"""Công văn đôn đốc: an official letter to the units that have not handed in."""

from __future__ import annotations

from kehoach.reports.documents.common import Stamp, closing, header, lower_first, plan_ref
from kehoach.reports.documents.model import Document, Para, Table
from kehoach.reports.documents.report import spell_out
from kehoach.rules.money import format_date_vi
from kehoach.rules.workdays import add_working_days

SYMBOL_PREFIX = "UBND"


def symbol(drafting_office: str = "NV") -> str:
    """Công văn carry no type code: "UBND-NV" (issuer, then the drafting office)."""
    return f"{SYMBOL_PREFIX}-{drafting_office}"


def urging_letter(data: dict, stamp: Stamp, drafting_office: str = "NV") -> Document:
    """The letter as of ``data["as_of"]``: a table of what each unit still owes, the deadline to comply."""
    plan, period, late = data["plan"], data["period"], data["late"]
    day = data["as_of"]
    label = period.label_vi
    deadline = add_working_days(stamp.day or day, 5)
    coordinator = plan.coordinator_unit.name if plan.coordinator_unit_id else plan.issuer.name
    names = [u["unit"] for u in late]
    # Decree 30: several addressees go one per line, "- …;", the last ending with ".".
    if names:
        lines = [f"- {name};" for name in names]
        lines[-1] = lines[-1][:-1] + "."
        addressee = "Kính gửi:\n" + "\n".join(lines)
    else:
        addressee = "Kính gửi: Các cơ quan, đơn vị."
    rows = []
    seen: set[str] = set()  # abbreviations already spelled out
    i = 0
    for u in late:
        for item in u["items"]:
            i += 1
            rows.append(
                [
                    str(i),
                    u["unit"],
                    spell_out(item["title"], seen),
                    # the last day on time: "trước ngày 26/01/2021" is due on 25/01/2021
                    format_date_vi(item.get("last_day") or item["due"]),
                    item["label"],
                ]
            )
    body: list = [
        Para(
            f"Thực hiện {plan_ref(plan)} về {lower_first(plan.title)}, các cơ quan, đơn vị có trách nhiệm "
            f"xây dựng kế hoạch và định kỳ báo cáo kết quả thực hiện gửi về {plan.issuer.name} "
            f"(thông qua {coordinator}) để tổng hợp."
        ),
        Para(
            f"Đến ngày {format_date_vi(day)}, {len(late)} cơ quan, đơn vị chưa gửi hoặc gửi chưa đạt yêu cầu "
            f"kế hoạch, báo cáo {label}, cụ thể như sau:"
            if late
            else f"Đến ngày {format_date_vi(day)}, các cơ quan, đơn vị đã gửi đầy đủ kế hoạch, báo cáo {label}."
        ),
    ]
    if rows:
        body.append(
            Table(
                header=["STT", "Cơ quan, đơn vị", "Việc phải nộp", "Hạn nộp", "Tình trạng"],
                rows=rows,
                widths=[0.6, 3.4, 3.4, 1.5, 1.6],
                font_size=12,
            )
        )
    body.append(
        Para(
            f"Để kịp thời tổng hợp báo cáo cấp trên, {plan.issuer.name} đề nghị Thủ trưởng các cơ quan, đơn vị nêu trên "
            f"khẩn trương hoàn thành và gửi về {plan.issuer.name} (thông qua {coordinator}) "
            f"chậm nhất ngày {format_date_vi(deadline)}./."
        )
    )
    return Document(
        header=header(
            plan,
            stamp.number_line(symbol(drafting_office)),
            stamp.place_date(plan.issuer.name),
            subject=f"V/v đôn đốc gửi kế hoạch, báo cáo tuyên truyền cải cách hành chính {label}",
        ),
        addressee=addressee,
        body=body,
        closing=closing(plan, ["Như trên"], drafting_office),
        filename=f"cong-van-don-doc-{period.code}",
    )
