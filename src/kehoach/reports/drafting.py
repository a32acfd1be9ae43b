"""Who may draft the plan's documents, and a draft's edited sections: what compiling needs
from the reports app without depending on its workflows (``reports.services``)."""

from __future__ import annotations

from kehoach.core import permissions
from kehoach.core.errors import Forbidden


def can_compile(user, plan) -> bool:
    """District documents are compiled by the plan's coordinator (Phòng Nội vụ) and its leaders."""
    return permissions.is_coordinator(user, plan) or permissions.is_leader(user, plan)


def require_compiler(user, plan) -> None:
    if not can_compile(user, plan):
        raise Forbidden(
            "Chỉ cơ quan thường trực và lãnh đạo Ủy ban nhân dân được lập văn bản tổng hợp của kế hoạch."
        )


def latest_sections(document) -> dict[str, str]:
    """The latest edited text of each narrative section of a draft (key → text)."""
    out: dict[str, str] = {}
    for s in document.sections.order_by("key", "-version"):
        out.setdefault(s.key, s.text)
    return out
