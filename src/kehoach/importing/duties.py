"""Duties (nhiệm vụ, trách nhiệm) from the body: who, what, by when (hạn), how often (định kỳ),
and where the result goes (gửi về / thông qua).

Every bullet or paragraph under a responsibility heading in TỔ CHỨC THỰC HIỆN is a duty; elsewhere
only sentences that carry a deadline or a recurrence are. Dates in legal bases, effective dates,
target years in objectives and yearly budgeting ("dự toán ... hằng năm") are not duties.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date

from .clauses import Clause
from .inline import is_field
from .names import fold, looks_like_org, split_parties, take_org, take_subject
from .timeframes import ROMAN_QUARTERS, days_in_month

_D = r"(\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(\d{1,2})(?:\s*(?:/|-|\.|\s+năm\s+)\s*((?:19|20)\d\d))?"
_DUE_PATTERNS = (
    (re.compile(r"trước\s+(?:ngày\s*)?" + _D, re.I), False),
    (re.compile(r"(?:chậm nhất|muộn nhất|hạn chót|hạn cuối|không quá|không muộn hơn)\s*(?:là\s*|vào\s*)?(?:ngày\s*)?" + _D, re.I), True),
    (re.compile(r"(?:đến|tới|trong|hết)\s+(?:\d{1,2}\s*giờ(?:\s*\d{1,2})?(?:\s*phút)?,?\s*)?ngày\s*(?:[^\d\s,.;]+\s+){0,3}?" + _D, re.I), True),
    (re.compile(r"(?:hoàn thành|xong|hoàn tất)\s+(?:vào|trong)?\s*(?:ngày\s*)?" + _D, re.I), True),
)  # fmt: skip
_DUE_MONTH = re.compile(
    r"(?:xong|hoàn thành|hoàn tất|ban hành|trình|báo cáo|gửi)[^.;]{0,40}?\s(trước|trong)\s+tháng\s*(\d{1,2})(?:\s*(?:/|-|năm)\s*((?:19|20)\d\d))?",
    re.I,
)
_DUE_QUARTER = re.compile(
    r"(?:xong|hoàn thành|hoàn tất|ban hành|trình)[^.;]{0,40}?\s(trước|trong)\s+qu[ýí]\s*(IV|III|II|I|[1-4])(?:\s*(?:/|-|năm)\s*((?:19|20)\d\d))?",
    re.I,
)
# a sentence that ends on its quarter or month with the year written ("... tổ chức xây dựng và
# triển khai kế hoạch ... trong quý II năm 2026."): the deadline of the whole sentence, whatever its verb
_DUE_QUARTER_END = re.compile(
    r"(?:^|\s)(trước|trong)\s+qu[ýí]\s*(IV|III|II|I|[1-4])\s*(?:/|-|năm)\s*((?:19|20)\d\d)\s*(?:[.;]|$)", re.I
)
# the time alone in brackets closing a sentence ("Kết nối Nền tảng ... (Quý III/2025)."): its end
_DUE_QUARTER_PAREN = re.compile(
    r"()\(\s*qu[ýí]\s*(IV|III|II|I)\s*(?:/|-|năm)\s*((?:19|20)\d\d)\s*\)\s*[.;]?$", re.I
)
_DUE_MONTH_PAREN = re.compile(r"()\(\s*tháng\s*(\d{1,2})\s*(?:/|-|năm)\s*((?:19|20)\d\d)\s*\)\s*[.;]?$", re.I)
_DUE_MONTH_END = re.compile(
    r"(?:^|\s)(trước|trong)\s+tháng\s*(\d{1,2})\s*(?:/|-|năm)\s*((?:19|20)\d\d)\s*(?:[.;]|$)", re.I
)
_UNTIL = re.compile(r"\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:ngày\s*)?" + _D, re.I)
_RECURRING_NEAR = re.compile(r"^\W{0,3}(?:và[^.;]{0,20})?\s*(?:hằng|hàng|mỗi)\s+(?:năm|tháng|quý)", re.I)
_NOT_DUTY = re.compile(r"có hiệu lực|dự toán|hiệu lực thi hành|kể từ ngày ký", re.I)

_NUM_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "mười hai": 12, "mười": 10}


def _num(s: str | None) -> int:
    if not s:
        return 1
    s = s.lower()
    return int(s) if s.isdigit() else _NUM_WORDS.get(s, 1)


def _every(n: int, unit: str) -> str:
    unit = unit.lower()
    if unit == "tháng":
        return {1: "month", 3: "quarter", 6: "6 months", 12: "year"}.get(n, "unspecified")
    if unit == "năm":
        return "year" if n == 1 else "unspecified"
    if unit in ("quý", "quí"):
        return "quarter" if n == 1 else ("6 months" if n == 2 else "unspecified")
    if unit == "tuần":
        return "week" if n == 1 else "unspecified"
    if unit == "ngày":
        return "day" if n == 1 else "unspecified"
    return "unspecified"


_PERIOD = re.compile(
    r"\s*(?:,|và|hoặc|/|;)?\s*(?:(?:hằng|hàng|mỗi)\s+)?(?:(\d{1,2}|một|hai|ba|bốn|sáu)\s+)?(ngày|tuần|tháng|quý|quí|năm)(?![\w])",
    re.I,
)


def find_recurrence(text: str) -> list[dict]:
    """'Định kỳ 06 tháng, một năm' -> [{'every': '6 months'}, {'every': 'year'}]; 'mỗi tuần ít nhất
    một lần, ... ít nhất 10 phút' -> [{'every': 'week', 'min_count': 1, 'min_minutes': 10}]."""
    text = fold(text)
    low = text.lower()
    found: list[dict] = []

    def add(every: str, **extra) -> None:
        for f in found:
            if f["every"] == every:
                f.update({k: v for k, v in extra.items() if v is not None})
                return
        entry = {"every": every}
        entry.update({k: v for k, v in extra.items() if v is not None})
        found.append(entry)

    for m in re.finditer(r"định kỳ", low):
        pos = m.end()
        while True:
            pm = _PERIOD.match(low, pos)
            if not pm:
                break
            add(_every(_num(pm.group(1)), pm.group(2)))
            pos = pm.end()
    for m in re.finditer(r"(?:hằng|hàng|mỗi)\s+(ngày|tuần|tháng|quý|quí|năm)(?![\w])", low):
        unit = m.group(1)
        every = _every(1, unit)
        sentence = re.split(r"[.;]\s", low[: m.start()])[-1] + low[m.start() :].split(". ")[0]
        opens = re.match(r"^\W*(?:hằng|hàng|mỗi) năm,", sentence)  # "Hằng năm, chủ động xây dựng ..."
        if (
            unit == "năm"
            and not opens
            and not re.search(r"trước ngày|báo cáo|gửi về|định kỳ|ít nhất|vào ngày|tổng kết|sơ kết", sentence)
            # "ban hành bảng giá ... hàng năm" is yearly work; "ban hành kế hoạch ... hàng năm" names the plan
            and not re.search(
                r"ban hành\s(?![^.;]*kế hoạch)[^.;]*$", sentence.split("hàng năm")[0].split("hằng năm")[0]
            )
        ):
            continue  # "kế hoạch ... hằng năm" describes the plan, not a recurring duty
        if unit == "năm" and re.search(r"dự toán|ngân sách", low):
            continue
        day = re.search(r"(?:trước|vào)\s+ngày\s+(\d{1,2})\s+(?:hằng|hàng|mỗi)\s+tháng", low)
        dates = (
            re.findall(r"(\d{1,2})\s*/\s*(\d{1,2})(?!\s*/\s*\d)", low[: m.start()][-60:])
            if unit == "năm"
            else []
        )
        add(
            every,
            day=int(day.group(1)) if day and unit == "tháng" else None,
            dates=[f"{int(mo):02d}-{int(d):02d}" for d, mo in dates] or None,
        )
    m = re.search(r"(\d{1,2}|một|hai|ba)\s+lần\s*/\s*(tuần|tháng|quý|năm)", low)
    if m:
        add(_every(1, m.group(2)), min_count=_num(m.group(1)))
    for f in found:
        if f["every"] in ("week", "month", "quarter", "year", "day"):
            unit = {"week": "tuần", "month": "tháng", "quarter": "quý", "year": "năm", "day": "ngày"}[
                f["every"]
            ]
            mc = re.search(r"mỗi\s+" + unit + r"[^.;]{0,30}?ít nhất\s+(\d{1,2}|một|hai|ba)\s+lần", low)
            if mc:
                f["min_count"] = _num(mc.group(1))
                mm = re.search(r"ít nhất\s+(\d{1,3})\s+phút", low)
                if mm:
                    f["min_minutes"] = int(mm.group(1))
    return found


