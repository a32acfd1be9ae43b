import os
import shutil
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve the app with gunicorn (production-grade), static files through whitenoise; "
        "a background-job worker runs beside it unless jobs run inline or elsewhere."
    )

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")
        # One gunicorn process per core, eight threads each (they overlap the database's round trips):
        # on 2 cores, 3 processes x 4 threads per app process spent more CPU a write on switching
        # than on writing (issue 11). Two app processes on one machine: KEHOACH_WORKERS=1 each.
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("KEHOACH_WORKERS") or os.cpu_count() or 2)
        )
        parser.add_argument("--threads", type=int, default=int(os.environ.get("KEHOACH_THREADS") or 8))
        parser.add_argument(
            "--no-access-log",
            action="store_true",
            help="No line per request on stdout (behind nginx, whose log has them): less CPU a request.",
        )
        parser.add_argument(
            "--no-job-worker",
            action="store_true",
            help="Do not start `kehoach worker` (workers run on other machines).",
        )

    def handle(self, *args, addr, workers, threads, no_access_log, no_job_worker, **options):
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
            str(threads),
            "--timeout",
            "120",
        ]
        if not no_access_log:
            command += ["--access-logfile", "-"]
        if no_job_worker or settings.KEHOACH_JOBS != "worker" or not settings.KEHOACH_SERVE_WORKER:
            os.execv(gunicorn, command)
        self._supervise(command)

    def _supervise(self, gunicorn_args):
        """Run gunicorn and one job worker; restart the worker if it dies, stop both on a signal."""
        worker_cmd = [sys.executable, "-m", "kehoach", "worker", "--interval", "0.5"]
        web = subprocess.Popen(gunicorn_args)
        worker_env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # its log lines interleave with gunicorn's
        worker = subprocess.Popen(worker_cmd, env=worker_env)
        stopping = False

        def stop(signum, frame):
            # Once only: a second SIGTERM makes the worker abandon its job (it is re-queued, but later).
            nonlocal stopping
            if stopping:
                return
            stopping = True
            for p in (web, worker):
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not stopping and web.poll() is None:
            if worker.poll() is not None:
                self.stderr.write("Tiến trình tác vụ nền đã dừng; khởi động lại.")
                worker = subprocess.Popen(worker_cmd, env=worker_env)  # it re-queues the job it was running
            time.sleep(1)
        stop(None, None)
        for p in (web, worker):
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        sys.exit(web.returncode or 0)
