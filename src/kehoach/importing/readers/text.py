"""Plain text and Markdown: UTF-8 (with or without BOM), UTF-16, Windows-1258, TCVN3, VNI."""

from __future__ import annotations

import re
import unicodedata

from ..errors import DocumentError
from .legacy import fix_legacy, vietnamese_score

_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")


def decode(data: bytes) -> str:
    """Bytes -> NFC text, choosing the encoding by BOM, by NUL pattern, then by how Vietnamese it reads."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        head = data[:4000]
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if len(head) >= 4 and odd > len(head) // 4 and even == 0:
            text = data.decode("utf-16-le", errors="replace")
        elif len(head) >= 4 and even > len(head) // 4 and odd == 0:
            text = data.decode("utf-16-be", errors="replace")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = _decode_8bit(data)
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise DocumentError("Tệp không phải văn bản")
    controls = len(_CONTROLS.findall(text, 0, 20000))
    if controls > max(8, len(text[:20000]) // 50):
        raise DocumentError("Tệp không phải văn bản")
    return unicodedata.normalize("NFC", fix_legacy(text))


def _decode_8bit(data: bytes) -> str:
    # Windows-1258 writes tone marks as combining characters: NFC turns them into precomposed
    # letters. TCVN3/VNI are read as Latin-1/CP1252 and converted by fix_legacy() afterwards.
    cands = [unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))]
    cands.append(fix_legacy(data.decode("latin-1")))
    cands.append(fix_legacy(data.decode("cp1252", errors="replace")))
    return max(cands, key=vietnamese_score)


_BLANK_LINE = re.compile(r"(?<=\n)[ \t\u00a0]+(?=\n)")  # anchored after "\n": linear, no rescans
_BLANK_RUN = re.compile(r"\n{4,}")


def read_text(data: bytes) -> list[str]:
    text = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    # a file of blank lines must not become millions of list items (see limits.bound_blocks)
    text = _BLANK_RUN.sub("\n\n\n", _BLANK_LINE.sub("", text))
    return text.split("\n")
