"""Test helpers: write Unicode Vietnamese in the legacy TCVN3 and VNI encodings (the inverse of the reader)."""

import unicodedata

from kehoach.importing.readers.legacy import _TCVN3_LOWER, _VNI_MARKS_LOWER

_TCVN3_INV = {v: k for k, v in _TCVN3_LOWER.items()}
_MARK_INV = {unicodedata.normalize("NFD", "a" + v)[1:]: k for k, v in _VNI_MARKS_LOWER.items()}
_VNI_I = {"ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î"}


def to_tcvn3(text: str) -> bytes:
    """Capitals with tone marks are written as in the '.VnTimeH' font: lower-case codes on an all-caps line."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_INV:
            out.append(_TCVN3_INV[ch])
        elif ch.lower() in _TCVN3_INV and ch.lower() != ch:
            out.append(_TCVN3_INV[ch.lower()])
        else:
            out.append(ch)
    return "".join(out).encode("latin-1")


def to_vni(text: str) -> bytes:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        low = ch.lower()
        upper = ch != low
        if low in _VNI_I:
            c = _VNI_I[low]
            out.append(c.upper() if upper else c)
            continue
        if low == "đ":
            out.append("Ñ" if upper else "ñ")
            continue
        d = unicodedata.normalize("NFD", low)
        base, marks = d[0], d[1:]
        if "\u031b" in marks:  # horn: ơ ư
            base = {"o": "ô", "u": "ö"}[base]
            marks = marks.replace("\u031b", "")
        if not marks:
            out.append(base.upper() if upper else base)
            continue
        mark = _MARK_INV[marks]
        out.append((base + mark).upper() if upper else base + mark)
    return "".join(out).encode("cp1252")


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Word wrote it: base letters (â, ơ, ư, đ ...) precomposed, tone marks combining."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")
