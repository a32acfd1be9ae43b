"""Functions run as "call" jobs by the tests."""

from kehoach.core.errors import DomainError


def count_units(user, progress, prefix: str = ""):
    from kehoach.org.models import Unit

    progress(40, "Đang đếm")
    return {"user": user.username, "units": Unit.objects.filter(name__startswith=prefix).count()}


def refuse(user):
    raise DomainError("Tệp nhập có 3 dòng lỗi.")


def crash():
    return 1 / 0


def wait_for_file(path: str, progress):
    """Block until ``path`` exists: lets a test kill the worker while the job is running."""
    import os
    import time

    progress(10, "Đang chờ tệp")
    deadline = time.monotonic() + 60
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            raise TimeoutError(path)
        time.sleep(0.05)
    return {"seen": path}
