"""Idempotency-Key: a retried creating POST returns the first response and creates nothing."""

import json

import pytest

from kehoach.core.models import IdempotentRequest
from kehoach.outputs.models import Output


@pytest.fixture
def body(org):
    return {"unit_id": org["vhtt"].pk, "date": "2021-03-01", "form": "website_article", "title": "Bài CCHC"}


def post(client, body, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post("/api/v1/outputs", json.dumps(body), content_type="application/json", **headers)


def test_a_retry_returns_the_first_response_and_creates_nothing(api, body):
    client = api("vhtt")
    first = post(client, body, "k-2021-03-01-1")
    again = post(client, body, "k-2021-03-01-1")
    assert first.status_code == 201
    assert again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Output.objects.count() == 1


def test_without_a_key_each_post_creates(api, body):
    client = api("vhtt")
    post(client, body)
    post(client, body)
    assert Output.objects.count() == 2


def test_the_same_key_with_another_body_is_refused(api, body):
    client = api("vhtt")
    post(client, body, "k1")
    response = post(client, {**body, "title": "Bài khác"}, "k1")
    assert response.status_code == 422
    assert Output.objects.count() == 1


def test_keys_belong_to_their_caller(api, org, body):
    post(api("vhtt"), body, "shared")
    response = post(api("phuocdan"), {**body, "unit_id": org["phuocdan"].pk}, "shared")
    assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert Output.objects.count() == 2


def test_a_refused_first_attempt_is_not_remembered(api, body):
    client = api("vhtt")
    assert post(client, {**body, "quantity": -1}, "k2").status_code == 422
    assert not IdempotentRequest.objects.exists()
    assert post(client, {**body, "quantity": -1}, "k2").status_code == 422


def test_a_key_is_honoured_for_24_hours(api, body):
    import datetime

    import time_machine
    from django.utils import timezone

    client = api("vhtt")
    start = timezone.now()
    post(client, body, "k3")
    with time_machine.travel(start + datetime.timedelta(hours=23)):
        assert post(client, body, "k3")["Idempotent-Replayed"] == "true"
    with time_machine.travel(start + datetime.timedelta(hours=25)):
        assert "Idempotent-Replayed" not in post(client, body, "k3")
    assert Output.objects.count() == 2


def test_a_key_still_in_flight_gets_409(api, body):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="vhtt")
    IdempotentRequest.objects.create(
        caller=f"user:{user.pk}",
        key="k4",
        path="/api/v1/outputs",
        fingerprint=__import__("hashlib").sha256(json.dumps(body).encode()).hexdigest(),
    )
    assert post(api("vhtt"), body, "k4").status_code == 409
    assert not Output.objects.exists()


def test_a_silly_key_is_422(api, body):
    assert post(api("vhtt"), body, "x" * 201).status_code == 422
