"""The top of a document (phần đầu văn bản: cơ quan ban hành, số, địa danh và ngày, tên loại, trích
yếu) as copies from web pages and PDFs mangle it, put back into one item per line before the header
is read.

What copies do to the two-column Decree 30 header, and what is undone here:
- columns printed side by side on one line, split by "|" or run together ("Số: 435/QĐ-UBND Kon Tum,
  ngày 04 tháng 5 năm 2020 QUYẾT ĐỊNH V/V BAN HÀNH …");
- names broken at any word ("ỦY" / "BAN NHÂN DÂN", "Cao" / "Bằng, ngày …", "Hà Nội, ngày 01" /
  "tháng 3 năm 2025");
- the separators under the issuer and the motto ("-------") glued to a name.
Only the lines before the body (the first legal basis, clause or article) are touched, so the body
keeps its own line breaks.
"""

from __future__ import annotations

import re

_UP = "A-ZĐÀ-Ỹ"
_BODY = re.compile(
    r"^(?:Căn cứ|Thực hiện|Theo|Xét|Để|Nhằm|Điều\s+\d|[IVX]{1,5}\s*[.\-–)]\s|\d{1,2}\s*[.)]\s|[-–•+]\s)"
)
_RULE = re.compile(r"\s*[-_=–—]{3,}\s*")
_DATE_TAIL = re.compile(
    r"ngày\s*\d{1,2}\s*(?:tháng\s*\d{1,2}\s*năm\s*\d{4}|[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})", re.I
)
# where one header item ends and the next begins inside a run-together line
_CUTS = re.compile(
    r"(?<=\S)\s+(?=Số\s*[:.]\s*\d)"  # "Bộ Nội vụ Số: 251/QĐ-BNV"
    r"|(?<=\S)\s+(?=(?:CỘNG HÒA|CỘNG HOÀ)\s+XÃ HỘI)"
    r"|(?<=\.)\s+(?=(?:ỦY BAN NHÂN DÂN|UBND|THỦ TƯỚNG CHÍNH PHỦ|CHÍNH PHỦ|BỘ [A-ZĐ])\b)"  # site title. ISSUER
    r"|(?<=Hạnh phúc)\s+(?=\S)"
    r"|(?<=\S)\s+(?=Độc lập\s*[-–])"
    rf"|(?<=[\w)])\s+(?=(?:[{_UP}][\wÀ-ỹ.]*\s+){{0,3}}[{_UP}][\wÀ-ỹ]*,\s*ngày\s*\d)"  # "… Kon Tum, ngày 04"
    r"|(?<=năm\s\d{4})\s+(?=\S)"  # after the date
    r"|(?<=\d{4})\s+(?=(?:QUYẾT ĐỊNH|KẾ HOẠCH|CHƯƠNG TRÌNH|NGHỊ QUYẾT|ĐỀ ÁN)\b)"
)
_KIND_HEAD = re.compile(
    r"^(QUYẾT ĐỊNH|KẾ HOẠCH HÀNH ĐỘNG|KẾ HOẠCH|CHƯƠNG TRÌNH HÀNH ĐỘNG|CHƯƠNG TRÌNH|NGHỊ QUYẾT|ĐỀ ÁN)"
    r"\s+(?!HÀNH ĐỘNG\b)(?=\S)"
)
# the deciding authority printed under a decision's title, glued to its end in run-together copies
_AUTHORITY_TAIL = re.compile(
    r"(?<!CỦA)(?<!VÀ)(?<!VỚI)\s+((?:CHỦ TỊCH\s+)?ỦY BAN NHÂN DÂN(?:\s+(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|ĐẶC KHU)"
    rf"(?:\s+[{_UP}]+)*)?|BỘ TRƯỞNG BỘ(?:\s+[{_UP},]+)+|THỦ TƯỚNG CHÍNH PHỦ|CHÍNH PHỦ)$"
)
# words a header name is broken after ("ỦY" / "BAN NHÂN DÂN")
_BROKEN_HEAD = re.compile(
    r"^(?:ỦY|UỶ|ỦY BAN|UỶ BAN|ỦY BAN NHÂN|UỶ BAN NHÂN|CỘNG|CỘNG HÒA|CỘNG HOÀ|CỘNG HÒA XÃ|CỘNG HOÀ XÃ|"
    r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|BAN)$"
)
_PLACE_START = re.compile(rf"^[{_UP}][\wÀ-ỹ]*(?:\s+[{_UP}][\wÀ-ỹ]*){{0,3}}$")
_HEAD_LIMIT = 60


