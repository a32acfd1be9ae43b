"""Báo cáo kết quả công tác thông tin, tuyên truyền cải cách hành chính (6 tháng / năm).

The usual outline of a district report: I. Kết quả thực hiện (chỉ đạo, điều hành; theo nội dung;
theo hình thức, one paragraph per form); II. Đánh giá chung (ưu điểm; tồn tại, hạn chế; nguyên nhân);
III. Phương hướng, nhiệm vụ; IV. Kiến nghị, đề xuất to the superior. Statistics tables go to the
Phụ lục. Everything is read from the plan's own data: no unit name or rule of a demo is written here.
Each narrative section has a key so the coordinator's edits (``sections``) replace its paragraphs.
"""

from __future__ import annotations

import re

from kehoach.reports.documents import annex as annex_tables
from kehoach.reports.documents.common import Stamp, closing, header, lower_first, n, pct, plan_ref
from kehoach.reports.documents.model import Annex, Document, Heading, Para
from kehoach.rules.task_state import STATE_LABELS_VI

SYMBOL = "BC-UBND"

#: Đơn vị tính of the "số lượng" of each form (copies, minutes and sessions are never added together).
FORM_QUANTITY_UNIT = {
    "website_article": "tin, bài",
    "press": "tin, bài",
    "social_media": "tin, bài",
    "radio": "phút",
    "television": "phút",
    "loudspeaker": "phút",
    "leaflet": "bản",
    "poster": "cái",
    "training": "lớp",
    "conference": "buổi",
    "skit": "buổi",
}

#: Abbreviations spelled out at first use (Decree 30: viết tắt phải được giải thích).
ABBREVIATIONS = {"CCHC": "cải cách hành chính", "TTHC": "thủ tục hành chính"}

#: The keys of the editable narrative sections, in the order of the report, with their titles.
SECTIONS = [
    ("opening", "Mở đầu"),
    ("direction", "I.1. Công tác chỉ đạo, điều hành"),
    ("content", "I.2. Kết quả tuyên truyền theo nội dung"),
    ("forms", "I.3. Kết quả tuyên truyền theo hình thức"),
    ("strengths", "II.1. Ưu điểm"),
    ("shortcomings", "II.2. Tồn tại, hạn chế"),
    ("causes", "II.3. Nguyên nhân"),
    ("tasks", "III. Phương hướng, nhiệm vụ thời gian tới"),
    ("proposals", "IV. Kiến nghị, đề xuất"),
]


def dong(amount) -> str:
    """Amounts in full words of the unit: "227.200.000 đồng" (never "đ" in a signed document)."""
    return f"{n(amount)} đồng"


def spell_out(text: str, seen: set[str]) -> str:
    """ "CCHC" → "cải cách hành chính (CCHC)" the first time an abbreviation appears, then kept short."""
    for short, long in ABBREVIATIONS.items():
        if short in seen:
            continue
        m = re.search(rf"\b{short}\b", text)
        if m:
            text = text[: m.start()] + f"{long} ({short})" + text[m.end() :]
            seen.add(short)
    return text


def attributed(units: list[str]) -> str:
    """Who said it, in words: "Phòng A", "Phòng A và Phòng B", "Phòng A và 3 cơ quan, đơn vị khác"."""
    if len(units) == 1:
        return units[0]
    if len(units) == 2:
        return f"{units[0]} và {units[1]}"
    return f"{units[0]} và {len(units) - 1} cơ quan, đơn vị khác"


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def grouped_notes(notes: list[dict]) -> list[str]:
    """Units' remarks grouped and de-duplicated (same words, case and punctuation aside), the most
    shared first, each attributed in words ("Theo báo cáo của …")."""
    by_text: dict[str, tuple[str, list[str]]] = {}
    for note in notes:
        text = note["text"].strip().lstrip("-+• ").rstrip(".;")
        if not text:
            continue
        _, units = by_text.setdefault(_key(text), (text, []))
        if note["unit"] not in units:
            units.append(note["unit"])
    ordered = sorted(by_text.values(), key=lambda tu: -len(tu[1]))
    return [f"- {lower_first(text)} (theo báo cáo của {attributed(units)})." for text, units in ordered]


