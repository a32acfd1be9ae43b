"""Header-role classifier (vai trò cột): which column of an activity table holds the content, the
lead (chủ trì), the coordinators (phối hợp), the time frame, the product, the budget or the note.

Used by the table parser and by the PDF reader (to accept a table rebuilt from word alignment).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .names import fold

# role -> header wording (checked in this order: "Thời gian thực hiện" is time, not lead)
_ROLES = (
    ("no", re.compile(r"^(?:stt|tt|số tt|số thứ tự|thứ tự|số)\.?$", re.I)),
    ("note", re.compile(r"ghi chú|^căn cứ(?: bổ sung| ban hành| pháp lý)?$", re.I)),
    ("level", re.compile(r"^(?:cấp trình|cấp ban hành|cấp phê duyệt|cơ quan trình|trình cấp)", re.I)),
    ("time", re.compile(r"thời gian|thời hạn|tiến độ|thời điểm|mốc thời gian|hạn hoàn thành", re.I)),
    ("coord", re.compile(r"phối hợp", re.I)),
    ("lead", re.compile(r"chủ trì|cơ quan thực hiện|đơn vị thực hiện|cơ quan, đơn vị thực hiện|đơn vị tham mưu|cơ quan tham mưu|phụ trách", re.I)),
    ("product", re.compile(r"sản phẩm|kết quả|hình thức văn bản", re.I)),
    ("budget", re.compile(r"kinh phí|nguồn vốn|dự toán", re.I)),
    ("content", re.compile(r"nội dung|nhiệm vụ|hoạt động|công việc|tên|giải pháp|chương trình|đề án", re.I)),
)  # fmt: skip


@lru_cache(maxsize=8192)  # called on every cell of every row (repeated headers); cells repeat a lot
def column_role(cell: str) -> str | None:
    """Which column a header cell names ('Cơ quan chủ trì' -> 'lead'), or None."""
    text = fold(cell).strip(" :.*")
    if not text or len(text) > 80:
        return None
    for role, rx in _ROLES:
        if rx.search(text):
            return role
    return None


def header_map(row: list[str]) -> dict[int, str] | None:
    """Column index -> role when ``row`` is an activity table header, else None."""
    roles: dict[int, str] = {}
    for i, cell in enumerate(row):
        role = column_role(cell)
        if role and role not in roles.values():
            roles[i] = role
    found = set(roles.values())
    if "content" in found and len(found) >= 3 and ({"lead", "time", "coord"} & found):
        return roles
    return None


# ---------------------------------------------------------------- roles from what the cells hold

_TIME_START = re.compile(
    r"^(?:nhiệm vụ thường xuyên|thực hiện thường xuyên|quý|quí|tháng|năm|\d{1,2}/|\d{4}|trước|từ|"
    r"thường xuyên|hằng|hàng|định kỳ|trong (?:năm|tháng|quý)|cả năm|giai đoạn|sau khi|khi có|"
    r"chậm nhất|liên tục|đã hoàn thành|hoàn thành|kỳ họp|theo kế hoạch|theo tiến độ|đến|"
    r"theo yêu cầu của cấp)",  # "Theo yêu cầu của cấp có thẩm quyền": a time that hangs on an event
    re.I,
)
_REGULAR_START = re.compile(r"^(?:thực hiện |nhiệm vụ )?(?:thường xuyên|hằng năm|hàng năm)\b", re.I)
_MONEY = re.compile(r"\d[\d.,]*\s*(?:triệu|tỷ|nghìn|ngàn)?\s*(?:đồng|đ)\b|^\d{1,3}(?:[.,]\d{3})+$", re.I)
_PRODUCT = re.compile(
    r"^(?:báo cáo|quyết định|nghị định|nghị quyết|thông tư|đề án|kế hoạch|chương trình|văn bản|"
    r"cơ chế|chính sách|hệ thống|tài liệu|hội nghị|các (?:văn bản|hoạt động|đề tài|chỉ tiêu|sản phẩm)|"
    r"tiêu chuẩn|luật|dự thảo|bộ |sản phẩm|số liệu|cơ sở dữ liệu|nền tảng|chỉ thị|công văn)|"
    r"được (?:ban hành|phê duyệt|triển khai|thực hiện|xây dựng|tổ chức|thành lập|công bố|bổ sung)",
    re.I,
)
_LEVEL = re.compile(
    r"^(?:Quốc hội|Chính phủ|Thủ tướng|Bộ trưởng|Ủy ban Thường vụ|Uỷ ban Thường vụ|Ban Bí thư|Bộ Chính trị|"
    r"Hội đồng nhân dân|HĐND|Chủ tịch|Ban Chấp hành|Cấp có thẩm quyền)",
)
# facilities that do a task ("Cơ sở khám bệnh, chữa bệnh"): units, though no head word names them
_FACILITY = re.compile(
    r"^(?:các\s+)?cơ sở (?:khám|y tế|giáo dục|đào tạo|nghiên cứu|sản xuất|kinh doanh|trợ giúp)", re.I
)
_NOT_UNIT = re.compile(
    r"^(?:các\s+)?(?:bộ (?:tiêu chí|công cụ|chỉ số|chỉ tiêu|tài liệu|dữ liệu|sách|quy tắc|quy chuẩn|hồ sơ)|"
    r"hội (?:nghị|thảo|thi|chợ|diễn|khỏe|thao)|hệ thống\b|ban hành\b)",
    re.I,
)
_CITATION = re.compile(
    r"^(?:nghị quyết|chương trình|kết luận|chỉ thị|kế hoạch|quyết định)\s+(?:số\s+)?\d", re.I
)


def cell_affinity(text: str, role: str | None, width: float | None = None) -> float:
    """How well ``text`` fits a column of ``role`` (vai trò cột theo nội dung ô), from what it holds:
    unit names (the gazetteer's heads, "Sở ...", "UBND ...") for lead and coordinators, a time
    expression for the time, money for the budget, a document or result for the product, long prose
    for the content. ``width`` is the share of the table's widest line the cell's widest line takes
    (1.0: as wide as the content column), when the layout is known. Higher is better; about -3..3."""
    from .names import looks_like_org  # a light import cycle otherwise (names -> columns)

    t = fold(text).strip()
    if not t:
        return 0.0
    org = looks_like_org(t) or bool(_FACILITY.match(t))
    m = re.match(r"^(?:các|những)\s+(.*)$", t, re.I)
    if org and m:  # "Các khóa đào tạo ..." is a result, "Các sở, ban, ngành" are units
        org = looks_like_org(m.group(1)) or bool(
            re.match(
                r"^(?:bộ|sở|ban|ngành|địa phương|cấp|cơ quan|cơ sở(?! dữ liệu)|đơn vị|viện|trường|"
                r"doanh nghiệp|hiệp hội)\b",
                m.group(1),
                re.I,
            )
        )
    org = org and not re.match(r"^tổ chức\s+(?!chính trị|quốc tế|xã hội|,|và)", t, re.I)
    org = org and not re.search(r"\sđược\s", t)
    # a result named with a unit's head word: "Bộ tiêu chí", "Hội nghị, hội thảo", "Hệ thống dữ liệu"
    org = org and not _NOT_UNIT.match(t)  # "Doanh nghiệp ... được tổ chức thành công": a result
    # a long cell is prose, unless it opens by saying the work is regular ("Thực hiện thường xuyên,
    # lồng ghép trong nhiệm vụ ..."): such a cell is the time column's, however long
    timely = bool(_TIME_START.match(t)) and (len(t) < 120 or bool(_REGULAR_START.match(t)))
    money = bool(_MONEY.search(t))
    words = len(t.split())
    wide = width is not None and width >= 0.8
    if role == "content":
        narrow = width is not None and width < 0.6  # a narrow column's lines, not the content's
        score = 1.0 + (1.5 if wide else 0.0) + (0.5 if words > 12 else 0.0) - (1.5 if narrow else 0.0)
        return score - (2.0 if timely and words < 8 else 0.0) - (1.5 if org and not wide else 0.0)
    if role in ("lead", "coord"):
        return (2.0 if org else -2.0) - (1.0 if wide else 0.0) - (2.0 if timely else 0.0)
    if role in ("time", "time_end"):
        return 3.0 if timely else -3.0
    if role in ("budget", "budget_more"):
        return 2.5 if money else -2.0
    if role == "product":
        score = (1.5 if _PRODUCT.search(t) else 0.2) - (2.0 if org else 0.0) - (2.5 if timely else 0.0)
        return score - (1.5 if wide else 0.0)  # a line as wide as the content's is the content's
    if role == "note":
        return (1.0 if _CITATION.match(t) else 0.0) - (1.0 if timely else 0.0)
    if role == "level":  # "Cấp trình": the body a draft goes to
        return 2.5 if _LEVEL.match(t) and words <= 18 else -1.0
    if role == "no":
        return 2.0 if re.fullmatch(r"[IVX]{1,5}|\d{1,3}(?:\.\d{1,2})*\.?|[a-zđ]\)", t) else -3.0
    return 0.0


def fit_score(table) -> float:
    """How well a table read from text explains itself (độ khớp của bảng): the mean, over its
    numbered rows, of how well each cell fits the role its header gives the column
    (:func:`cell_affinity`), with an empty lead or time cell counted against it. Used to choose
    between two readings of the same lines."""
    rows = table.rows
    roles = header_map(rows[0]) if rows else None
    if not roles:
        return -9.0
    total = 0.0
    count = 0
    for row in rows[1:]:
        if not row or not re.fullmatch(r"\d{1,3}(?:\.\d{1,2})*\.?", (row[0] or "").strip()):
            continue  # group rows and headers repeated after a page break say nothing of the fit
        if all(re.fullmatch(r"\(?\d{1,2}\)?", (c or "").strip()) for c in row if (c or "").strip()):
            continue  # the row numbering the columns ("1 | 2 | 3 ..."), not a task
        count += 1
        for col, role in roles.items():
            if role in ("no", "note", "level", "budget"):
                continue
            cell = row[col].strip() if col < len(row) else ""
            total += cell_affinity(cell, role) if cell else (-1.0 if role in ("lead", "time") else 0.0)
    return total / count if count else -9.0


def guess_roles(rows: list[list[str]], known: dict[int, str] | None = None) -> dict[int, str]:
    """Column roles of a table from its cells (when the header is missing, or names a column in
    words the header classifier does not know): each column not in ``known`` takes the role its
    cells fit best on average, each role once, the clearest columns first."""
    known = dict(known or {})
    width = max((len(r) for r in rows), default=0)
    roles = ("no", "content", "lead", "coord", "time", "product", "budget", "note")
    scores: list[tuple[float, int, str]] = []
    for col in range(width):
        if col in known:
            continue
        cells = [r[col] for r in rows if col < len(r) and r[col].strip()]
        if not cells:
            continue
        widest = max(len(c) for r in rows for c in r if c) or 1
        for role in roles:
            avg = sum(cell_affinity(c, role, len(c) / widest) for c in cells) / len(cells)
            scores.append((avg, col, role))
    taken = set(known.values())
    for avg, col, role in sorted(scores, reverse=True):
        if avg <= 0.5 or col in known or role in taken:
            continue
        if role == "coord" and "lead" not in taken:
            role = "lead"  # of two unit columns, the first named is the lead
            if role in taken:
                continue
        known[col] = role
        taken.add(role)
    units = sorted(c for c, r in known.items() if r in ("lead", "coord"))
    if len(units) == 2:  # of two unit columns the lead comes first (as plans print them)
        known[units[0]], known[units[1]] = "lead", "coord"
    return dict(sorted(known.items()))
