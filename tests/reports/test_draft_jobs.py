"""The other drafted files (urging letter, plan export, an outgoing draft) follow GET …/report: small
ones at once, heavy ones (a national plan) as a job (202), a finished job's file reused while no fact
changed, an issued document's frozen file always at once."""

import pytest

from kehoach.jobs import services as jobs
from kehoach.jobs.models import Job
from kehoach.reports.documents import reuse

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def heavy(monkeypatch, settings):
    """Every file counts as heavy (as a national one is); jobs wait for a worker, as in production."""
    monkeypatch.setattr(reuse, "INLINE_BUDGET_S", 0.0)
    settings.TASKS = DB_QUEUE


def _body(r) -> bytes:
    return b"".join(r.streaming_content) if r.streaming else r.content


def _draft(api, plan, kind="urging"):
    r = api("noivu").post(
        f"/api/v1/plans/{plan.pk}/documents",
        {"type": kind, "period": "2021-H1"},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    return r.json()["id"]


def test_the_demo_files_come_at_once_and_start_no_job(demo, api):
    noivu = api("noivu")
    assert (
        noivu.get(f"/api/v1/plans/{demo.pk}/urging-letter?period=2021-H1&format=pdf").content[:5] == b"%PDF-"
    )
    assert noivu.get(f"/api/v1/plans/{demo.pk}/export?format=docx").content[:2] == b"PK"
    assert noivu.get(f"/api/v1/documents/{_draft(api, demo)}/file?format=docx").content[:2] == b"PK"
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/plans/{plan}/urging-letter?period=2021-H1&format=docx",
        "/api/v1/plans/{plan}/export?format=docx",
        "/api/v1/documents/{doc}/file?format=docx",
    ],
)
def test_a_heavy_file_is_202_with_its_job_then_the_file(demo, api, heavy, url):
    url = url.format(plan=demo.pk, doc=_draft(api, demo))
    noivu = api("noivu")
    first = noivu.get(url)
    assert first.status_code == 202, first.content
    job_id = first.json()["id"]
    assert first["Location"] == f"/api/v1/jobs/{job_id}" and 1 <= int(first["Retry-After"]) <= 30
    assert noivu.get(url).json()["id"] == job_id and Job.objects.count() == 1  # no second job
    assert jobs.run_job(job_id) == "done"
    done = noivu.get(url)
    body = _body(done)
    assert done.status_code == 200 and body[:2] == b"PK"
    assert body == Job.objects.get(pk=job_id).result_file.open("rb").read()


def test_a_heavy_file_keeps_its_checks_and_rights(demo, api, heavy):
    assert api("noivu").get(f"/api/v1/plans/{demo.pk}/urging-letter?period=2021-X9").status_code == 400
    assert api("noivu").get(f"/api/v1/plans/{demo.pk}/export?format=xlsx").status_code == 400
    assert api("phuocdan").get(f"/api/v1/plans/{demo.pk}/urging-letter?period=2021-H1").status_code == 403
    assert not Job.objects.exists()


def test_an_issued_document_is_its_frozen_file_at_once(demo, api, heavy):
    doc_id = _draft(api, demo)
    issuing = api("noivu").post(f"/api/v1/documents/{doc_id}/issue", {}, content_type="application/json")
    assert issuing.status_code == 202  # heavy: issued by a job (tests/reports/test_issue_jobs.py)
    assert jobs.run_job(issuing.json()["id"]) == "done"
    r = api("noivu").get(f"/api/v1/documents/{doc_id}/file?format=docx")
    assert r.status_code == 200 and _body(r)[:2] == b"PK"
    assert Job.objects.count() == 1  # the issue job only: the frozen file needs none


def test_the_page_links_go_to_the_job_page(demo, web, heavy):
    r = web("noivu").get(f"/dashboard/plans/{demo.pk}/urging-letter/?period=2021-H1&format=docx")
    assert r.status_code == 302 and "/jobs/" in r["Location"]
