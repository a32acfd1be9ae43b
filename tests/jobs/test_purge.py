"""Finished jobs and their result files are kept KEHOACH_JOB_FILES_DAYS days (default 7), then
deleted by `kehoach purge-jobs` and by the worker (at start, then daily); never a queued or running
job, never an issued document's frozen files; a reused report whose file is gone is compiled again."""

import datetime
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from kehoach.jobs import services
from kehoach.jobs.models import Job
from kehoach.reports.documents import reuse

NOW = timezone.now()


def _job(status: str, days_ago: float, *, content: bytes | None = b"x", user="noivu") -> Job:
    finished = NOW - datetime.timedelta(days=days_ago)
    job = Job.objects.create(
        kind="call",
        title=f"{status} {days_ago}",
        dedupe_key=f"{status}-{days_ago}-{Job.objects.count()}",
        status=status,
        created_by=get_user_model().objects.get(username=user),
        finished_at=finished if status in ("done", "failed") else None,
    )
    if content is not None:
        job.result_file.save("ket-qua.docx", ContentFile(content), save=True)
    return job


def _exists(job: Job) -> bool:
    return job.result_file.storage.exists(job.result_file.name)


def test_old_finished_jobs_and_their_files_go_recent_and_active_ones_stay(org):
    old_done, _old_failed = _job("done", 8), _job("failed", 30, content=None)
    recent, running, queued = _job("done", 6), _job("running", 30), _job("queued", 30)
    done = services.purge_finished(now=NOW)
    assert done == {"jobs": 2, "files": 1, "days": 7}
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk, queued.pk}
    assert not _exists(old_done)
    assert all(_exists(j) for j in (recent, running, queued))
    assert services.purge_finished(now=NOW)["jobs"] == 0  # nothing left to do


def test_the_number_of_days_is_one_setting(org, settings):
    settings.KEHOACH_JOB_FILES_DAYS = 1
    kept, gone = _job("done", 0.5), _job("done", 2)
    assert services.purge_finished(now=NOW)["days"] == 1
    assert list(Job.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not _exists(gone)


def test_files_no_job_names_go_once_old(org):
    job = _job("done", 1)
    storage = job.result_file.storage
    stray_old = storage.save("jobs/2021/01/mo-coi.pdf", ContentFile(b"%PDF-"))
    stray_new = storage.save("jobs/2021/01/moi.pdf", ContentFile(b"%PDF-"))
    ten_days = (NOW - datetime.timedelta(days=10)).timestamp()
    os.utime(storage.path(stray_old), (ten_days, ten_days))
    assert services.purge_finished(now=NOW)["files"] == 1
    assert not storage.exists(stray_old) and storage.exists(stray_new) and _exists(job)


def test_issued_documents_keep_their_frozen_files(plan, api):
    from kehoach.reports.models import DocumentFile

    r = api("noivu").post(
        f"/api/v1/plans/{plan.pk}/documents",
        {"type": "urging", "period": "2021-H1"},
        content_type="application/json",
    )
    doc_id = r.json()["id"]
    assert (
        api("lanhdao")
        .post(f"/api/v1/documents/{doc_id}/issue", {}, content_type="application/json")
        .status_code
        == 200
    )
    before = dict(DocumentFile.objects.filter(document_id=doc_id).values_list("format", "sha256"))
    services.purge_finished(now=NOW + datetime.timedelta(days=3650), days=0)
    after = DocumentFile.objects.filter(document_id=doc_id)
    assert dict(after.values_list("format", "sha256")) == before and all(bytes(f.content) for f in after)
    assert api("lanhdao").get(f"/api/v1/documents/{doc_id}/file?format=pdf").status_code == 200


def test_the_command_says_what_it_deleted(org, capsys):
    _job("done", 9)
    call_command("purge-jobs")
    assert "Đã xóa 1 tác vụ nền và 1 tệp kết quả cũ hơn 7 ngày." in capsys.readouterr().out
    with pytest.raises(Exception, match="≥ 0"):
        call_command("purge-jobs", "--days", "-1")


def test_the_worker_purges_daily_until_stopped(org, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "purge_finished", lambda: calls.append(1))

    class Stop:
        """Two days pass, then the worker stops."""

        answers = [False, False, True]

        def wait(self, seconds):
            assert seconds == 24 * 3600
            return self.answers.pop(0)

    services.purge_periodically(Stop())
    assert calls == [1, 1]


def _report(api, plan):
    return api("noivu").get(f"/api/v1/plans/{plan.pk}/report?period=2021-H1&format=docx")


@pytest.fixture
def heavy(monkeypatch, settings):
    monkeypatch.setattr(reuse, "INLINE_BUDGET_S", 0.0)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_a_purged_report_is_compiled_again(plan, api, heavy):
    first = _report(api, plan)
    assert first.status_code == 202
    assert services.run_job(first.json()["id"]) == "done"
    assert _report(api, plan).status_code == 200  # the finished job's file, reused
    # Its file lost (a restore without the media folder): not reused, compiled again in a new job.
    job = Job.objects.get()
    job.result_file.storage.delete(job.result_file.name)
    second = _report(api, plan)
    assert second.status_code == 202 and second.json()["id"] != job.pk
    assert services.run_job(second.json()["id"]) == "done"
    # Purged after the retention days: again a new job, never an error.
    Job.objects.update(finished_at=NOW - datetime.timedelta(days=8))
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.count() == 2
    assert services.purge_finished(now=NOW)["jobs"] == 2 and not Job.objects.exists()
    assert not DBTaskResult.objects.exists()  # their queue rows too
    third = _report(api, plan)
    assert third.status_code == 202
    assert services.run_job(third.json()["id"]) == "done"
    assert _report(api, plan).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_worker_purges_when_it_starts(org, settings):
    import signal

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    old, recent = _job("done", 8), _job("done", 1)
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    finally:
        for s, h in saved.items():
            signal.signal(s, h)
    assert list(Job.objects.values_list("pk", flat=True)) == [recent.pk] and not _exists(old)