_DAY_MONTHLY = re.compile(
    r"(trước|chậm nhất|vào|trong)\s+(?:ngày\s*)?(\d{1,2})\s+(?:hằng|hàng|mỗi)\s+tháng", re.I
)
_IN_YEAR = re.compile(
    r"(?:hoàn thành|xong|hoàn tất)[^.;]{0,40}?\strong\s+năm\s+((?:19|20)\d\d)"
    # "Trong năm 2022, các bộ, ngành ... hoàn thành việc ..."
    r"|(?:^|(?<=[.;]\s))\W*trong\s+năm\s+((?:19|20)\d\d),[^.]{0,300}?\s(?:hoàn thành|xong|hoàn tất)\b",
    re.I,
)
_PREAMBLE = re.compile(r"^\W*(?:Trên cơ sở|Căn cứ|Theo|Để|Nhằm)\s", re.I)
_LEAD_TIME = re.compile(
    r"^\W*(?:trong\s+năm\s+(?:19|20)\d\d|(?:hằng|hàng|mỗi)\s+(?:năm|quý|tháng)),\s*", re.I
)


def _next_recurring(m: re.Match, text: str, after: date | None) -> dict | None:
    """'trước ngày 30 tháng 11 hằng năm' issued on 04/05/2020 -> 30/11/2020: the first such day
    after the issue date (the due of a recurring duty is its first occurrence)."""
    if after is None or not m.group(2):
        return None
    every = _RECURRING_NEAR.match(text[m.end() :]).group(0).casefold()
    if "năm" not in every:
        return None
    d = _first_after(after, int(m.group(2)), int(m.group(1)), yearly=True)
    inclusive = not m.group(0).casefold().startswith("trước")
    return {"date": d.isoformat(), "inclusive": inclusive} if d else None


