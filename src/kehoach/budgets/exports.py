"""Xuất Excel of the budget list (dự toán kinh phí): the rows the page shows, with its filters."""

from kehoach.core.export import xlsx_response

HEADERS = [
    "Đơn vị",
    "Kế hoạch",
    "Nguồn kinh phí",
    "Trạng thái",
    "Tổng dự toán (đồng)",
    "Số thẩm định (đồng)",
    "Số phê duyệt (đồng)",
    "Ghi chú",
]


def budgets_xlsx(qs, today):
    def rows():
        for b in (
            qs.select_related("unit", "plan").order_by("unit__sort_order", "id").iterator(chunk_size=1000)
        ):
            yield [
                b.unit.name,
                b.plan.number,
                b.get_source_display(),
                b.get_status_display(),
                b.total,
                b.appraised_amount,
                b.approved_amount,
                b.note,
            ]

    return xlsx_response(f"du-toan-kinh-phi-{today:%Y%m%d}.xlsx", "Dự toán kinh phí", HEADERS, rows())
