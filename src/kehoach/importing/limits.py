"""Giới hạn tài liệu: the caps that keep every stage linear in time and bounded in memory.

A plan of 100 pages is about 300 000 characters and 6 000 lines; a generated 5 MB plan (the
benchmark) about 3.5 million characters. The caps sit well above real plans and well below what
would take a worker down; beyond them :class:`~.errors.DocumentTooLarge` is raised (413 / exit 2).
"""

from __future__ import annotations

from .blocks import Block, Table
from .errors import DocumentTooLarge

MAX_BYTES = 20 * 1024 * 1024  # the uploaded file
MAX_CHARS = 6_000_000  # text after reading (tables included)
MAX_LINES = 250_000  # non-blank lines and paragraphs
MAX_LINE_CHARS = 20_000  # one line or paragraph (about five pages without a line break)
MAX_CELLS = 250_000  # table cells, all tables together
MAX_PDF_PAGES = 500
MAX_DOCX_XML = 80 * 1024 * 1024  # word/document.xml once inflated
MAX_DOCX_PARAGRAPHS = 200_000  # <w:p> elements, empty ones included
MAX_BLANK_RUN = 2  # longer runs of blank lines carry no more meaning than two

TOO_LARGE = "Tài liệu quá lớn để phân tích ({what}) / document too large to parse ({what_en})"


def too_large(what: str, what_en: str) -> DocumentTooLarge:
    return DocumentTooLarge(TOO_LARGE.format(what=what, what_en=what_en))


def bound_blocks(blocks: list[Block]) -> list[Block]:
    """Fold runs of blank lines to :data:`MAX_BLANK_RUN` and enforce the caps, in one pass.

    Runs of blank lines cost the table finders a scan each; folding them here makes the later
    stages proportional to the text, whatever the spacing of the file."""
    out: list[Block] = []
    blank = lines = cells = chars = 0
    for b in blocks:
        if isinstance(b, Table):
            blank = 0
            for r in b.rows:
                cells += len(r)
                for c in r:
                    if len(c) > MAX_LINE_CHARS:
                        raise too_large("một ô bảng quá dài", "a table cell is too long")
                    chars += len(c)
            if cells > MAX_CELLS:
                raise too_large("quá nhiều ô bảng", "too many table cells")
            out.append(b)
            continue
        if not b or b.isspace():
            blank += 1
            if blank <= MAX_BLANK_RUN:
                out.append("")
            continue
        blank = 0
        if len(b) > MAX_LINE_CHARS:
            raise too_large("một đoạn văn quá dài", "a paragraph is too long")
        lines += 1
        chars += len(b)
        if lines > MAX_LINES:
            raise too_large("quá nhiều dòng", "too many lines")
        out.append(b)
    if chars > MAX_CHARS:
        raise too_large("quá nhiều ký tự", "too many characters")
    return out
