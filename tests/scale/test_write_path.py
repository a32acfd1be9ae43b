"""The write path at hundreds of writes a second (issue 11): fewer round trips per POST, the
same guarantees (a retry creates nothing; an expired key is free again even before the purge)."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kehoach.core import idempotency
from kehoach.core.models import IdempotentRequest
from kehoach.outputs.models import Output

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(org):
    return {"unit_id": org["vhtt"].pk, "date": "2021-03-01", "form": "website_article", "title": "Bài CCHC"}


def post(client, body, key):
    return client.post(
        "/api/v1/outputs", json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )


def test_the_token_is_looked_up_once_and_expired_keys_are_not_purged_on_every_post(api, body, monkeypatch):
    client = api("vhtt")
    monkeypatch.setattr(idempotency, "_last_purge", [float("inf")])  # purged a moment ago
    with CaptureQueriesContext(connection) as ctx:
        assert post(client, body, "k-1").status_code == 201
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert sum('FROM "core_apitoken"' in s for s in sqls) == 1
    assert not any(s.startswith("DELETE") for s in sqls)


def test_an_expired_key_met_before_the_purge_is_free_again(api, body, monkeypatch):
    client = api("vhtt")
    assert post(client, body, "k-old").status_code == 201
    IdempotentRequest.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    monkeypatch.setattr(idempotency, "_last_purge", [float("inf")])
    again = post(client, body, "k-old")
    assert again.status_code == 201 and "Idempotent-Replayed" not in again
    assert Output.objects.count() == 2
    assert post(client, body, "k-old")["Idempotent-Replayed"] == "true"  # and it guards the new one
    assert Output.objects.count() == 2


def test_the_purge_still_runs_now_and_then(api, body, monkeypatch):
    client = api("vhtt")
    IdempotentRequest.objects.create(
        caller="user:0", key="stale", path="/api/v1/outputs", fingerprint="x", status=201, body=b"{}"
    )
    IdempotentRequest.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    monkeypatch.setattr(idempotency, "_last_purge", [0.0])
    post(client, body, "k-2")
    assert not IdempotentRequest.objects.filter(key="stale").exists()


# --- the token, its user and the memberships in one query (core.bearer) ---


@pytest.mark.parametrize("username", ["vhtt", "noivu", "admin"])
def test_the_one_query_token_lookup_equals_the_orm(org, username, django_assert_num_queries):
    from django.contrib.auth import get_user_model

    from kehoach.core import permissions
    from kehoach.core.bearer import find_token
    from kehoach.core.models import ApiToken

    user = get_user_model().objects.filter(
        username=username
    ).first() or get_user_model().objects.create_superuser(username, password="x-Strong-pass-1")
    key = ApiToken.issue(user)
    with django_assert_num_queries(1):
        fast = find_token(key)
        held = permissions.memberships(fast.user)  # no second query: handed over by the lookup
        units = [m.unit for m in held]
    slow = ApiToken.objects.by_secret(key)
    assert fast.pk == slow.pk and fast.scope == slow.scope and fast.expires_at == slow.expires_at
    assert fast.user.pk == user.pk and fast.user.is_active and fast.user.is_superuser == user.is_superuser
    orm = sorted(user.memberships.select_related("unit"), key=lambda m: m.pk)
    assert [(m.pk, m.unit_id, m.role) for m in held] == [(m.pk, m.unit_id, m.role) for m in orm]
    assert [(u.pk, u.code, u.name, u.created_at) for u in units] == [
        (m.unit.pk, m.unit.code, m.unit.name, m.unit.created_at) for m in orm
    ]


def test_a_revoked_or_expired_token_is_not_found_at_once(org):
    from django.contrib.auth import get_user_model

    from kehoach.core.bearer import find_token
    from kehoach.core.models import ApiToken

    user = get_user_model().objects.get(username="vhtt")
    revoked, expired = ApiToken.issue(user), ApiToken.issue(user)
    ApiToken.objects.filter(key_hash=ApiToken.hash(revoked)).update(revoked_at=timezone.now())
    ApiToken.objects.filter(key_hash=ApiToken.hash(expired)).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert find_token(revoked) is None and find_token(expired) is None
    assert find_token("not-a-token") is None


def test_a_write_through_the_api_is_seven_statements_in_one_transaction(api, body, monkeypatch):
    """The token (with its user and memberships), the key's claim, the plan with the closed-year
    guard's EXISTS (one statement), the output, its audit row, its summary rows (one INSERT), the
    stored response: no other, and no savepoint of the service's own. On PostgreSQL all of it is the
    Idempotency-Key's one transaction (BEGIN/COMMIT in production, one savepoint inside the test's
    transaction here); on SQLite the claim and the response are statements of their own."""
    client = api("vhtt")
    monkeypatch.setattr(idempotency, "_last_purge", [float("inf")])
    post(client, body, "warm")  # the token's last_used_at is written on its first use only
    with CaptureQueriesContext(connection) as ctx:
        assert post(client, body, "k-9").status_code == 201
    sqls = [q["sql"] for q in ctx.captured_queries]
    savepoints = [s for s in sqls if "SAVEPOINT" in s]
    assert len(savepoints) == (2 if connection.vendor == "postgresql" else 0), sqls
    work = [s for s in sqls if "SAVEPOINT" not in s]
    assert [s.split()[0] for s in work] == [
        "SELECT",
        "INSERT",
        "SELECT",
        "INSERT",
        "INSERT",
        "INSERT",
        "UPDATE",
    ], work
    assert "EXISTS" in work[2]
