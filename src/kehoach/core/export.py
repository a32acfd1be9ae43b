"""Xuất Excel: any list a person would want in a spreadsheet, streamed as .xlsx.

The workbook is written row by row (openpyxl's write-only mode, constant memory) into a spooled
temporary file that is then streamed in chunks, so a list of 100 000 rows never sits in memory.
"""

import datetime
import tempfile
from collections.abc import Iterable, Sequence

from django.http import FileResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def wants_xlsx(request) -> bool:
    """The list page was asked for its rows as Excel (``?format=xlsx``)."""
    return request.GET.get("format") == "xlsx"


def xlsx_response(
    filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]
) -> FileResponse:
    """A streamed .xlsx: a header row in bold, then ``rows``; dates shown dd/mm/yyyy."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    bold = []
    for h in headers:
        cell = WriteOnlyCell(sheet, value=h)
        cell.font = Font(bold=True)
        bold.append(cell)
    sheet.append(bold)
    for row in rows:
        out = []
        for value in row:
            if isinstance(value, datetime.date | datetime.datetime):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = (
                    "dd/mm/yyyy hh:mm" if isinstance(value, datetime.datetime) else "dd/mm/yyyy"
                )
                out.append(cell)
            elif value is None or isinstance(value, int | float | str):
                out.append(value)
            else:  # lazy translations, decimals and the like: their text
                out.append(str(value))
        sheet.append(out)
    # FileResponse closes the file once sent, so no context manager here.
    spool = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115
    book.save(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX)


def audit_xlsx(qs, today):
    """Nhật ký thay đổi as the page words it (``audit_display.rows``), in chunks of 1 000 entries."""
    from kehoach.core import audit_display

    def rows():
        chunk = []
        for entry in qs.iterator(chunk_size=1000):
            chunk.append(entry)
            if len(chunk) == 1000:
                yield from _audit_rows(audit_display.rows(chunk))
                chunk = []
        if chunk:
            yield from _audit_rows(audit_display.rows(chunk))

    headers = [
        "Thời điểm",
        "Người thực hiện",
        "Đơn vị",
        "Thao tác",
        "Loại đối tượng",
        "Đối tượng",
        "Thay đổi",
    ]
    return xlsx_response(f"nhat-ky-{today:%Y%m%d}.xlsx", "Nhật ký thay đổi", headers, rows())


def _audit_rows(rows):
    for r in rows:
        changes = "; ".join(f"{c.label}: {c.before} → {c.after}" for c in r.changes)
        yield [r.at, r.actor, r.actor_unit, r.action, r.object_type, r.object_repr, changes]
