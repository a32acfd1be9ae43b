"""Column widths from content, for both renderers (pure: no Django, no python-docx).

A column is never narrower than its longest unbreakable word (so "05/07/2021" or "Không nộp" never
wraps inside a cell) and takes the rest of the width in proportion to how much text it holds.
"""

from __future__ import annotations

import re

# Average glyph width of Times New Roman as a fraction of the font size; bold a little wider.
CHAR_EM = 0.5
#: Capitals are wider than the average ("STT" wrapped as "ST / T" in Word's narrow first column).
UPPER_EM = 0.7
PT_TO_MM = 0.3528
#: Word's default cell margins (1.9 mm each side), a little more than the PDF's 4 pt padding.
CELL_PADDING_MM = 4.0


def _ems(text: str) -> float:
    """The width of ``text`` in ems of Times New Roman, roughly: capitals wide, spaces narrow."""
    return sum(UPPER_EM if c.isupper() else 0.28 if c == " " else CHAR_EM for c in text)


_NO_BREAK = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$|^Quý [IV]+/\d{4}$")


def _tokens(text: str) -> list[str]:
    """The unbreakable pieces of a cell: words, but a date or "Không nộp"-like short phrase stays whole."""
    text = str(text)
    if len(text) <= 12 or _NO_BREAK.match(text):
        return [text]
    return text.split()


def content_widths(header: list[str], rows: list[list[str]], total_mm: float, font_pt: float) -> list[float]:
    """Widths in millimetres that add up to ``total_mm``."""
    em_mm = font_pt * PT_TO_MM
    cols = len(header)
    minimum = [0.0] * cols
    natural = [0.0] * cols
    for r, row in enumerate([header, *rows]):
        for i, cell in enumerate(row[:cols]):
            bold = 1.1 if r == 0 else 1.0
            longest = max((_ems(t) for t in _tokens(cell)), default=0)
            minimum[i] = max(minimum[i], longest * em_mm * bold + CELL_PADDING_MM)
            if r:  # a header may wrap between words; the data's lines get the spare width first
                natural[i] = max(natural[i], _ems(str(cell)) * em_mm + CELL_PADDING_MM)
    if sum(minimum) >= total_mm:
        return [total_mm * m / sum(minimum) for m in minimum]
    natural = [max(nat, m) for nat, m in zip(natural, minimum, strict=True)]
    if sum(natural) <= total_mm:
        spare = total_mm - sum(natural)
        return [w + spare * w / sum(natural) for w in natural]
    spare = total_mm - sum(minimum)
    extra = [max(nat - m, 0.0) for nat, m in zip(natural, minimum, strict=True)]
    return [m + spare * e / sum(extra) for m, e in zip(minimum, extra, strict=True)]
