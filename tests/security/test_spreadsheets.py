"""Bảng tính quá khổ: .xlsx uploads are measured before openpyxl parses them (issue 12: 3 M empty rows)."""

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from kehoach.core.validation import InvalidInput, check_xlsx


def workbook_bytes(rows=3) -> bytes:
    wb = Workbook()
    ws = wb.active
    for i in range(rows):
        ws.append([f"dòng {i}", i])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def with_empty_rows(n: int, dimension: str | None = None) -> bytes:
    """A real workbook whose first sheet is rewritten to hold ``n`` empty rows (31 KB for 3 M)."""
    src = zipfile.ZipFile(io.BytesIO(workbook_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                dim = f'<dimension ref="A1:{dimension}"/>'.encode() if dimension else b""
                body = b"<row/>" * n
                data = head + dim + b"<sheetData>" + body + b"</sheetData></worksheet>"
            dst.writestr(info.filename, data)
    return out.getvalue()


def test_a_normal_workbook_passes():
    check_xlsx(workbook_bytes(100))


def test_three_million_empty_rows_are_refused_in_well_under_a_second():
    raw = with_empty_rows(3_000_000)
    assert len(raw) < 200_000
    start = time.perf_counter()
    with pytest.raises(InvalidInput):
        check_xlsx(raw)
    assert time.perf_counter() - start < 1.0


def test_too_many_rows_without_a_suspicious_ratio_are_refused():
    with pytest.raises(InvalidInput, match="dòng"):
        check_xlsx(with_empty_rows(25_000))


def test_a_lying_dimension_is_refused_too():
    with pytest.raises(InvalidInput, match="dòng"):
        check_xlsx(with_empty_rows(10, dimension="B1048576"))
    with pytest.raises(InvalidInput, match="cột"):
        check_xlsx(with_empty_rows(10, dimension="XFD10"))


def test_a_zip_bomb_member_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(InvalidInput, match="nén"):
        check_xlsx(out.getvalue())


def test_outputs_import_page_refuses_a_huge_sheet_with_a_message(web, org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("san-pham.xlsx", with_empty_rows(3_000_000))
    client = web("vhtt")
    assert client.get("/outputs/import/").status_code == 200  # warm: imports and templates loaded
    start = time.perf_counter()
    response = client.post("/outputs/import/", {"unit": org["vhtt"].pk, "file": upload})
    assert response.status_code == 400
    assert "dòng" in response.content.decode() or "nén" in response.content.decode()
    assert time.perf_counter() - start < 2.0


def test_indices_import_refuses_a_huge_sheet(api, org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("chi-so.xlsx", with_empty_rows(3_000_000))
    response = api("noivu").post("/api/v1/indices/import", {"file": upload})
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]
