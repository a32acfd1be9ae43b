"""Line clean-up: NFC, Markdown emphasis, website banners and stray scribbles removed."""

from __future__ import annotations

import re
import unicodedata

_ZW = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACE = str.maketrans(
    {"\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u3000": " "}
)
_ODD = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\u2002\u2003\u2009\u202f\u3000]")
_BANNER = re.compile(
    r"(https?://|www\.|\.com\b|\.vn\b|thuvienphapluat|luatvietnam|"
    r"^(trang chủ|đăng nhập|đăng ký|tải về|tải văn bản|in văn bản|chia sẻ|bản quyền|liên hệ|tìm kiếm|"
    r"văn bản gốc|văn bản liên quan|thuộc tính|lược đồ|mục lục|hiệu lực:.*|tình trạng:.*)$)",
    re.IGNORECASE,
)
_SPECIAL = re.compile(
    r"[*_#>\\]|https?:|www\.|\.(?:com|vn)\b|^\s*(?:trang chủ|đăng|tải|in văn|chia sẻ|bản quyền|liên hệ|tìm kiếm|văn bản|thuộc tính|lược đồ|mục lục|hiệu lực|tình trạng)",
    re.I,
)
_SCRIBBLE_END = re.compile(r"\s*\*{1,2}[^*\s]{1,6}\*{1,2}\s*$")  # "./. *Abz*", "Nơi nhận: *mm*"
_EMPH = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")


def clean_line(line: str) -> str:
    """One physical line -> its text (tabs kept for table detection, other spaces folded)."""
    s = unicodedata.normalize("NFC", line)
    if _ODD.search(s):  # str.translate with a dict is slow on Vietnamese text: only when needed
        s = s.translate(_ZW).translate(_SPACE)
    if not _SPECIAL.search(s):  # plain line: nothing to strip
        if "\t" in s:
            return "\t".join(" ".join(p.split()) for p in s.split("\t")).strip("\t ")
        return " ".join(s.split())
    s = s.replace("\\-", "-").replace("\\.", ".").replace("\\*", "*").replace("\\_", "_")
    if _BANNER.search(s.strip()):
        return ""
    s = re.sub(r"^\s{0,3}#{1,6}\s+", "", s)  # Markdown headings
    s = re.sub(r"^\s*>\s?", "", s)
    if not re.match(r"^\s*\*\s", s) or s.count("*") > 1:
        s = _SCRIBBLE_END.sub("", s)
    s = _EMPH.sub(r"\2", s)
    s = s.replace("**", "").replace("__", "")
    s = re.sub(r"^\s*\*\s+", "- ", s)  # Markdown bullet
    s = re.sub(r"(?<=\S)\*(?=\s|$)|(?<=\s)\*(?=\S)", "", s)  # dangling emphasis marks
    parts = [re.sub(r"[ \u000b\u000c]+", " ", p).strip() for p in s.split("\t")]
    return "\t".join(parts).strip("\t ") if len(parts) > 1 else parts[0]
