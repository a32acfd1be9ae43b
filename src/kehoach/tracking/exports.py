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
