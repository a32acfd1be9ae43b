"""``kehoach backup FILE``: database + uploaded files + a manifest with SHA-256 checksums."""

from django.core.management.base import BaseCommand

from kehoach.core.backup import BackupError, make_backup
from kehoach.core.management.failure import CommandFailed


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp tải lên vào một tệp .tar có manifest kiểm tra SHA-256."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            manifest = make_backup(file)
        except BackupError as exc:
            raise CommandFailed(str(exc)) from None
        self.stdout.write(f"Đã sao lưu {len(manifest['files'])} tệp vào {file}.")
