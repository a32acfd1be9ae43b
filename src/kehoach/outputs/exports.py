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