def _first_after(after: date, month: int, day: int, yearly: bool) -> date | None:
    for k in range(13):
        if yearly:
            y, mo = after.year + k, month
        else:
            y, mo = after.year + (after.month - 1 + k) // 12, (after.month - 1 + k) % 12 + 1
        try:
            d = date(y, mo, day)
        except ValueError:
            continue
        if d > after:
            return d
    return None


def find_due(text: str, year: int | None, after: date | None = None) -> dict | None:
    """'trước ngày 26/01/2021' -> {'date': '2021-01-26', 'inclusive': False}; 'chậm nhất ngày 15/12'
    -> inclusive True (the plan's year when none is written). A recurring date ('trước ngày 20 hằng
    tháng', 'trước ngày 30/11 hằng năm') gives its first occurrence after ``after`` (the issue
    date), when it is known; 'hoàn thành trong năm 2026' gives 31/12/2026."""
    text = fold(text)
    best: tuple[int, dict] | None = None
    for rx, inclusive in _DUE_PATTERNS:
        for m in rx.finditer(text):
            if _RECURRING_NEAR.match(text[m.end() :]):
                nxt = _next_recurring(m, text, after)
                if nxt and (best is None or m.start() < best[0]):
                    best = (m.start(), nxt)
                    break
                continue
            y = int(m.group(3)) if m.group(3) else year
            if y is None:
                continue
            try:
                d = date(y, int(m.group(2)), int(m.group(1)))
            except ValueError:
                continue
            until = _UNTIL.match(text, m.end())  # "trong ngày 02/02/2026 đến ngày 03/02/2026": the last day
            if until:
                with contextlib.suppress(ValueError):
                    d = date(int(until.group(3) or y), int(until.group(2)), int(until.group(1)))
            if best is None or m.start() < best[0]:
                best = (m.start(), {"date": d.isoformat(), "inclusive": inclusive})
            break
    m = _DAY_MONTHLY.search(text) if after is not None else None
    if m and (best is None or m.start() < best[0]):
        d = _first_after(after, 1, int(m.group(2)), yearly=False)
        if d:
            best = (m.start(), {"date": d.isoformat(), "inclusive": m.group(1).casefold() != "trước"})
    if best:
        return best[1]
    m = _IN_YEAR.search(text)
    if m:
        return {"date": f"{m.group(1) or m.group(2)}-12-31", "inclusive": True}
    for rx, quarter in (
        (_DUE_MONTH, False),
        (_DUE_QUARTER, True),
        (_DUE_MONTH_END, False),
        (_DUE_QUARTER_END, True),
        (_DUE_MONTH_PAREN, False),
        (_DUE_QUARTER_PAREN, True),
    ):
        m = rx.search(text)
        if not m or _RECURRING_NEAR.match(text[m.end() :]):
            continue
        y = int(m.group(3)) if m.group(3) else year
        if y is None:
            continue
        month = 3 * ROMAN_QUARTERS[m.group(2).lower()] if quarter else int(m.group(2))
        if not 1 <= month <= 12:
            continue
        if m.group(1).lower() == "trước":
            first = month - 2 if quarter else month
            return {"date": date(y, first, 1).isoformat(), "inclusive": False}
        return {"date": date(y, month, days_in_month(y, month)).isoformat(), "inclusive": True}
    return None


