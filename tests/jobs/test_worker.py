"""The worker (`kehoach worker`) runs queued jobs; a job survives the death of its worker."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kehoach.jobs import services
from kehoach.jobs.models import Job
from tests.jobs import helpers

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def run_worker():
    """Run the worker in this process until the queue is empty (signal handlers restored after)."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}

    def run():
        call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)

    yield run
    for s, h in saved.items():
        signal.signal(s, h)


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_worker_runs_a_queued_report_job(plan, queued, run_worker):
    job, created = services.start_job(
        _user("noivu"), "report", {"plan_id": plan.pk, "period": "2021-H1", "format": "docx"}
    )
    assert created and job.status == "queued"
    run_worker()
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert job.progress == 100 and job.attempts == 1
    assert job.result_file.read()[:2] == b"PK"
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"


def test_call_job_passes_user_and_progress_and_keeps_the_result(org, queued, run_worker):
    job, _ = services.start_call(_user("noivu"), helpers.count_units, title="Đếm đơn vị", prefix="Ủy ban")
    run_worker()
    job.refresh_from_db()
    assert job.status == "done"
    assert job.title == "Đếm đơn vị"
    assert job.result_data["user"] == "noivu" and job.result_data["units"] > 0


def test_failed_jobs_say_why_in_vietnamese(org, queued, run_worker):
    refused, _ = services.start_call(_user("noivu"), helpers.refuse)
    crashed, _ = services.start_call(_user("noivu"), helpers.crash)
    run_worker()
    refused.refresh_from_db()
    crashed.refresh_from_db()
    assert (refused.status, refused.error) == ("failed", "Tệp nhập có 3 dòng lỗi.")
    assert crashed.status == "failed" and "ZeroDivisionError" in crashed.error
    # A finished job no longer blocks the same request: asking again starts a new one.
    again, created = services.start_call(_user("noivu"), helpers.refuse)
    assert created and again.pk != refused.pk


def _left_running(job: Job, worker: str, heartbeat) -> None:
    """What a worker that died mid-job leaves behind: both rows marked running."""
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING", started_at=timezone.now())
    Job.objects.filter(pk=job.pk).update(status="running", worker=worker, heartbeat_at=heartbeat, attempts=1)


def test_a_job_left_running_by_a_dead_worker_on_this_machine_is_run_again(org, queued, run_worker):
    job, _ = services.start_call(_user("noivu"), helpers.count_units)
    _left_running(job, f"{socket.gethostname()}:{_dead_pid()}", timezone.now())
    run_worker()
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 2


def test_only_silent_jobs_of_other_machines_are_requeued(org, queued, settings):
    settings.KEHOACH_JOB_STALE_SECONDS = 600
    silent, _ = services.start_call(_user("noivu"), helpers.count_units, prefix="a")
    busy, _ = services.start_call(_user("noivu"), helpers.count_units, prefix="b")
    now = timezone.now()
    _left_running(silent, "other-host:123", now - timezone.timedelta(seconds=601))
    _left_running(busy, "other-host:124", now - timezone.timedelta(seconds=30))
    assert services.recover_interrupted(now) == [silent.pk]
    assert Job.objects.get(pk=busy.pk).status == "running"
    assert DBTaskResult.objects.get(id=silent.task_id).status == "READY"


def test_a_job_that_kills_its_worker_again_and_again_fails_instead_of_looping(org, queued, settings):
    job, _ = services.start_call(_user("noivu"), helpers.count_units)
    _left_running(job, f"{socket.gethostname()}:{_dead_pid()}", timezone.now())
    Job.objects.filter(pk=job.pk).update(attempts=settings.KEHOACH_JOB_MAX_ATTEMPTS)
    assert services.recover_interrupted() == []
    job.refresh_from_db()
    assert job.status == "failed" and "nhiều lần" in job.error


def test_killing_the_worker_process_mid_job_loses_nothing(org, queued, tmp_path):
    """A real `kehoach worker` process is killed (SIGKILL) while running a job; the next one finishes it."""
    release = tmp_path / "release"
    job, _ = services.start_call(_user("noivu"), helpers.wait_for_file, path=str(release))
    env = _child_env(tmp_path)
    first = subprocess.Popen([sys.executable, "-m", "kehoach", "worker", "--interval", "0.05"], env=env)
    try:
        _wait_until(lambda: Job.objects.get(pk=job.pk).status == "running")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert Job.objects.get(pk=job.pk).status == "running"  # left behind by the dead worker
    release.touch()
    second = subprocess.run(
        [sys.executable, "-m", "kehoach", "worker", "--batch", "--no-startup-delay", "--interval", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 0, second.stderr
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 2
    assert job.result_data == {"seen": str(release)}


def _child_env(tmp_path: Path) -> dict:
    """The child worker uses this test's database (PostgreSQL by URL, SQLite through the data dir)."""
    env = {
        **os.environ,
        "KEHOACH_JOBS": "worker",
        "KEHOACH_JOB_CALL_MODULES": "kehoach.,tests.",
        "PYTHONPATH": str(Path(__file__).parents[2]),
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        env["DATABASE_URL"] = f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    else:
        data = tmp_path / "data"
        data.mkdir()
        (data / "kehoach.sqlite3").symlink_to(connection.settings_dict["NAME"])
        env["KEHOACH_DATA_DIR"] = str(data)
    return env


def _wait_until(check, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
