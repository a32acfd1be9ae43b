"""Sao chép kế hoạch twice to the same year (issue 13 item 4): 409 naming the first copy unless
``confirm_duplicate``; the page warns and opens the existing copy."""

import pytest

from kehoach.plans.models import Plan

pytestmark = pytest.mark.django_db

JSON = "application/json"


def test_second_copy_to_the_same_year_is_409_unless_confirmed(api, kh_plan):
    client = api("noivu")
    url = f"/api/v1/plans/{kh_plan.pk}/copy"
    first = client.post(url, {"year": 2022}, content_type=JSON)
    assert first.status_code == 201, first.content
    again = client.post(url, {"year": 2022}, content_type=JSON)
    assert again.status_code == 409, again.content
    assert again.json()["duplicate_of"] == first.json()["id"]
    assert "đã được sao chép sang năm 2022" in again.json()["detail"]
    assert Plan.objects.filter(year=2022).count() == 1
    other_year = client.post(url, {"year": 2023}, content_type=JSON)
    assert other_year.status_code == 201
    confirmed = client.post(url, {"year": 2022, "confirm_duplicate": True}, content_type=JSON)
    assert confirmed.status_code == 201
    assert Plan.objects.filter(year=2022).count() == 2


def test_copy_page_warns_and_opens_the_existing_copy(web, kh_plan):
    client = web("noivu")
    client.post(f"/plans/{kh_plan.pk}/copy/", {"year": "2022"})
    existing = Plan.objects.get(year=2022)
    r = client.post(f"/plans/{kh_plan.pk}/copy/", {"year": "2022"}, follow=True)
    assert r.redirect_chain[-1][0].endswith(f"/plans/{existing.pk}/")
    assert "đã được sao chép sang năm 2022" in r.content.decode()
    assert Plan.objects.filter(year=2022).count() == 1
    client.post(f"/plans/{kh_plan.pk}/copy/", {"year": "2022", "confirm_duplicate": "1"})
    assert Plan.objects.filter(year=2022).count() == 2
