"""PDF with a text layer (pypdf). A scan without text is refused with a clear message."""

from __future__ import annotations

import io

from ..errors import DocumentError
from . import Block
from .legacy import fix_legacy

MAX_PAGES = 500
NO_TEXT = "Tệp PDF không có lớp văn bản (bản quét?) / this PDF has no text layer"


def read_pdf(data: bytes) -> list[Block]:
    if b"%PDF-" not in data[:1024]:
        raise DocumentError("Tệp không phải PDF / not a PDF file")
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed files log noisily
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("Tệp PDF được mã hóa / the PDF is encrypted")
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise DocumentError("Tệp PDF quá nhiều trang / the PDF has too many pages")
        texts = []
        for page in pages:
            texts.append(page.extract_text() or "")
    except DocumentError:
        raise
    except Exception:
        raise DocumentError("Không đọc được tệp PDF / cannot read the PDF file")
    text = "\n".join(texts)
    if not text.strip():
        raise DocumentError(NO_TEXT)
    return fix_legacy(text).split("\n")
