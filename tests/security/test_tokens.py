"""Mã truy cập API: named, expiring, hashed, scoped, listed and revocable (issue 12 reproducers)."""

import datetime

import time_machine
from django.test import Client
from django.utils import timezone

from kehoach.core.models import ApiToken
from tests.security.conftest import PASSWORD


def mint(username="vpub", **extra):
    response = Client().post(
        "/api/v1/auth/token",
        {"username": username, "password": PASSWORD, **extra},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_token_keeps_its_contract_and_expires_in_90_days(accounts):
    body = mint()
    assert set(body) >= {"token"}
    row = ApiToken.objects.get(pk=body["id"])
    assert row.key_hash == ApiToken.hash(body["token"]) and body["token"] not in row.key_hash
    assert abs((row.expires_at - timezone.now()) - datetime.timedelta(days=90)) < datetime.timedelta(
        minutes=1
    )
    assert row.scope == "write"


def test_name_scope_and_days_are_honoured(accounts):
    body = mint(name="máy chủ báo cáo", scope="read", days=7)
    assert body["name"] == "máy chủ báo cáo" and body["scope"] == "read"
    row = ApiToken.objects.get(pk=body["id"])
    assert (row.expires_at - timezone.now()).days == 6


def test_bad_token_options_are_422(accounts):
    for extra in ({"scope": "admin"}, {"days": 0}, {"days": 10_000}, {"name": "x" * 101}):
        response = Client().post(
            "/api/v1/auth/token",
            {"username": "vpub", "password": PASSWORD, **extra},
            content_type="application/json",
        )
        assert response.status_code == 422


def test_an_expired_token_is_refused(accounts):
    token = mint(days=1)["token"]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert Client().get("/api/v1/auth/tokens", **bearer(token)).status_code == 401


def test_a_read_only_token_reads_but_cannot_write(accounts):
    token = mint(scope="read")["token"]
    assert Client().get("/api/v1/auth/tokens", **bearer(token)).status_code == 200
    other = mint()
    response = Client().delete(f"/api/v1/auth/tokens/{other['id']}", **bearer(token))
    assert response.status_code == 403
    assert "chỉ được đọc" in response.json()["detail"]


def test_owner_lists_and_revokes_tokens(accounts):
    first, second = mint(name="một"), mint(name="hai")
    listed = Client().get("/api/v1/auth/tokens", **bearer(first["token"])).json()
    assert {t["name"] for t in listed} == {"một", "hai"}
    assert all("token" not in t and "key_hash" not in t for t in listed)
    response = Client().delete(f"/api/v1/auth/tokens/{second['id']}", **bearer(first["token"]))
    assert response.status_code == 204
    assert Client().get("/api/v1/auth/tokens", **bearer(second["token"])).status_code == 401
    assert [t["name"] for t in Client().get("/api/v1/auth/tokens", **bearer(first["token"])).json()] == [
        "một"
    ]


def test_another_users_token_cannot_be_revoked(accounts):
    mine, theirs = mint("vpub"), mint("vhtt")
    for token_id in (theirs["id"], 10**30, 0):
        response = Client().delete(f"/api/v1/auth/tokens/{token_id}", **bearer(mine["token"]))
        assert response.status_code in (404, 422)
    assert Client().get("/api/v1/auth/tokens", **bearer(theirs["token"])).status_code == 200


def test_admin_password_change_revokes_tokens(accounts):
    token = mint("vhtt")["token"]
    admin = Client()
    admin.force_login(accounts["admin"])
    user = accounts["vhtt"]
    response = admin.post(
        f"/admin/auth/user/{user.pk}/password/",
        {"password1": "quan-tri-dat-2026", "password2": "quan-tri-dat-2026", "usable_password": "true"},
    )
    assert response.status_code == 302
    assert Client().get("/api/v1/auth/tokens", **bearer(token)).status_code == 401


def test_deactivation_revokes_tokens(accounts):
    token = mint("vhtt")["token"]
    user = accounts["vhtt"]
    user.is_active = False
    user.save()
    user.is_active = True
    user.save()
    assert Client().get("/api/v1/auth/tokens", **bearer(token)).status_code == 401


def test_tokens_page_creates_shows_once_and_revokes(accounts):
    client = Client()
    client.force_login(accounts["vpub"])
    response = client.post("/accounts/tokens/", {"name": "bảng tính", "scope": "read", "days": 30})
    assert response.status_code == 200
    row = ApiToken.objects.get(user=accounts["vpub"], name="bảng tính")
    secret = response.context["secret"]
    assert ApiToken.hash(secret) == row.key_hash and secret in response.content.decode()
    assert secret not in client.get("/accounts/tokens/").content.decode()
    assert client.post(f"/accounts/tokens/{row.pk}/revoke/").status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None


def test_tokens_page_cannot_revoke_another_users_token(accounts):
    theirs = ApiToken.objects.get(pk=mint("vhtt")["id"])
    client = Client()
    client.force_login(accounts["vpub"])
    assert client.post(f"/accounts/tokens/{theirs.pk}/revoke/").status_code == 404
    assert client.post(f"/accounts/tokens/{10**25}/revoke/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_admin_lists_and_revokes_tokens(accounts):
    row = ApiToken.objects.get(pk=mint("vhtt")["id"])
    admin = Client()
    admin.force_login(accounts["admin"])
    assert admin.get("/admin/core/apitoken/").status_code == 200
    response = admin.post("/admin/core/apitoken/", {"action": "revoke", "_selected_action": [row.pk]})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None


def test_admin_lists_and_revokes_any_token_through_the_api(accounts):
    theirs = mint("vhtt", name="máy chủ báo cáo")
    admin = mint("admin")
    everyone = Client().get("/api/v1/auth/tokens?all=true", **bearer(admin["token"])).json()
    assert {"user": "vhtt", "name": "máy chủ báo cáo"}.items() <= next(
        t for t in everyone if t["id"] == theirs["id"]
    ).items()
    # Only an administrator sees everyone's: a user asking for all gets their own.
    own = Client().get("/api/v1/auth/tokens?all=true", **bearer(theirs["token"])).json()
    assert {t["user"] for t in own} == {"vhtt"}
    response = Client().delete(f"/api/v1/auth/tokens/{theirs['id']}", **bearer(admin["token"]))
    assert response.status_code == 204
    assert Client().get("/api/v1/auth/tokens", **bearer(theirs["token"])).status_code == 401
