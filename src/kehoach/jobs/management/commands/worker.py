"""``kehoach worker``: run background jobs from the database queue (django-tasks-db's worker).

Run as many as needed, on this machine or others sharing the database and the media path.
At start it re-queues the jobs a dead worker left running, so a job survives a worker restart.
Beside the queue it folds the daily summary of outputs every minute (``outputs.summaries.compact``),
and it deletes the finished jobs older than ``KEHOACH_JOB_FILES_DAYS`` (and their files) at start and
then once a day (``jobs.services.purge_finished``).
"""

import logging
import threading

from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from kehoach.jobs.services import purge_finished, purge_periodically, recover_interrupted

log = logging.getLogger(__name__)
#: Seconds between two folds of the new summary rows.
COMPACT_EVERY = 60.0


def _compact_forever(stop: threading.Event) -> None:
    """Fold every key once at start, then every minute the keys written since the pass before the
    last one: a row a transaction still held at the last pass (ids are taken before commit) is met
    again at the next. Several workers may run it at once: each row is folded by one of them."""
    from kehoach.outputs.summaries import compact

    marks: list[int] | None = None  # the highest id seen by the last two passes
    while True:
        try:
            _folded, top = compact(0 if marks is None else marks[0])
            marks = [top, top] if marks is None else [marks[1], top]
        except Exception:  # a lost connection or a restart of the database: try again next minute
            log.exception("folding the output summary failed")
        finally:
            connection.close()
        if stop.wait(COMPACT_EVERY):
            return


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
