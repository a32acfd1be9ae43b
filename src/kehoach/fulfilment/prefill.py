"""Số liệu báo cáo điền sẵn: a report's figures pre-filled from the unit's logged outputs."""

from __future__ import annotations

from kehoach.outputs.selectors import summary_for_unit
from kehoach.plans.models import DutyKind
from kehoach.tracking.models import Deliverable
from kehoach.tracking.services import prefill_window


def report_prefill(deliverable: Deliverable, basis: str = "cutoff") -> dict:
    """The unit's logged outputs for the window, so a report is never typed twice; the window and
    its basis come with the figures so the page can state them."""
    start, end = prefill_window(deliverable, basis)
    # summary_for_unit returns every figure, zero when nothing was logged.
    summary = summary_for_unit(deliverable.unit_id, start, end, plan_id=deliverable.plan_id)
    summary["window_start"] = start.isoformat()
    summary["window_end"] = end.isoformat()
    summary["window_basis"] = basis if deliverable.kind == DutyKind.REPORT else "calendar"
    return summary
