"""Content of the documents the app drafts, as plain functions from figures to a document model.

- :func:`report` — Báo cáo kết quả công tác thông tin, tuyên truyền CCHC (6 tháng / năm);
- :func:`plan_document` — the plan itself with its appendix (Phụ lục, landscape);
- :func:`urging_letter` — công văn đôn đốc to units that have not handed in.
"""

from __future__ import annotations

import datetime

from kehoach.core import formatting
from kehoach.reports import charts
from kehoach.reports.documents import decree30 as d30
from kehoach.reports.documents.model import Annex, Chart, Closing, Document, Header, Heading, Para, Table
from kehoach.reports.selectors import STATE_COLORS
from kehoach.rules.task_state import STATE_LABELS_VI
from kehoach.rules.workdays import add_working_days


def pct(rate: float) -> str:
    """0.8333 → "83,33%": documents print rates to two places."""
    return formatting.percent(rate, places=2)


n = formatting.whole


def _plan_ref(plan) -> str:
    issued = f" ngày {formatting.date(plan.issued_on)}" if plan.issued_on else ""
    return f"Kế hoạch số {plan.number}{issued} của {plan.issuer.name}"


def _header(plan, number_text: str, day: datetime.date, doc_type="", summary="", subject="") -> Header:
    superior, issuer = d30.issuer_lines(plan.issuer)
    return Header(
        superior=superior,
        issuer=issuer,
        number=number_text,
        place_date=d30.place_date(plan.issuer.name, day),
        doc_type=doc_type,
        summary=summary,
        subject_line=subject,
    )


def _closing(plan, recipients: list[str]) -> Closing:
    authority, position, signer = d30.signature_lines(plan)
    return Closing(
        authority=authority,
        position=position,
        signer=signer,
        recipients=d30.recipients_with_archive(recipients),
    )


REPORT_RECIPIENTS = [
    "Sở Nội vụ",
    "TT Huyện ủy",
    "TT HĐND huyện",
    "CT, các PCT UBND huyện",
    "Các Phòng, ban thuộc huyện",
    "UBND các xã, thị trấn",
]


# --- the compiled report -------------------------------------------------------------------------


def completeness_table(comp: dict, units: dict) -> Table:
    rows = []
    for i, u in enumerate(comp["by_unit"], start=1):
        name = u.get("unit_name") or getattr(units.get(u["unit_id"]), "name", str(u["unit_id"]))
        rows.append(
            [
                str(i),
                name,
                n(u["expected"]),
                n(u["submitted"]),
                n(u["on_time"]),
                pct(u.get("rate", 0.0)),
                pct(u.get("on_time_rate", 0.0)),
            ]
        )
    return Table(
        header=["STT", "Cơ quan, đơn vị", "Phải nộp", "Đã nộp", "Đúng hạn", "Tỷ lệ nộp", "Tỷ lệ đúng hạn"],
        rows=rows,
        widths=[0.8, 4.0, 1.1, 1.1, 1.1, 1.3, 1.5],
        numeric={2, 3, 4, 5, 6},
        total=[
            "",
            "Tổng cộng",
            n(comp["expected"]),
            n(comp["submitted"]),
            n(comp["on_time"]),
            pct(comp["rate"]),
            pct(comp["on_time_rate"]),
        ],
        caption="Bảng 1. Tình hình gửi báo cáo của các cơ quan, đơn vị",
        font_size=12,
    )


