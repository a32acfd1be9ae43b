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
    ("note", re.compile(r"ghi chú", re.I)),
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
