"""Xuất Excel of the deliverables list (the rows the page shows, with its filters, unpaged)."""

from kehoach.core.export import xlsx_response
from kehoach.tracking.models import DeliverableStatus

HEADERS = ["Đơn vị", "Mục", "Việc phải nộp", "Kỳ", "Hạn nộp", "Trạng thái", "Quá hạn", "Nộp lúc", "Đã khóa"]


def deliverables_xlsx(qs, today):
    """``qs`` is the page's queryset, annotated ``as_of(today)``."""
    labels = dict(DeliverableStatus.choices)

    def rows():
        for d in qs.order_by("due_date", "unit__sort_order", "id").iterator(chunk_size=1000):
            yield [
                d.unit.name,
                d.duty.section,
                d.duty.text[:300],
                d.period_label,
                d.due_date,
                labels.get(d.state, d.state),
                "Có" if d.overdue else "",
                d.submitted_at.replace(tzinfo=None) if d.submitted_at else None,
                "Có" if d.locked else "",
            ]

    return xlsx_response(f"viec-phai-nop-{today:%Y%m%d}.xlsx", "Việc phải nộp", HEADERS, rows())


def _naive(moment):
    """Excel has no time zones: the local wall-clock time the page shows."""
    from django.utils import timezone

    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


REVIEW_HEADERS = ["Đơn vị", "Mục", "Việc phải nộp", "Kỳ", "Hạn nộp", "Nộp lúc", "Trạng thái"]


def review_xlsx(qs, plan):
    """Hàng chờ tiếp nhận: the queue in the page's order, unpaged."""

    def rows():
        for d in qs.select_related("unit", "duty").iterator(chunk_size=1000):
            yield [
                d.unit.name,
                d.duty.section,
                d.duty.text[:300],
                d.period_label,
                d.due_date,
                _naive(d.submitted_at),
                d.get_status_display(),
            ]

    return xlsx_response(f"hang-cho-tiep-nhan-{plan.pk}.xlsx", "Hàng chờ tiếp nhận", REVIEW_HEADERS, rows())


PROBLEM_HEADERS = ["Đơn vị", "Loại", "Tiêu đề", "Nội dung", "Tình trạng", "Gửi lúc", "Trả lời", "Trả lời lúc"]


def problems_xlsx(qs, plan):
    """Vướng mắc, đề xuất of a plan, with the page's status filter."""

    def rows():
        for p in qs.order_by("-created_at", "-id").iterator(chunk_size=1000):
            yield [
                p.unit.name,
                p.get_kind_display(),
                p.title,
                p.content,
                p.get_status_display(),
                _naive(p.created_at),
                p.answer,
                _naive(p.answered_at),
            ]

    return xlsx_response(f"vuong-mac-de-xuat-{plan.pk}.xlsx", "Vướng mắc, đề xuất", PROBLEM_HEADERS, rows())
