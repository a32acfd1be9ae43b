"""``kehoach worker``: run background jobs from the database queue (django-tasks-db's worker).

Run as many as needed, on this machine or others sharing the database and the media path.
At start it re-queues the jobs a dead worker left running, so a job survives a worker restart.
Beside the queue it folds the daily summary of outputs every minute (``outputs.summaries.compact``).
"""

import logging
import threading

from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from kehoach.jobs.services import recover_interrupted

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
        stop = threading.Event()
        threading.Thread(target=_compact_forever, args=(stop,), name="compact-summaries", daemon=True).start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
