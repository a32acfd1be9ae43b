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
        "Serve the app with granian (a production HTTP server), static files through whitenoise; "
        "a background-job worker runs beside it unless jobs run inline or elsewhere."
    )

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")
        # One process per core, eight threads each (they overlap the database's round trips): on 2
        # cores, 3 processes x 4 threads per app process spent more CPU a write on switching than on
        # writing (issue 11). Two app processes on one machine: KEHOACH_WORKERS=1 each.
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
        # granian, not gunicorn: its HTTP layer is compiled (Rust), and over HTTP a write took 3.6-3.8 ms
        # of app CPU in it against 4.9-5.1 ms in gunicorn's threaded worker (issue 11, 32 clients).
        server = shutil.which("granian", path=os.path.dirname(sys.executable)) or shutil.which("granian")
        if server is None:
            self.stderr.write("granian không có trong môi trường; hãy cài lại: pip install .")
            sys.exit(2)
        host, _, port = addr.rpartition(":")
        if not host or not port.isdigit():
            self.stderr.write("--addr phải có dạng máy:cổng, ví dụ 127.0.0.1:8000.")
            sys.exit(2)
        self.stdout.write(f"Kehoach đang chạy tại http://{addr}/ (Ctrl+C để dừng)")
        command = [
            server,
            "--interface",
            "wsgi",
            "--host",
            host.strip("[]"),
            "--port",
            port,
            "--workers",
            str(workers),
            "--blocking-threads",
            str(threads),
            "--no-ws",
            "--respawn-failed-workers",  # a worker that crashes is replaced, as gunicorn's arbiter did
            "--log-level",
            "warning",
            "--access-log" if not no_access_log else "--no-access-log",
            "kehoach.wsgi:application",
        ]
        # The server's workers import kehoach.wsgi, which then ties each one's life to the server process.
        os.environ["KEHOACH_SERVER_WORKER"] = "1"
        if no_job_worker or settings.KEHOACH_JOBS != "worker" or not settings.KEHOACH_SERVE_WORKER:
            os.execv(server, command)
        self._supervise(command)

    def _supervise(self, server_args):
        """Run the HTTP server and one job worker; restart the worker if it dies, stop both on a signal."""
        worker_cmd = [sys.executable, "-m", "kehoach", "worker", "--interval", "0.5"]
        web = subprocess.Popen(server_args)
        worker_env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # its log lines interleave with the server's
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
