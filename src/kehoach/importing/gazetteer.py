"""Gazetteer of Vietnamese administrative names (danh mục tên hành chính): the word classes that
make up the compound names plans enumerate with commas and "và".

"các sở, ban, ngành, đoàn thể tỉnh" lists kinds of agencies, "Ủy ban nhân dân xã, phường" kinds of
localities, "báo, đài" kinds of media: inside one enumeration the commas do not separate parties.
A new party starts where the class changes ("..., phường, báo, đài") or where a proper name opens
("..., Ủy ban nhân dân xã"). Covers the two-tier local government of 2025 (xã, phường, đặc khu under
the province) as well as the earlier districts, towns and cities.
"""

from __future__ import annotations

import re

#: class -> words (lower case, longest first within the alternation)
CLASSES: dict[str, tuple[str, ...]] = {
    "agency": (
        "sở", "ban", "ngành", "đoàn thể", "hội", "đoàn", "cơ quan", "đơn vị", "địa phương", "phòng",
        "tổ chức", "doanh nghiệp", "mặt trận", "hội đoàn thể", "tổ chức chính trị - xã hội",
        "tổ chức chính trị xã hội", "các tổ chức", "lực lượng vũ trang", "bộ", "cục", "chi cục", "viện",
        "trường", "trung tâm", "hiệp hội", "nhà trường", "cơ sở",
    ),
    "locality": (
        "xã", "phường", "thị trấn", "đặc khu", "huyện", "thị xã", "thành phố", "quận", "tỉnh",
        "khu phố", "thôn", "tổ dân phố", "ấp", "bản", "buôn", "làng", "đơn vị hành chính cấp xã",
    ),
    "media": (
        "báo", "đài", "cơ quan báo chí", "báo chí", "truyền hình", "phát thanh", "cổng thông tin",
        "trang thông tin điện tử", "hệ thống truyền thanh cơ sở", "truyền thanh",
    ),
}  # fmt: skip

_QUALIFIER = r"(?:\s+(?:tỉnh|huyện|thành phố|xã|cấp tỉnh|cấp huyện|cấp xã|(?:khác\s+)?(?:có\s+)?liên quan|khác|trực thuộc|địa phương|trên địa bàn(?:\s+\w+)*))*"
_BARE = {
    cls: re.compile(
        r"^(?:các\s+|những\s+)?(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")"
        + _QUALIFIER + r"$"
    )
    for cls, words in CLASSES.items()
}  # fmt: skip
_TAIL = {
    cls: re.compile(
        r"(?:^|\s)(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")" + _QUALIFIER + r"$"
    )
    for cls, words in CLASSES.items()
}  # fmt: skip


_OWNER = re.compile(r"\s+(?:thuộc|trực thuộc|của|tại|trên địa bàn)\s+.*$")


def bare_class(piece: str) -> str | None:
    """The class of a bare enumerated word ("ngành", "đoàn thể tỉnh", "phường", "đài"), else None.

    Only lower-case pieces qualify: "Ban Dân tộc" or "Đài Phát thanh ..." open a proper name."""
    p = _OWNER.sub("", piece.strip(" .;,:"))  # "đơn vị thuộc UBND huyện": the kind is "đơn vị"
    if not p or p != p.lower():
        return None
    for cls, rx in _BARE.items():
        if rx.match(p):
            return cls
    return None


def tail_class(segment: str) -> str | None:
    """The class of what a party's last enumerated item names: "các sở" -> agency, "Ủy ban nhân
    dân xã" -> locality (its trailing place word), "báo" -> media."""
    s = segment.strip(" .;,:")
    # "Sở", "Cơ quan" opening a cell are the bare kinds too ("Cơ quan, tổ chức và doanh nghiệp")
    bare = bare_class(s[:1].lower() + s[1:] if s[:1].isupper() else s)
    if bare:
        return bare
    low = s.lower()
    for cls in ("locality", "media", "agency"):
        if _TAIL[cls].search(low) and (cls == "locality" or low.startswith(("các ", "những "))):
            return cls
    return None


def continues_enumeration(current: str, nxt: str) -> bool:
    """True when ``nxt`` (after a comma or "và") goes on listing the kinds ``current`` ends with:
    "các sở" + "ban", "Ủy ban nhân dân xã" + "phường", "báo" + "đài"."""
    cls = bare_class(nxt)
    if cls is None:
        return False
    last = re.split(r"\s*,\s*|\s+và\s+", current.strip())[-1]
    return tail_class(last) == cls
