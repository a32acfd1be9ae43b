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
