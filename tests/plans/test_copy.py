"""Sang năm mới: copy a plan to another year, issue the copy, close a year."""

import datetime

import pytest

from kehoach.plans.models import Activity, Plan, PlanStatus
from kehoach.tracking.models import Deliverable
from kehoach.tracking.services import generate_deliverables

pytestmark = pytest.mark.django_db


def test_copy_2021_plan_to_2022_is_a_draft_with_dates_shifted_and_progress_reset(api, plan):
    a = plan.activities.exclude(start=None).first()
    Activity.objects.filter(pk=a.pk).update(
        progress=60, note="đã làm", completed_on=datetime.date(2021, 6, 1)
    )
    r = api("noivu").post(f"/api/v1/plans/{plan.pk}/copy", {"year": 2022}, content_type="application/json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "draft" and body["year"] == 2022 and body["number"] == ""
    assert "2022" in body["title"] and "2021" not in body["title"]
    new = Plan.objects.get(pk=body["id"])
    assert new.activities.count() == plan.activities.count()
    assert new.duties.count() == plan.duties.count()
    copied = new.activities.get(no=a.no, order=a.order)
    assert copied.start == a.start.replace(year=a.start.year + 1)
    assert (copied.progress, copied.note, copied.completed_on) == (0, "", None)
    assert not Deliverable.objects.filter(plan=new).exists()  # nothing owed until issued
    for old, fresh in zip(
        plan.duties.order_by("order", "id"), new.duties.order_by("order", "id"), strict=True
    ):
        assert set(fresh.who_units.values_list("pk", flat=True)) == set(
            old.who_units.values_list("pk", flat=True)
        )
        assert fresh.recurrence == old.recurrence


def test_issuing_the_copy_generates_2022_deliverables(api, plan):
    generate_deliverables(plan)
    new_id = (
        api("noivu")
        .post(f"/api/v1/plans/{plan.pk}/copy", {"year": 2022}, content_type="application/json")
        .json()["id"]
    )
    r = api("noivu").post(
        f"/api/v1/plans/{new_id}/activate", {"number": "05/KH-UBND"}, content_type="application/json"
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "issued" and r.json()["deliverables"]["created"] > 0
    spans = set(Deliverable.objects.filter(plan_id=new_id).values_list("period_start", "period_end"))
    # Every period touches 2022 (the ISO week 2021-W52 ends on Sunday 02/01/2022).
    assert spans and all(end.year >= 2022 and start.year <= 2022 for start, end in spans)
    assert "2022-H1" in set(Deliverable.objects.filter(plan_id=new_id).values_list("period", flat=True))
    # Every duty that made work in 2021 makes work in 2022 (counts differ: weeks, merged units).
    sections = set(Deliverable.objects.filter(plan=plan).values_list("duty__section", flat=True))
    assert set(Deliverable.objects.filter(plan_id=new_id).values_list("duty__section", flat=True)) == sections
    again = api("noivu").post(f"/api/v1/plans/{new_id}/activate", {}, content_type="application/json")
    assert again.status_code == 409


def test_a_leap_day_becomes_the_28th():
    from kehoach.plans.year_turn import shift_date

    assert shift_date(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)
    assert shift_date(datetime.date(2021, 3, 31), 1) == datetime.date(2022, 3, 31)


@pytest.mark.parametrize("year", [2021, 1900, "năm sau"])
def test_bad_year_is_refused_and_nothing_is_created(api, plan, year):
    before = Plan.objects.count()
    r = api("noivu").post(f"/api/v1/plans/{plan.pk}/copy", {"year": year}, content_type="application/json")
    assert r.status_code in (400, 422) and r.json()["detail"]
    assert Plan.objects.count() == before


@pytest.mark.parametrize("who,status", [("phuocdan", 403), ("lanhdao", 403), ("tckh", 403), (None, 401)])
def test_only_coordinators_copy(api, plan, who, status):
    r = api(who).post(f"/api/v1/plans/{plan.pk}/copy", {"year": 2022}, content_type="application/json")
    assert r.status_code == status
    assert not Plan.objects.filter(year=2022).exists()


def test_another_units_draft_is_not_found(api, plan):
    draft = Plan.objects.create(
        title="Dự thảo của xã", issuer=plan.issuer, year=2021, status=PlanStatus.DRAFT
    )
    r = api("phuocdan").post(
        f"/api/v1/plans/{draft.pk}/copy", {"year": 2022}, content_type="application/json"
    )
    assert r.status_code == 404


def test_close_year_locks_periods_and_keeps_everything_readable(api, web, plan):
    generate_deliverables(plan)
    r = api("noivu").post("/api/v1/plans/close-year", {"year": 2021}, content_type="application/json")
    assert r.status_code == 200, r.content
    assert r.json()["locked"] == Deliverable.objects.filter(plan=plan).count() > 0
    assert not Deliverable.objects.filter(plan=plan, locked=False).exists()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED
    assert api("phuocdan").get(f"/api/v1/plans/{plan.pk}").status_code == 200
    assert web("phuocdan").get(f"/plans/{plan.pk}/").status_code == 200
    assert (
        api("noivu")
        .post("/api/v1/plans/close-year", {"year": 2021}, content_type="application/json")
        .status_code
        == 200
    )


@pytest.mark.parametrize("who,status", [("phuocdan", 403), ("lanhdao", 403), (None, 401)])
def test_only_coordinators_close_a_year(api, plan, who, status):
    generate_deliverables(plan)
    r = api(who).post("/api/v1/plans/close-year", {"year": 2021}, content_type="application/json")
    assert r.status_code == status
    assert not Deliverable.objects.filter(plan=plan, locked=True).exists()


def test_closing_a_year_without_plans_is_a_clear_400(api, org):
    r = api("noivu").post("/api/v1/plans/close-year", {"year": 2030}, content_type="application/json")
    assert r.status_code == 400 and "2030" in r.json()["detail"]


# --- the pages ---


def test_plan_page_shows_copy_button_to_the_coordinator_only(web, plan):
    assert "Sao chép kế hoạch" in web("noivu").get(f"/plans/{plan.pk}/").content.decode()
    assert "Sao chép kế hoạch" not in web("phuocdan").get(f"/plans/{plan.pk}/").content.decode()


def test_copy_button_makes_a_draft_then_issue_button_generates_work(web, plan):
    client = web("noivu")
    r = client.post(f"/plans/{plan.pk}/copy/", {"year": "2022"})
    new = Plan.objects.get(year=2022)
    assert r.status_code == 302 and r["Location"] == f"/plans/{new.pk}/"
    html = client.get(r["Location"]).content.decode()
    assert "Ban hành (giao việc cho đơn vị)" in html and "Dự thảo" in html
    r = client.post(f"/plans/{new.pk}/activate/", {"number": "07/KH-UBND"})
    new.refresh_from_db()
    assert new.status == PlanStatus.ISSUED and new.number == "07/KH-UBND"
    assert Deliverable.objects.filter(plan=new).exists()


def test_copy_page_with_a_bad_year_says_why_and_creates_nothing(web, plan):
    r = web("noivu").post(f"/plans/{plan.pk}/copy/", {"year": "năm sau"}, follow=True)
    assert "Năm phải là một số" in r.content.decode()
    assert Plan.objects.count() == 1


@pytest.mark.parametrize("who,status", [("phuocdan", 403), ("lanhdao", 403)])
def test_copy_and_close_pages_refuse_other_roles(web, plan, who, status):
    assert web(who).post(f"/plans/{plan.pk}/copy/", {"year": "2022"}).status_code == status
    assert web(who).get("/plans/close-year/").status_code == status
    assert Plan.objects.count() == 1


def test_anonymous_copy_goes_to_sign_in(web, plan):
    assert web(None).post(f"/plans/{plan.pk}/copy/", {"year": "2022"}).status_code == 302
    assert Plan.objects.count() == 1


def test_close_year_page_shows_plans_then_locks(web, plan):
    generate_deliverables(plan)
    client = web("noivu")
    html = client.get("/plans/close-year/?year=2021").content.decode()
    assert "19/KH-UBND" in html and "Khóa sổ năm 2021" in html
    r = client.post("/plans/close-year/", {"year": "2021"}, follow=True)
    assert "Đã khóa sổ năm 2021" in r.content.decode()
    assert not Deliverable.objects.filter(plan=plan, locked=False).exists()
