"""Ban hành a heavy document runs as a job (issue 11: no request over 2 s): the number is reserved at
once (the document is "issuing"), the job renders and freezes the files; a small document is issued
in the request as ever (200). A second issue while one runs is 409; a failed render keeps the number
and the document can be issued again; the register stays consecutive."""

import datetime
import hashlib

import pytest
import time_machine
from django.db import connection

from kehoach.core.errors import DomainError
from kehoach.jobs import services as jobs
from kehoach.jobs.models import Job
from kehoach.reports.documents import compile as documents
from kehoach.reports.documents import reuse

DAY = datetime.datetime(2021, 7, 5, 9, 0, tzinfo=datetime.UTC)
DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def _july_2021():
    with time_machine.travel(DAY, tick=False):
        yield


@pytest.fixture
def heavy(monkeypatch, settings):
    """Every document counts as heavy (as a national one is); jobs wait for a worker, as in production."""
    monkeypatch.setattr(reuse, "INLINE_BUDGET_S", 0.0)
    settings.TASKS = DB_QUEUE


@pytest.fixture
def render_fails_once(monkeypatch):
    """The next render raises (a bug, a font missing...); the ones after it work."""
    real, calls = documents.render_outgoing, []

    def render(*args, **kwargs):
        calls.append(args[1])
        if len(calls) == 1:
            raise DomainError("Không dựng được tệp PDF (thiếu phông chữ).")
        return real(*args, **kwargs)

    monkeypatch.setattr(documents, "render_outgoing", render)
    return calls


