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