def find_report_to(text: str) -> str | None:
    """'(thông qua Phòng Nội vụ)' wins over 'gửi về Ủy ban nhân dân huyện'."""
    text = fold(text)
    m = re.search(r"\((?:thông\s+)?qua\s+([^)]+)\)", text) or re.search(r"thông qua\s+([^)]+)", text)
    if m and looks_like_org(m.group(1)):
        return take_org(m.group(1)) or None
    for m in re.finditer(r"(?:gửi|báo cáo|nộp)\s+(?:về\s+|đến\s+|cho\s+|lên\s+)*", text):
        rest = text[m.end() :]
        if looks_like_org(rest):
            name = take_org(rest)
            if name:
                return name
    # "báo cáo kết quả về Sở Nội vụ", "gửi văn bản đề nghị đến Sở Tư pháp"
    for m in re.finditer(r"(?:gửi|báo cáo|nộp)\s[^.;()]{0,50}?\s(?:về|đến|lên)\s+", text):
        rest = text[m.end() :]
        if looks_like_org(rest):
            name = take_org(rest)
            if name:
                return name
    return None


_PREFIX = re.compile(r"^(?:giao|đề nghị|yêu cầu|kính đề nghị|đề nghị với)\s+", re.I)
_DUTY_OF = re.compile(r"^trách nhiệm (?:của\s+)?(.{4,240})$", re.I)
_TCTH = re.compile(r"tổ chức thực hiện|trách nhiệm|phân công", re.I)


