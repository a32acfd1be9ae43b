"""``kehoach worker``: run background jobs from the database queue (django-tasks-db's worker).

Run as many as needed, on this machine or others sharing the database and the media path.
At start it re-queues the jobs a dead worker left running, so a job survives a worker restart.
"""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from kehoach.jobs.services import recover_interrupted


class Command(DbWorkerCommand):
    help = "Chạy các tác vụ nền (báo cáo, nhập dữ liệu...) từ hàng đợi trong cơ sở dữ liệu."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *args, **options):
        requeued = recover_interrupted()
        if requeued and options.get("verbosity", 1):
            self.stdout.write(f"Chạy lại {len(requeued)} tác vụ bị dừng giữa chừng: {requeued}")
        return super().handle(*args, **options)
