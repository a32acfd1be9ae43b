"""Chống dò mật khẩu: the reproducers of issue 12 (normalised usernames, /admin/, lockout by a stranger)."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.security.conftest import PASSWORD

LOGIN = "/accounts/login/"


def fail(client, username, times, path=LOGIN):
    for _ in range(times):
        response = client.post(path, {"username": username, "password": "wrong-guess"})
        assert response.status_code in (200, 400, 429)
    return response


@pytest.mark.parametrize("variant", ["vpub", "vpub ", "ＶＰＵＢ", "ｖｐｕｂ", "VPUB"])
def test_a_locked_username_is_locked_in_every_spelling(accounts, variant):
    attacker = Client(REMOTE_ADDR="10.0.0.9")
    last = fail(attacker, "vpub", 5)
    assert last.status_code == 429
    # From another address, the right password in any spelling that signs in as vpub is refused too.
    other = Client(REMOTE_ADDR="10.0.0.10")
    response = other.post(LOGIN, {"username": variant, "password": PASSWORD})
    assert response.status_code == 429
    assert "thử lại sau 1 phút" in response.content.decode()
    assert "_auth_user_id" not in other.session


def test_variants_of_a_username_share_one_counter(accounts):
    attacker = Client(REMOTE_ADDR="10.0.0.9")
    for spelling in ["vpub", "vpub ", "ｖｐｕｂ", " VPUB", "Vpub"]:
        attacker.post(LOGIN, {"username": spelling, "password": "nope"})
    response = Client(REMOTE_ADDR="10.0.0.11").post(LOGIN, {"username": "vpub", "password": PASSWORD})
    assert response.status_code == 429


def test_admin_login_is_throttled_too(accounts):
    attacker = Client(REMOTE_ADDR="10.0.0.9")
    fail(attacker, "admin", 30, path="/admin/login/?next=/admin/")
    response = attacker.post("/admin/login/?next=/admin/", {"username": "admin", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in attacker.session


def test_one_address_guessing_many_usernames_is_paused(accounts):
    attacker = Client(REMOTE_ADDR="10.0.0.9")
    for i in range(5):
        attacker.post(LOGIN, {"username": f"user{i}", "password": "nope"})
    response = attacker.post(LOGIN, {"username": "vhtt", "password": PASSWORD})
    assert response.status_code == 429


def test_the_pause_ends_and_the_right_password_then_works(accounts):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(Client(REMOTE_ADDR="10.0.0.9"), "vpub", 5)
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        client = Client(REMOTE_ADDR="10.0.0.12")
        response = client.post(LOGIN, {"username": "vpub", "password": PASSWORD})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(accounts["vpub"].pk)


def test_the_pause_grows_while_guessing_goes_on(accounts):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        attacker = Client(REMOTE_ADDR="10.0.0.9")
        response = fail(attacker, "vpub", 15)
        assert "thử lại sau 4 phút" in response.content.decode()
    with time_machine.travel(start + datetime.timedelta(seconds=121), tick=False):
        # 2 minutes later the 4-minute pause still holds for the right password from elsewhere.
        response = Client(REMOTE_ADDR="10.0.0.13").post(LOGIN, {"username": "vpub", "password": PASSWORD})
        assert response.status_code == 429
    with time_machine.travel(start + datetime.timedelta(seconds=241), tick=False):
        response = Client(REMOTE_ADDR="10.0.0.13").post(LOGIN, {"username": "vpub", "password": PASSWORD})
        assert response.status_code == 302


def test_a_stranger_cannot_lock_the_owner_out_of_their_own_browser(accounts):
    owner = Client(REMOTE_ADDR="10.0.0.20")
    assert owner.post(LOGIN, {"username": "vpub", "password": PASSWORD}).status_code == 302
    assert "kehoach_device" in owner.cookies
    owner.post("/accounts/logout/")
    # Same office address, another PC: the stranger guesses until paused, and keeps going.
    stranger = Client(REMOTE_ADDR="10.0.0.20")
    assert fail(stranger, "vpub", 12).status_code == 429
    # The owner's own browser still signs in with the right password.
    response = owner.post(LOGIN, {"username": "vpub", "password": PASSWORD})
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(accounts["vpub"].pk)


def test_a_known_device_has_its_own_small_budget(accounts):
    owner = Client(REMOTE_ADDR="10.0.0.21")
    owner.post(LOGIN, {"username": "vpub", "password": PASSWORD})
    owner.post("/accounts/logout/")
    # 5 failures spend the device's own budget; it is then an ordinary client, paused after 5 more.
    fail(owner, "vpub", 10)
    assert owner.post(LOGIN, {"username": "vpub", "password": PASSWORD}).status_code == 429


def test_a_device_cookie_of_another_user_does_not_help(accounts):
    client = Client(REMOTE_ADDR="10.0.0.22")
    client.post(LOGIN, {"username": "vhtt", "password": PASSWORD})
    client.post("/accounts/logout/")
    assert fail(client, "vpub", 5).status_code == 429


def test_api_token_endpoint_is_throttled_the_same_way(accounts):
    client = Client(REMOTE_ADDR="10.0.0.30")
    for _ in range(5):
        response = client.post(
            "/api/v1/auth/token", {"username": "vpub ", "password": "x"}, content_type="application/json"
        )
    assert response.status_code == 429
    response = Client(REMOTE_ADDR="10.0.0.31").post(
        "/api/v1/auth/token", {"username": "vpub", "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Đăng nhập sai quá nhiều lần")


def test_a_success_clears_the_count(accounts):
    client = Client(REMOTE_ADDR="10.0.0.40")
    fail(client, "vpub", 4)
    assert client.post(LOGIN, {"username": "vpub", "password": PASSWORD}).status_code == 302
    client.post("/accounts/logout/")
    other = Client(REMOTE_ADDR="10.0.0.41")
    fail(other, "vpub", 4)
    assert other.post(LOGIN, {"username": "vpub", "password": PASSWORD}).status_code == 302


def test_sign_ins_are_recorded(accounts):
    from axes.models import AccessLog

    Client(REMOTE_ADDR="10.0.0.50").post(LOGIN, {"username": "vpub", "password": PASSWORD})
    assert AccessLog.objects.filter(username="vpub", ip_address="10.0.0.50").exists()


def test_a_stranger_cannot_lock_the_owner_out_of_their_usual_address(accounts):
    """Another PC (no device cookie) at an address vpub signed in from before keeps the right password
    working while a stranger elsewhere has vpub paused; scripts there get their token too."""
    Client(REMOTE_ADDR="10.0.0.50").post(LOGIN, {"username": "vpub", "password": PASSWORD})
    stranger = Client(REMOTE_ADDR="10.9.9.9")
    assert fail(stranger, "vpub", 12).status_code == 429
    # A new address is paused: the stranger's pause is on the username.
    elsewhere = Client(REMOTE_ADDR="10.0.0.51").post(LOGIN, {"username": "vpub", "password": PASSWORD})
    assert elsewhere.status_code == 429
    new_pc = Client(REMOTE_ADDR="10.0.0.50")
    assert new_pc.post(LOGIN, {"username": "vpub", "password": PASSWORD}).status_code == 302
    script = Client(REMOTE_ADDR="10.0.0.50").post(
        "/api/v1/auth/token", {"username": "vpub", "password": PASSWORD}, content_type="application/json"
    )
    assert script.status_code == 200


def test_a_usual_address_has_its_own_small_budget(accounts):
    Client(REMOTE_ADDR="10.0.0.52").post(LOGIN, {"username": "vpub", "password": PASSWORD})
    guesser = Client(REMOTE_ADDR="10.0.0.52")  # same office, guessing
    fail(guesser, "vpub", 10)
    assert guesser.post(LOGIN, {"username": "vpub", "password": PASSWORD}).status_code == 429