def responsible(clause: Clause) -> str | None:
    """The organisation a lettered/numbered clause makes responsible, as written, or None."""
    if clause.kind in ("roman", "article"):
        return None
    if clause.heading:
        head = _PREFIX.sub("", clause.heading).strip()
        if looks_like_org(head) and not re.search(r"trách nhiệm thực hiện|kinh phí", head, re.I):
            return take_org(head) if len(head.split()) > 14 else head.rstrip(":").strip()
        return None
    text = clause.text
    m = _DUTY_OF.match(text or "")
    if m and clause.children and not re.search(r"[.:]\s*\S", m.group(1)) and looks_like_org(m.group(1)):
        # "2. Trách nhiệm của các bộ, cơ quan ngang bộ, …; Ủy ban nhân dân các tỉnh, …" over its items
        return m.group(1).rstrip(" .:;")
    if re.match(r"^tổ chức\s+(?!chính trị|quốc tế|xã hội|,|và|đoàn|hội)", text or "", re.I):
        return None  # "Tổ chức tổng kết, đánh giá …": the verb, not a body
    if looks_like_org(text):
        name = take_subject(_PREFIX.sub("", text))
        return name or None
    return None


_PERIODIC = re.compile(r"(?:^|(?<=[.;]\s))(?:Hằng|Hàng|Mỗi)\s+(năm|quý|tháng|tuần),\s+(\S[^.;]*)")
_BOUND = re.compile(r"\s(?:có trách nhiệm|chịu trách nhiệm)\b")


def _periodic_sentence(text: str) -> tuple[list[str], list[dict]] | None:
    """'Hằng năm, <parties> có trách nhiệm ...' -> (parties, recurrence)."""
    for m in _PERIODIC.finditer(text):
        rest = m.group(2)
        if not looks_like_org(rest):
            continue
        bound = _BOUND.search(rest)
        who = rest[: bound.start()].strip() if bound and bound.start() < 160 else take_subject(rest)
        if who:
            return split_parties(who), [{"every": _every(1, m.group(1))}]
    return None


def _doer(text: str, year: int | None, after: date | None) -> list[str] | None:
    """The parties named by the last sentence that opens with one, up to the sentence that carries
    the deadline ("Hoàn thành di dời ... . UBND phường Lào Cai chủ trì, ..., hoàn thành trong quý
    IV năm 2026."): a heading sentence that names no one does not hide the doer after it."""
    who = None
    for sentence in re.split(r"(?<=[.])\s+", text):
        sentence = _LEAD_TIME.sub("", sentence)  # "Trong năm 2022, các bộ, ngành; ... hoàn thành"
        if _PREAMBLE.match(sentence) and not looks_like_org(sentence):
            # "Trên cơ sở Nghị quyết ..., Chương trình ..., các bộ, cơ quan ngang bộ ... xây dựng":
            # the doers follow the first comma that opens a unit
            at = next(
                (m.end() for m in re.finditer(r",\s+", sentence) if looks_like_org(sentence[m.end() :])), None
            )
            sentence = sentence[at:] if at else sentence
        if looks_like_org(sentence):
            name = take_subject(_PREFIX.sub("", sentence))
            who = split_parties(name) if name else who
        if find_due(sentence, year, after) or find_recurrence(sentence):
            return who
    return who


def _own_subject(child: Clause) -> list[str] | None:
    """A dash item under a party's heading that names its own doer ("- Ủy ban nhân dân phường Yên
    Bái chủ trì phối hợp với ...": that ward, not every commune of the heading)."""
    text = child.text or ""
    if child.heading or not looks_like_org(text) or not re.search(r"\schủ trì\b", text[:200]):
        return None
    name = take_subject(text)
    return split_parties(name) if name else None


def _dated_window(text: str) -> bool:
    """'* Thời gian thực hiện: Trong khoảng thời gian từ ngày 17/12/2025 đến ngày 01/02/2026': a window
    with its last day (the duty's due when no inline task carries the field)."""
    return bool(re.search(r"(?:từ|trong)\s+(?:khoảng thời gian từ\s+)?ngày\s*\d[^.;]*?\sđến\s", text, re.I))


