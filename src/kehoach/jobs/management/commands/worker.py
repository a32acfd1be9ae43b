"""``kehoach worker``: run background jobs from the database queue (django-tasks-db's worker).

Run as many as needed, on this machine or others sharing the database and the media path.
At start it re-queues the jobs a dead worker left running, so a job survives a worker restart. It
also deletes the finished jobs older than ``KEHOACH_JOB_FILES_DAYS`` (and their files) at start and
then once a day (a thread beside the loop; not with ``--batch``, which stops when the queue is empty).
"""

import logging
import threading

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from kehoach.jobs.services import purge_finished, purge_periodically, recover_interrupted

logger = logging.getLogger(__name__)


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
            logger.exception("purging finished jobs failed")
        if not options.get("batch"):
            threading.Thread(
                target=purge_periodically, args=(threading.Event(),), name="purge-jobs", daemon=True
            ).start()
        return super().handle(*args, **options)
