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
    r"chậm nhất|liên tục|đã hoàn thành|hoàn thành|kỳ họp|theo kế hoạch|theo tiến độ|đến)",
    re.I,
)
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
    r"Hội đồng nhân dân|HĐND|Chủ tịch|Ban Chấp hành)",
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
    org = looks_like_org(t)
    m = re.match(r"^(?:các|những)\s+(.*)$", t, re.I)
    if org and m:  # "Các khóa đào tạo ..." is a result, "Các sở, ban, ngành" are units
        org = looks_like_org(m.group(1)) or bool(
            re.match(r"^(?:bộ|sở|ban|ngành|địa phương|cấp)\b", m.group(1), re.I)
        )
    org = org and not re.match(r"^tổ chức\s+(?!chính trị|quốc tế|xã hội|,|và)", t, re.I)
    org = org and not re.search(r"\sđược\s", t)  # "Doanh nghiệp ... được tổ chức thành công": a result
    timely = bool(_TIME_START.match(t)) and len(t) < 120
    money = bool(_MONEY.search(t))
    words = len(t.split())
    wide = width is not None and width >= 0.8
    if role == "content":
        score = 1.0 + (1.5 if wide else 0.0) + (0.5 if words > 12 else 0.0)
        return score - (2.0 if timely and words < 8 else 0.0) - (1.5 if org and not wide else 0.0)
    if role in ("lead", "coord"):
        return (2.0 if org else -2.0) - (1.0 if wide else 0.0) - (2.0 if timely else 0.0)
    if role in ("time", "time_end"):
        return 3.0 if timely else -3.0
    if role in ("budget", "budget_more"):
        return 2.5 if money else -2.0
    if role == "product":
        return (1.5 if _PRODUCT.search(t) else 0.2) - (2.0 if org else 0.0) - (2.5 if timely else 0.0)
    if role == "note":
        return (1.0 if _CITATION.match(t) else 0.0) - (1.0 if timely else 0.0)
    if role == "level":  # "Cấp trình": the body a draft goes to
        return 2.5 if _LEVEL.match(t) and words <= 8 else -1.0
    if role == "no":
        return 2.0 if re.fullmatch(r"[IVX]{1,5}|\d{1,3}(?:\.\d{1,2})*\.?|[a-zđ]\)", t) else -3.0
    return 0.0


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