def _duty(section: str, who: list[str], text: str, year: int | None, after: date | None = None) -> dict:
    return {
        "section": section,
        "who": who,
        "text": fold(text),
        "due": find_due(text, year, after),
        "recurrence": find_recurrence(text),
        "report_to": find_report_to(text),
    }


_ANSWERABLE = re.compile(r"\bthì\s+([^.;:]{3,90}?)\s+có trách nhiệm\b")
_PASSIVE = re.compile(r"\bviệc\b[^.;]{0,200}?\b(?:phải được|được)\s+(?:tiến hành|thực hiện|hoàn thành)", re.I)


def _deadlines_apart(text: str, year: int | None, after: date | None) -> list[str]:
    """Two deadlines in one clause are two duties ("…, hoàn thành trước ngày 20 tháng 4 năm 2026, …,
    báo cáo Thủ tướng Chính phủ trong tháng 4 năm 2026, …"): the text is cut before the part that
    carries the second, at a comma."""
    if len(text) > 3000:
        return [text]
    pieces: list[list[str]] = [[]]
    dues: list[dict | None] = [None]
    for part in re.split(r"(?<=[,;])\s+", text):
        due = find_due(part, year, after)
        if due and dues[-1] and due != dues[-1]:
            pieces.append([])
            dues.append(None)
        pieces[-1].append(part)
        dues[-1] = dues[-1] or due
    if len(pieces) < 2 or not all(dues):
        return [text]
    return [" ".join(p) for p in pieces]


def extract_duties(
    tree: list[Clause], year: int | None, issued_on: str | None = None, issuer: str | None = None
) -> tuple[list[dict], list[dict]]:
    """(duties, responsibility groups [{section, who_text, who}]). ``issued_on`` (ISO) dates the
    first occurrence of a recurring deadline; a duty that names no doer is the ``issuer``'s, named
    as the header names it."""
    try:
        after = date.fromisoformat(issued_on) if issued_on else None
    except ValueError:
        after = None
    if after is None and year:  # an undated copy: the first occurrence in the plan's year
        after = date(year - 1, 12, 31)
    duties: list[dict] = []
    groups: list[dict] = []
    seen: set[int] = set()

    def emit_responsibility(node: Clause, who_text: str) -> None:
        who = split_parties(who_text)
        groups.append({"section": node.path, "who_text": who_text, "who": who})
        own = node.text
        if not own and node.heading and len(node.heading.split()) > 15 and not node.children:
            # a whole sentence read as a heading (its lines were joined): it is the duty's text
            own = node.heading
        if own:
            duties.extend(_duty(node.path, who, x, year, after) for x in _deadlines_apart(own, year, after))
            seen.add(id(node))
        for child in node.children:
            inner = responsible(child) if child.kind not in ("dash", "plus") else None
            if inner:
                emit_responsibility(child, inner)
                continue
            if child.kind == "dash" and child.heading and looks_like_org(child.heading):
                w = child.heading
                groups.append({"section": node.path, "who_text": w, "who": split_parties(w)})
                duties.append(_duty(child.path, split_parties(w), child.full_text(), year, after))
            else:
                doer = _own_subject(child) or who
                for x in _deadlines_apart(child.full_text(), year, after):
                    duties.append(_duty(child.path, doer, x, year, after))
            _mark(child)

    def _mark(n: Clause) -> None:
        seen.add(id(n))
        for c in n.children:
            _mark(c)

    def walk(nodes: list[Clause], in_tcth: bool, who_ctx: list[str]) -> None:
        answerable: list[str] = []  # "… thì X có trách nhiệm …" in the items before
        for n in nodes:
            m = _ANSWERABLE.search(n.text or "")
            if m and m.group(1) not in answerable:
                answerable.append(m.group(1))
            if id(n) in seen:
                continue
            here = in_tcth or (n.kind in ("roman", "article") and bool(_TCTH.search(n.heading or n.text)))
            who_text = responsible(n) if here and (n.kind not in ("dash", "plus") or n.heading) else None
            if who_text:
                emit_responsibility(n, who_text)
                continue
            ctx = who_ctx
            if n.heading and looks_like_org(n.heading):
                ctx = split_parties(n.heading)
            text = n.text
            if (
                n.kind in ("dash", "plus", "letter")
                and is_field(f"{n.heading}: {text}" if n.heading else text)
                and not _dated_window(text)
            ):
                # "Thời hạn hoàn thành: ..." belongs to an inline task (an activity); the windows
                # listed under it ("+ Đợt 1: ... từ ngày ... đến ngày ...") are read on their own
                walk(n.children, here, ctx)
                continue
            yearly = _periodic_sentence(text) if text else None
            if yearly and (
                _NOT_DUTY.search(text) or not (find_due(text, year, after) or find_recurrence(text))
            ):
                # "Kinh phí ... dự toán hằng năm. Hằng năm, các cơ quan được phân công chủ trì ... có
                # trách nhiệm đề xuất ...": the budget sentence is not a duty, the second one is
                duties.append(
                    dict(_duty(n.path, yearly[0], text, year, after), recurrence=yearly[1], due=None)
                )
            elif text and not _NOT_DUTY.search(text):
                due = find_due(text, year, after)
                rec = find_recurrence(text)
                if due or rec:
                    who = ctx
                    if looks_like_org(text):
                        who = split_parties(take_subject(_PREFIX.sub("", text)))
                    elif doer := _doer(text, year, after):
                        who = doer
                    elif not who and answerable and _PASSIVE.search(text):
                        # "Chậm nhất là ngày D, việc xác minh … phải được tiến hành xong": the parties
                        # the items above make answerable
                        who = list(answerable)
                    # "Đợt 1: Từ ngày 05/12/2025 đến ngày 20/02/2026": the heading is part of what is due
                    said = f"{n.heading}: {text}" if n.heading and len(n.heading) <= 40 else text
                    for piece in _deadlines_apart(said, year, after):
                        duties.append(_duty(n.path, who, piece, year, after))
            walk(n.children, here, ctx)

    walk(tree, False, [])
    # a duty that names no doer is the issuer's own, named as its header names it (the one form a
    # reviewer maps to a unit; the body's shorter forms vary from sentence to sentence)
    own = issuer if any(not d["who"] for d in duties) else None
    if own:
        for d in duties:
            if not d["who"] and (d["due"] or d["recurrence"]):
                d["who"] = [own]
    return duties, groups


