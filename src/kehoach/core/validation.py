"""Giới hạn dữ liệu vào: one set of limits and validators for every path (pages, API, imports, admin).

Refuse, never truncate: a value over a limit is an error the sender sees (422 in the API, a field
error on pages), not a silently shortened record. The API schemas use the ``Annotated`` types
below; Django forms and importers call the plain ``validate_*`` functions.
"""

import datetime
import re
from typing import Annotated

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from pydantic import AfterValidator, Field

from kehoach.core.errors import Invalid

# Lengths (characters).
SHORT_TEXT_MAX = 500  # titles, names, places
NOTE_MAX = 10_000  # notes, descriptions, feedback bodies
URL_MAX = 200  # the narrowest URL column (Activity.link, URLField default)

# Integers: counts and money fit PostgreSQL's integer / bigint on both databases.
INT_MAX = 2**31 - 1  # PositiveIntegerField on PostgreSQL
BIGINT_MAX = 2**63 - 1  # ids, amounts in đồng (BigIntegerField); SQLite overflows above it

# Dates: a plan's world. Year 0001 or 9999 is a typo, not a plan.
DATE_MIN = datetime.date(2000, 1, 1)
DATE_MAX = datetime.date(2100, 12, 31)

# Control characters other than tab, newline and carriage return (NUL among them).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_web_url = URLValidator(schemes=["http", "https"])


def validate_text(value: str, max_length: int = SHORT_TEXT_MAX) -> str:
    """No control characters, not longer than ``max_length``."""
    if _CONTROL.search(value):
        raise ValueError("Không được chứa ký tự điều khiển (ví dụ ký tự NUL).")
    if len(value) > max_length:
        raise ValueError(f"Dài quá {max_length} ký tự ({len(value)}).")
    return value


def validate_web_url(value: str) -> str:
    """Đường dẫn: http:// or https:// only (never javascript:, data:, file:), at most URL_MAX characters."""
    if not value:
        return value
    if len(value) > URL_MAX:
        raise ValidationError(f"Đường dẫn dài quá {URL_MAX} ký tự.", code="max_length")
    if _CONTROL.search(value):
        raise ValidationError("Đường dẫn không được chứa ký tự điều khiển.", code="invalid")
    try:
        _web_url(value)
    except ValidationError:
        raise ValidationError("Đường dẫn phải bắt đầu bằng http:// hoặc https://.", code="invalid")
    return value


