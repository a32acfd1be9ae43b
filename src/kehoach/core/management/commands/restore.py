"""``kehoach restore FILE``: checks every checksum first; a damaged or unreadable archive changes nothing (exit 2)."""

from django.core.management.base import BaseCommand

from kehoach.core.backup import BackupError, restore_backup
from kehoach.core.management.failure import CommandFailed


class Command(BaseCommand):
    help = "Phục hồi cơ sở dữ liệu và tệp tải lên từ tệp sao lưu (từ chối tệp hỏng)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            manifest = restore_backup(file)
        except BackupError as exc:
            raise CommandFailed(str(exc)) from None
        self.stdout.write(
            f"Đã phục hồi bản sao lưu lúc {manifest['created_at']} ({len(manifest['files'])} tệp)."
        )
