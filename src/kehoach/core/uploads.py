"""Tệp tải lên: the one check of an uploaded file's size and type, for every upload path.

Pages (form fields), the API and services call ``check_upload`` with the kind of file they expect;
a refused file gets the same Vietnamese message everywhere: 413 when too large, 422 for a type
that is not accepted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.conf import settings

from kehoach.core.errors import Invalid, TooLarge


@dataclass(frozen=True)
class UploadKind:
    """Một loại tệp: what a person may upload at one place (extensions, size limit in bytes).

    ``max_bytes`` None means the site limit (``KEHOACH_MAX_UPLOAD_BYTES``); ``extensions`` None
    means the evidence types of the settings (``KEHOACH_EVIDENCE_TYPES``).
    """

    label: str
    extensions: tuple[str, ...] | None = None
    max_bytes: int | None = None

    def allowed(self) -> tuple[str, ...]:
        return self.extensions if self.extensions is not None else tuple(settings.KEHOACH_EVIDENCE_TYPES)

    def limit(self) -> int:
        return self.max_bytes if self.max_bytes is not None else settings.KEHOACH_MAX_UPLOAD_BYTES


#: Tài liệu kiểm chứng: evidence, submissions, recordings (the types of the settings).
EVIDENCE = UploadKind("tài liệu kiểm chứng")
#: Văn bản kế hoạch: what the plan importer reads.
PLAN_DOCUMENT = UploadKind("văn bản kế hoạch", (".txt", ".md", ".docx", ".pdf"))
#: Bảng kê sản phẩm: the outputs spreadsheet template (small: it is read in memory).
OUTPUTS_SHEET = UploadKind("tệp Excel theo mẫu", (".xlsx",), 5 * 1024 * 1024)
#: Kết quả chỉ số: the index results template.
INDEX_SHEET = UploadKind("tệp kết quả chỉ số", (".xlsx", ".csv"))


def extension(name: str | None) -> str:
    return os.path.splitext(name or "")[1].lower()


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def check_upload(name: str | None, size: int | None, kind: UploadKind = EVIDENCE) -> None:
    """Refuse a file of the wrong type (422) or too large (413) for ``kind``.

    Whether the content is readable (empty, not a spreadsheet, ...) is for the reader of that kind to say.
    """
    ext = extension(name)
    allowed = kind.allowed()
    if ext not in allowed:
        raise Invalid(
            f"Loại tệp không được chấp nhận ({ext or 'không có phần mở rộng'}): định dạng không được hỗ trợ. "
            f"Chấp nhận: {', '.join(allowed)}."
        )
    if size is not None and size > kind.limit():
        raise TooLarge(f"Tệp quá lớn: tối đa {megabytes(kind.limit())}.")