def _pieces(line: str) -> list[str]:
    """One raw line -> the header items it holds (pipes and run-together items split)."""
    out: list[str] = []
    for cell in line.replace("\\r\\n", " ").split("|"):
        cell = _RULE.sub(" ", cell).strip()
        if not cell:
            continue
        for part in _CUTS.split(cell):
            part = part.strip()
            m = _KIND_HEAD.match(part)
            if m and part.upper() == part:
                out.append(m.group(1))
                part = part[m.end() :]
                tail = _AUTHORITY_TAIL.search(part)
                if tail and tail.start() > 20:
                    out.extend([part[: tail.start()].strip(), tail.group(1)])
                    continue
            if part:
                out.append(part)
    return out


def _joined(items: list[str]) -> list[str]:
    """Put back names and dates a copy broke over two lines."""
    out: list[str] = []
    for s in items:
        if out:
            prev = out[-1]
            if _BROKEN_HEAD.match(prev) and s.upper() == s:
                out[-1] = f"{prev} {s}"  # "ỦY" / "BAN NHÂN DÂN"
                continue
            if _PLACE_START.match(prev) and re.match(r"^[\wÀ-ỹ]*,?\s*ngày\s*\d", s) and prev.upper() != prev:
                out[-1] = f"{prev} {s}"  # "Cao" / "Bằng, ngày 31 …", "Ninh Bình," / "ngày 30 …"
                continue
            if (
                re.search(r"\bngày\s*\d{0,2}$", prev)
                and not _DATE_TAIL.search(prev)
                and _DATE_TAIL.search(f"{prev} {s}")
            ):
                out[-1] = f"{prev} {s}"  # "Hà Nội, ngày 01" / "tháng 3 năm 2025"
                continue
            if prev.endswith(",") and re.match(r"^ngày\s*\d", s):
                out[-1] = f"{prev} {s}"
                continue
        out.append(s)
    return out


def tidy_top(lines: list[str]) -> list[str]:
    """``lines`` with the part before the body one header item per line; the rest as it was."""
    end = 0
    limit = min(len(lines), _HEAD_LIMIT)
    while end < limit and not _BODY.match(lines[end].strip()):
        end += 1
    if end >= limit:  # no body start near the top: leave the copy as it is
        return lines
    top = [p for line in lines[:end] for p in _pieces(line)]
    return _joined(top) + lines[end:]


# Provinces and centrally-run cities (before and after the 2025 merger): a place line "Bắc Ninh, ngày
# …" under a bare "ỦY BAN NHÂN DÂN" names the province whose committee issued the document.
CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")
PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương",
    "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên",
    "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình",
    "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam",
    "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên",
    "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)  # fmt: skip
_PLACE_KEY = {p.casefold().replace("hoà", "hòa"): p for p in PROVINCES + CITIES}


def complete_issuer(issuer: str | None, place: str | None) -> str | None:
    """ "Ủy ban nhân dân" (or "Ủy ban nhân dân tỉnh") whose place line names a province or a
    centrally-run city -> "Ủy ban nhân dân tỉnh Bắc Ninh" / "Ủy ban nhân dân thành phố Cần Thơ".
    Anything else (a district's town, a ministry's Hà Nội) is left as it is."""
    if not issuer or not place:
        return issuer
    bare = re.fullmatch(r"((?:Ủy|Uỷ) ban nhân dân|Hội đồng nhân dân)(?:\s+(tỉnh|thành phố))?", issuer.strip())
    if not bare:
        return issuer
    key = re.sub(r"^(?:tp\.?|thành phố|tỉnh)\s+", "", place.strip().casefold()).replace("hoà", "hòa")
    name = _PLACE_KEY.get(key)
    if name is None:
        return issuer
    level = "thành phố" if name in CITIES else "tỉnh"
    if bare.group(2) and bare.group(2) != level:
        return issuer
    return f"{bare.group(1)} {level} {name}"