_CAUSE = re.compile(r"(?:\bdo\b|\bvì\b|nguyên nhân)", re.IGNORECASE)


def causes_from(notes: list[dict]) -> list[dict]:
    """Nguyên nhân: the parts of units' shortcomings that give a reason ("… do …", "nguyên nhân …")."""
    out = []
    for note in notes:
        for sentence in re.split(r"(?<=[.;])\s+|\n+", note["text"]):
            m = _CAUSE.search(sentence)
            if m:
                reason = sentence[m.end() :].strip(" :,.;")
                if len(reason) > 3:
                    out.append({"unit": note["unit"], "text": reason[:1].upper() + reason[1:]})
    return out


def superior_of(plan) -> str:
    """The superior a report's kiến nghị go to: the issuer of the parent plan, else the first
    recipient of the plan that is an upper-level body."""
    if plan.parent_id and plan.parent.issuer_id:
        return plan.parent.issuer.name
    for r in plan.recipients or []:
        r = r.strip(" -;.")
        if re.match(r"^(Sở|Bộ|UBND tỉnh|Ủy ban nhân dân tỉnh|Văn phòng|Ban)\b", r):
            return r
    return ""


def _paras(key: str, default: list[str], sections: dict[str, str], seen: set[str]) -> list:
    """The section's paragraphs: the coordinator's edited text when there is one, else the draft's."""
    lines = sections[key].splitlines() if key in sections else default
    return [Para(spell_out(line.strip(), seen)) for line in lines if line.strip()]


def index_paragraphs(indices: dict, year: int) -> list[str]:
    """II.1.d of the plan: the PAR INDEX, PAPI, SIPAS and PCI results, the last three years known."""
    years = [int(y) for y in indices.get("years") or []]
    out = []
    for name, values in indices.get("series") or []:
        known = [(y, v) for y, v in zip(years, values, strict=True) if v is not None and y <= year]
        if known:
            # Vietnamese decimals use a comma: 82,45.
            text = "; ".join(f"năm {y}: {v:.2f}".replace(".", ",") for y, v in known[-3:])
            out.append(f"- Chỉ số {name}: {text}.")
    return out


