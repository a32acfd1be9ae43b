"""Idempotency-Key (khóa chống tạo trùng) on every creating POST of the API.

A client that retries after a timeout or a crash sends the same ``Idempotency-Key`` header; the
first response (2xx) is stored for 24 hours per caller + key + path and replayed, so the retry
creates nothing. The same key with a different body is refused (422); a retry while the first
request is still running waits for it on PostgreSQL (then gets its response), and gets 409 on
SQLite or when the first request's claim was left by a crash. A failed first attempt (4xx/5xx)
stores nothing: the client may fix the request and retry with the same key.
"""

import datetime
import hashlib
import time
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from kehoach.core.bearer import find_token
from kehoach.core.models import IdempotentRequest

HEADER = "HTTP_IDEMPOTENCY_KEY"
KEEP = datetime.timedelta(hours=24)
ABANDONED = datetime.timedelta(minutes=2)  # a "processing" row this old belongs to a crashed request
#: Expired rows are purged at most this often per process (seconds), not on every request: at
#: hundreds of writes a second the purge was a DELETE in its own transaction per POST (issue 11).
#: An expired row met before its purge is removed on the spot.
PURGE_EVERY = 60.0
_last_purge = [0.0]


def _caller(request) -> str:
    auth = request.META.get("HTTP_AUTHORIZATION", "")
    if auth.lower().startswith("bearer "):
        token = find_token(auth[7:].strip())
        # Kept for the API's authentication (``api.auth.BearerAuth``): one token lookup per request.
        request.kehoach_bearer = (auth[7:].strip(), token)
        return f"user:{token.user_id}" if token else ""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    # Anonymous public endpoints: the address stands for the caller.
    return "addr:" + request.META.get("REMOTE_ADDR", "")[:64]


def _fingerprint(request) -> str:
    """What makes two requests "the same": the JSON body, or a multipart form's fields and files."""
    digest = hashlib.sha256()
    if request.content_type == "multipart/form-data":
        for name, values in sorted(request.POST.lists()):
            digest.update(repr((name, values)).encode())
        for name, files in sorted(request.FILES.lists()):
            for f in files:
                digest.update(name.encode())
                for chunk in f.chunks():
                    digest.update(chunk)
                f.seek(0)
    else:
        digest.update(request.body)
    return digest.hexdigest()


def _busy() -> JsonResponse:
    return JsonResponse(
        {"detail": "Yêu cầu với Idempotency-Key này đang được xử lý; hãy thử lại sau."}, status=409
    )


def _claim(caller: str, key: str, path: str, fingerprint: str, now) -> int | None:
    """Insert the "processing" row of this key; its id, or None when the key is taken already.

    ``INSERT … ON CONFLICT DO NOTHING RETURNING id`` (PostgreSQL, SQLite ≥ 3.35): no error to
    catch, so no savepoint inside a caller's transaction, and no SELECT before it (issue 11).
    On SQLite it is its own transaction, committed before the work begins, so a concurrent retry
    of the same key sees it and gets 409; on PostgreSQL it opens the request's one transaction."""
    table = IdempotentRequest._meta.db_table
    q = connection.ops.quote_name
    cols = ["caller", "key", "path", "fingerprint", "status", "content_type", "body", "created_at"]
    sql = (
        f"INSERT INTO {q(table)} ({', '.join(q(c) for c in cols)}) "  # nosec B608: our own names
        f"VALUES ({', '.join(['%s'] * len(cols))}) "
        f"ON CONFLICT ({q('caller')}, {q('key')}, {q('path')}) DO NOTHING RETURNING {q('id')}"
    )
    params: list[Any] = [
        caller,
        key,
        path,
        fingerprint,
        0,
        "",
        b"",
        connection.ops.adapt_datetimefield_value(now),
    ]
    with connection.cursor() as cur:
        cur.execute(sql, params)
        got = cur.fetchone()
    return got[0] if got else None


