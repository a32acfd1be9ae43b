"""The documents the app drafts, one module per document type; this module keeps the old names.

- :func:`report` — Báo cáo kết quả công tác thông tin, tuyên truyền CCHC (``report.py``);
- :func:`plan_document` — the plan itself with its appendix (``plan_doc.py``);
- :func:`urging_letter` — công văn đôn đốc to units that have not handed in (``urging.py``).
"""

from kehoach.reports.documents.annex import completeness_table, unit_stat_rows, week_label
from kehoach.reports.documents.common import Stamp, n, pct
from kehoach.reports.documents.plan_doc import plan_document
from kehoach.reports.documents.report import grouped_notes, report
from kehoach.reports.documents.urging import urging_letter

__all__ = [
    "Stamp",
    "completeness_table",
    "grouped_notes",
    "n",
    "pct",
    "plan_document",
    "report",
    "unit_stat_rows",
    "urging_letter",
    "week_label",
]
