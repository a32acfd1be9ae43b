"""Start, run, and recover background jobs (tác vụ nền). Pages, API and commands call these.

One failure policy: a ``DomainError`` raised by a job is shown to the person as is; any other
exception is logged with its traceback and shown as a short Vietnamese message. A job never
leaves a half-written result: the file is stored, then the row is marked done.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import os
import socket
import time
from collections.abc import Callable
from typing import Any

try:  # Django 6 has the tasks framework built in; 5.2 uses the backport
    from django.tasks import task
except ImportError:  # pragma: no cover - depends on the Django version
    from django_tasks import task

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from kehoach.core import audit
from kehoach.core.errors import DomainError, Forbidden
from kehoach.jobs import kinds
from kehoach.jobs.models import ACTIVE, Job, JobStatus, dedupe_key  # noqa: F401 (dedupe_key: the services' API)

logger = logging.getLogger(__name__)

# Progress writes are throttled: a national report reports thousands of rows, the page polls each second.
PROGRESS_MIN_INTERVAL = 0.5


def _queued_in_database() -> bool:
    """True when a worker process runs the jobs (django_tasks_db); False when they run inline."""
    return run_job_task.get_backend().__class__.__name__ == "DatabaseBackend"


def _enqueue(job: Job) -> None:
    result = run_job_task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


def start_job(user, kind: str, params: dict | None = None, *, from_api: bool = False) -> tuple[Job, bool]:
    """Queue a job of ``kind`` for ``user``; returns ``(job, created)``.

    The same person asking again for the same thing while it is queued or running gets the
    running job back (``created`` False): a second click never starts a second compile.
    """
    if user is None or not user.is_authenticated:
        raise Forbidden("Cần đăng nhập.")
    spec = kinds.get(kind, from_api=from_api)
    if not isinstance(params or {}, dict):
        raise DomainError("Tham số của tác vụ phải là một đối tượng JSON.")
    clean = spec.check(user, dict(params or {}))
    key = dedupe_key(kind, clean)
    queued_here = _queued_in_database()
    with transaction.atomic():
        existing = Job.objects.active().filter(created_by=user, dedupe_key=key).first()
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                job = Job.objects.create(
                    kind=kind, title=spec.title(clean)[:200], params=clean, dedupe_key=key, created_by=user
                )
        except IntegrityError:
            # Two clicks raced past the check above; the constraint kept one job, return it.
            return Job.objects.active().get(created_by=user, dedupe_key=key), False
        audit.record(job, "action", {"kind": [None, kind]}, verb="bắt đầu tác vụ nền", actor=user)
        if queued_here:
            # The task row commits with the job row: never a job without its task, nor the reverse.
            _enqueue(job)
    if not queued_here:
        _enqueue(job)  # inline: runs now, in this process
    job.refresh_from_db()
    return job, True


def start_call(user, func: Callable, *, title: str = "", **kwargs: Any) -> tuple[Job, bool]:
    """Run a service function as a job: ``start_call(user, import_units, title="Nhập đơn vị", path=...)``.

    ``kwargs`` must be JSON values (they are stored with the job). The function receives ``user``
    and ``progress(percent, message="")`` too if its signature names them; it returns a file
    (``content``, ``filename``, ``content_type``) or JSON-able data, or raises ``DomainError``.
    """
    return start_job(user, "call", {"function": kinds.function_path(func), "kwargs": kwargs, "title": title})


def worker_name() -> str:
    return f"{socket.gethostname()[:100]}:{os.getpid()}"


def make_progress(job_id: int) -> Callable[..., None]:
    """A ``progress(percent, message="")`` callback that writes at most twice a second."""
    state = {"at": 0.0, "percent": -1}

    def progress(percent: float, message: str = "") -> None:
        percent = max(0, min(99, int(percent)))  # 100 is written only with the result
        now = time.monotonic()
        if percent == state["percent"] and now - state["at"] < PROGRESS_MIN_INTERVAL:
            return
        if percent != state["percent"] and now - state["at"] < PROGRESS_MIN_INTERVAL and not message:
            return
        state.update(at=now, percent=percent)
        fields = {"progress": percent, "heartbeat_at": timezone.now()}
        if message:
            fields["message"] = message[:200]
        Job.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(**fields)

    return progress


def _store_result(job: Job, result: Any) -> None:
    content = getattr(result, "content", None)
    if isinstance(content, bytes) and getattr(result, "filename", None):
        job.result_file.save(result.filename, ContentFile(content), save=False)
        job.result_name = result.filename[:200]
        job.result_type = (getattr(result, "content_type", "") or "application/octet-stream")[:120]
    elif result is not None:
        json.dumps(result, default=str)  # refuse what cannot be shown back, before marking done
        job.result_data = json.loads(json.dumps(result, default=str))


def _finish(job: Job, status: str, **fields) -> None:
    job.status = status
    job.finished_at = timezone.now()
    job.heartbeat_at = job.finished_at
    for k, v in fields.items():
        setattr(job, k, v)
    job.save()
    audit.record(job, "action", {"status": [JobStatus.RUNNING, status]}, verb="kết thúc tác vụ nền")


def run_job(job_id: int) -> str:
    """Run one job (called by the worker through django-tasks, or inline). Safe to call twice."""
    claimed = Job.objects.filter(pk=job_id, status__in=ACTIVE).update(
        status=JobStatus.RUNNING,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
        worker=worker_name(),
        attempts=F("attempts") + 1,
        progress=0,
        message="",
    )
    if not claimed:
        return "skipped"
    job = Job.objects.select_related("created_by").get(pk=job_id)
    progress = make_progress(job.pk)
    try:
        spec = kinds.get(job.kind)
        with audit.acting_as(job.created_by):
            # Inline inside an outer transaction (tests, a caller's atomic block): a savepoint keeps
            # a failed job from breaking the caller's transaction. A worker runs outside any.
            if connection.in_atomic_block:
                with transaction.atomic():
                    result = spec.run(job, progress)
            else:
                result = spec.run(job, progress)
            _store_result(job, result)
    except DomainError as exc:
        _finish(job, JobStatus.FAILED, error=exc.message, message="")
        return JobStatus.FAILED
    except Exception as exc:  # one failure policy: log it whole, show it short
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, JobStatus.FAILED, error=f"Lỗi không mong đợi khi chạy tác vụ ({type(exc).__name__}).")
        return JobStatus.FAILED
    _finish(job, JobStatus.DONE, progress=100, message="Đã xong")
    return JobStatus.DONE


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a restarted worker may get its predecessor's pid (containers): that one is gone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _interrupted(job: Job, host: str, stale_before: datetime.datetime) -> bool:
    worker_host, _, pid = job.worker.rpartition(":")
    if worker_host == host and pid.isdigit() and not _pid_alive(int(pid)):
        return True
    return job.heartbeat_at is None or job.heartbeat_at < stale_before


def recover_interrupted(now: datetime.datetime | None = None) -> list[int]:
    """Re-queue the jobs whose worker died while running them (a worker calls this when it starts).

    A running job is interrupted when its worker was on this machine and that process is gone, or
    when it has not reported for ``KEHOACH_JOB_STALE_SECONDS`` (a worker on another machine). A job
    that has already been tried ``KEHOACH_JOB_MAX_ATTEMPTS`` times fails instead of looping.
    """
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    stale_before = now - datetime.timedelta(seconds=settings.KEHOACH_JOB_STALE_SECONDS)
    host = socket.gethostname()[:100]
    requeued = []
    for job in Job.objects.filter(status=JobStatus.RUNNING):
        if not _interrupted(job, host, stale_before):
            continue
        with transaction.atomic():
            if job.attempts >= settings.KEHOACH_JOB_MAX_ATTEMPTS:
                _finish(job, JobStatus.FAILED, error="Tác vụ bị dừng giữa chừng nhiều lần; hãy thử lại sau.")
                DBTaskResult.objects.filter(id=job.task_id).update(status="FAILED")
                continue
            moved = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
                status=JobStatus.QUEUED, progress=0, message="Chạy lại sau khi tiến trình xử lý bị dừng"
            )
            if not moved:
                continue
            # Put the same task row back in the queue (it was claimed by the dead worker).
            if not DBTaskResult.objects.filter(id=job.task_id).update(status="READY", started_at=None):
                _enqueue(job)
            audit.record(job, "action", {"status": ["running", "queued"]}, verb="chạy lại tác vụ nền")
            requeued.append(job.pk)
    return requeued


def elapsed_seconds(job: Job, now: datetime.datetime | None = None) -> int:
    end = job.finished_at or now or timezone.now()
    return max(0, int((end - job.created_at).total_seconds()))


# --- retention: finished jobs' rows and files are kept KEHOACH_JOB_FILES_DAYS days ---------------

#: Rows deleted per transaction (a short one each: the worker keeps running jobs meanwhile).
PURGE_BATCH = 500
#: The worker purges when it starts and then this often.
PURGE_EVERY_SECONDS = 24 * 3600


def purge_finished(now: datetime.datetime | None = None, days: int | None = None) -> dict:
    """Dọn tác vụ cũ: delete the finished and failed jobs that finished more than ``days`` days ago
    (``KEHOACH_JOB_FILES_DAYS``, default 7), their result files and their queue rows.

    Never a queued or running job. Never an issued document's frozen files: those are
    ``reports.DocumentFile`` rows, not job files. Rows go first (short transactions), files after
    commit: a reader that still finds a row finds its file, or ``reuse.finished_job`` sees it gone and
    compiles again. Files under ``jobs/`` that no row names and older than the cut-off (a deletion that
    failed, the jobs of a deleted user) go too. Logged, like the jobs' failures; returns the counts.
    """
    from django_tasks_db.models import DBTaskResult

    days = settings.KEHOACH_JOB_FILES_DAYS if days is None else days
    if days < 0:
        raise DomainError("Số ngày giữ tác vụ nền phải ≥ 0.")
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    finished = (JobStatus.DONE, JobStatus.FAILED)
    old = Job.objects.filter(status__in=finished).filter(
        Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, created_at__lt=cutoff)
    )
    storage = Job._meta.get_field("result_file").storage
    jobs = files = 0
    while True:
        rows = list(old.order_by("pk").values_list("pk", "result_file", "task_id")[:PURGE_BATCH])
        if not rows:
            break
        with transaction.atomic():
            # status re-checked in the DELETE: a job re-queued meanwhile is not touched.
            jobs += Job.objects.filter(pk__in=[r[0] for r in rows], status__in=finished).delete()[0]
            task_ids = [r[2] for r in rows if r[2]]
            with contextlib.suppress(ValueError, ValidationError):  # not the queue's ids (inline jobs)
                DBTaskResult.objects.filter(id__in=task_ids).delete()
        for _pk, name, _task in rows:
            if name and storage.exists(name):
                storage.delete(name)
                files += 1
    files += _purge_orphan_files(storage, cutoff)
    if jobs or files:
        logger.info("purged %s finished jobs and %s result files older than %s days", jobs, files, days)
    return {"jobs": jobs, "files": files, "days": days}


def _purge_orphan_files(storage, cutoff: datetime.datetime) -> int:
    """Files under ``jobs/`` that no job row names, last written before ``cutoff``."""
    if not storage.exists("jobs"):
        return 0
    named = set(Job.objects.exclude(result_file="").values_list("result_file", flat=True))
    removed, folders = 0, ["jobs"]
    while folders:
        folder = folders.pop()
        subfolders, names = storage.listdir(folder)
        folders += [f"{folder}/{d}" for d in subfolders]
        for name in names:
            path = f"{folder}/{name}"
            if path not in named and storage.get_modified_time(path) < cutoff:
                storage.delete(path)
                removed += 1
    return removed


def purge_periodically(stop, every: float = PURGE_EVERY_SECONDS) -> None:
    """The worker's daily purge (a thread): ``purge_finished`` each ``every`` seconds until ``stop``
    (a ``threading.Event``) is set. A failure is logged and tried again the next time."""
    while not stop.wait(every):
        try:
            purge_finished()
        except Exception:
            logger.exception("purging finished jobs failed")
        finally:
            connection.close()  # this thread's own connection


@task()
def run_job_task(job_id: int) -> str:
    """The one django-tasks task behind every job: the queue carries only the job's id."""
    return run_job(job_id)
