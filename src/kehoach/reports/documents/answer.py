"""What a GET of the compiled report answers (``GET …/report`` and the page link): the rules are in
``reuse``; this binds them to the job queue (kept apart: the report job kind imports ``reuse``)."""

from __future__ import annotations

import datetime

from kehoach.reports.documents import reuse


def report_or_job(
    user, plan, period_code: str | None, fmt: str, today: datetime.date, as_of: datetime.date | None = None
):
    """What a GET of the report answers: a ``CompiledFile`` compiled now (small report), or a report
    ``Job``: finished with its file (reused, or just run by an inline backend) or queued/running.

    Bad period, format or rights are refused here (4xx) exactly as ``compile_report`` refuses them.
    """
    from kehoach.jobs import kinds
    from kehoach.jobs import services as jobs
    from kehoach.reports.documents.compile import compile_report
    from kehoach.rules.periods import parse_period

    asked = {"plan_id": plan.pk, "period": period_code, "format": fmt, "as_of": as_of and as_of.isoformat()}
    params = kinds.get("report").check(user, asked)
    done = reuse.finished_job("report", params)
    if done is not None:
        return done
    if reuse.compiles_inline(plan, parse_period(params["period"]), params["format"]):
        return compile_report(user, plan, period_code, fmt, today, as_of=as_of)
    job, _created = jobs.start_job(user, "report", params, from_api=True)
    return job


def draft_or_job(user, asked: dict, compile_now):
    """The same three answers for the other drafted files (``asked``: the ``draft`` job's parameters,
    ``what`` = ``urging`` | ``plan`` | ``document``): a finished job's file of unchanged facts, the
    file compiled now by ``compile_now()`` when it is small, else the job (started or found)."""
    from kehoach.jobs import kinds
    from kehoach.jobs import services as jobs

    params = kinds.get("draft").check(user, asked)
    done = reuse.finished_job("draft", params)
    if done is not None:
        return done
    if reuse.draft_seconds(params) <= reuse.INLINE_BUDGET_S:
        return compile_now()
    job, _created = jobs.start_job(user, "draft", params)
    return job


def issuing_job(document):
    """The ``issue`` job queued or running for ``document``, if any (whoever started it)."""
    from kehoach.jobs.models import Job

    return Job.objects.active().filter(kind="issue", params__document_id=document.pk).first()


def issue_or_job(user, document, day: datetime.date):
    """What issuing answers (``POST …/issue`` and the page's button): the issued document when it is
    small (issued in this request, as ever), else the ``issue`` job that issues it in the worker.

    The heavy path reserves the number (the document becomes ``issuing``) and queues the job in one
    short transaction, under the document's row lock: a second issue while one is queued or running
    is 409, and the job only renders and freezes (``services.issue_document`` resumes the reservation).
    """
    from django.db import transaction

    from kehoach.core.errors import Conflict
    from kehoach.jobs import services as jobs
    from kehoach.reports import services

    services.require_compiler(user, document.plan)

    def refuse_if_running(doc):
        running = issuing_job(doc)
        if running is not None:
            number = f" số {doc.number_text}" if doc.number else ""
            raise Conflict(f"Văn bản{number} đang được ban hành (tác vụ #{running.pk}); hãy chờ tác vụ xong.")

    if reuse.issues_inline(document):  # a retry too: it renders again with the number it reserved
        refuse_if_running(document)
        return services.issue_document(user, document, day)
    with transaction.atomic():
        reserved = services.reserve_number(user, document, day)  # the row stays locked until commit
        refuse_if_running(reserved)
        job, _created = jobs.start_job(user, "issue", {"document_id": reserved.pk})
    return job
