"""Xuất Excel of the outputs list (the rows the page shows, with its filters, unpaged)."""

from kehoach.core.export import xlsx_response
from kehoach.outputs.models import OutputForm

HEADERS = [
    "Ngày",
    "Đơn vị",
    "Hình thức",
    "Tên sản phẩm",
    "Số lượng",
    "Đơn vị tính",
    "Số người tham dự",
    "Đường dẫn",
]


def outputs_xlsx(qs, today):
    forms = dict(OutputForm.choices)

    def rows():
        for o in qs.iterator(chunk_size=1000):
            yield [
                o.date,
                o.unit.name,
                forms.get(o.form, o.form),
                o.title,
                o.quantity,
                o.get_quantity_unit_display(),
                o.participants,
                o.url,
            ]

    return xlsx_response(
        f"san-pham-tuyen-truyen-{today:%Y%m%d}.xlsx", "Sản phẩm tuyên truyền", HEADERS, rows()
    )


BROADCAST_HEADERS = ["Đơn vị", "Thời điểm phát sóng", "Thời lượng (phút)", "Tên chương trình", "Kế hoạch"]


def broadcasts_xlsx(qs, today):
    """Phát sóng: the airings the page lists (its unit), unpaged."""
    from django.utils import timezone

    def rows():
        for b in qs.select_related("unit", "plan").order_by("-aired_at", "-id").iterator(chunk_size=1000):
            yield [
                b.unit.name,
                timezone.localtime(b.aired_at).replace(tzinfo=None),
                b.minutes,
                b.title,
                b.plan.number if b.plan_id else "",
            ]

    return xlsx_response(f"phat-song-{today:%Y%m%d}.xlsx", "Phát sóng", BROADCAST_HEADERS, rows())
