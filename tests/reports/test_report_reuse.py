"""GET …/report never compiles for long: a heavy report is a background job (202), a finished job's
file is reused while no fact has changed, a small report (the demo) is still the file at once."""

import datetime

import pytest

from kehoach.jobs import services as jobs
from kehoach.jobs.models import Job
from kehoach.reports.documents import reuse

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def heavy(monkeypatch):
    """Every report counts as heavy (as a national one is): nothing compiles in the request."""
    monkeypatch.setattr(reuse, "INLINE_BUDGET_S", 0.0)


@pytest.fixture
def queued(settings):
    """Jobs wait in the database queue for a worker, as in production."""
    settings.TASKS = DB_QUEUE


def _url(plan, fmt="xlsx", period="2021-H1", extra=""):
    return f"/api/v1/plans/{plan.pk}/report?period={period}&format={fmt}{extra}"


def _body(r) -> bytes:
    return b"".join(r.streaming_content) if r.streaming else r.content


def test_the_demo_report_is_the_file_at_once_and_starts_no_job(demo, api):
    r = api("noivu").get(_url(demo, "pdf"))
    assert r.status_code == 200
    assert r.content[:5] == b"%PDF-"
    assert not Job.objects.exists()


def test_a_heavy_report_answers_202_with_the_job_then_the_file_once_done(demo, api, heavy, queued):
    noivu = api("noivu")
    first = noivu.get(_url(demo, "docx"))
    assert first.status_code == 202, first.content
    body = first.json()
    assert body["status"] == "queued" and body["progress"] == 0
    assert first["Location"] == f"/api/v1/jobs/{body['id']}"
    assert 1 <= int(first["Retry-After"]) <= 30
    # The job resource is the one POST /api/v1/jobs gives; asking again does not start a second job.
    assert noivu.get(first["Location"]).json()["status"] == "queued"
    again = noivu.get(_url(demo, "docx"))
    assert again.status_code == 202 and again.json()["id"] == body["id"]
    assert Job.objects.count() == 1

    assert jobs.run_job(body["id"]) == "done"
    done = noivu.get(_url(demo, "docx"))
    assert done.status_code == 200
    assert done["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment" in done["Content-Disposition"]
    job = Job.objects.get(pk=body["id"])
    assert _body(done) == job.result_file.open("rb").read()
    assert Job.objects.count() == 1


def test_a_finished_report_is_reused_by_another_compiler_but_not_shown_to_others(
    demo, api, heavy, queued, viewer
):
    job_id = api("noivu").get(_url(demo)).json()["id"]
    jobs.run_job(job_id)
    r = api("lanhdao").get(_url(demo))
    assert r.status_code == 200 and _body(r)[:2] == b"PK"
    assert Job.objects.count() == 1  # the leader's GET compiled nothing
    # The stored file changes nothing about who may have it.
    assert api("phuocdan").get(_url(demo)).status_code == 403
    assert api("xem").get(_url(demo)).status_code == 403
    assert api(None).get(_url(demo)).status_code == 401


def test_a_changed_fact_means_a_new_compile(demo, api, heavy, queued):
    from kehoach.outputs.models import Output

    noivu = api("noivu")
    old = noivu.get(_url(demo)).json()["id"]
    jobs.run_job(old)
    output = Output.objects.filter(plan=demo).first()
    output.title = output.title + " (sửa)"
    output.save()  # an audited save: the report's facts changed
    r = noivu.get(_url(demo))
    assert r.status_code == 202 and r.json()["id"] != old


def test_another_day_or_format_is_another_report(demo, api, heavy, queued):
    noivu = api("noivu")
    a = noivu.get(_url(demo, "xlsx")).json()["id"]
    jobs.run_job(a)
    b = noivu.get(_url(demo, "xlsx", extra="&as_of=2021-05-31"))
    c = noivu.get(_url(demo, "pdf"))
    assert b.status_code == c.status_code == 202
    assert len({a, b.json()["id"], c.json()["id"]}) == 3
    assert Job.objects.get(pk=b.json()["id"]).params["as_of"] == "2021-05-31"


def test_as_of_after_the_period_is_the_same_report_as_the_default(demo, api, heavy, queued):
    """The report of 2021-H1 describes 30/06/2021 whenever it is compiled: one job for both."""
    noivu = api("noivu")
    a = noivu.get(_url(demo)).json()["id"]
    b = noivu.get(_url(demo, extra="&as_of=2021-09-01")).json()["id"]
    assert a == b


def test_with_inline_jobs_a_heavy_report_is_the_file_in_the_same_request(demo, api, heavy):
    r = api("noivu").get(_url(demo, "xlsx"))
    assert r.status_code == 200 and _body(r)[:2] == b"PK"
    assert Job.objects.get().status == "done"


@pytest.mark.parametrize(
    "query", ["period=2021-H7&format=docx", "period=2021&format=odt", "period=&format=pdf"]
)
def test_bad_requests_are_still_400_and_queue_nothing(demo, api, heavy, queued, query):
    r = api("noivu").get(f"/api/v1/plans/{demo.pk}/report?{query}")
    assert r.status_code == 400 and r.json()["detail"]
    assert not Job.objects.exists()


def test_the_change_stamp_ignores_jobs_and_follows_facts(demo, api):
    from django.contrib.auth import get_user_model

    from kehoach.outputs.models import Output

    before = reuse.change_stamp()
    user = get_user_model().objects.get(username="noivu")
    jobs.start_job(user, "report", {"plan_id": demo.pk, "period": "2021", "format": "xlsx"})
    assert reuse.change_stamp() == before  # a job starting and ending is not a fact of the report
    output = Output.objects.filter(plan=demo).first()
    output.quantity += 1
    output.save()
    assert reuse.change_stamp() != before


def test_the_estimate_grows_with_the_units_listed(demo):
    from kehoach.rules.periods import parse_period

    period = parse_period("2021-H1")
    units = reuse.annex_units(demo, period)
    assert units > 0
    assert reuse.estimate_seconds(demo, period, "pdf") > reuse.estimate_seconds(demo, period, "xlsx")
    assert reuse.compiles_inline(demo, period, "pdf")  # the district demo: the file at once
    assert reuse.resolved_as_of(period, None, datetime.date(2026, 1, 1)) == datetime.date(2021, 6, 30)


def test_the_report_page_link_sends_a_heavy_report_to_its_job_page(demo, web, heavy, queued):
    browser = web("noivu")
    r = browser.get(f"/dashboard/plans/{demo.pk}/report/?period=2021-H1&format=pdf")
    job = Job.objects.get()
    assert r.status_code == 302 and r["Location"].endswith(f"/{job.pk}/")
    jobs.run_job(job.pk)
    done = browser.get(f"/dashboard/plans/{demo.pk}/report/?period=2021-H1&format=pdf")
    assert done.status_code == 200 and _body(done)[:5] == b"%PDF-"


def test_the_report_page_link_gives_the_demo_file_at_once(demo, web):
    r = web("noivu").get(f"/dashboard/plans/{demo.pk}/report/?period=2021-H1&format=xlsx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert (
        web("phuocdan").get(f"/dashboard/plans/{demo.pk}/report/?period=2021-H1&format=xlsx").status_code
        == 404
    )


def test_a_pdf_job_reports_its_pages_as_progress(demo, api):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from kehoach.reports.documents.compile import compile_report

    heard = []
    user = get_user_model().objects.get(username="noivu")
    f = compile_report(
        user, demo, "2021-H1", "pdf", timezone.localdate(), progress=lambda p, m="": heard.append((p, m))
    )
    assert f.content[:5] == b"%PDF-"
    pages = [m for _, m in heard if m.startswith("Đang dàn trang PDF: trang ")]
    assert pages and pages[0].endswith("trang 1")
    percents = [p for p, _ in heard]
    assert percents == sorted(percents) and 50 <= percents[-1] <= 98


def test_an_audit_row_committed_late_changes_the_stamp(demo):
    """A transaction may commit an older id after a newer one: the stamp still moves."""
    from kehoach.core.models import AuditEntry

    before = reuse.change_stamp()
    newest, late = AuditEntry.objects.exclude(model__in=reuse.NOT_FACTS).order_by("-id")[:2]
    late_copy = {
        f.attname: getattr(late, f.attname) for f in AuditEntry._meta.concrete_fields if f.attname != "id"
    }
    late_id = late.pk
    late.delete()  # a gap below the newest id, as an uncommitted transaction leaves...
    assert newest.pk > late_id
    gap = reuse.change_stamp()
    AuditEntry.objects.create(id=late_id, **late_copy)  # ...then its row lands behind the newest
    assert reuse.change_stamp() != gap
    assert reuse.change_stamp() == before


def test_a_failed_inline_job_is_a_409_with_the_reason_not_a_500(demo, api, heavy, monkeypatch):
    from kehoach.reports.documents import compile as documents

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(documents, "compile_report", broken)
    r = api("noivu").get(_url(demo))
    assert r.status_code == 409
    assert "Lỗi" in r.json()["detail"]
    assert Job.objects.get().status == "failed"


def test_a_sign_in_does_not_change_the_stamp(demo, client):
    before = reuse.change_stamp()
    assert (
        client.post("/accounts/login/", {"username": "lanhdao", "password": "kehoach-demo"}).status_code
        == 302
    )
    from kehoach.core.models import AuditEntry

    assert AuditEntry.objects.order_by("-id").first().model == "auth.user"  # the sign-in was written
    assert reuse.change_stamp() == before
