"""Kế hoạch: the plan itself with its appendix (Phụ lục, landscape)."""

from __future__ import annotations

import datetime

from kehoach.reports.documents import decree30 as d30
from kehoach.reports.documents.common import Stamp, closing, header
from kehoach.reports.documents.model import Annex, Closing, Document, Heading, Para, Table
from kehoach.reports.documents.plan_source import split_source
from kehoach.rules.money import format_date_vi


def _clause_blocks(clauses) -> list:
    out = []
    for c in clauses:
        heading = (c.heading or "").strip().rstrip(":")
        text = (c.text or "").strip()
        if c.depth == 0:
            out.append(Heading(f"{c.label}. {heading}:" if heading else f"{c.label}."))
            if text:
                out.append(Para(text))
        elif c.label == "-":
            out.append(Para(f"- {heading + ': ' if heading else ''}{text}"))
        elif c.depth == 1:
            if heading:
                out.append(Heading(f"{c.label}. {heading}:", level=2))
                if text:
                    out.append(Para(text))
            else:
                out.append(Para(f"{c.label}. {text}"))
        else:
            prefix = f"{c.label})"
            if heading and text:
                out.append(Para(f"{prefix} {heading}: {text}"))
            elif heading:
                out.append(Para(f"{prefix} {heading}:", italic=False, bold=False))
            else:
                out.append(Para(f"{prefix} {text}"))
    return out


def plan_document(data: dict, stamp: Stamp | None = None) -> Document:
    """The plan as stored (its number and date as signed), or a new issue when ``stamp`` is given."""
    plan = data["plan"]
    day = plan.issued_on or datetime.date(plan.year or 2021, 1, 1)
    number = plan.number or "..."
    place_date = stamp.place_date(plan.issuer.name) if stamp else None
    source = split_source(plan.source_text)
    if source:  # an imported plan is reproduced in its own words
        body = [
            Heading(t, level=1)
            if k == "part" and t.isupper()
            else Heading(t, level=2)
            if k != "para"
            else Para(t)
            for k, t in source.body
        ]
    else:
        body = [
            Para(f"Căn cứ {b};" if not b.lower().startswith(("căn cứ", "thực hiện")) else b)
            for b in plan.bases
        ]
        body.append(
            Para(f"{plan.issuer.name} ban hành {plan.title[0].lower() + plan.title[1:]}, cụ thể như sau:")
        )
        body += _clause_blocks(data["clauses"])
    rows = []
    for a in data["activities"]:
        rows.append(
            [
                a.no,
                a.content,
                a.lead_unit.name if a.lead_unit else a.lead_text,
                "; ".join(a.coordinators_text),
                a.timeframe_text,
                a.note,
            ]
        )
    annex = Annex(
        title=f"Kế hoạch triển khai một số hoạt động tuyên truyền cải cách hành chính trọng tâm năm {plan.year or ''}".strip(),
        subtitle="",
        note=f"(Kèm theo Kế hoạch số {number} ngày {format_date_vi(day)} của {plan.issuer.name})",
        blocks=[
            Table(
                header=[
                    "STT",
                    "Nội dung",
                    "Cơ quan chủ trì",
                    "Cơ quan phối hợp",
                    "Thời gian thực hiện",
                    "Ghi chú",
                ],
                rows=rows,
                widths=[0.7, 5, 2, 3.2, 1.6, 1.1],
                font_size=12,
            )
        ],
        landscape=True,
    )
    return Document(
        header=header(
            plan,
            stamp.number_line(symbol_of(plan)) if stamp else f"Số: {number}",
            place_date or Stamp(day.year, 0, day).place_date(plan.issuer.name),
            (plan.kind or "KẾ HOẠCH").upper(),
            plan.title,
        ),
        body=body,
        closing=_closing_of(plan, source),
        annexes=[annex],
        filename=f"ke-hoach-{number.replace('/', '-')}",
    )


def symbol_of(plan) -> str:
    """ "KH-UBND" from "19/KH-UBND" (the symbol a new issue of this kind of document takes)."""
    number = plan.number or ""
    return number.split("/", 1)[1] if "/" in number else "KH-UBND"


def _closing_of(plan, source) -> Closing:
    """Nơi nhận as signed (``- Lưu: VTUB, NV.`` kept) when the source has it, else the stored list."""
    if source and source.recipients:
        authority, position, signer = d30.signature_lines(plan)
        return Closing(authority=authority, position=position, signer=signer, recipients=source.recipients)
    return closing(plan, [r for r in plan.recipients if not r.lower().startswith("lưu")])
