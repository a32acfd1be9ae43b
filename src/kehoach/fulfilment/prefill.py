"""Số liệu báo cáo điền sẵn: a report's figures pre-filled from the unit's logged outputs."""

from __future__ import annotations

from kehoach.outputs.selectors import summary_for_unit
from kehoach.tracking.models import Deliverable
from kehoach.tracking.services import prefill_window


def report_prefill(deliverable: Deliverable) -> dict:
    """The unit's logged outputs for the period, so a report is never typed twice."""
    start, end = prefill_window(deliverable)
    # summary_for_unit returns every figure, zero when nothing was logged.
    summary = summary_for_unit(deliverable.unit_id, start, end, plan_id=deliverable.plan_id)
    summary["window_start"] = start.isoformat()
    summary["window_end"] = end.isoformat()
    return summary
