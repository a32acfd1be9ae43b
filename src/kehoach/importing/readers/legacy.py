"""Legacy Vietnamese 8-bit encodings: TCVN3 (ABC, ".Vn" fonts) and VNI -> Unicode NFC.

No maintained PyPI package converts these, so the tables are kept here. Text typed in these fonts
reaches us as Latin-1/CP1252 characters (from a .txt file or from runs in .docx/.pdf), e.g.
"Céng hoµ x· héi chñ nghÜa" (TCVN3) or "Coäng hoøa xaõ hoäi chuû nghóa" (VNI).
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3 (ABC): one byte per precomposed lower-case letter; capitals with tone marks come from the
# ".VnTimeH" font, which draws the same bytes as capitals (handled by re-casing all-caps words).
_TCVN3_LOWER = {
    "µ": "à", "¶": "ả", "·": "ã", "¸": "á", "¹": "ạ",
    "¨": "ă", "»": "ằ", "¼": "ẳ", "½": "ẵ", "¾": "ắ", "Æ": "ặ",
    "©": "â", "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ê": "ấ", "Ë": "ậ",
    "®": "đ",
    "Ì": "è", "Î": "ẻ", "Ï": "ẽ", "Ð": "é", "Ñ": "ẹ",
    "ª": "ê", "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Õ": "ế", "Ö": "ệ",
    "×": "ì", "Ø": "ỉ", "Ü": "ĩ", "Ý": "í", "Þ": "ị",
    "ß": "ò", "á": "ỏ", "â": "õ", "ã": "ó", "ä": "ọ",
    "«": "ô", "å": "ồ", "æ": "ổ", "ç": "ỗ", "è": "ố", "é": "ộ",
    "¬": "ơ", "ê": "ờ", "ë": "ở", "ì": "ỡ", "í": "ớ", "î": "ợ",
    "ï": "ù", "ñ": "ủ", "ò": "ũ", "ó": "ú", "ô": "ụ",
    "\xad": "ư", "õ": "ừ", "ö": "ử", "÷": "ữ", "ø": "ứ", "ù": "ự",
    "ú": "ỳ", "û": "ỷ", "ü": "ỹ", "ý": "ý", "þ": "ỵ",
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
}  # fmt: skip
_TCVN3 = str.maketrans(_TCVN3_LOWER)

# VNI: a base letter followed by a mark character. Single-character letters first.
_VNI_SINGLE = {
    "ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
    "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
    "Ì": "Ì", "Í": "Í", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ",
}  # fmt: skip
# mark character -> combining sequence to append after the base letter
_VNI_MARKS_LOWER = {
    "ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
    "â": "\u0302", "á": "\u0302\u0301", "à": "\u0302\u0300", "å": "\u0302\u0309", "ã": "\u0302\u0303", "ä": "\u0302\u0323",
    "ê": "\u0306", "é": "\u0306\u0301", "è": "\u0306\u0300", "ú": "\u0306\u0309", "ü": "\u0306\u0303", "ë": "\u0306\u0323",
}  # fmt: skip
_VNI_MARKS = dict(_VNI_MARKS_LOWER)
_VNI_MARKS.update({k.upper(): v for k, v in _VNI_MARKS_LOWER.items()})
_VNI_RE = re.compile(r"([aeiouyAEIOUYơƠưƯ])([" + "".join(_VNI_MARKS) + r"])")

_COMMON = frozenset(
    [
        "và",
        "của",
        "các",
        "được",
        "năm",
        "thực",
        "hiện",
        "trong",
        "cho",
        "với",
        "người",
        "theo",
        "phải",
        "ban",
        "nhân",
        "dân",
        "huyện",
        "tỉnh",
        "kế",
        "hoạch",
        "công",
        "tác",
        "những",
        "này",
        "đến",
        "có",
        "không",
        "việc",
        "để",
        "là",
        "một",
        "xã",
        "hội",
        "chủ",
        "nghĩa",
        "việt",
        "nam",
        "độc",
        "lập",
        "tự",
        "do",
        "hạnh",
        "phúc",
        "ủy",
        "quyết",
        "định",
        "số",
        "ngày",
        "tháng",
        "quý",
        "cơ",
        "quan",
        "đơn",
        "vị",
        "sở",
        "phòng",
        "tuyên",
        "truyền",
        "chính",
        "phủ",
        "về",
        "nội",
        "dung",
    ]
)
_WORD = re.compile(r"\w+")


def vietnamese_score(text: str) -> int:
    """How many common Vietnamese words ``text`` contains (to choose between decodings)."""
    return sum(1 for w in _WORD.findall(text[:20000].casefold()) if w in _COMMON)


def from_tcvn3(text: str) -> str:
    out = []
    for line in text.split("\n"):
        conv = line.translate(_TCVN3)
        letters = [c for c in line if c.isascii() and c.isalpha()]
        # ".VnTimeH": a line typed in the capitals font uses lower-case code points -> upper-case it
        if conv != line and len(letters) >= 2 and all(c.isupper() for c in letters):
            conv = conv.upper()
        elif conv != line:
            # a capital with a tone mark at the start of a sentence or cell was typed in the
            # ".VnTimeH" font with the lower-case code: "ñy ban" -> "Ủy ban"
            chars = list(conv)
            for k, src in enumerate(line):
                if (
                    src in _TCVN3_LOWER
                    and src != conv[k]
                    and (k == 0 or line[max(0, k - 2) : k] in (". ", "; ", "\t") or line[k - 1] == "\t")
                ):
                    chars[k] = chars[k].upper()
            conv = "".join(chars)
        out.append(conv)
    return unicodedata.normalize("NFC", "\n".join(out))


def from_vni(text: str) -> str:
    text = _VNI_RE.sub(lambda m: m.group(1) + _VNI_MARKS[m.group(2)], text)
    text = "".join(_VNI_SINGLE.get(c, c) for c in text)
    # "ơ"/"ư" written as "ô"/"ö" may themselves take a mark afterwards
    text = _VNI_RE.sub(lambda m: m.group(1) + _VNI_MARKS[m.group(2)], text)
    return unicodedata.normalize("NFC", text)


_LEGACY_HINT = re.compile(r"[\xa1-\xfe]")
_UNICODE_VI = re.compile(
    r"[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)


def fix_legacy(text: str) -> str:
    """Return ``text`` converted from TCVN3 or VNI when that makes it read as Vietnamese."""
    sample = text[:20000]
    # Unicode Vietnamese has letters beyond Latin-1 (ă, đ, ơ, ư, ạ ...); legacy text never does
    if len(_UNICODE_VI.findall(sample)) >= 5 or len(_LEGACY_HINT.findall(sample)) < 3:
        return text
    base = vietnamese_score(sample)
    best, best_score = text, base
    for conv in (from_tcvn3, from_vni):
        cand = conv(sample)
        score = vietnamese_score(cand)
        if score > best_score * 1.5 + 2:
            best, best_score = conv, score
    return best(text) if callable(best) else text
