"""``kehoach backup FILE``: database + uploaded files + a manifest with SHA-256 checksums."""

from django.core.management.base import BaseCommand, CommandError

from kehoach.core.backup import BackupError, make_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp tải lên vào một tệp .tar có manifest kiểm tra SHA-256."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            manifest = make_backup(file)
        except BackupError as exc:
            raise CommandError(str(exc))
        self.stdout.write(f"Đã sao lưu {len(manifest['files'])} tệp vào {file}.")