def _draft(api, plan, period="2021-H1", kind="report"):
    r = api("noivu").post(
        f"/api/v1/plans/{plan.pk}/documents",
        {"type": kind, "period": period},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    return r.json()["id"]


def _issue(api, doc_id, user="lanhdao"):
    return api(user).post(f"/api/v1/documents/{doc_id}/issue", {}, content_type="application/json")


def _issue_records(doc_id) -> int:
    from kehoach.core.models import AuditEntry

    return AuditEntry.objects.filter(
        model="reports.outgoingdocument", object_id=str(doc_id), verb__startswith="ban hành"
    ).count()


def test_small_documents_are_issued_in_the_request_with_consecutive_numbers(plan, api):
    from kehoach.reports.models import OutgoingDocument

    first, second, letter = _draft(api, plan), _draft(api, plan, "2021"), _draft(api, plan, kind="urging")
    assert reuse.issues_inline(OutgoingDocument.objects.get(pk=first))  # ~0.9 s estimated
    r = _issue(api, first)
    assert r.status_code == 200, r.content
    assert set(r.json()) >= {"number", "issued_at", "sha256"} and r.json()["number"] == "01/BC-UBND"
    assert _issue(api, second).json()["number"] == "02/BC-UBND"
    assert _issue(api, letter).json()["number"] == "01/UBND-NV"
    assert not Job.objects.exists() and _issue_records(first) == 1


def test_a_heavy_issue_is_202_then_the_job_issues_it_with_the_reserved_number(plan, api, heavy):
    doc_id, next_id = _draft(api, plan), _draft(api, plan, "2021")
    r = _issue(api, doc_id)
    assert r.status_code == 202, r.content
    job_id = r.json()["id"]
    assert r.json()["status"] == "queued"
    assert r["Location"] == f"/api/v1/jobs/{job_id}" and 1 <= int(r["Retry-After"]) <= 30
    # The number is taken at once; the document is "issuing" and no longer editable.
    doc = api("noivu").get(f"/api/v1/documents/{doc_id}").json()
    assert (doc["status"], doc["number"], doc["issued_at"]) == ("issuing", "01/BC-UBND", None)
    edit = api("noivu").put(
        f"/api/v1/documents/{doc_id}/sections/causes", {"text": "muộn"}, content_type="application/json"
    )
    assert edit.status_code == 409
    # A second issue while the job waits or runs: 409 in Vietnamese, whoever asks; no second job.
    for user in ("lanhdao", "noivu"):
        again = _issue(api, doc_id, user)
        assert again.status_code == 409 and "đang được ban hành" in again.json()["detail"]
    assert Job.objects.count() == 1

    assert jobs.run_job(job_id) == "done"
    job = api("lanhdao").get(f"/api/v1/jobs/{job_id}").json()
    assert job["status"] == "done" and job["progress"] == 100 and job["kind"] == "issue"
    assert job["result"]["number"] == "01/BC-UBND"
    assert job["result_url"] == f"/api/v1/documents/{doc_id}/file?format=pdf"
    pdf = api("lanhdao").get(job["result_url"])
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    assert hashlib.sha256(pdf.content).hexdigest() == job["result"]["sha256"] == job["result"]["files"]["pdf"]
    doc = api("noivu").get(f"/api/v1/documents/{doc_id}").json()
    assert (
        doc["status"] == "issued"
        and doc["number"] == "01/BC-UBND"
        and doc["sha256"] == job["result"]["sha256"]
    )
    assert _issue_records(doc_id) == 1  # one audit record of the issuing, not one per step
    assert _issue(api, doc_id).status_code == 409  # issued once only
    # The register goes on from there.
    r = _issue(api, next_id)
    assert jobs.run_job(r.json()["id"]) == "done"
    assert api("noivu").get(f"/api/v1/documents/{next_id}").json()["number"] == "02/BC-UBND"


def test_a_failed_render_keeps_the_number_and_the_document_can_be_issued_again(
    plan, api, heavy, render_fails_once
):
    from kehoach.reports.models import DocumentNumber, OutgoingDocument

    doc_id, next_id = _draft(api, plan), _draft(api, plan, "2021")
    first = _issue(api, doc_id).json()["id"]
    assert jobs.run_job(first) == "failed"
    failed = api("lanhdao").get(f"/api/v1/jobs/{first}").json()
    assert failed["error"] == "Không dựng được tệp PDF (thiếu phông chữ)." and failed["result_url"] is None
    doc = OutgoingDocument.objects.get(pk=doc_id)
    assert (doc.status, doc.number_text, doc.files.count()) == ("issuing", "01/BC-UBND", 0)
    # No job runs now: issuing again is allowed, and renders with the number it reserved.
    again = _issue(api, doc_id, user="noivu")
    assert again.status_code == 202 and again.json()["id"] != first
    assert jobs.run_job(again.json()["id"]) == "done"
    doc.refresh_from_db()
    assert (doc.status, doc.number_text, doc.files.count()) == ("issued", "01/BC-UBND", 3)
    assert doc.issued_by.username == "noivu" and _issue_records(doc_id) == 1
    assert jobs.run_job(_issue(api, next_id).json()["id"]) == "done"
    assert OutgoingDocument.objects.get(pk=next_id).number_text == "02/BC-UBND"  # no gap
    assert DocumentNumber.objects.get(type_code="BC", year=2021).last == 2


def test_a_failed_small_issue_is_a_4xx_and_the_retry_keeps_the_number(plan, api, render_fails_once):
    doc_id = _draft(api, plan)
    r = _issue(api, doc_id)
    assert r.status_code == 400 and r.json()["detail"] == "Không dựng được tệp PDF (thiếu phông chữ)."
    assert api("noivu").get(f"/api/v1/documents/{doc_id}").json()["status"] == "issuing"
    r = _issue(api, doc_id)
    assert r.status_code == 200 and r.json()["number"] == "01/BC-UBND"


def test_the_page_shows_the_job_progress_then_the_issued_document(plan, api, web, heavy):
    doc_id = _draft(api, plan)
    client = web("lanhdao")
    r = client.post(f"/dashboard/documents/{doc_id}/issue/")
    assert r.status_code == 302 and r["Location"] == f"/dashboard/documents/{doc_id}/"
    page = client.get(r["Location"]).content.decode()
    job = Job.objects.get(kind="issue")
    assert "Đang ban hành: đã cấp số 01/BC-UBND ngày 05/07/2021" in page
    assert f'hx-get="/jobs/{job.pk}/progress/"' in page  # htmx polls the job's progress
    assert "Ban hành (cấp số" not in page
    # Another leader sees that it is being issued, without someone else's job.
    other = web("noivu").get(f"/dashboard/documents/{doc_id}/").content.decode()
    assert "Một người khác đang ban hành" in other and "hx-get" not in other
    assert jobs.run_job(job.pk) == "done"
    partial = client.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert f'href="/dashboard/documents/{doc_id}/"' in partial and "văn bản số 01/BC-UBND" in partial
    page = client.get(f"/dashboard/documents/{doc_id}/").content.decode()
    assert "Văn bản số 01/BC-UBND" in page and "Đang ban hành" not in page


def test_the_page_offers_to_issue_again_after_a_failed_render(plan, api, web, heavy, render_fails_once):
    doc_id = _draft(api, plan)
    client = web("lanhdao")
    client.post(f"/dashboard/documents/{doc_id}/issue/")
    assert jobs.run_job(Job.objects.get().pk) == "failed"
    page = client.get(f"/dashboard/documents/{doc_id}/").content.decode()
    assert "Ban hành lại (giữ số 01/BC-UBND)" in page
    client.post(f"/dashboard/documents/{doc_id}/issue/")
    assert jobs.run_job(Job.objects.get(status="queued").pk) == "done"
    assert "Văn bản số 01/BC-UBND" in client.get(f"/dashboard/documents/{doc_id}/").content.decode()


def test_a_heavy_issue_keeps_its_rights(plan, api, heavy):
    doc_id = _draft(api, plan)
    assert _issue(api, doc_id, user="phuocdan").status_code in (403, 404)
    assert _issue(api, doc_id, user=None).status_code == 401
    assert not Job.objects.exists()
    assert api("noivu").get(f"/api/v1/documents/{doc_id}").json()["status"] == "draft"


def test_inline_jobs_issue_a_heavy_document_in_the_request(plan, api, monkeypatch):
    """KEHOACH_JOBS=inline (no worker): the job runs in the request, which answers 200 as ever."""
    monkeypatch.setattr(reuse, "INLINE_BUDGET_S", 0.0)
    doc_id = _draft(api, plan)
    r = _issue(api, doc_id)
    assert r.status_code == 200 and r.json()["number"] == "01/BC-UBND"
    assert Job.objects.get().status == "done"


def test_the_documents_page_lists_a_document_being_issued(plan, api, web, heavy):
    doc_id = _draft(api, plan)
    _issue(api, doc_id)
    page = web("noivu").get(f"/dashboard/plans/{plan.pk}/documents/?year=2021").content.decode()
    assert f"/dashboard/documents/{doc_id}/" in page and "đang ban hành, số 01/BC-UBND" in page


@pytest.mark.django_db(transaction=True)
def test_the_worker_issues_a_heavy_document(plan, api, heavy):
    import signal

    from django.core.management import call_command

    from kehoach.reports.models import OutgoingDocument

    doc_id = _draft(api, plan)
    job_id = _issue(api, doc_id).json()["id"]
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:  # the worker renders outside any transaction, as in production
        call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    finally:
        for s, h in saved.items():
            signal.signal(s, h)
    assert Job.objects.get(pk=job_id).status == "done"
    doc = OutgoingDocument.objects.get(pk=doc_id)
    assert (doc.status, doc.number_text, doc.files.count()) == ("issued", "01/BC-UBND", 3)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL (SQLite serialises writes)",
)
@pytest.mark.django_db(transaction=True)
def test_two_heavy_issues_of_one_document_at_once_queue_one_job(plan, heavy):
    import threading

    from django.contrib.auth import get_user_model
    from django.db import connection as conn

    from kehoach.core.errors import Conflict
    from kehoach.reports import services
    from kehoach.reports.documents import answer

    users = get_user_model().objects.filter(username__in=("lanhdao", "noivu"))
    doc = services.create_draft(users[0], plan, "report", "2021-H1", None, datetime.date(2021, 7, 5))
    barrier, jobs_started, refused = threading.Barrier(2), [], []

    def issue(user):
        try:
            barrier.wait()
            jobs_started.append(answer.issue_or_job(user, doc, datetime.date(2021, 7, 5)).pk)
        except Conflict:
            refused.append(user.username)
        finally:
            conn.close()

    threads = [threading.Thread(target=issue, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(jobs_started) == 1 and len(refused) == 1
    doc.refresh_from_db()
    assert (doc.status, doc.number) == ("issuing", 1)