_ITEM = re.compile(r"(?:^|\s)(?:\(\d{1,2}\)|-)\s+(?=\S)")


def item_duties(
    section: str, lead: str, content: str, year: int | None, issued_on: str | None = None
) -> list[dict]:
    """Deadlines listed inside an inline task's content ("(1) Tổ chức hiệp thương lần thứ nhất: Chậm
    nhất ngày 10/12/2025 (...)", "(2) ..."): each item with a due day is a dated duty of the task's
    lead too, with the task's section (the activity keeps its own time)."""
    try:
        after = date.fromisoformat(issued_on) if issued_on else None
    except ValueError:
        after = None
    if after is None and year:
        after = date(year - 1, 12, 31)
    cuts = [m.end() for m in _ITEM.finditer(content)]
    out: list[dict] = []
    for k, start in enumerate(cuts):
        end = cuts[k + 1] if k + 1 < len(cuts) else len(content)
        item = _ITEM.sub(" ", content[start:end]).strip() if k + 1 == len(cuts) else content[start:end]
        item = re.sub(r"\s*(?:\(\d{1,2}\)|-)\s*$", "", item).strip()
        if not item or not _DUE_DAY.search(item):
            continue
        duty = _duty(section, [lead] if lead else [], item, year, after)
        if duty["due"]:
            out.append(duty)
    return out


_DUE_DAY = re.compile(r"(?:chậm nhất|trước|hạn chót|hoàn thành)\s+(?:là\s+)?ngày\s+\d{1,2}[/.-]\d{1,2}", re.I)