def default_sections(data: dict) -> dict[str, list[str]]:
    """The narrative drafted from the figures, section by section (what an edit starts from)."""
    plan, period = data["plan"], data["period"]
    comp, outputs, bc, budget, acts = (
        data["completeness"],
        data["outputs"],
        data["broadcast"],
        data["budget"],
        data["activities"],
    )
    label = period.label_vi
    coordinator = plan.coordinator_unit.name if plan.coordinator_unit_id else plan.issuer.name
    out: dict[str, list[str]] = {}
    out["opening"] = [
        f"Thực hiện {plan_ref(plan)} về {lower_first(plan.title)}; trên cơ sở báo cáo của các cơ quan, đơn vị, "
        f"{plan.issuer.name} báo cáo kết quả công tác thông tin, tuyên truyền CCHC {label} như sau:"
    ]
    direction = [
        f"{plan.issuer.name} ban hành {plan_ref(plan).replace(' của ' + plan.issuer.name, '')}, giao nhiệm vụ cụ thể "
        f"cho các cơ quan, đơn vị; giao {coordinator} theo dõi, đôn đốc, tổng hợp."
    ]
    sp = data.get("subplans") or {}
    if sp.get("expected"):
        direction.append(
            f"Về kế hoạch tuyên truyền CCHC năm {period.year} của các cơ quan, đơn vị: {n(sp['submitted'])}/"
            f"{n(sp['expected'])} đơn vị đã xây dựng và gửi kế hoạch, trong đó {n(sp['on_time'])} đơn vị gửi đúng hạn."
        )
    direction.append(
        f"Tình hình gửi báo cáo {label}: tổng số báo cáo phải nộp là {n(comp['expected'])}; số báo cáo đã nộp là "
        f"{n(comp['submitted'])} (đạt {pct(comp['rate'])}); số báo cáo nộp đúng hạn là {n(comp['on_time'])} "
        f"(đạt {pct(comp['on_time_rate'])}). Chi tiết tại Phụ lục, Biểu 1."
    )
    if budget["count"]:
        direction.append(
            f"Kinh phí thực hiện: các cơ quan, đơn vị đề nghị {dong(budget['estimated'])}; "
            f"thẩm định {dong(budget['appraised'])}; phê duyệt {dong(budget['approved'])}."
        )
    states = "; ".join(f"{s['label'].lower()}: {n(s['count'])}" for s in acts["states"] if s["count"])
    if acts["total"]:
        direction.append(
            f"Kế hoạch có {n(acts['total'])} nhiệm vụ, hoạt động trọng tâm ({states}). Chi tiết tại Phụ lục, Biểu 4."
        )
    out["direction"] = direction
    if outputs["by_topic"]:
        out["content"] = [
            f"Trong {label}, các cơ quan, đơn vị đã thực hiện {n(outputs['total'])} sản phẩm tuyên truyền, "
            "tập trung vào các nội dung: "
            + "; ".join(f"{r['label']} ({n(r['count'])} sản phẩm)" for r in outputs["by_topic"])
            + "."
        ]
    else:
        out["content"] = [f"Trong {label}, chưa có sản phẩm tuyên truyền nào được cập nhật vào hệ thống."]
    indices = index_paragraphs(data.get("indices") or {}, period.year)
    if indices:
        out["content"].append(
            "Kết quả các Bộ chỉ số được tuyên truyền đến cán bộ, công chức, viên chức và Nhân dân:"
        )
        out["content"] += indices
    forms = []
    for r in outputs["by_form"]:
        unit = FORM_QUANTITY_UNIT.get(r["key"])
        qty = f", tổng số lượng {n(r['quantity'])} {unit}" if unit and r["quantity"] else ""
        forms.append(f"- {r['label']}: {n(r['count'])} sản phẩm{qty}.")
    if bc.get("total_weeks"):
        radio = getattr(data["units"].get(bc.get("unit_id")), "name", "") or "Đơn vị được giao"
        failed = bc["total_weeks"] - bc["compliant_weeks"]
        forms.append(
            f"- Chuyên mục CCHC trên sóng phát thanh: {radio} thực hiện {n(bc['compliant_weeks'])}/"
            f"{n(bc['total_weeks'])} tuần đạt yêu cầu (mỗi tuần ít nhất {n(bc['min_count'])} lần, mỗi lần ít nhất "
            f"{n(bc['min_minutes'])} phút)"
            + (f"; {n(failed)} tuần chưa đạt (Phụ lục, Biểu 3)." if failed else ".")
        )
    out["forms"] = forms or ["Chưa có số liệu về hình thức tuyên truyền."]
    strengths = [
        "Công tác thông tin, tuyên truyền CCHC được các cơ quan, đơn vị quan tâm triển khai với nhiều hình thức; "
        f"tỷ lệ báo cáo đã nộp đạt {pct(comp['rate'])}"
        + (
            f", chuyên mục CCHC được duy trì {n(bc['compliant_weeks'])}/{n(bc['total_weeks'])} tuần."
            if bc.get("total_weeks")
            else "."
        )
    ]
    strengths += grouped_notes(data["notes"]["results"])[:6]
    out["strengths"] = strengths
    late = data["late"]
    shortcomings = []
    if late:
        shortcomings.append(
            f"- Còn {n(len(late))} cơ quan, đơn vị chưa gửi hoặc gửi báo cáo chưa đạt yêu cầu (Phụ lục, Biểu 1)."
        )
    shortcomings += grouped_notes(data["notes"]["shortcomings"])
    out["shortcomings"] = shortcomings or ["Các cơ quan, đơn vị không nêu tồn tại, hạn chế trong báo cáo."]
    causes = grouped_notes(causes_from(data["notes"]["shortcomings"]))
    out["causes"] = causes or [
        "Một số cơ quan, đơn vị chưa quan tâm đúng mức đến công tác thông tin, tuyên truyền CCHC; "
        "việc cập nhật kết quả vào hệ thống còn chậm."
    ]
    nxt = period.next()
    tasks = [
        f"1. Các cơ quan, đơn vị tiếp tục triển khai Kế hoạch; gửi báo cáo định kỳ đầy đủ, đúng hạn về {coordinator} để tổng hợp."
    ]
    if bc.get("unit_id"):
        radio = getattr(data["units"].get(bc["unit_id"]), "name", "")
        tasks.append(
            f"2. {radio} duy trì chuyên mục CCHC mỗi tuần ít nhất {n(bc['min_count'])} lần, "
            f"mỗi lần ít nhất {n(bc['min_minutes'])} phút."
        )
    pending = [r for r in acts["rows"] if r["state"] in ("in_progress", "overdue", "not_started")]
    for i, r in enumerate(pending, start=len(tasks) + 1):
        tasks.append(
            f"{i}. {r['lead']}: {r['content'].rstrip('.')} ({STATE_LABELS_VI[r['state']].lower()}, tiến độ {r['progress']}%)."
        )
    out["tasks"] = [f"Trong {nxt.label_vi}, tập trung thực hiện các nhiệm vụ sau:", *tasks]
    superior = superior_of(plan)
    proposals = grouped_notes(data["notes"]["proposals"])
    lead = f"Kiến nghị {superior}:" if superior else "Kiến nghị cấp trên:"
    out["proposals"] = (
        [lead, *proposals]
        if proposals
        else [f"{lead} tiếp tục quan tâm hướng dẫn, cung cấp tài liệu tuyên truyền CCHC cho cơ sở."]
    )
    return out


