"""``kehoach purge-jobs [--days N]``: delete finished jobs and their result files older than N days.

The worker runs the same purge when it starts and once a day; this command is for cron or by hand.
"""

from django.core.management.base import BaseCommand, CommandError

from kehoach.core.errors import DomainError
from kehoach.jobs.services import purge_finished


class Command(BaseCommand):
    help = (
        "Xóa các tác vụ nền đã xong hoặc lỗi quá KEHOACH_JOB_FILES_DAYS ngày (mặc định 7) cùng tệp kết quả; "
        "không đụng tới tác vụ đang chờ/đang chạy và tệp của văn bản đã ban hành."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Số ngày giữ lại (mặc định theo cấu hình)."
        )

    def handle(self, *args, days=None, **options):
        try:
            done = purge_finished(days=days)
        except DomainError as exc:
            raise CommandError(exc.message)
        self.stdout.write(
            f"Đã xóa {done['jobs']} tác vụ nền và {done['files']} tệp kết quả cũ hơn {done['days']} ngày."
        )
