"""Public feedback API against spam, without outside services (issue 12)."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from kehoach.public.models import Feedback

pytestmark = pytest.mark.django_db
TEXT = "Thủ tục cấp giấy chứng nhận quyền sử dụng đất ở xã tôi chậm quá hạn, đề nghị xem xét"


def post(client, content, **extra):
    return client.post(
        "/api/v1/public/feedback", {"content": content, **extra}, content_type="application/json"
    )


def token(client):
    return client.get("/api/v1/public/feedback/form-token").json()["form_token"]


def test_the_honeypot_refuses_robots():
    response = post(Client(), TEXT, website="http://spam.example")
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_a_form_token_must_be_a_few_seconds_old_and_used_once():
    client = Client(REMOTE_ADDR="10.5.0.1")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fresh = token(client)
        assert post(client, TEXT, form_token=fresh).status_code == 400  # too fast for a person
    with time_machine.travel(start + datetime.timedelta(seconds=5), tick=False):
        good = token(client)
    with time_machine.travel(start + datetime.timedelta(seconds=10), tick=False):
        assert post(client, TEXT + " 1", form_token=good).status_code == 201
        assert post(client, TEXT + " 2", form_token=good).status_code == 400  # single use
        assert post(client, TEXT + " 3", form_token="forged").status_code == 400


def test_people_behind_one_office_address_are_not_blocked_when_they_use_the_form_token():
    start = timezone.now()
    office = Client(REMOTE_ADDR="10.5.0.2")
    with time_machine.travel(start, tick=False):
        tokens = [token(office) for _ in range(12)]
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        codes = [post(office, f"{TEXT} (người {i})", form_token=t).status_code for i, t in enumerate(tokens)]
    assert codes == [201] * 12
    # Without tokens the same address is held to 5 per 10 minutes.
    other = Client(REMOTE_ADDR="10.5.0.3")
    assert [post(other, f"{TEXT} [{i}]").status_code for i in range(6)] == [201] * 5 + [429]


def test_the_same_text_from_many_addresses_is_a_flood():
    statuses = [post(Client(REMOTE_ADDR=f"10.6.0.{i}"), TEXT).status_code for i in range(5)]
    assert statuses == [201, 201, 201, 429, 429]
    assert post(Client(REMOTE_ADDR="10.6.1.1"), "  " + TEXT.upper() + "  ").status_code == 429


def test_lookups_are_throttled_per_address():
    client = Client(REMOTE_ADDR="10.7.0.1")
    statuses = [client.get(f"/api/v1/public/feedback/PA-2021-{i:010d}").status_code for i in range(31)]
    assert statuses[:30] == [404] * 30 and statuses[30] == 429
    assert Client(REMOTE_ADDR="10.7.0.2").get("/api/v1/public/feedback/PA-2021-X").status_code == 404


def test_codes_have_ten_unambiguous_symbols():
    code = post(Client(), TEXT).json()["code"]
    suffix = code.split("-")[-1]
    assert len(suffix) == 10 and not set(suffix) & set("01IO")