def report(data: dict, stamp: Stamp, sections: dict[str, str] | None = None) -> Document:
    """The report as a document model; ``sections`` are the coordinator's edited narratives by key."""
    plan, period = data["plan"], data["period"]
    sections = sections or {}
    drafted = default_sections(data)
    seen: set[str] = set()
    label = period.label_vi
    summary = f"Kết quả công tác thông tin, tuyên truyền cải cách hành chính {label}"

    def part(key):
        return _paras(key, drafted[key], sections, seen)

    body: list = [*part("opening")]
    body.append(Heading("I. Kết quả thực hiện"))
    body.append(Heading("1. Công tác chỉ đạo, điều hành", level=2))
    body += part("direction")
    body.append(Heading("2. Kết quả tuyên truyền theo nội dung", level=2))
    body += part("content")
    body.append(Heading("3. Kết quả tuyên truyền theo hình thức", level=2))
    body += part("forms")
    body.append(Heading("II. Đánh giá chung"))
    body.append(Heading("1. Ưu điểm", level=2))
    body += part("strengths")
    body.append(Heading("2. Tồn tại, hạn chế", level=2))
    body += part("shortcomings")
    body.append(Heading("3. Nguyên nhân", level=2))
    body += part("causes")
    body.append(Heading("III. Phương hướng, nhiệm vụ thời gian tới"))
    body += part("tasks")
    body.append(Heading("IV. Kiến nghị, đề xuất"))
    body += part("proposals")
    body.append(
        Para(
            f"Trên đây là báo cáo kết quả công tác thông tin, tuyên truyền CCHC {label} của {plan.issuer.name}./."
        )
    )
    reference = stamp.reference(SYMBOL)
    annex = Annex(
        title=f"Thống kê kết quả công tác thông tin, tuyên truyền cải cách hành chính {label}",
        subtitle="",
        note=f"(Kèm theo Báo cáo {reference} của {plan.issuer.name})",
        blocks=annex_tables.report_tables(data),
        landscape=True,
    )
    recipients = [r for r in plan.recipients if not r.lower().lstrip("- ").startswith("lưu")]
    superior = superior_of(plan)
    if superior and not any(superior in r for r in recipients):
        recipients.insert(0, superior)
    return Document(
        header=header(
            plan, stamp.number_line(SYMBOL), stamp.place_date(plan.issuer.name), "BÁO CÁO", summary
        ),
        body=body,
        closing=closing(plan, recipients or ["Như trên"]),
        annexes=[annex],
        filename=f"bao-cao-tuyen-truyen-cchc-{period.code}",
    )
