"""Orchestration: blocks -> the schema's object (schema_version "1")."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import threading

from .blocks import Block, Table
from .clean import clean_line
from .closing import parse_recipients, parse_signature
from .confidence import annotate
from .duties import extract_duties
from .errors import DocumentError, DocumentTooLarge, NotAPlan
from .inline import inline_activities
from .limits import MAX_BYTES, too_large
from .names import fold, looks_like_org
from .readers import read_blocks
from .structure import (
    _AUTH,
    build_tree,
    classify,
    fallback_number,
    objectives_horizon,
    parse_header,
    repair_labels,
    year_from_title,
)
from .tables import find_tables, is_activity_table, table_activities
from .top import tidy_top
from .units import UnitIndex

_BODY_END = re.compile(r"^(Trên đây là|Nơi nhận\s*:?|PHỤ LỤC\b)", re.I)


def _expand(blocks: list[Block]) -> list[Block]:
    items: list[Block] = []
    for b in blocks:
        if isinstance(b, Table):
            items.append(
                Table([[fold(c.replace("\t", " ")) if "\n" not in c else c for c in r] for r in b.rows])
            )
        else:
            for line in b.split("\n"):
                items.append(clean_line(line))
    return items


def _flatten(items: list[Block]) -> tuple[list[str], list[Table]]:
    """Lines for the structure reader; activity tables kept aside. Other tables (the header and
    signature layout tables of a .docx) become lines, cell by cell."""
    lines: list[str] = []
    tables: list[Table] = []
    prev_map = None
    items = _layout_columns(items)
    for it in items:
        if isinstance(it, Table):
            is_activity = is_activity_table(it)
            width = max((len(r) for r in it.rows), default=0)
            if is_activity or (prev_map is not None and width >= 4):
                tables.append(it)
                prev_map = True
                lines.append("")
                continue
            for r in it.rows:
                for cell in r:
                    lines.extend(clean_line(x) for x in cell.split("\n"))
            continue
        prev_map = None if it.strip() and not it.startswith(("STT", "TT")) and len(it) > 80 else prev_map
        if "\t" in it:
            lines.extend(p for p in it.split("\t") if p.strip())
        else:
            lines.append(it)
    return lines, tables


def _layout_row(line: str) -> bool:
    """'ỦY BAN NHÂN DÂN | CỘNG HÒA ... |': text, '|', text, an optional closing '|'. (A regular
    expression for this backtracked quadratically on long lines without '|'.)"""
    if line.count("|") not in (1, 2):
        return False
    parts = line.split("|")
    return bool(parts[0].strip()) and (len(parts) == 2 or not parts[2].strip())


def _layout_columns(items: list[Block]) -> list[Block]:
    """Web copies write the two-column header and signature layout one row per line
    ('ỦY BAN NHÂN DÂN | CỘNG HÒA ... |'): read such a run column by column."""
    out: list[Block] = []
    i = 0
    while i < len(items):
        it = items[i]
        if not (isinstance(it, str) and _layout_row(it)):
            out.append(it)
            i += 1
            continue
        run: list[list[str]] = []
        while i < len(items) and isinstance(items[i], str) and _layout_row(items[i]):
            cells = [c.strip() for c in items[i].strip().rstrip("|").split("|")]
            run.append(cells)
            i += 1
        for col in range(max(len(r) for r in run)):
            out.extend(r[col] for r in run if col < len(r) and r[col])
    return out


_RUNNING = re.compile(r"^(.{6,90}?\.)\s+(?=\S)")
_KIND_THEN = re.compile(r"^(KẾ HOẠCH|CHƯƠNG TRÌNH HÀNH ĐỘNG|CHƯƠNG TRÌNH|QUYẾT ĐỊNH)\.\s+(\S.*)$")


def _strip_running_heads(items: list[Block]) -> list[Block]:
    """Web copies that start section lines with the page's breadcrumb ("Quyết định 435/QĐ-UBND
    năm 2020. II. NỘI DUNG ..."): a sentence-like prefix opening three or more lines is dropped,
    twice at most (breadcrumb, then the document type: "CHƯƠNG TRÌNH HÀNH ĐỘNG. II. ..."), and a
    document type left before its title goes on its own line."""
    for _ in range(2):
        counts: dict[str, int] = {}
        for it in items:
            if isinstance(it, str) and (m := _RUNNING.match(it)):
                counts[m.group(1)] = counts.get(m.group(1), 0) + 1
        heads = {
            h for h, c in counts.items() if c >= 3 and not re.match(r"^(?:[IVX]{1,5}|\d{1,2}|[a-zđ])\.$", h)
        }
        if not heads:
            break
        out: list[Block] = []
        for it in items:
            m = _RUNNING.match(it) if isinstance(it, str) else None
            out.append(it[m.end() :] if m and m.group(1) in heads else it)
        items = out
    out = []
    for it in items:
        m = _KIND_THEN.match(it) if isinstance(it, str) else None
        out.extend([m.group(1), m.group(2)] if m else [it])
    return out


def _body_end(lines: list[str], start: int) -> int:
    for i in range(start, len(lines)):
        s = lines[i].strip()
        if _BODY_END.match(s) or (_AUTH.match(s) and s.upper() == s):
            return i
    return len(lines)


_ARTICLE = re.compile(r"^Điều\s+\d{1,2}\b")


def _body(lines: list[str], start: int) -> list[str]:
    """The body's lines. A decision whose own body is only articles ("Điều 1. Ban hành kèm theo
    Quyết định này Chương trình hành động ...") carries its plan after the signature: the plan's
    sections (from its first roman clause) are the body then."""
    end = _body_end(lines, start)
    body = lines[start:end]
    labelled = [classify(fold(x)) for x in body if x.strip()]
    if not any(_ARTICLE.match(x.strip()) for x in body) or any(c and c[0] == "roman" for c in labelled):
        return body
    for j in range(end + 1, len(lines)):
        c = classify(fold(lines[j]))
        if c and c[0] == "roman":
            return body + lines[j : _body_end(lines, j)]
    return body


def build(blocks: list[Block], year: int | None = None) -> dict:
    items = find_tables(_strip_running_heads(_expand(blocks)))
    lines, tables = _flatten(items)
    warnings: list[str] = []
    lines = tidy_top(lines)
    header, body_from = parse_header(lines)
    fallback_number(lines, header)
    tree = build_tree(repair_labels(_body(lines, body_from)))
    signature = parse_signature(lines[body_from:]) or parse_signature(lines)
    recipients = parse_recipients(lines)

    plan_year, horizon = year_from_title(header.title)
    if plan_year is None and header.issued_on:
        plan_year = int(header.issued_on[:4])
    if plan_year is None:
        plan_year = year
    if plan_year is None:  # an unsigned copy: no earlier than the newest text its title cites
        cited = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", header.title or "")]
        plan_year = max(cited) if cited else None
    if horizon is None and year_from_title(header.title)[0] is None:
        horizon = objectives_horizon(lines[body_from:])  # "b) Mục tiêu cụ thể đến năm 2035"
    if horizon and not horizon[0]:  # "đến năm 2030": from the issue year (or the plan year) on
        first = int(header.issued_on[:4]) if header.issued_on else plan_year
        horizon = (first, horizon[1]) if first and first <= horizon[1] else None

    # Regular work ("Thường xuyên") runs over the horizon; a title naming one year makes a one-year
    # horizon, a title naming none leaves the end open (0): from the issue year on.
    span = horizon
    if span is None and plan_year is not None:
        titled = year_from_title(header.title)[0] is not None
        span = (plan_year, plan_year) if titled else (plan_year, 0)
    activities: list[dict] = []
    prev_map = None
    for t in tables:
        acts, prev_map = table_activities(t, plan_year, span, prev_map, warnings)
        activities.extend(acts)
    inline = inline_activities(tree, plan_year, span)
    activities.extend(inline)
    duties, groups = extract_duties(tree, plan_year, header.issued_on, header.issuer)
    # a task written with labelled fields is an activity, not a duty too; a sentence with a deadline
    # ("UBND phường X chủ trì ..., hoàn thành trong quý IV năm 2026") stays a dated duty as well
    task_sections = {a.get("section") for a in inline if not a.get("_sentence")}
    sentence_sections = {a.get("section") for a in inline if a.get("_sentence")}
    duties = [
        d
        for d in duties
        if d["section"] not in task_sections
        and (d["section"] not in sentence_sections or d["due"] or _reports(d))
    ]

    full_text = "\n".join(lines)
    for t in tables:
        full_text += "\n" + "\n".join("\t".join(r) for r in t.rows)
    units = UnitIndex(full_text)
    units.add(header.issuer)
    units.add(header.superior)
    for a in activities:
        units.add_parties(a["lead"])
        for c in a["coordinators"]:
            units.add(c)
    for g in groups:
        for w in g["who"]:
            units.add(w)
    for d in duties:
        for w in d["who"]:
            units.add(w)
        units.add(d["report_to"])
    for r in recipients:
        if looks_like_org(r) or re.match(r"^(TT|VP|UBND|HĐND|MTTQ)\b", r):
            units.add_parties(r)
    units.finish()
    for a in activities:
        a["lead_unit"] = units.canonical(a["lead"])
        a.pop("_group", None)
        a.pop("_own", None)
        a.pop("_sentence", None)
    annotate(activities)  # confidence and doubts per field, for the review page

    if not _looks_like_plan(header, tree, activities, duties, lines):
        raise NotAPlan(
            "Không nhận ra kế hoạch: không có tên loại văn bản, số hiệu, hoạt động hay nhiệm vụ "
            "/ not recognised as a plan"
        )
    if not header.title:
        warnings.append("Không tìm thấy trích yếu (tên kế hoạch) / no title found")
    if not header.number:
        warnings.append("Không tìm thấy số, ký hiệu văn bản / no document number found")
    if not activities:
        warnings.append(
            "Không tìm thấy bảng hoạt động hoặc nhiệm vụ có cơ quan chủ trì / no activities found"
        )
    if plan_year is None:
        warnings.append("Không xác định được năm của kế hoạch, dùng --year / plan year unknown")

    document = {
        "kind": header.kind,
        "number": header.number,
        "issued_on": header.issued_on,
        "issuer": header.issuer,
        "superior": header.superior,
        "title": header.title,
        "year": plan_year,
        "horizon": list(horizon) if horizon else None,
        "bases": header.bases,
        "signer": signature,
        "recipients": recipients,
    }
    if header.wrapper:
        document["wrapper"] = header.wrapper
    if header.carries:
        document["carries"] = header.carries
    return {
        "schema_version": "1",
        "document": document,
        "sections": [c.as_dict() for c in tree],
        "activities": activities,
        "duties": duties,
        "responsibilities": groups,
        "units": units.as_list(),
        "warnings": warnings,
    }


_SYMBOL = re.compile(r"\b\d{1,5}\s*/\s*(?:\d{4}\s*/\s*)?(?:KH|QĐ|CTr|CTHĐ|NQ|CT|TB|HD)\b", re.I)
_PLAN_WORD = re.compile(r"\b(?:kế hoạch|quyết định|chương trình)\b", re.I)


def _reports(duty: dict) -> bool:
    """A recurring report in a sentence that is also an inline task ("Bộ X chủ trì, ... theo dõi,
    đôn đốc ..., định kỳ hằng năm báo cáo Chính phủ"): a dated duty; a task done "hằng tháng" is not."""
    return bool(duty["recurrence"]) and bool(re.search(r"định kỳ|báo cáo", duty["text"], re.I))


def _looks_like_plan(header, tree, activities, duties, lines: list[str]) -> bool:
    """A plan shows at least one sign: its type line, number, date, legal bases, activities or
    duties; or a numbered body together with a document symbol ("54/KH-UBND") or the words "kế
    hoạch" / "quyết định" near the top (page copies that lost their header keep these)."""
    if header.found or header.number or header.issued_on or header.bases or activities or duties:
        return True
    top = "\n".join(lines[:80])
    return bool(_SYMBOL.search(top) or (tree and _PLAN_WORD.search(top)))


def parse_bytes(data: bytes, filename: str, year: int | None = None, time_limit: float | None = None) -> dict:
    """Parse the bytes of a plan document named ``filename`` (the extension picks the reader).

    ``time_limit`` (seconds; web requests pass one) stops the parse with :class:`DocumentTooLarge`
    when it runs longer, so a request never outlives its worker's timeout and then saves a draft.
    It needs the main thread (SIGALRM); elsewhere the caps of :mod:`.limits` bound the time alone.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise DocumentError("Dữ liệu không hợp lệ")
    try:
        with _deadline(time_limit):
            blocks = read_blocks(bytes(data), str(filename or ""))
            return build(blocks, year)
    except DocumentError:
        raise
    except RecursionError:
        raise DocumentError("Tài liệu có cấu trúc quá sâu")
    except MemoryError:
        raise DocumentError("Tài liệu quá lớn")
    except Exception as exc:  # never let a parser bug escape as a traceback
        raise DocumentError(
            f"Không phân tích được tài liệu / could not parse the document ({type(exc).__name__})"
        )


class _OutOfTime(DocumentTooLarge):
    pass


@contextlib.contextmanager
def _deadline(seconds: float | None):
    if (
        not seconds
        or threading.current_thread() is not threading.main_thread()
        or not hasattr(signal, "setitimer")
    ):
        yield
        return

    def stop(signum, frame):
        raise _OutOfTime(
            f"Tài liệu cần quá {seconds:g} giây để phân tích / parsing took longer than {seconds:g} s"
        )

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_file(path: str | os.PathLike, year: int | None = None) -> dict:
    """Parse a plan document on disk (.txt, .md, .docx, .pdf with a text layer)."""
    try:
        p = os.fspath(path)
    except TypeError:
        raise DocumentError("Đường dẫn không hợp lệ")
    try:
        size = os.path.getsize(p)
        if not os.path.isfile(p):
            raise DocumentError(f"Không phải là tệp: {p}")
        if size > MAX_BYTES:
            raise too_large("tệp trên 20 MB", "file larger than 20 MB")
        with open(p, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except DocumentError:
        raise
    except FileNotFoundError:
        raise DocumentError(f"Không tìm thấy tệp: {p}")
    except IsADirectoryError:
        raise DocumentError(f"Không phải là tệp: {p}")
    except (OSError, ValueError):
        raise DocumentError(f"Không đọc được tệp: {p}")
    return parse_bytes(data, os.path.basename(p), year)