def _keep(row_id: int, status: int, content_type: str, body: bytes) -> None:
    """Store the first response for the retries: one plain UPDATE by primary key (the ORM's
    ``update()`` cost more CPU than the round trip itself on the hot write path, issue 11)."""
    table = IdempotentRequest._meta.db_table
    q = connection.ops.quote_name
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {q(table)} SET {q('status')} = %s, {q('content_type')} = %s, {q('body')} = %s "  # nosec B608
            f"WHERE {q('id')} = %s",
            [status, content_type[:100], body, row_id],
        )


class IdempotencyMiddleware:
    """On PostgreSQL the claim, the work and the stored response are one transaction: one commit a
    write instead of three (the claim's, the work's, the response's): two WAL flushes fewer, and
    with the summary appended, 32 writers no longer queue on one another (issue 11). A retry of a key whose first request
    is still running waits for it on the key's unique index, then gets its response replayed (or the
    key, if the first failed). SQLite takes its one write lock at BEGIN, so there the claim stays its
    own short transaction and a retry in flight gets 409."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.META.get(HEADER)
        if key is None or request.method != "POST" or not request.path.startswith("/api/"):
            return self.get_response(request)
        if not 1 <= len(key) <= 200 or not key.isprintable() or not key.isascii():
            return JsonResponse({"detail": "Idempotency-Key phải gồm 1–200 ký tự ASCII in được."}, status=422)
        if connection.vendor != "postgresql":
            return self._answer(request, key, in_transaction=False)
        with transaction.atomic():  # the token's lookup too: one transaction a write
            return self._answer(request, key, in_transaction=True)

    def _answer(self, request, key: str, in_transaction: bool):
        caller = _caller(request)
        if not caller:  # a bad token: let authentication answer 401
            return self.get_response(request)
        fingerprint = _fingerprint(request)
        now = timezone.now()
        if time.monotonic() - _last_purge[0] > PURGE_EVERY:
            _last_purge[0] = time.monotonic()
            IdempotentRequest.objects.filter(created_at__lt=now - KEEP).delete()
        path = request.path[:300]
        row_id = None
        # Claim the key first (the usual case: a new key, one round trip); only a key already
        # taken is read back. Three tries: a row removed meanwhile (expired, abandoned, or its
        # first request failed) frees the key for this request.
        for _attempt in range(3):
            row_id = _claim(caller, key, path, fingerprint, now)
            if row_id is not None:
                break
            found = IdempotentRequest.objects.filter(caller=caller, key=key, path=path).first()
            if found is None:
                continue
            if found.created_at < now - KEEP:
                found.delete()  # expired, not yet purged: the key is free again
                continue
            if found.fingerprint != fingerprint:
                return JsonResponse(
                    {"detail": "Idempotency-Key này đã dùng cho một yêu cầu khác; hãy dùng khóa mới."},
                    status=422,
                )
            if found.status:
                response = HttpResponse(
                    bytes(found.body), status=found.status, content_type=found.content_type
                )
                response["Idempotent-Replayed"] = "true"
                return response
            if now - found.created_at < ABANDONED:
                return _busy()
            found.delete()  # a crashed request's claim
        if row_id is None:
            return _busy()
        try:
            response = self.get_response(request)
        except BaseException:
            if not in_transaction:  # inside the transaction the claim goes with its rollback
                IdempotentRequest.objects.filter(pk=row_id).delete()
            raise
        if 200 <= response.status_code < 300 and not getattr(response, "streaming", False):
            _keep(row_id, response.status_code, response.get("Content-Type", ""), response.content)
        else:
            _release(row_id, in_transaction)
        return response


def _release(row_id: int, in_transaction: bool) -> None:
    """A failed request stores nothing: its claim goes, what the request rightly recorded (a refused
    sign-in counted against a throttle) stays. A request whose own SQL failed outside a savepoint
    left the transaction unusable: then all of it is rolled back, the claim with it."""
    if not in_transaction:
        IdempotentRequest.objects.filter(pk=row_id).delete()
        return
    if connection.needs_rollback:  # a write failed without a savepoint: all of it goes back
        return
    try:
        with connection.cursor() as cur:
            cur.execute(
                f"DELETE FROM {connection.ops.quote_name(IdempotentRequest._meta.db_table)} WHERE id = %s",  # nosec B608
                [row_id],
            )
    except DatabaseError:
        transaction.set_rollback(True)