UNIT_STAT_HEADER = [
    "STT",
    "Cơ quan, đơn vị",
    "Sản phẩm",
    "Tin, bài",
    "Phát thanh (phút)",
    "Tờ gấp, pa-nô (bản)",
    "Tập huấn, hội nghị (buổi)",
    "Lượt người",
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
        rows.append([str(i), getattr(units.get(uid), "name", str(uid)), *[n(v) for v in figures]])
    return rows, ["", "Tổng cộng", *[n(v) for v in totals]]


def grouped_notes(notes: list[dict]) -> list[str]:
    """The same remark from several units printed once, with the units after it (as a drafter would)."""
    by_text: dict[str, list[str]] = {}
    for note in notes:
        units = by_text.setdefault(note["text"].strip().rstrip("."), [])
        if note["unit"] not in units:
            units.append(note["unit"])
    ordered = sorted(by_text.items(), key=lambda kv: -len(kv[1]))
    return [f"- {text} ({', '.join(units)})." for text, units in ordered]


def index_paragraphs(indices: dict, year: int) -> list:
    """II.1.d of the plan: the PAR INDEX, PAPI, SIPAS and PCI results are cited with their trend."""
    years = [int(y) for y in indices.get("years") or []]
    if not years:
        return [Para("Chưa có kết quả các Bộ chỉ số được công bố trong hệ thống.")]
    out = []
    for name, values in indices.get("series") or []:
        known = [(y, v) for y, v in zip(years, values, strict=True) if v is not None and y <= year]
        if not known:
            continue
        # Vietnamese decimals use a comma: 82,45.
        text = "; ".join(f"năm {y}: {v:.2f}".replace(".", ",") for y, v in known[-3:])
        out.append(Para(f"- Chỉ số {name}: {text}."))
    return out or [Para("Chưa có kết quả các Bộ chỉ số đến kỳ báo cáo.")]


def report(data: dict, number: int, day: datetime.date) -> Document:
    plan, period = data["plan"], data["period"]
    comp, outputs, bc, budget, acts = (
        data["completeness"],
        data["outputs"],
        data["broadcast"],
        data["budget"],
        data["activities"],
    )
    label = period.label_vi
    summary = f"Kết quả công tác thông tin, tuyên truyền cải cách hành chính {label}"
    body: list = [
        Para(
            f"Thực hiện {_plan_ref(plan)} về {plan.title[0].lower() + plan.title[1:]}; trên cơ sở báo cáo của các "
            f"cơ quan, đơn vị, {plan.issuer.name} báo cáo kết quả công tác thông tin, tuyên truyền cải cách hành chính "
            f"{label} như sau:"
        ),
        Heading("I. Công tác chỉ đạo, triển khai thực hiện"),
        Para(
            f"{plan.issuer.name} ban hành {_plan_ref(plan)}, giao nhiệm vụ cụ thể cho các cơ quan, đơn vị, "
            f"Ủy ban nhân dân các xã, thị trấn; giao {plan.coordinator_unit.name if plan.coordinator_unit else 'Phòng Nội vụ'} "
            "theo dõi, đôn đốc, tổng hợp."
        ),
    ]
    if data.get("subplans") and data["subplans"]["expected"]:
        sp = data["subplans"]
        body.append(
            Para(
                f"Kế hoạch tuyên truyền cải cách hành chính năm {period.year} của các cơ quan, đơn vị: "
                f"{n(sp['submitted'])}/{n(sp['expected'])} đơn vị đã xây dựng và gửi kế hoạch, trong đó {n(sp['on_time'])} đơn vị gửi đúng hạn."
            )
        )
    body.append(
        Para(
            f"Tình hình gửi báo cáo {label}: tổng số báo cáo phải nộp là {n(comp['expected'])}; số báo cáo đã nộp là "
            f"{n(comp['submitted'])} (đạt {pct(comp['rate'])}); số báo cáo nộp đúng hạn là {n(comp['on_time'])} "
            f"(đạt {pct(comp['on_time_rate'])}). Chi tiết tại Bảng 1."
        )
    )
    body.append(completeness_table(comp, data["units"]))

    body.append(Heading("II. Kết quả thực hiện"))
    body.append(Heading("1. Kết quả theo nội dung tuyên truyền", level=2))
    if outputs["by_topic"]:
        body.append(
            Para(
                f"Trong {label}, các cơ quan, đơn vị đã thực hiện {n(outputs['total'])} sản phẩm tuyên truyền cải cách hành chính, "
                "tập trung vào các nội dung: "
                + "; ".join(f"{r['label']} ({n(r['count'])} sản phẩm)" for r in outputs["by_topic"][:6])
                + "."
            )
        )
        body.append(
            Table(
                header=["STT", "Nội dung tuyên truyền", "Số sản phẩm"],
                rows=[
                    [str(i), r["label"], n(r["count"])] for i, r in enumerate(outputs["by_topic"], start=1)
                ],
                widths=[0.6, 6, 1.4],
                numeric={2},
                caption="Bảng 2. Kết quả theo nội dung tuyên truyền",
            )
        )
    else:
        body.append(Para(f"Trong {label}, chưa có sản phẩm tuyên truyền nào được cập nhật vào hệ thống."))
    body.append(Heading("2. Kết quả theo hình thức tuyên truyền", level=2))
    if outputs["by_form"]:
        body.append(
            Chart(
                charts.bar_chart(
                    [(r["label"], r["count"]) for r in outputs["by_form"]],
                    title=f"Sản phẩm tuyên truyền theo hình thức, {label}",
                )
            )
        )
        body.append(
            Table(
                header=["STT", "Hình thức tuyên truyền", "Số sản phẩm", "Số lượng"],
                rows=[
                    [str(i), r["label"], n(r["count"]), n(r["quantity"])]
                    for i, r in enumerate(outputs["by_form"], start=1)
                ],
                widths=[0.6, 5, 1.4, 1.4],
                numeric={2, 3},
                caption="Bảng 3. Kết quả theo hình thức tuyên truyền",
            )
        )
    else:
        body.append(Para("Chưa có số liệu về hình thức tuyên truyền."))
    body.append(Heading("3. Chuyên mục cải cách hành chính trên sóng phát thanh", level=2))
    if bc.get("total_weeks"):
        failed = [w for w in bc["weeks"] if not w["compliant"]]
        body.append(
            Para(
                f"Trung tâm Văn hóa thể thao và truyền thanh huyện duy trì chuyên mục cải cách hành chính: "
                f"{n(bc['compliant_weeks'])}/{n(bc['total_weeks'])} tuần đạt yêu cầu (mỗi tuần ít nhất "
                f"{bc.get('min_count', 1)} lần, mỗi lần ít nhất {bc.get('min_minutes', 10)} phút)"
                + (f"; {len(failed)} tuần chưa đạt." if failed else ".")
            )
        )
        body.append(Chart(charts.week_strip(bc["weeks"], title=f"Tuần phát sóng chuyên mục CCHC, {label}")))
        if failed:
            body.append(
                Table(
                    header=["Tuần", "Số lượt đạt", "Tổng số phút", "Lý do chưa đạt"],
                    rows=[[w["week"], n(w["count"]), n(w["minutes"]), w.get("reason") or ""] for w in failed],
                    widths=[1.3, 1.2, 1.2, 4.5],
                    numeric={1, 2},
                    caption="Bảng 4. Các tuần chưa đạt yêu cầu phát sóng",
                )
            )
    else:
        body.append(Para("Chưa có số liệu phát sóng chuyên mục trong kỳ."))
    body.append(Heading("4. Thống kê kết quả theo cơ quan, đơn vị", level=2))
    rows, total = unit_stat_rows(data)
    if rows:
        body.append(
            Table(
                header=UNIT_STAT_HEADER,
                rows=rows,
                total=total,
                widths=[0.6, 4, 1.1, 1, 1.3, 1.3, 1.3, 1.1],
                numeric={2, 3, 4, 5, 6, 7},
                caption="Bảng 5. Thống kê sản phẩm tuyên truyền theo đơn vị",
                font_size=11,
            )
        )
    else:
        body.append(Para("Chưa có đơn vị nào cập nhật sản phẩm tuyên truyền trong kỳ."))
    body.append(Heading("5. Tình hình thực hiện các nhiệm vụ, hoạt động trọng tâm", level=2))
    body.append(
        Para(
            f"Kế hoạch có {n(acts['total'])} nhiệm vụ, hoạt động trọng tâm: "
            + "; ".join(f"{s['label'].lower()}: {n(s['count'])}" for s in acts["states"] if s["count"])
            + "."
        )
    )
    if acts["quarters"]:
        body.append(
            Chart(
                charts.stacked_bar_chart(
                    acts["quarters"],
                    [
                        (s["label"], [acts["by_quarter"][q][i] for q in acts["quarters"]])
                        for i, s in enumerate(acts["states"])
                    ],
                    title="Nhiệm vụ theo tình trạng và theo quý",
                    colors=[STATE_COLORS[s["code"]] for s in acts["states"]],
                )
            )
        )
    body.append(
        Table(
            header=["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian", "Tiến độ", "Tình trạng"],
            rows=[
                [r["no"], r["content"], r["lead"], r["timeframe"], f"{r['progress']}%", r["state_label"]]
                for r in acts["rows"]
            ],
            widths=[0.5, 4.5, 2, 1.4, 0.9, 1.7],
            numeric={4},
            caption="Bảng 6. Tình hình thực hiện nhiệm vụ",
            font_size=11,
        )
    )
    body.append(Heading("6. Kinh phí thực hiện", level=2))
    if budget["count"]:
        body.append(
            Para(
                f"Tổng dự toán kinh phí các cơ quan, đơn vị đề nghị: {formatting.vnd(budget['estimated'])}; "
                f"Phòng Tài chính-Kế hoạch thẩm định: {formatting.vnd(budget['appraised'])}; "
                f"Ủy ban nhân dân huyện phê duyệt: {formatting.vnd(budget['approved'])}."
            )
        )
    else:
        body.append(Para("Các cơ quan, đơn vị chưa gửi dự toán kinh phí thực hiện."))

    body.append(Heading("7. Kết quả các Bộ chỉ số", level=2))
    body.extend(index_paragraphs(data.get("indices") or {}, data["period"].year))

    body.append(Heading("III. Đánh giá chung"))
    body.append(Heading("1. Ưu điểm", level=2))
    body.append(
        Para(
            "Công tác thông tin, tuyên truyền cải cách hành chính được các cơ quan, đơn vị quan tâm triển khai với nhiều hình thức; "
            f"tỷ lệ báo cáo đã nộp đạt {pct(comp['rate'])}, chuyên mục cải cách hành chính được duy trì "
            f"{n(bc.get('compliant_weeks', 0))}/{n(bc.get('total_weeks', 0))} tuần."
        )
    )
    for line in grouped_notes(data["notes"]["results"])[:6]:
        body.append(Para(line))
    body.append(Heading("2. Tồn tại, hạn chế", level=2))
    shortcomings = data["notes"]["shortcomings"]
    late = data["late"]
    if late:
        body.append(
            Para(
                f"Còn {len(late)} cơ quan, đơn vị chưa gửi hoặc gửi báo cáo chưa đạt yêu cầu: "
                + ", ".join(u["unit"] for u in late)
                + "."
            )
        )
    for line in grouped_notes(shortcomings):
        body.append(Para(line))
    if not late and not shortcomings:
        body.append(Para("Không có tồn tại, hạn chế nào được các đơn vị nêu trong báo cáo."))

    body.append(Heading("IV. Đề xuất, kiến nghị"))
    proposals = data["notes"]["proposals"]
    for line in grouped_notes(proposals):
        body.append(Para(line))
    if not proposals:
        body.append(Para("Không có đề xuất, kiến nghị."))

    nxt = period.next()
    body.append(Heading(f"V. Nhiệm vụ trọng tâm {nxt.label_vi}"))
    pending = [r for r in acts["rows"] if r["state"] in ("in_progress", "overdue", "not_started")]
    body.append(
        Para(
            "1. Các cơ quan, đơn vị tiếp tục triển khai Kế hoạch; gửi báo cáo định kỳ đầy đủ, đúng hạn về Phòng Nội vụ để tổng hợp."
        )
    )
    body.append(
        Para(
            "2. Trung tâm Văn hóa thể thao và truyền thanh huyện duy trì chuyên mục cải cách hành chính mỗi tuần ít nhất một lần, mỗi lần ít nhất 10 phút."
        )
    )
    for i, r in enumerate(pending, start=3):
        body.append(
            Para(
                f"{i}. {r['lead']}: {r['content']} ({STATE_LABELS_VI[r['state']].lower()}, tiến độ {r['progress']}%)."
            )
        )
    body.append(
        Para(
            f"Trên đây là báo cáo kết quả công tác thông tin, tuyên truyền cải cách hành chính {label} của {plan.issuer.name}./."
        )
    )
    return Document(
        header=_header(plan, d30.format_number(number, "BC-UBND"), day, "BÁO CÁO", summary),
        body=body,
        closing=_closing(plan, REPORT_RECIPIENTS),
        filename=f"bao-cao-tuyen-truyen-cchc-{period.code}",
    )


# --- the plan itself ----------------------------------------------------------------------------


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


def plan_document(data: dict) -> Document:
    plan = data["plan"]
    day = plan.issued_on or datetime.date(plan.year or 2021, 1, 1)
    number = plan.number or "..."
    body: list = [
        Para(f"Căn cứ {b};" if not b.lower().startswith(("căn cứ", "thực hiện")) else b) for b in plan.bases
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
        note=f"(Kèm theo Kế hoạch số {number} ngày {formatting.date(day)} của {plan.issuer.name})",
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
        header=_header(plan, f"Số: {number}", day, (plan.kind or "KẾ HOẠCH").upper(), plan.title),
        body=body,
        closing=_closing(plan, [r for r in plan.recipients if not r.lower().startswith("lưu")]),
        annexes=[annex],
        filename=f"ke-hoach-{number.replace('/', '-')}",
    )


# --- công văn đôn đốc --------------------------------------------------------------------------


def urging_letter(data: dict, number: int, day: datetime.date, drafting_office: str = "NV") -> Document:
    plan, period, late = data["plan"], data["period"], data["late"]
    label = period.label_vi
    deadline = add_working_days(day, 5)
    names = [u["unit"] for u in late]
    addressee = "Kính gửi: " + ("; ".join(names) + "." if names else "Các cơ quan, đơn vị.")
    rows = []
    i = 0
    for u in late:
        for item in u["items"]:
            i += 1
            rows.append([str(i), u["unit"], item["title"], formatting.date(item["due"]), item["label"]])
    body: list = [
        Para(
            f"Thực hiện {_plan_ref(plan)} về {plan.title[0].lower() + plan.title[1:]}, các cơ quan, đơn vị có trách nhiệm "
            "xây dựng kế hoạch và định kỳ báo cáo kết quả thực hiện gửi về Ủy ban nhân dân huyện (thông qua Phòng Nội vụ) để tổng hợp."
        ),
        Para(
            f"Đến ngày {formatting.date(day)}, {len(late)} cơ quan, đơn vị chưa gửi hoặc gửi chưa đạt yêu cầu "
            f"kế hoạch, báo cáo {label}, cụ thể như sau:"
            if late
            else f"Đến ngày {formatting.date(day)}, các cơ quan, đơn vị đã gửi đầy đủ kế hoạch, báo cáo {label}."
        ),
    ]
    if rows:
        body.append(
            Table(
                header=["STT", "Cơ quan, đơn vị", "Việc phải nộp", "Hạn nộp", "Tình trạng"],
                rows=rows,
                widths=[0.6, 3.6, 3.4, 1.3, 1.4],
                font_size=12,
            )
        )
    body.append(
        Para(
            f"Để kịp thời tổng hợp báo cáo cấp trên, Ủy ban nhân dân huyện đề nghị Thủ trưởng các cơ quan, đơn vị nêu trên khẩn trương "
            f"hoàn thành và gửi về Ủy ban nhân dân huyện (thông qua Phòng Nội vụ) chậm nhất ngày {formatting.date(deadline)}./."
        )
    )
    return Document(
        header=_header(
            plan,
            d30.format_number(number, f"UBND-{drafting_office}"),
            day,
            subject=f"V/v đôn đốc gửi kế hoạch, báo cáo tuyên truyền cải cách hành chính {label}",
        ),
        addressee=addressee,
        body=body,
        closing=_closing(plan, ["Như trên", "CT, các PCT UBND huyện"]),
        filename=f"cong-van-don-doc-{period.code}",
    )
