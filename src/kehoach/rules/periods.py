"""Reporting periods (kỳ báo cáo) and their data cut-off windows (thời gian chốt số liệu).

Decree 09/2019/NĐ-CP (chế độ báo cáo) fixes the cut-off windows; the rest of the app names a
period by a short code: ``2021`` (year), ``2021-H1`` (6 months), ``2021-Q3`` (quarter),
``2021-05`` (month), ``2021-W05`` (ISO week).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import total_ordering

KINDS: tuple[str, ...] = ("year", "half", "quarter", "month", "week")
"""Period kinds, longest first."""

MIN_YEAR = 1900
MAX_YEAR = 2999

EVERY_TO_KIND: dict[str, str] = {
    "week": "week",
    "month": "month",
    "quarter": "quarter",
    "6 months": "half",
    "year": "year",
}
"""The import schema's recurrence ``every`` values (định kỳ) mapped to period kinds.

``day`` and ``unspecified`` have no period kind and are deliberately absent.
"""

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def iso_weeks_in_year(year: int) -> int:
    """Number of ISO weeks (52 or 53) in ISO year ``year``; 28 December is always in the last one."""
    return date(year, 12, 28).isocalendar()[1]


def _max_index(kind: str, year: int) -> int:
    return {"year": 1, "half": 2, "quarter": 4, "month": 12}.get(kind) or iso_weeks_in_year(year)


@total_ordering
@dataclass(frozen=True, eq=True)
class Period:
    """One reporting period (kỳ báo cáo).

    ``index`` is 1 for a year, 1–2 for a half (6 tháng), 1–4 for a quarter (quý), 1–12 for a month
    (tháng) and the ISO week number 1–53 for a week (tuần; ``year`` is then the ISO year).
    Periods sort by start date, then longer periods first (``2021`` < ``2021-H1`` < ``2021-Q1``).
    """

    kind: str
    year: int
    index: int = 1

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Loại kỳ không hợp lệ: {self.kind!r}; chọn một trong: {', '.join(KINDS)}.")
        if isinstance(self.year, bool) or not isinstance(self.year, int):
            raise ValueError(f"Năm của kỳ phải là số nguyên (nhận được {self.year!r}).")
        if isinstance(self.index, bool) or not isinstance(self.index, int):
            raise ValueError(f"Số thứ tự của kỳ phải là số nguyên (nhận được {self.index!r}).")
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(f"Năm {self.year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}.")
        top = _max_index(self.kind, self.year)
        if not 1 <= self.index <= top:
            raise ValueError(f"Kỳ {self.kind} số {self.index} nằm ngoài khoảng 1–{top} của năm {self.year}.")

    # --- identity -------------------------------------------------------------------------
    @property
    def code(self) -> str:
        """Short code: ``2021``, ``2021-H1``, ``2021-Q3``, ``2021-05``, ``2021-W05``."""
        if self.kind == "year":
            return f"{self.year:04d}"
        if self.kind == "half":
            return f"{self.year:04d}-H{self.index}"
        if self.kind == "quarter":
            return f"{self.year:04d}-Q{self.index}"
        if self.kind == "month":
            return f"{self.year:04d}-{self.index:02d}"
        return f"{self.year:04d}-W{self.index:02d}"

    def __str__(self) -> str:
        return self.code

    def _sort_key(self) -> tuple[date, int]:
        return (self.start, KINDS.index(self.kind))

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    # --- dates ----------------------------------------------------------------------------
    @property
    def start(self) -> date:
        """First day of the period (inclusive)."""
        if self.kind == "year":
            return date(self.year, 1, 1)
        if self.kind == "half":
            return date(self.year, 1 if self.index == 1 else 7, 1)
        if self.kind == "quarter":
            return date(self.year, 3 * self.index - 2, 1)
        if self.kind == "month":
            return date(self.year, self.index, 1)
        return date.fromisocalendar(self.year, self.index, 1)

    @property
    def end(self) -> date:
        """Last day of the period (inclusive)."""
        if self.kind == "week":
            return date.fromisocalendar(self.year, self.index, 7)
        last_month = {"year": 12, "half": 6 * self.index, "quarter": 3 * self.index}.get(
            self.kind, self.index
        )
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end

    def next(self) -> Period:
        """The following period of the same kind."""
        if self.index < _max_index(self.kind, self.year):
            return Period(self.kind, self.year, self.index + 1)
        return Period(self.kind, self.year + 1, 1)

    def previous(self) -> Period:
        """The preceding period of the same kind."""
        if self.index > 1:
            return Period(self.kind, self.year, self.index - 1)
        return Period(self.kind, self.year - 1, _max_index(self.kind, self.year - 1))

    # --- labels ---------------------------------------------------------------------------
    @property
    def label_vi(self) -> str:
        """Vietnamese label as written in documents: "Quý III/2021", "6 tháng đầu năm 2021"."""
        if self.kind == "year":
            return f"năm {self.year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        if self.kind == "quarter":
            return f"Quý {_ROMAN[self.index]}/{self.year}"
        if self.kind == "month":
            return f"Tháng {self.index:02d}/{self.year}"
        return f"Tuần {self.index:02d}/{self.year} ({self.start:%d/%m}–{self.end:%d/%m})"

    @property
    def name_vi(self) -> str:
        """How pages name it: "Tuần 16 (19/04–25/04/2021)" for a week, else the label, capitalised."""
        if self.kind == "week":
            return f"Tuần {self.index:02d} ({self.start:%d/%m}–{self.end:%d/%m/%Y})"
        return self.label_vi[0].upper() + self.label_vi[1:]

    @property
    def label_en(self) -> str:
        """English label: "Q3 2021", "First half of 2021", "Week 05 of 2021 (01/02–07/02)"."""
        if self.kind == "year":
            return f"Year {self.year}"
        if self.kind == "half":
            return f"{'First' if self.index == 1 else 'Second'} half of {self.year}"
        if self.kind == "quarter":
            return f"Q{self.index} {self.year}"
        if self.kind == "month":
            return f"{_MONTHS_EN[self.index - 1]} {self.year}"
        return f"Week {self.index:02d} of {self.year} ({self.start:%d/%m}–{self.end:%d/%m})"


_CODE_RE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:H(?P<half>\d+)|Q(?P<quarter>\d+)|W(?P<week>\d+)|(?P<month>\d{1,2})))?$"
)


def parse_period(code: str) -> Period:
    """Parse a period code (mã kỳ báo cáo) such as ``2021-H1``; raises ``ValueError`` if invalid.

    Accepts lower-case letters and surrounding spaces (``" 2021-q3 "``); ``str(result)`` gives the
    canonical code.
    """
    if not isinstance(code, str):
        raise ValueError(f"Mã kỳ phải là chuỗi ký tự (nhận được {code!r}).")
    m = _CODE_RE.match(code.strip().upper())
    if not m:
        raise ValueError(
            f"Mã kỳ không hợp lệ: {code!r}; dùng YYYY, YYYY-H1..H2, YYYY-Q1..Q4, YYYY-MM hoặc YYYY-Www."
        )
    year = int(m["year"])
    for kind in ("half", "quarter", "week", "month"):  # regex groups are named after the kinds
        if m[kind] is not None:
            index = int(m[kind])
            break
    else:
        kind, index = "year", 1
    try:
        return Period(kind, year, index)
    except ValueError as exc:
        raise ValueError(f"Mã kỳ không hợp lệ: {code!r}: {exc}") from None


def normalize_kind(kind: str) -> str:
    """Accept a period kind or an import-schema ``every`` value ("6 months") and return the kind."""
    if kind in KINDS:
        return kind
    if kind in EVERY_TO_KIND:
        return EVERY_TO_KIND[kind]
    raise ValueError(f"Loại kỳ không hợp lệ: {kind!r}; chọn một trong: {', '.join(KINDS)}.")


def period_containing(kind: str, d: date) -> Period:
    """The period of ``kind`` that contains day ``d`` (for weeks: its ISO week)."""
    kind = normalize_kind(kind)
    if kind == "week":
        iso = d.isocalendar()
        return Period("week", iso[0], iso[1])
    if kind == "year":
        return Period("year", d.year, 1)
    if kind == "half":
        return Period("half", d.year, 1 if d.month <= 6 else 2)
    if kind == "quarter":
        return Period("quarter", d.year, (d.month - 1) // 3 + 1)
    return Period("month", d.year, d.month)


def periods_between(kind: str, start: date, end: date) -> list[Period]:
    """Every period of ``kind`` overlapping the closed range [start, end], in order.

    Weeks are ISO weeks, so the first and last may stick out of the range. ``ValueError`` if
    ``start`` is after ``end``.
    """
    if start > end:
        raise ValueError(f"start {start.isoformat()} is after end {end.isoformat()}")
    p = period_containing(kind, start)
    out = [p]
    while p.end < end:
        p = p.next()
        out.append(p)
    return out


def cutoff_window(period: Period) -> tuple[date, date]:
    """Data cut-off window (thời gian chốt số liệu) of Decree 09/2019/NĐ-CP, both ends inclusive.

    - month: 15th of the previous month → 14th of the month;
    - quarter: 15th of the month before the quarter → 14th of its last month;
    - 6 months: H1 15/12 of the previous year → 14/06; H2 (second 6 months) 15/06 → 14/12;
    - year: 15/12 of the previous year → 14/12;
    - week: the ISO week itself (Monday–Sunday); the decree has no weekly report.
    """
    y = period.year
    if period.kind == "week":
        return period.start, period.end
    if period.kind == "year":
        return date(y - 1, 12, 15), date(y, 12, 14)
    if period.kind == "half":
        if period.index == 1:
            return date(y - 1, 12, 15), date(y, 6, 14)
        return date(y, 6, 15), date(y, 12, 14)
    if period.kind == "quarter":
        first_month = 3 * period.index - 2
        start = date(y - 1, 12, 15) if first_month == 1 else date(y, first_month - 1, 15)
        return start, date(y, first_month + 2, 14)
    # month
    start = date(y - 1, 12, 15) if period.index == 1 else date(y, period.index - 1, 15)
    return start, date(y, period.index, 14)


def nine_months_cutoff_window(year: int) -> tuple[date, date]:
    """Cut-off window of a 9-month report (báo cáo 9 tháng): 15/12 of the previous year → 14/09."""
    return date(year - 1, 12, 15), date(year, 9, 14)


def period_name(code) -> str:
    """A period code as pages name it ("2021-W16" -> "Tuần 16 (19/04–25/04/2021)"); not a code: as given."""
    try:
        return (code if isinstance(code, Period) else parse_period(str(code))).name_vi
    except ValueError:
        return code
