import os
import shutil
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the app with gunicorn (production-grade), static files through whitenoise."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("KEHOACH_WORKERS", "3")))

    def handle(self, *args, addr, workers, **options):
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn")
        if gunicorn is None:
            self.stderr.write("gunicorn không có trong môi trường; hãy cài lại: pip install .")
            sys.exit(2)
        self.stdout.write(f"Kehoach đang chạy tại http://{addr}/ (Ctrl+C để dừng)")
        command = [
            gunicorn,
            "kehoach.wsgi:application",
            "--bind",
            addr,
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--timeout",
            "120",
            "--access-logfile",
            "-",
        ]
        os.execv(gunicorn, command)
