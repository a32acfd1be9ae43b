"""Người thực hiện: who is acting now (a person, the system, or an anonymous visitor).

The bottom of the audit stack: it imports nothing of the project, so ``core/models.py`` (which
writes audit rows in ``save()``) and ``core/audit.py`` (the helpers callers use) can both read it
without importing each other.

The actor is kept in a context variable so that models can audit themselves in ``save()``
without every caller passing the user down.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

USER = "user"
SYSTEM = "system"
ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Actor:
    """Who an audit row names: ``user`` for a person, else the kind (system or anonymous)."""

    user: Any = None
    kind: str = SYSTEM
    address: str = ""


# Nothing set (a shell, a script, a command) is the system: changes nobody clicked.
_actor: ContextVar[Actor] = ContextVar("kehoach_actor", default=Actor())  # noqa: B039 (frozen)


def actor_for(user: Any, address: str = "") -> Actor:
    """``None`` is the system; an anonymous user (a citizen on the public page) is anonymous."""
    if user is None:
        return Actor(None, SYSTEM, address)
    if not getattr(user, "is_authenticated", False):
        return Actor(None, ANONYMOUS, address)
    return Actor(user, USER, address)


@contextlib.contextmanager
def acting_as(user: Any, address: str | None = None):
    """Attribute every change made inside the block to ``user`` (``None`` = the system, "Hệ thống")."""
    if address is None:
        address = _actor.get().address
    token = _actor.set(actor_for(user, address))
    try:
        yield
    finally:
        _actor.reset(token)


def acting_as_system():
    """Automatic changes (status refresh, broadcast-week sync, demo load): recorded as "Hệ thống"."""
    return acting_as(None)


def set_actor(user: Any) -> None:
    """Name the actor for the rest of this request (the API's bearer token identifies the user late)."""
    _actor.set(actor_for(user, _actor.get().address))


def current() -> Actor:
    return _actor.get()


def current_actor() -> Any:
    """The signed-in user acting now, or ``None`` (system or anonymous)."""
    return _actor.get().user
