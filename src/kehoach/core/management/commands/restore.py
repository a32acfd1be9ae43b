"""``kehoach restore FILE``: checks every checksum first; a damaged archive changes nothing (exit 1)."""

from django.core.management.base import BaseCommand, CommandError

from kehoach.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Phục hồi cơ sở dữ liệu và tệp tải lên từ tệp sao lưu (từ chối tệp hỏng)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            manifest = restore_backup(file)
        except BackupError as exc:
            raise CommandError(str(exc))
        self.stdout.write(
            f"Đã phục hồi bản sao lưu lúc {manifest['created_at']} ({len(manifest['files'])} tệp)."
        )
