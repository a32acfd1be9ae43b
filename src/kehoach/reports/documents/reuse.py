"""Báo cáo đã biên soạn, dùng lại: the synchronous ``GET …/report`` never compiles for long (issue 11).

Three answers, cheapest first:

1. a finished report job compiled the same (plan, period, format, as_of) and no fact has changed
   since (same ``change_stamp``): its stored file, at once, whoever started that job;
2. a small report (estimated under ``INLINE_BUDGET_S``, e.g. the district demo): compiled in the request;
3. otherwise: the report job is started (or the running one found) and the caller gets 202 with the
   job resource; the same GET repeated later is answered by 1.

A report's figures are those of the end of ``as_of`` (default: the end of the period, or today while
it runs), and every change of a fact it reads writes an audit row (``core.AuditedModel``), so the
latest audit row id, with the latest ids of the bulk-loaded fact tables, is a change stamp that costs
a handful of index look-ups.
"""

from __future__ import annotations

import datetime

from django.db.models import Max

from kehoach.reports.documents.data import report_as_of
from kehoach.rules.periods import Period

#: A request may compile inline when the estimate is under this (the target is 2 s per request on
#: 2 shared cores: half of it is kept for load and the response).
INLINE_BUDGET_S = 1.0


#: Seconds per unit listed in the annex, and fixed seconds, per format: measured with
#: ``benchmarks/bench_documents.py`` on the province (159 units) and national (3,439 units) data
#: after the issue 11 work (PDF ~11 ms a unit, DOCX and XLSX well under 1 ms, figures ~1.2 ms).
SECONDS_PER_UNIT = {"pdf": 0.0125, "docx": 0.0018, "xlsx": 0.0018}
SECONDS_FIXED = {"pdf": 0.35, "docx": 0.1, "xlsx": 0.1}

#: How far back ``change_stamp`` counts audit rows committed late (see there).
STAMP_WINDOW = 1000

#: Audit rows that say nothing about the report's facts: a job starting or ending, a sign-in (each
#: one writes an ``auth.user`` row), API tokens, calendar links, drafts of outgoing documents, notices.
NOT_FACTS = (
    "jobs.job",
    "auth.user",
    "core.apitoken",
    "reports.outgoingdocument",
    "reports.calendartoken",
    "notices.notice",
)


def change_stamp() -> str:
    """A value that changes whenever a fact a report reads may have changed.

    The latest audit row (every save of an audited model writes one) and the latest ids of the
    tables that bulk loaders fill (``kehoach generate`` writes outputs, broadcasts, deliverables
    and submissions in bulk). Each is a backward scan of a primary-key index.
    """
    from kehoach.core.models import AuditEntry
    from kehoach.outputs.models import Broadcast, Output
    from kehoach.tracking.models import Deliverable, Submission

    facts = AuditEntry.objects.exclude(model__in=NOT_FACTS)
    latest = facts.order_by("-id").values_list("id", flat=True).first() or 0
    # Ids are taken before commit: a transaction that took id 99 may commit after id 100 did. The
    # count of the last ids catches such a late row (a range scan of at most STAMP_WINDOW rows).
    parts = [latest, facts.filter(id__gt=latest - STAMP_WINDOW).count()]
    for model in (Output, Broadcast, Deliverable, Submission):
        parts.append(model.objects.aggregate(m=Max("id"))["m"])
    return "-".join(str(p or 0) for p in parts)


def resolved_as_of(period: Period, as_of: datetime.date | None, today: datetime.date) -> datetime.date:
    """The day whose end the report describes (what ``data.report_data`` will use)."""
    return min(as_of, period.end) if as_of else report_as_of(period, today)


def annex_units(plan, period: Period) -> int:
    """How many units the annex lists, roughly: the report deliverables of the period (one a unit),
    else those of its year. One count on the (plan, period, kind) index."""
    from kehoach.tracking.models import Deliverable

    for code in dict.fromkeys((period.code, str(period.year))):
        count = Deliverable.objects.filter(plan=plan, period=code, kind="report").count()
        if count:
            return count
    return 0


def estimate_seconds(plan, period: Period, fmt: str) -> float:
    return SECONDS_FIXED[fmt] + SECONDS_PER_UNIT[fmt] * annex_units(plan, period)


def compiles_inline(plan, period: Period, fmt: str) -> bool:
    return estimate_seconds(plan, period, fmt) <= INLINE_BUDGET_S


def wait_for(seconds: float) -> int:
    """Seconds a client should wait before asking again (Retry-After): a fifth of the estimate, 1 to 30."""
    return max(1, min(30, round(seconds / 5)))


def retry_after(plan, period: Period, fmt: str) -> int:
    return wait_for(estimate_seconds(plan, period, fmt))


def finished_job(kind: str, params: dict):
    """The newest finished job with a file for exactly these parameters (change stamp included)."""
    from kehoach.jobs.models import Job, JobStatus, dedupe_key

    job = (
        Job.objects.filter(kind=kind, dedupe_key=dedupe_key(kind, params), status=JobStatus.DONE)
        .exclude(result_file="")
        .order_by("-finished_at", "-id")
        .first()
    )
    # Its file may be gone (``kehoach purge-jobs`` deletes the row, then the file; a restore without
    # the media folder): then there is nothing to reuse and the caller compiles again.
    if job is not None and not job.result_file.storage.exists(job.result_file.name):
        return None
    return job


def draft_seconds(params: dict) -> float:
    """The estimate for a ``draft`` job's file (cleaned parameters): units listed for a letter or a
    report, activities for the plan."""
    from kehoach.reports.models import OutgoingDocument

    fmt, what, period = params["format"], params["what"], params.get("period")
    if what == "document":
        document = OutgoingDocument.objects.only("type", "period", "plan_id").get(pk=params["document_id"])
        what, period, plan_id = document.type, document.period, document.plan_id
    else:
        plan_id = params["plan_id"]
    return SECONDS_FIXED[fmt] + SECONDS_PER_UNIT[fmt] * _rows(what, plan_id, period)


def _rows(what: str, plan_id: int, period: str | None) -> int:
    from kehoach.plans.models import Activity, Plan
    from kehoach.rules.periods import parse_period

    if what == "plan":
        return Activity.objects.filter(plan_id=plan_id).count()
    return annex_units(Plan(pk=plan_id), parse_period(period))


def issue_seconds(document) -> float:
    """The estimate for issuing ``document`` (an ``OutgoingDocument``): every format it is frozen in,
    each estimated as the draft of that format is (``draft_seconds``)."""
    from kehoach.reports.documents.compile import FORMATS

    rows = _rows(document.type, document.plan_id, document.period)
    return sum(SECONDS_FIXED[f] + SECONDS_PER_UNIT[f] * rows for f in FORMATS[document.type])


def issues_inline(document) -> bool:
    """Issued in the request: the demo's report (docx + pdf + xlsx, 30 units) is estimated at 0.9 s."""
    return issue_seconds(document) <= INLINE_BUDGET_S
