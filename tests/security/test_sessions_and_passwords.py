"""Phiên đăng nhập và mật khẩu: idle expiry, browser-close cookies, change and reset."""

import re

from django.conf import settings
from django.core import mail
from django.test import Client

from tests.security.conftest import PASSWORD


def test_sessions_end_at_browser_close_and_after_eight_idle_hours(accounts):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    client = Client()
    client.post("/accounts/login/", {"username": "vpub", "password": PASSWORD})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    age = client.session.get_expiry_age()
    assert 8 * 3600 - 5 <= age <= 8 * 3600


def test_an_idle_session_is_refreshed_by_use(accounts):
    import time_machine
    from django.utils import timezone

    start = timezone.now()
    client = Client()
    with time_machine.travel(start, tick=False):
        client.post("/accounts/login/", {"username": "vpub", "password": PASSWORD})
    with time_machine.travel(start + timezone.timedelta(hours=7), tick=False):
        assert client.get("/accounts/tokens/").status_code == 200
    with time_machine.travel(start + timezone.timedelta(hours=14), tick=False):
        assert client.get("/accounts/tokens/").status_code == 200  # 7 h since last use
    with time_machine.travel(start + timezone.timedelta(hours=23), tick=False):
        assert client.get("/accounts/tokens/").status_code == 302  # 9 h idle: signed out


def test_a_user_changes_their_password_and_old_tokens_die(accounts):
    api = Client()
    token = api.post(
        "/api/v1/auth/token", {"username": "vpub", "password": PASSWORD}, content_type="application/json"
    ).json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert api.get("/api/v1/auth/tokens", **auth).status_code == 200
    client = Client()
    client.force_login(accounts["vpub"])
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "mat-khau-moi-2026",
            "new_password2": "mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302
    assert client.get("/accounts/tokens/").status_code == 200  # still signed in here
    assert api.get("/api/v1/auth/tokens", **auth).status_code == 401


def test_wrong_old_password_changes_nothing(accounts):
    client = Client()
    client.force_login(accounts["vpub"])
    response = client.post(
        "/accounts/password/",
        {"old_password": "nope", "new_password1": "mat-khau-moi-2026", "new_password2": "mat-khau-moi-2026"},
    )
    assert response.status_code == 200
    accounts["vpub"].refresh_from_db()
    assert accounts["vpub"].check_password(PASSWORD)


def test_password_reset_by_email(accounts):
    client = Client()
    assert client.get("/accounts/password/reset/").status_code == 200
    response = client.post("/accounts/password/reset/", {"email": "vpub@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": "dat-lai-2026-x", "new_password2": "dat-lai-2026-x"}
    )
    assert response.status_code == 302
    accounts["vpub"].refresh_from_db()
    assert accounts["vpub"].check_password("dat-lai-2026-x")


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing(accounts):
    response = Client().post("/accounts/password/reset/", {"email": "khong-co@example.vn"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_the_sign_in_page_links_to_password_reset(db):
    assert "/accounts/password/reset/" in Client().get("/accounts/login/").content.decode()
