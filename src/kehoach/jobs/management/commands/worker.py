"""``kehoach worker``: run background jobs from the database queue (django-tasks-db's worker).

Run as many as needed, on this machine or others sharing the database and the media path.
At start it re-queues the jobs a dead worker left running, so a job survives a worker restart.
Beside the queue it folds the daily summary of outputs every minute (``outputs.summaries.compact``),
and it deletes the finished jobs older than ``KEHOACH_JOB_FILES_DAYS`` (and their files) at start and
then once a day (``jobs.services.purge_finished``).
"""

import logging
import threading
import time

from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from kehoach.jobs.services import purge_finished, purge_periodically, recover_interrupted

log = logging.getLogger(__name__)
#: Seconds between two folds of the new summary rows, and between two passes over every key.
COMPACT_EVERY = 60.0
FULL_PASS_EVERY = 3600.0


def _compact_forever(stop: threading.Event) -> None:
    """Fold the summary rows written since the last pass; every hour a pass over every key picks up
    the rows a slow transaction committed behind the watermark. Several workers may run it at once:
    each row is folded by one of them (``compact``)."""
    from kehoach.outputs.summaries import compact

    since, last_full = 0, time.monotonic()
    while not stop.wait(COMPACT_EVERY):
        try:
            if time.monotonic() - last_full > FULL_PASS_EVERY:
                since, last_full = 0, time.monotonic()
            _folded, since = compact(since)
        except Exception:  # a lost connection or a restart of the database: try again next minute
            log.exception("folding the output summary failed")
        finally:
            connection.close()


class Command(DbWorkerCommand):
    help = "Chạy các tác vụ nền (báo cáo, nhập dữ liệu...) từ hàng đợi trong cơ sở dữ liệu."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *args, **options):
        requeued = recover_interrupted()
        if requeued and options.get("verbosity", 1):
            self.stdout.write(f"Chạy lại {len(requeued)} tác vụ bị dừng giữa chừng: {requeued}")
        try:
            purge_finished()
        except Exception:  # a failed purge never keeps the worker from running jobs
            log.exception("purging finished jobs failed")
        stop = threading.Event()
        threading.Thread(target=_compact_forever, args=(stop,), name="compact-summaries", daemon=True).start()
        threading.Thread(target=purge_periodically, args=(stop,), name="purge-jobs", daemon=True).start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