def validate_date(value: datetime.date) -> datetime.date:
    """Between 01/01/2000 and 31/12/2100."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not DATE_MIN <= day <= DATE_MAX:
        raise ValueError("Ngày phải trong khoảng 01/01/2000 đến 31/12/2100.")
    return value


def _as_value_error(check):
    def run(value):
        if value is None:
            return value
        try:
            return check(value)
        except ValidationError as exc:
            raise ValueError(exc.messages[0])

    return run


# --- types for the API schemas (pydantic) ---------------------------------------------------
ShortText = Annotated[str, AfterValidator(validate_text)]
NoteText = Annotated[str, AfterValidator(lambda v: validate_text(v, NOTE_MAX))]
WebUrl = Annotated[str, Field(max_length=URL_MAX), AfterValidator(_as_value_error(validate_web_url))]
# Numbers in JSON bodies are strict: ``true`` or ``"50"`` for a count is a client bug, refused with
# 422 rather than saved as 1 or 50. Query and form values arrive as text, so their types (Id, Year)
# stay lax; ``Ref``/``StrictYear``/``Flag`` are the body-side twins. ISO date strings stay accepted.
Count = Annotated[int, Field(ge=0, le=INT_MAX, strict=True)]
Amount = Annotated[int, Field(ge=0, le=BIGINT_MAX, strict=True)]
Percent = Annotated[int, Field(ge=0, le=100, strict=True)]
Id = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
Ref = Annotated[int, Field(ge=1, le=BIGINT_MAX, strict=True)]  # an id given in a JSON body
Year = Annotated[int, Field(ge=DATE_MIN.year, le=DATE_MAX.year)]
StrictYear = Annotated[int, Field(ge=DATE_MIN.year, le=DATE_MAX.year, strict=True)]
Flag = Annotated[bool, Field(strict=True)]  # true/false only, never "yes", 1 or "0"
SaneDate = Annotated[datetime.date, AfterValidator(validate_date)]
SaneDateTime = Annotated[datetime.datetime, AfterValidator(validate_date)]


# --- Django form helpers ----------------------------------------------------------------------
def form_text_validator(max_length: int = SHORT_TEXT_MAX):
    """A Django validator (raises ValidationError) for forms: the same rule as ShortText/NoteText."""

    def check(value):
        try:
            validate_text(value or "", max_length)
        except ValueError as exc:
            raise ValidationError(str(exc))

    return check


def form_date_validator(value):
    try:
        validate_date(value)
    except ValueError as exc:
        raise ValidationError(str(exc))


# --- for services (every path: pages, API, imports, commands) ---------------------------------
InvalidInput = Invalid  # the one 422 class (core.errors.Invalid), under the name callers here use


def clean_web_url(value: str | None, label: str = "Đường dẫn") -> str:
    """The service-side gate for every URL: "" or an http(s) URL within URL_MAX; never truncated."""
    value = (value or "").strip()
    try:
        return validate_web_url(value)
    except ValidationError as exc:
        raise InvalidInput(f"{label}: {exc.messages[0]}")


def clean_text(value: str | None, label: str, max_length: int = SHORT_TEXT_MAX) -> str:
    """The service-side gate for free text: no control characters, within ``max_length``."""
    value = value or ""
    try:
        return validate_text(value, max_length)
    except ValueError as exc:
        raise InvalidInput(f"{label}: {exc}")


def row_text_problem(value: str, label: str, max_length: int = SHORT_TEXT_MAX) -> str | None:
    """For importers that collect every row's errors before saving: the reason ``value`` breaks
    the text rule (control characters, over ``max_length``), said with its ``label``; else None."""
    try:
        validate_text(value or "", max_length)
    except ValueError as exc:
        return f"{label}: {str(exc)[:1].lower()}{str(exc)[1:]}"
    return None


# --- spreadsheets: checked before openpyxl parses them ------------------------------------------
SHEET_MAX_ROWS = 20_000  # rows (empty ones too) per worksheet
SHEET_MAX_COLUMNS = 200
XLSX_MAX_UNCOMPRESSED = 60 * 1024 * 1024  # bytes of XML once unzipped
XLSX_MAX_RATIO = 100  # uncompressed / compressed, per member: zip bombs are far above it
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:([A-Z]+)(\d+)"')


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def check_xlsx(raw: bytes) -> None:
    """Bảng tính quá khổ: refuse an .xlsx whose sheets are too big or too compressed, before parsing.

    Reads only the zip directory and streams each worksheet's XML counting rows, so a 31 KB file
    holding 3 million empty rows is refused in milliseconds instead of parsed for seconds.
    Raises ``InvalidInput`` (a DomainError) with a Vietnamese message; unreadable zips pass through
    to the parser, which has its own message.
    """
    import io
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError):
        return
    total = 0
    with archive:
        for info in archive.infolist():
            total += info.file_size
            if total > XLSX_MAX_UNCOMPRESSED:
                raise InvalidInput("Tệp bảng tính quá lớn khi giải nén; hãy chia thành nhiều tệp.")
            if info.file_size > 1024 * 1024 and info.file_size > XLSX_MAX_RATIO * max(info.compress_size, 1):
                raise InvalidInput("Tệp bảng tính có tỷ lệ nén bất thường; không xử lý.")
            if not info.filename.startswith("xl/worksheets/") or not info.filename.endswith(".xml"):
                continue
            _check_sheet(archive, info)


def _check_sheet(archive, info) -> None:
    rows = 0
    tail = b""
    read = 0
    with archive.open(info) as stream:
        while chunk := stream.read(1024 * 1024):
            read += len(chunk)
            if read > XLSX_MAX_UNCOMPRESSED:  # the directory may lie about sizes
                raise InvalidInput("Tệp bảng tính quá lớn khi giải nén; hãy chia thành nhiều tệp.")
            window = tail + chunk
            if rows == 0 and (found := _DIMENSION.search(window)):
                if int(found.group(2)) > SHEET_MAX_ROWS + 1:
                    raise InvalidInput(f"Trang tính có quá {SHEET_MAX_ROWS} dòng; hãy chia thành nhiều tệp.")
                if _column_number(found.group(1)) > SHEET_MAX_COLUMNS:
                    raise InvalidInput(f"Trang tính có quá {SHEET_MAX_COLUMNS} cột.")
            rows += window.count(b"<row") - tail.count(b"<row")
            if rows > SHEET_MAX_ROWS + 1:
                raise InvalidInput(f"Trang tính có quá {SHEET_MAX_ROWS} dòng; hãy chia thành nhiều tệp.")
            tail = chunk[-8:]
