"""The numbered letter of a sent urging notice (công văn đôn đốc), from what the notice recorded.

Reuses the Decree 30 urging-letter builder of ``reports.documents``; the list of units and items
comes from the notice's own snapshot, so the letter downloads the same whenever it is asked for.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import override

from kehoach.core.errors import DomainError
from kehoach.notices.models import Notice
from kehoach.rules.periods import parse_period


@override("vi")  # official documents are in Vietnamese whatever the reader's page language
def urging_letter_file(notice: Notice, fmt: str):
    """The letter as a ``CompiledFile`` (docx or pdf), numbered with the notice's number."""
    from kehoach.reports.documents import builders
    from kehoach.reports.documents.common import Stamp
    from kehoach.reports.documents.compile import CONTENT_TYPES, CompiledFile
    from kehoach.reports.documents.docx import render_docx
    from kehoach.reports.documents.html import render_pdf

    fmt = (fmt or "docx").lower()
    if fmt not in ("docx", "pdf"):
        raise DomainError(f"Định dạng không hỗ trợ: {fmt}; chọn docx hoặc pdf.")
    if notice.kind != "urging" or notice.plan_id is None or notice.number is None:
        raise DomainError("Thông báo này không có văn bản kèm theo.")
    late = [
        {
            "unit": u["unit"],
            "items": [
                {"title": i["title"], "due": datetime.date.fromisoformat(i["due"]), "label": i["label"]}
                for i in u["items"]
            ],
        }
        for u in notice.letter
    ]
    day = timezone.localtime(notice.sent_at).date()
    data = {"plan": notice.plan, "period": parse_period(notice.period), "late": late, "as_of": day}
    doc = builders.urging_letter(data, Stamp(year=day.year, number=notice.number, day=day))
    content = render_docx(doc) if fmt == "docx" else render_pdf(doc)
    filename = f"{doc.filename}-so-{notice.number:02d}.{fmt}"
    return CompiledFile(content, filename, CONTENT_TYPES[fmt])
