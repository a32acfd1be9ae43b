"""Khóa sổ năm locks every fact of the year, not only reports (issue 13 item 1).

After ``close-year``: outputs, broadcasts (also without a plan: they count towards the closed
plan's weekly compliance), budgets and activity progress are refused with 409 and one message,
and the closed figures do not move. The next year, and another organisation, stay open.
"""

import datetime

import pytest

from kehoach.budgets.models import Budget
from kehoach.outputs.models import Broadcast, Output
from kehoach.plans.guards import refuse_if_closed
from kehoach.plans.models import Activity, Plan, PlanStatus
from kehoach.rules.closing import closed_year_of_day, refusal
from kehoach.tracking.year_end import close_year

pytestmark = pytest.mark.django_db

JSON = "application/json"
MESSAGE = "Kế hoạch 19/KH-UBND đã khóa sổ năm 2021; số liệu không thay đổi được."


@pytest.fixture
def closed(kh_plan):
    close_year(2021)
    kh_plan.refresh_from_db()
    assert kh_plan.status == PlanStatus.CLOSED
    return kh_plan


def test_rule_names_the_plan_and_year():
    assert refusal("19/KH-UBND", 2021) == MESSAGE
    assert closed_year_of_day(datetime.date(2021, 3, 2), [2021]) == 2021
    assert closed_year_of_day(datetime.date(2022, 1, 1), [2021]) is None
    assert closed_year_of_day(None, [2021]) is None


def test_broadcast_in_a_closed_year_is_refused_and_the_week_stays_non_compliant(api, org, closed):
    before = api("noivu").get(f"/api/v1/plans/{closed.pk}/broadcast-compliance?from=2021-03-01&to=2021-03-07")
    assert before.json()["weeks"][0]["compliant"] is False
    for extra in ({}, {"plan_id": closed.pk}):
        body = {
            "unit_id": org["vhtt"].pk,
            "aired_at": "2021-03-02T19:00:00+07:00",
            "minutes": 15,
            "title": "Chuyên mục CCHC",
            **extra,
        }
        r = api("vhtt").post("/api/v1/broadcasts", body, content_type=JSON)
        assert r.status_code == 409, r.content
        assert r.json()["detail"] == MESSAGE
    assert not Broadcast.objects.exists()
    after = api("noivu").get(f"/api/v1/plans/{closed.pk}/broadcast-compliance?from=2021-03-01&to=2021-03-07")
    assert after.json()["weeks"][0]["compliant"] is False


def test_broadcast_of_the_next_year_is_still_accepted(api, org, closed):
    body = {
        "unit_id": org["vhtt"].pk,
        "aired_at": "2022-03-02T19:00:00+07:00",
        "minutes": 15,
        "title": "CCHC",
    }
    assert api("vhtt").post("/api/v1/broadcasts", body, content_type=JSON).status_code == 201


def test_output_dated_in_a_closed_year_is_refused(api, org, closed):
    body = {"unit_id": org["phuocdan"].pk, "date": "2021-05-05", "form": "leaflet", "title": "Tờ rơi"}
    r = api("phuocdan").post("/api/v1/outputs", body, content_type=JSON)
    assert r.status_code == 409, r.content
    assert r.json()["detail"] == MESSAGE
    assert not Output.objects.exists()
    body["date"] = "2022-05-05"
    assert api("phuocdan").post("/api/v1/outputs", body, content_type=JSON).status_code == 201


def test_budget_on_a_closed_plan_is_refused(api, org, closed):
    body = {
        "plan_id": closed.pk,
        "unit_id": org["phuocdan"].pk,
        "items": [{"description": "In tờ rơi", "amount": 1_000_000}],
    }
    r = api("phuocdan").post("/api/v1/budgets", body, content_type=JSON)
    assert r.status_code == 409, r.content
    assert r.json()["detail"] == MESSAGE
    assert not Budget.objects.exists()


def test_budget_made_before_closing_cannot_be_appraised_after(api, org, kh_plan):
    body = {
        "plan_id": kh_plan.pk,
        "unit_id": org["phuocdan"].pk,
        "items": [{"description": "In tờ rơi", "amount": 1_000_000}],
    }
    budget_id = api("phuocdan").post("/api/v1/budgets", body, content_type=JSON).json()["id"]
    close_year(2021)
    r = api("tckh").post(
        f"/api/v1/budgets/{budget_id}/appraise", {"appraised_amount": 900_000}, content_type=JSON
    )
    assert r.status_code == 409, r.content
    assert Budget.objects.get(pk=budget_id).appraised_amount is None


def test_activity_progress_of_a_closed_plan_is_refused(api, org, closed):
    a = Activity.objects.create(plan=closed, no="1", content="Tuyên truyền", lead_unit=org["nv"], order=1)
    r = api("noivu").patch(
        f"/api/v1/activities/{a.pk}", {"version": a.version, "progress": 80}, content_type=JSON
    )
    assert r.status_code == 409, r.content
    assert r.json()["detail"] == MESSAGE
    a.refresh_from_db()
    assert a.progress == 0 and not a.updates.exists()


def test_broadcast_page_shows_the_refusal_as_a_message(web, org, closed):
    r = web("vhtt").post(
        f"/outputs/broadcasts/?plan={closed.pk}",
        {"unit": org["vhtt"].pk, "aired_at": "2021-03-02T19:00", "minutes": 15, "title": "CCHC"},
    )
    assert r.status_code == 400
    assert "đã khóa sổ năm 2021" in r.content.decode()
    assert not Broadcast.objects.exists()


def test_another_organisations_closed_year_does_not_bind_our_undated_plan_facts(org, closed):
    from kehoach.org.models import Unit, UnitKind

    province = Unit.objects.create(
        code="kh-tinh", name="UBND tỉnh Khánh Hòa", kind=UnitKind.PEOPLES_COMMITTEE
    )
    theirs = Plan.objects.create(
        number="26/KH-UBND", title="KH", issuer=province, year=2021, status=PlanStatus.ISSUED
    )
    refuse_if_closed(theirs, datetime.date(2021, 3, 2), province)  # no error: not their year closed
    with pytest.raises(Exception, match="đã khóa sổ năm 2021"):
        refuse_if_closed(None, datetime.date(2021, 3, 2), org["vhtt"])
