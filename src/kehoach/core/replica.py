"""Reads from a PostgreSQL streaming replica when it is fresh enough (đọc từ máy chủ dự phòng).

With ``KEHOACH_REPLICA_URL`` set, safe requests (GET/HEAD: dashboards, exports, read-only API
calls) read from the replica while its replay lag is under ``KEHOACH_REPLICA_MAX_LAG`` seconds;
everything else, and every request of a browser that wrote something in the last few seconds
(read-your-writes), uses the primary. Sessions, users and the cache always use the primary, so a
sign-in is never lost to replication lag. The lag is measured at most every 2 seconds per process
and shown at ``/healthz/db``.
"""

from __future__ import annotations

import contextvars
import time

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PIN_COOKIE = "kh_primary"
PIN_SECONDS = 10
PRIMARY_ONLY_APPS = frozenset(
    {
        "sessions",
        "auth",
        "contenttypes",
        "admin",
        "core",
        "jobs",
        "django_tasks_db",
        "axes",
        "otp_totp",
        "otp_static",
    }
)

_reads_may_use_replica: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "reads_may_use_replica", default=False
)
_last_check: dict[str, float | None] = {"at": 0.0, "lag": None}


def configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_lag(max_age: float = 2.0) -> float | None:
    """Seconds the replica is behind (0 when it has replayed all it received), None when it does
    not answer or is not a replica. Cached for ``max_age`` seconds."""
    if not configured():
        return None
    now = time.monotonic()
    if now - (_last_check["at"] or 0.0) < max_age:
        return _last_check["lag"]
    lag = None
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(
                "SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL "
                "WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
                "ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
            )
            value = cursor.fetchone()[0]
            lag = float(value) if value is not None else None
    except Exception:  # replica down or unreachable: fall back to the primary
        lag = None
    _last_check.update(at=now, lag=lag)
    return lag


def replica_fresh() -> bool:
    lag = replica_lag()
    return lag is not None and lag <= float(getattr(settings, "KEHOACH_REPLICA_MAX_LAG", 5))


class PrimaryReplicaRouter:
    """Writes and unsafe requests on the primary; safe requests' reads on a fresh replica."""

    def db_for_read(self, model, **hints):
        if (
            _reads_may_use_replica.get()
            and model._meta.app_label not in PRIMARY_ONLY_APPS
            and model._meta.db_table != "kehoach_cache"
            and replica_fresh()
        ):
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class ReadRoutingMiddleware:
    """Marks safe requests as allowed to read from the replica; pins a browser to the primary for
    a few seconds after it writes, so it sees its own change on the next page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in ("GET", "HEAD") and PIN_COOKIE not in request.COOKIES
        token = _reads_may_use_replica.set(safe and configured())
        try:
            response = self.get_response(request)
        finally:
            _reads_may_use_replica.reset(token)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response.set_cookie(PIN_COOKIE, "1", max_age=PIN_SECONDS, httponly=True, samesite="Lax")
        return response
