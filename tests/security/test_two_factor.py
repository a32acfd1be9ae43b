"""Xác thực hai bước (TOTP): enrolment, the code after the password, backup codes, guessing, tokens."""

import datetime
import re

import pytest
import time_machine
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kehoach.core import two_factor
from kehoach.core.models import ApiToken
from tests.security.conftest import PASSWORD

LOGIN = "/accounts/login/"
CODE = "/accounts/login/code/"
ENROL = "/accounts/2fa/"


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset):06d}"


def signed_in(username="vpub") -> Client:
    client = Client(REMOTE_ADDR="10.1.0.1")
    response = client.post(LOGIN, {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    # Enrolled three time steps ago: a TOTP code is never accepted twice, so the tests' codes are fresh.
    with time_machine.travel(timezone.now() - datetime.timedelta(seconds=90), tick=False):
        device = two_factor.pending_enrolment(user)
        codes = two_factor.confirm_enrolment(user, code_for(device))
    assert codes is not None
    return device, codes


@pytest.fixture
def frozen():
    # TOTP codes and django-otp's throttle both read the clock: hold it still, move it by hand.
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def test_enrolment_shows_a_qr_code_and_confirms_with_the_right_code(accounts, frozen):
    client = signed_in()
    page = client.get(ENROL)
    html = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert "<svg" in html and "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "style=" not in html  # CSP: style-src 'self' allows no inline style
    assert "script-src 'self'" in page["Content-Security-Policy"]
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', html).group(1)
    device = TOTPDevice.objects.get(user=accounts["vpub"], confirmed=False)
    assert two_factor.secret_of(device) == secret

    wrong = client.post(ENROL, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and not two_factor.has_device(accounts["vpub"])

    frozen.shift(datetime.timedelta(seconds=5))  # past the pause a wrong code earns
    right = client.post(ENROL, {"code": code_for(device)})
    assert right.status_code == 200
    assert two_factor.has_device(accounts["vpub"])
    assert len(re.findall(r'<li><code class="secret">', right.content.decode())) == 10


def test_sign_in_asks_for_the_code_and_lets_nothing_through_before_it(accounts, frozen):
    device, _ = enrol(accounts["vpub"])
    client = Client(REMOTE_ADDR="10.1.0.2")
    response = client.post(LOGIN, {"username": "vpub", "password": PASSWORD, "next": "/audit/"})
    assert response.status_code == 302 and response["Location"] == CODE
    assert client.get("/").url == CODE
    assert client.get("/accounts/tokens/").url == CODE
    assert client.get("/api/v1/auth/tokens").status_code == 401
    assert "kehoach_device" not in client.cookies  # the known-device mark only after the code

    bad = client.post(CODE, {"code": "12345x"})
    assert bad.status_code == 400
    frozen.shift(datetime.timedelta(seconds=5))
    good = client.post(CODE, {"code": code_for(device)})
    assert good.status_code == 302 and good["Location"] == "/audit/"
    assert client.get("/accounts/tokens/").status_code == 200
    assert "kehoach_device" in client.cookies


def test_a_user_without_a_device_signs_in_with_the_password_only(accounts):
    client = signed_in("vhtt")
    assert client.get("/accounts/tokens/").status_code == 200


def test_a_backup_code_works_once(accounts, frozen):
    _, codes = enrol(accounts["vpub"])
    first = signed_in()
    assert first.post(CODE, {"code": codes[0].upper()}).status_code == 302
    second = signed_in()
    assert second.post(CODE, {"code": codes[0]}).status_code == 400
    assert second.get("/").url == CODE


def test_guessing_codes_is_throttled_and_then_signs_the_session_out(accounts, frozen):
    device, _ = enrol(accounts["vpub"])
    client = signed_in()
    right = code_for(device)
    wrong = "000000" if right != "000000" else "111111"
    assert client.post(CODE, {"code": wrong}).status_code == 400
    # Right after a wrong code even the right one waits (django-otp: 1, 2, 4 ... seconds).
    paused = client.post(CODE, {"code": right})
    assert paused.status_code == 400 and "thử lại sau" in paused.content.decode()
    for _ in range(2):
        client.post(CODE, {"code": wrong})
    out = client.post(CODE, {"code": wrong})  # the fifth refused code of this sign-in
    # Signed out; django-axes has counted five failures too, so it answers with its pause page.
    assert out.status_code in (302, 429)
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1
    # The failures count for django-axes too: the username is now paused for the password step.
    again = Client(REMOTE_ADDR="10.1.0.9").post(LOGIN, {"username": "vpub", "password": PASSWORD})
    assert again.status_code == 429


def test_the_right_code_works_once_the_pause_is_over(accounts, frozen):
    device, _ = enrol(accounts["vpub"])
    client = signed_in()
    client.post(CODE, {"code": "999999" if code_for(device) != "999999" else "888888"})
    frozen.shift(datetime.timedelta(seconds=3))
    assert client.post(CODE, {"code": code_for(device)}).status_code == 302


def test_api_tokens_are_unaffected_and_minting_needs_the_code(accounts, frozen):
    existing = ApiToken.issue(accounts["vpub"])
    device, _ = enrol(accounts["vpub"])
    headers = {"HTTP_AUTHORIZATION": f"Bearer {existing}"}
    assert Client().get("/api/v1/auth/tokens", **headers).status_code == 200

    body = {"username": "vpub", "password": PASSWORD}
    without = Client().post("/api/v1/auth/token", body, content_type="application/json")
    assert without.status_code == 401 and "otp" in without.json()["detail"]
    frozen.shift(datetime.timedelta(seconds=5))
    with_code = Client().post(
        "/api/v1/auth/token", {**body, "otp": code_for(device)}, content_type="application/json"
    )
    assert with_code.status_code == 200 and with_code.json()["token"]


@override_settings(KEHOACH_2FA_REQUIRED=True)
def test_when_required_a_coordinator_must_enrol_before_anything_else(accounts, frozen):
    client = signed_in("admin")  # a superuser counts as coordinator and leader
    assert client.get("/").url == ENROL
    page = client.get(ENROL)
    assert "bắt buộc" in page.content.decode()
    device = TOTPDevice.objects.get(user=accounts["admin"], confirmed=False)
    assert client.post(ENROL, {"code": code_for(device)}).status_code == 200
    assert client.get("/accounts/tokens/").status_code == 200
    # Not required for a plain officer.
    assert signed_in("vhtt").get("/accounts/tokens/").status_code == 200


def test_an_admin_resets_a_lost_device(accounts, frozen):
    enrol(accounts["vpub"])
    admin = signed_in("admin")
    response = admin.post(
        "/admin/auth/user/",
        {"action": "reset_two_factor", "_selected_action": [accounts["vpub"].pk]},
    )
    assert response.status_code == 302
    assert not two_factor.has_device(accounts["vpub"])
    client = signed_in()
    assert client.get("/accounts/tokens/").status_code == 200


def test_the_owner_turns_it_off(accounts, frozen):
    device, _ = enrol(accounts["vpub"])
    client = signed_in()
    frozen.shift(datetime.timedelta(seconds=5))
    assert client.post(CODE, {"code": code_for(device)}).status_code == 302
    assert client.post("/accounts/2fa/off/").status_code == 302
    assert not two_factor.has_device(accounts["vpub"])
