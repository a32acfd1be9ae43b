"""Time frames (thời gian thực hiện) -> start, end, regular.

``parse_timeframe("Quý III /2021")`` -> ``{"text": "Quý III /2021", "start": "2021-07-01",
"end": "2021-09-30", "regular": False}``. Plain function, no state; reused by the web app.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .names import fold

__all__ = ["parse_timeframe", "parse_date", "ROMAN_QUARTERS", "days_in_month"]

ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"((?:19|20)\d\d)"
_SEP = r"\s*(?:,\s*(?=năm))?(?:/|-|–|năm|,)?\s*"  # "Quý III/2022", "Quý III, năm 2022"

_Q = r"(iv|iii|ii|i|[1-4])(?![\w])"
# "Quý IV/2025", "Quý III, IV/2025", "Quý II - Quý III/2025": one quarter or a run of them
_QUARTER = re.compile(
    r"qu[ýíyi]\s*" + _Q + r"(?:\s*(?:,|-|–|và|đến)\s*(?:qu[ýíyi]\s*)?" + _Q + r")?(?:" + _SEP + _YEAR + r")?",
    re.I,
)
_HALF = re.compile(r"(6|06|sáu)\s*tháng\s*(đầu|cuối)\s*(?:năm)?(?:" + _SEP + _YEAR + r")?", re.I)
_DATE_NUM = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*" + _YEAR + r")?(?![\d/])")
_DATE_WORDS = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})(?:\s*năm\s*" + _YEAR + r")?", re.I)
_MONTH = re.compile(
    r"tháng\s*(\d{1,2})(?:\s*(?:,|-|–|và|đến)\s*(?:tháng\s*)?(\d{1,2}))?(?:" + _SEP + _YEAR + r")?(?![\d])",
    re.I,
)
# "10-11/2019", "01-4/2021": months 10 to 11 (a date is written "10/11/2019")
_MONTH_RANGE_NUM = re.compile(r"(?<![\d/.])(\d{1,2})\s*[-–]\s*(\d{1,2})\s*/\s*" + _YEAR + r"(?![\d/])")
_MONTH_ONLY_NUM = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*" + _YEAR + r"(?![\d/])")
_YEAR_RANGE = re.compile(_YEAR + r"\s*(?:-|–|đến|tới)\s*" + _YEAR)
_YEAR_ONE = re.compile(r"(?<![\d/])" + _YEAR + r"(?![\d/])")
_YEAR_LATER = re.compile(r"(?<!\d)" + _YEAR + r"(?![\d/])")  # also "Quý III/2026"

_REGULAR = re.compile(
    r"thường xuyên|hằng năm|hàng năm|hằng quý|hàng quý|hằng tháng|hàng tháng|hằng tuần|hàng tuần|"
    r"liên tục|cả năm|suốt năm|định kỳ|các năm tiếp theo|những năm tiếp theo|hằng ngày|hàng ngày",
    re.I,
)
_YEARLY = re.compile(r"hằng năm|hàng năm|mỗi năm|các năm", re.I)
_NO_DATES = re.compile(
    r"khi có (?:phát sinh|yêu cầu)|theo tiến độ|theo yêu cầu|theo chỉ đạo|theo kế hoạch|theo lộ trình|"
    r"khi có văn bản|sau khi|theo hướng dẫn|phát sinh",
    re.I,
)


def days_in_month(y: int, m: int) -> int:
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - date(y, m, 1)).days


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _month_end(y: int, m: int) -> date:
    return date(y, m, days_in_month(y, m))


def _safe(y: int | None, m: int, d: int) -> date | None:
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str, year: int | None = None) -> date | None:
    """First date in ``text``: '26/01/2021', '15/12' (with ``year``), 'ngày 15 tháng 12 năm 2025'."""
    spans = _spans(fold(text), year)
    for kind, s, _e, _pos in spans:
        if kind == "date":
            return s
    return None


def _spans(text: str, year: int | None) -> list[tuple[str, date | None, date | None, int]]:
    """All time anchors in ``text`` as (kind, first day, last day, position)."""
    out: list[tuple[str, date | None, date | None, int]] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match) -> bool:
        return all(m.end() <= a or m.start() >= b for a, b in taken)

    def add(kind: str, s: date | None, e: date | None, m: re.Match) -> None:
        taken.append((m.start(), m.end()))
        out.append((kind, s, e, m.start()))

    def later_year(pos: int) -> int | None:
        # "Quý IV - Quý II/2026", "từ 01/3 đến 30/6/2025": a year written later in the text
        m = _YEAR_LATER.search(text, pos)
        return int(m.group(1)) if m else year

    for m in _DATE_WORDS.finditer(text):
        y = int(m.group(3)) if m.group(3) else later_year(m.end())
        d = _safe(y, int(m.group(2)), int(m.group(1)))
        if d:
            add("date", d, d, m)
    for m in _HALF.finditer(text):
        if not free(m):
            continue
        y = int(m.group(3)) if m.group(3) else later_year(m.end())
        if y is None:
            continue
        first = m.group(2).lower() == "đầu"
        add("half", date(y, 1 if first else 7, 1), date(y, 6 if first else 12, 30 if first else 31), m)
    for m in _QUARTER.finditer(text):
        if not free(m):
            continue
        q = ROMAN_QUARTERS[m.group(1).lower()]
        q2 = ROMAN_QUARTERS[m.group(2).lower()] if m.group(2) else q
        y = int(m.group(3)) if m.group(3) else later_year(m.end())
        if y is None:
            continue
        y0 = y - 1 if q2 < q else y  # "Quý IV - Quý II/2026" runs over the new year
        add("quarter", date(y0, 3 * q - 2, 1), _month_end(y, 3 * q2), m)
    for m in _MONTH.finditer(text):
        if not free(m):
            continue
        m1 = int(m.group(1))
        m2 = int(m.group(2)) if m.group(2) else m1
        y = int(m.group(3)) if m.group(3) else later_year(m.end())
        if y is None or not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            continue
        add("month", date(y, m1, 1), _month_end(y, max(m1, m2)), m)
    for m in _MONTH_RANGE_NUM.finditer(text):
        m1, m2, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if free(m) and 1 <= m1 < m2 <= 12:
            add("month", date(y, m1, 1), _month_end(y, m2), m)
    for m in _DATE_NUM.finditer(text):
        if not free(m):
            continue
        dd, mm = int(m.group(1)), int(m.group(2))
        y = int(m.group(3)) if m.group(3) else later_year(m.end())
        d = _safe(y, mm, dd) if 1 <= mm <= 12 else None
        if d:
            add("date", d, d, m)
    for m in _MONTH_ONLY_NUM.finditer(text):
        if not free(m):
            continue
        mm, y = int(m.group(1)), int(m.group(2))
        if 1 <= mm <= 12:
            add("month", date(y, mm, 1), _month_end(y, mm), m)
    for m in _YEAR_RANGE.finditer(text):
        if not free(m):
            continue
        y1, y2 = int(m.group(1)), int(m.group(2))
        if y1 <= y2:
            add("years", date(y1, 1, 1), date(y2, 12, 31), m)
    for m in _YEAR_ONE.finditer(text):
        if not free(m):
            continue
        y = int(m.group(1))
        add("year", date(y, 1, 1), date(y, 12, 31), m)
    out.sort(key=lambda t: t[3])
    return out


def parse_timeframe(
    text: str | None, year: int | None = None, horizon: tuple[int, int] | None = None
) -> dict:
    """A fresh copy of :func:`_parse_timeframe` (cached: a long table repeats a few cells)."""
    return dict(_parse_timeframe(text, year, tuple(horizon) if horizon else None))


@lru_cache(maxsize=4096)
def _parse_timeframe(text: str | None, year: int | None, horizon: tuple[int, int] | None) -> dict:
    """Read a 'Thời gian thực hiện' cell.

    ``year`` is the plan's year (for "Quý I", "tháng 3", "Thường xuyên"); ``horizon`` the plan's
    multi-year span (first, last year) when it states one. Returns the schema's timeframe object:
    ``{"text", "start", "end", "regular"}``; dates are ISO strings or None, never guessed.
    """
    raw = fold(text or "")
    result = {"text": raw or None, "start": None, "end": None, "regular": False}
    if not raw:
        return result
    low = raw.casefold()
    regular = bool(_REGULAR.search(low))
    spans = [s for s in _spans(raw, year) if s[1] is not None]
    paren = raw.find("(")
    deadline = re.match(r"\(\s*(?:chậm nhất|trước|hạn|không quá|muộn nhất|đến|hoàn thành)", raw[paren:], re.I)
    if paren > 0 and any(s[3] < paren for s in spans) and not deadline:
        # ("Dự kiến ngày 05/12/2025 (Chậm nhất ngày 10/12/2025)": the bracket gives the deadline)
        # "Quý II/2026 (theo yêu cầu ... giai đoạn 2026 - 2031 ...)": the remark's years are not the time
        spans = [s for s in spans if s[3] < paren]
    first_regular = _REGULAR.search(low)
    # "Thực hiện thường xuyên, riêng việc ... hoàn thành trong quý II/2020", "Định kỳ hằng năm;
    # riêng năm 2020 ...": the dates belong to an exception, the task itself is regular
    if (
        spans
        and first_regular
        and first_regular.start() < spans[0][3]
        and re.search(r"[,;.]\s*riêng\b|;", low[first_regular.end() : spans[0][3]])
    ):
        spans = []
    if spans and regular and horizon and horizon[1] and _YEARLY.search(low) and not _YEAR_ONE.search(raw):
        # "Quý I hằng năm", "Trước ngày 15/12 hằng năm" in a 2021 - 2025 plan: every year of it
        first = [s for s in _spans(raw, horizon[0]) if s[1] is not None]
        last = [s for s in _spans(raw, horizon[1]) if s[1] is not None]
        if len(first) == len(spans) == len(last):
            spans = [
                (k, a[1], b[2], a[3]) for (k, a, b) in zip([s[0] for s in spans], first, last, strict=True)
            ]
    if not spans:
        if regular:
            if horizon:  # (first, 0): a plan with no stated end, the work goes on
                result["start"] = f"{horizon[0]}-01-01"
                result["end"] = f"{horizon[1]}-12-31" if horizon[1] else None
            elif year:
                result["start"], result["end"] = f"{year}-01-01", f"{year}-12-31"
            if year and re.search(r"trong năm(?!\s*(?:\d|tiếp|sau))|cả năm|suốt năm", low):
                # "Thường xuyên trong năm": the plan's (issue) year
                result["start"], result["end"] = f"{year}-01-01", f"{year}-12-31"
        result["regular"] = regular
        return result
    if _NO_DATES.search(low) and not regular and not spans:
        return result
    start = min(s[1] for s in spans)
    end = max(s[2] for s in spans)
    first_pos = spans[0][3]
    prefix = low[:first_pos]
    open_end = bool(
        re.search(r"(?:^|\s)từ\s*(?:ngày\s*|tháng\s*|năm\s*|quý\s*)?$", prefix)
    ) and not re.search(r"đến|tới|\s[-–]\s", low[first_pos:])
    # "... và các năm tiếp theo", "Năm 2022 và hằng năm": from that year on, to the plan's horizon
    open_end = open_end or bool(
        re.search(r"(?:các|những) năm (?:tiếp theo|sau)|trở đi|\svà\s+(?:hằng|hàng) năm", low)
    )
    before = re.search(
        r"(?:trước|chậm nhất|hạn chót|hạn|đến|tới|muộn nhất|không quá|hoàn thành)\s*(?:là\s*)?(?:ngày\s*|hết\s*|tháng\s*|quý\s*|năm\s*)?$",
        prefix,
    )
    if open_end:
        result["start"] = _iso(start)
        if horizon and horizon[1] and horizon[1] > horizon[0] and horizon[1] >= start.year:
            # in a multi-year plan ("đến năm 2030"); a one-year plan leaves it open
            result["end"] = f"{horizon[1]}-12-31"
    elif before and len(spans) == 1:
        result["end"] = _iso(end)
    else:
        result["start"], result["end"] = _iso(start), _iso(end)
    result["regular"] = regular
    return result
