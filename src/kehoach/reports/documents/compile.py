"""One entry point for pages and the API: compile a document of a plan in a format."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import override

from kehoach.core.errors import DomainError
from kehoach.reports import drafting, selectors
from kehoach.reports.documents import builders, data
from kehoach.reports.documents.common import Stamp
from kehoach.reports.documents.docx import render_docx
from kehoach.reports.documents.html import render_pdf
from kehoach.rules.periods import Period, parse_period

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class CompiledFile:
    content: bytes
    filename: str
    content_type: str


def parse_report_period(code: str | None, plan) -> Period:
    if not code:
        raise DomainError("Hãy chọn kỳ báo cáo (period), ví dụ 2021-H1 hoặc 2021.")
    try:
        period = parse_period(code)
    except ValueError:
        raise DomainError(f"Kỳ báo cáo không hợp lệ: {code!r} (ví dụ 2021-H1, 2021).")
    if period.kind not in ("half", "year", "quarter"):
        raise DomainError("Báo cáo tổng hợp theo 6 tháng, quý hoặc năm (ví dụ 2021-H1, 2021).")
    return period


def _check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    fmt = (fmt or "").lower()
    if fmt not in allowed:
        raise DomainError(f"Định dạng không hỗ trợ: {fmt or '(trống)'}; chọn một trong {', '.join(allowed)}.")
    return fmt


def _file(doc, fmt: str, progress=None) -> CompiledFile:
    content = render_docx(doc) if fmt == "docx" else render_pdf(doc, progress)
    return CompiledFile(content, f"{doc.filename}.{fmt}", CONTENT_TYPES[fmt])


def _xlsx(figures: dict) -> CompiledFile:
    from kehoach.reports.documents.xlsx import render_xlsx

    period = figures["period"]
    title = (
        f"Phụ lục: Thống kê kết quả tuyên truyền cải cách hành chính {period.label_vi} theo cơ quan, đơn vị"
    )
    return CompiledFile(
        render_xlsx(figures, title), f"phu-luc-theo-don-vi-{period.code}.xlsx", CONTENT_TYPES["xlsx"]
    )


def draft_stamp(year: int) -> Stamp:
    """A draft: number, day and month left blank for the văn thư; the year printed."""
    return Stamp(year=year)


@override("vi")  # official documents are in Vietnamese whatever the reader's page language
def compile_report(
    user,
    plan,
    period_code: str | None,
    fmt: str,
    today: datetime.date,
    as_of: datetime.date | None = None,
    progress=None,
) -> CompiledFile:
    """Preview of the báo cáo 6 tháng / năm (docx, pdf) or its annex by unit (xlsx): a draft, with no
    number and no day (a preview never takes a number). Coordinator and leaders only.
    Figures as of ``as_of``, by default the period's end (today while the period runs).

    ``progress(percent, message)`` is called between the steps when given (a background job).
    """
    fmt = _check_format(fmt, ("docx", "pdf", "xlsx"))
    period = parse_report_period(period_code, plan)
    drafting.require_compiler(user, plan)
    figures = data.report_data(plan, period, today, as_of)
    if progress is not None:
        progress(50, "Đang dựng văn bản")
    if fmt == "xlsx":
        return _xlsx(figures)
    return _file(builders.report(figures, draft_stamp(figures["as_of"].year)), fmt, progress)


@override("vi")  # official documents are in Vietnamese whatever the reader's page language
def compile_plan(user, plan, fmt: str) -> CompiledFile:
    """The plan as a Decree 30 document with its appendix; anyone who may read the plan."""
    fmt = _check_format(fmt, ("docx", "pdf"))
    return _file(builders.plan_document(data.plan_data(plan)), fmt)


def urging_data(plan, period: Period, today: datetime.date, as_of: datetime.date | None) -> dict:
    figures = data.report_data(plan, period, today, as_of or today)
    # An urging letter speaks of the day it is written, even after the period's end.
    figures["as_of"] = as_of or today
    figures["late"] = selectors.late_units(plan, period, as_of or today)
    _add_return_reasons(figures["late"])
    return figures


def _add_return_reasons(late: list[dict]) -> None:
    """ "Bị trả lại: lý do": the reviewer's comment on the latest returned submission (one query)."""
    from kehoach.tracking.models import Submission

    ids = [item["id"] for u in late for item in u["items"] if item["status"] == "returned"]
    if not ids:
        return
    comments: dict[int, str] = {}
    for deliverable_id, comment in (
        Submission.objects.filter(deliverable_id__in=ids)
        .exclude(review_comment="")
        .order_by("deliverable_id", "-number")
        .values_list("deliverable_id", "review_comment")
    ):
        comments.setdefault(deliverable_id, comment.strip().rstrip("."))
    for u in late:
        for item in u["items"]:
            if item["id"] in comments:
                item["label"] = f"{item['label']}: {comments[item['id']]}"


def parse_any_period(period_code: str | None) -> Period:
    try:
        return parse_period(period_code or "")
    except ValueError:
        raise DomainError(f"Kỳ báo cáo không hợp lệ: {period_code!r} (ví dụ 2021-H1, 2021).")


@override("vi")  # official documents are in Vietnamese whatever the reader's page language
def compile_urging(
    user, plan, period_code: str | None, fmt: str, today: datetime.date, as_of: datetime.date | None = None
) -> CompiledFile:
    """Preview of the công văn đôn đốc: the units that owe a deliverable of the period on ``as_of``
    (default today); a draft with no number."""
    fmt = _check_format(fmt, ("docx", "pdf"))
    period = parse_any_period(period_code)
    drafting.require_compiler(user, plan)
    figures = urging_data(plan, period, today, as_of)
    return _file(builders.urging_letter(figures, draft_stamp(figures["as_of"].year)), fmt)


# --- drafts and issued documents (văn bản đi) ----------------------------------------------------

FORMATS = {"report": ("docx", "pdf", "xlsx"), "plan": ("docx", "pdf"), "urging": ("docx", "pdf")}


def default_year(document) -> int:
    """The year a draft prints: the year its figures are taken (the plan's year for a plan)."""
    if document.type == "plan":
        return document.plan.year or (document.plan.issued_on or document.created_at).year
    return (document.as_of or document.created_at.date()).year


@override("vi")  # official documents are in Vietnamese whatever the reader's page language
def render_outgoing(document, fmt: str, stamp: Stamp, today: datetime.date, progress=None) -> CompiledFile:
    """The file of an ``OutgoingDocument`` (draft or being issued) from the current data and edits;
    ``progress(percent, message)`` follows the PDF's layout when given (the ``issue`` job)."""
    fmt = _check_format(fmt, FORMATS[document.type])
    plan = document.plan
    if document.type == "plan":
        return _file(builders.plan_document(data.plan_data(plan), stamp), fmt, progress)
    period = parse_any_period(document.period)
    if document.type == "urging":
        figures = urging_data(plan, period, today, document.as_of)
        return _file(builders.urging_letter(figures, stamp), fmt, progress)
    figures = data.report_data(plan, period, today, document.as_of)
    if fmt == "xlsx":
        return _xlsx(figures)
    return _file(builders.report(figures, stamp, drafting.latest_sections(document)), fmt, progress)
