"""The layout of administrative documents under Decree 30/2020/NĐ-CP, Appendix I.

One place for the paper, margins, fonts, sizes and the wording rules (numbers, place and date,
issuer lines) that every document of the app follows. Renderers read these constants; content
builders call the helpers.
"""

from __future__ import annotations

import re
from datetime import date

from kehoach.core import formatting

# Paper and margins, in millimetres (A4 portrait; landscape allowed for wide annex tables).
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 16  # 15–20; 16 keeps Word's twip rounding inside the range

FONT = "Times New Roman"
FONT_FALLBACKS = ('"Times New Roman"', '"Liberation Serif"', "Tinos", "serif")
BODY_PT = 14
ISSUER_PT = 13
NATIONAL_PT = 12  # Quốc hiệu 12–13
MOTTO_PT = 14  # Tiêu ngữ 13–14
RECIPIENTS_TITLE_PT = 12
RECIPIENTS_PT = 11
FIRST_LINE_INDENT_CM = 1.27
PARA_SPACE_AFTER_PT = 6
LINE_SPACING = 1.15

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

TYPE_CODES = {
    "BC": "BÁO CÁO",
    "KH": "KẾ HOẠCH",
    "TB": "THÔNG BÁO",
    "QĐ": "QUYẾT ĐỊNH",
    "TTr": "TỜ TRÌNH",
    "GM": "GIẤY MỜI",
    "HD": "HƯỚNG DẪN",
    "CTr": "CHƯƠNG TRÌNH",
}


# What a draft leaves for the văn thư to fill in by hand (the PDF renderer keeps the spaces).
BLANK = " " * 6


def number_line(n: int | None, symbol: str) -> str:
    """ "Số: 05/BC-UBND" once issued; "Số:      /BC-UBND" in a draft."""
    if n is None:
        return f"Số:{BLANK}/{symbol}"
    return format_number(n, symbol)


def draft_place_date(issuer_name: str, year: int) -> str:
    """ "Ninh Phước, ngày      tháng      năm 2021": a draft's day and month are left blank."""
    return f"{place_name(issuer_name)}, ngày{BLANK}tháng{BLANK}năm {year}"


def format_number(n: int, symbol: str) -> str:
    """ "Số: 05/BC-UBND": numbers below 10 take a leading zero; "/" then the symbol."""
    if n < 1:
        raise ValueError("Document numbers start at 1")
    return f"Số: {n:02d}/{symbol}"


_ADMIN_WORDS = re.compile(
    r"\b(?:huyện|xã|tỉnh|thị trấn|thị xã|thành phố|phường|quận|đặc khu)\s+", re.IGNORECASE
)


def place_name(issuer_name: str) -> str:
    """Địa danh for the date line: the words after the last "huyện/xã/tỉnh/..." of the issuer's name.

    "Ủy ban nhân dân huyện Ninh Phước" → "Ninh Phước"; a name without such a word is kept whole.
    """
    return _ADMIN_WORDS.split(issuer_name.strip())[-1].strip()


def place_date(issuer_name: str, day: date) -> str:
    """ "Ninh Phước, ngày 05 tháng 7 năm 2021" (leading zero for days < 10 and months 1–2)."""
    return f"{place_name(issuer_name)}, {formatting.long_date(day)}"


def issuer_lines(unit) -> tuple[str, str]:
    """(superior line, issuer line) in upper case for the top-left corner.

    A people's committee is written on two lines: "ỦY BAN NHÂN DÂN" / "HUYỆN NINH PHƯỚC"
    (the whole name is the issuer, bold). An office is written under its people's committee:
    "UBND HUYỆN NINH PHƯỚC" (upright) / "PHÒNG NỘI VỤ" (bold).
    """
    name = unit.name.strip()
    low = name.lower()
    if low.startswith("ủy ban nhân dân "):
        return "", "ỦY BAN NHÂN DÂN\n" + name[len("Ủy ban nhân dân ") :].upper()
    parent = getattr(unit, "parent", None)
    superior = ""
    if parent is not None:
        pname = parent.name
        superior = (
            ("UBND " + pname[len("Ủy ban nhân dân ") :]).upper()
            if pname.lower().startswith("ủy ban nhân dân ")
            else pname.upper()
        )
    return superior, name.upper()


def signature_lines(plan) -> tuple[str, str, str]:
    """(authority, position, name) from the plan's signer, with Decree 30 spelling ("KT. CHỦ TỊCH")."""
    authority = (plan.signer_authority or "").strip().upper()
    authority = re.sub(r"^(TM|KT|Q|TL|TUQ)\.\s*", r"\1. ", authority)
    position = (plan.signer_position or "").strip().upper()
    if not authority and not position:
        authority, position = "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    return authority, position, plan.signer_name or ""


def recipients_with_archive(entries: list[str], drafting_office: str = "NV") -> list[str]:
    """ "- ...;" entries ending with "- Lưu: VT, NV." (archive and drafting office)."""
    out = [
        e.strip().rstrip(";.").strip()
        for e in entries
        if e.strip() and not e.strip().lower().startswith("lưu")
    ]
    return [f"- {e};" for e in out] + [f"- Lưu: VT, {drafting_office}."]
