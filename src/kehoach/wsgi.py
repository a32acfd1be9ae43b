import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kehoach.settings")
application = get_wsgi_application()


def _settle() -> None:
    """Load every view now and move what start-up built out of the garbage collector's sight: a full
    collection otherwise walks those long-lived objects in the middle of a request (80-130 ms spikes in a
    national ranking's p95). Requests still collect their own garbage as usual."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 -- imports every view module
    gc.collect()
    gc.freeze()


def _die_with_server() -> None:
    """A server worker stops when the server process that started it dies (even by SIGKILL): an orphan
    would go on holding the port, and the next start on that port would fail. Linux only.

    Only in a worker of ``kehoach serve`` (it sets KEHOACH_SERVER_WORKER): elsewhere the parent may be a
    shell that exits on purpose."""
    import contextlib
    import ctypes
    import signal
    import sys

    if os.environ.get("KEHOACH_SERVER_WORKER") != "1" or not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        # SIGKILL, not SIGTERM: a worker whose server is gone has nobody to finish a graceful stop
        # with, and granian's SIGTERM handler then waited forever (seen after the topology test).
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG


_settle()
_die_with_server()
