"""Readers: bytes of a .txt/.md/.docx/.pdf file -> a list of blocks in document order.

A block is a line of text (``str``) or a :class:`Table` (rows of cell texts). Heavy libraries
(python-docx, pypdf) are imported inside the reader that needs them, so the CLI starts fast.
"""

from __future__ import annotations

import os

from ..blocks import Block, Table
from ..errors import DocumentError
from ..limits import MAX_BYTES, bound_blocks, too_large

__all__ = ["Block", "Table", "read_blocks"]


def read_blocks(data: bytes, filename: str) -> list[Block]:
    """Dispatch on the file's extension (and sniff the content); raise DocumentError when unreadable."""
    if len(data) > MAX_BYTES:
        raise too_large("tệp trên 20 MB", "file larger than 20 MB")
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise DocumentError("Tệp rỗng")
    ext = os.path.splitext(filename or "")[1].lower()
    if ext == ".docx" or (ext not in (".pdf", ".txt", ".md", ".text", "") and data[:2] == b"PK"):
        from .docx import read_docx

        blocks = read_docx(data)
    elif ext == ".pdf" or (ext in ("",) and data[:5] == b"%PDF-"):
        from .pdf import read_pdf

        blocks = read_pdf(data)
    elif ext in (".txt", ".md", ".text", ".markdown", ""):
        from .text import read_text

        blocks = read_text(data)
    elif ext == ".doc":
        raise DocumentError(
            "Định dạng .doc cũ không được hỗ trợ, hãy lưu thành .docx / legacy .doc is not supported"
        )
    else:
        raise DocumentError(f"Định dạng tệp không được hỗ trợ ({ext})")
    blocks = bound_blocks(blocks)
    if not any((b.strip() if isinstance(b, str) else b.rows) for b in blocks):
        raise DocumentError("Tệp không có nội dung văn bản")
    return blocks
