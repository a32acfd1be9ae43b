"""Who is acting now, and writing the audit log.

The actor is kept in a context variable so that models can audit themselves in
``save()`` without every caller passing the user down.
"""

import contextlib
import datetime
import decimal
from contextvars import ContextVar

_actor: ContextVar = ContextVar("kehoach_actor", default=None)


@contextlib.contextmanager
def acting_as(user):
    """Attribute every change made inside the block to ``user`` (None = the system)."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def set_actor(user) -> None:
    """Name the actor for the rest of this request (the API's bearer token identifies the user late)."""
    _actor.set(user)


def current_actor():
    return _actor.get()


def _plain(value):
    """Make a field value JSON-friendly for the log."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or None
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def record(obj, action: str, changes: dict | None = None, verb: str = "", actor=None) -> None:
    """Write one audit entry for ``obj``."""
    from kehoach.core.models import AuditEntry

    user = actor if actor is not None else current_actor()
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    AuditEntry.objects.create(
        actor=user,
        actor_name=(user.get_username() if user else "hệ thống"),
        action=action,
        verb=verb,
        model=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes={k: [_plain(a), _plain(b)] for k, (a, b) in (changes or {}).items()},
    )
