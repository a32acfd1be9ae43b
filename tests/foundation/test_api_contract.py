"""The outside contract of the foundation (CONTRACT.md): units, plans, activities, auth, errors."""

import datetime
import json
from pathlib import Path

import pytest

from kehoach.core.models import AuditEntry
from kehoach.org.models import COMMUNE_LEVEL_KINDS
from kehoach.plans.models import Activity

EXPECTED = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "seed_expected.json").read_text(encoding="utf-8")
)
TITLE = "Tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021"


def test_units_list_has_the_district_and_its_nine_communes(api):
    response = api("noivu").get("/api/v1/units")
    assert response.status_code == 200
    units = response.json()
    assert len(units) >= 25
    assert {"id", "code", "name", "kind", "parent_id"} <= set(units[0])
    communes = [u for u in units if u["kind"] in COMMUNE_LEVEL_KINDS]
    assert len(communes) == 9
    assert any(u["name"] == "Ủy ban nhân dân thị trấn Phước Dân" for u in communes)


def test_plan_is_listed_with_its_number_and_year(api, plan):
    plans = api("noivu").get("/api/v1/plans").json()
    match = [p for p in plans if p["title"] == TITLE]
    assert len(match) == 1
    assert match[0]["number"] == "19/KH-UBND"
    assert match[0]["year"] == 2021
    assert match[0]["status"] == "issued"
    assert {"id", "issuer_id"} <= set(match[0])


def test_activities_match_the_hand_read_appendix(api, plan, org):
    rows = api("phuocdan").get(f"/api/v1/plans/{plan.pk}/activities").json()
    assert len(rows) == 7
    names = {u.pk: u.name for u in org.values()}
    for row, expected in zip(rows, EXPECTED["activities"], strict=True):
        assert row["no"] == expected["no"]
        assert row["content"] == expected["content"]
        assert names[row["lead_unit_id"]] == expected["lead_unit"]
        assert row["start"] == expected["timeframe"]["start"]
        assert row["end"] == expected["timeframe"]["end"]
        assert row["regular"] is expected["timeframe"]["regular"]
        assert row["status"] in {"not_started", "in_progress", "overdue", "done_on_time", "done_late"}
        assert isinstance(row["version"], int)
    # Aliases resolved: activity 4's "Truyền hình" is the radio centre, "VP.HĐND-UBND" is the office.
    assert rows[3]["lead_unit_id"] == org["vhtt"].pk
    assert rows[4]["lead_unit_id"] == org["vp"].pk
    # Coordinating groups resolve to real units (the communes group names nine units).
    assert rows[0]["coordinator_unit_ids"] == [org["mttq"].pk]


def test_plan_detail_has_activities_and_duties(api, plan):
    body = api("tuphap").get(f"/api/v1/plans/{plan.pk}").json()
    assert len(body["activities"]) == 7
    subplan = [d for d in body["duties"] if d["due"] == "2021-01-26"]
    assert subplan and subplan[0]["due_inclusive"] is False and subplan[0]["kind"] == "subplan"
    broadcast = [d for d in body["duties"] if d["kind"] == "broadcast"]
    assert broadcast and broadcast[0]["recurrence"] == [{"every": "week", "min_count": 1, "min_minutes": 10}]


def test_commune_cannot_patch_an_activity_it_does_not_lead(api, plan):
    first = plan.activities.get(no="1")
    response = api("phuocdan").patch(
        f"/api/v1/activities/{first.pk}",
        {"progress": 50, "version": first.version},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "detail" in response.json()
    first.refresh_from_db()
    assert first.progress == 0


def test_lead_unit_updates_progress_and_gets_a_new_version(api, plan):
    second = plan.activities.get(no="2")  # lead: Văn phòng HĐND-UBND (vpub)
    response = api("vpub").patch(
        f"/api/v1/activities/{second.pk}",
        {"progress": 40, "note": "Đã cập nhật 12 TTHC", "version": second.version},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["progress"] == 40
    assert response.json()["version"] == second.version + 1
    entry = AuditEntry.objects.filter(
        model="plans.activity", object_id=str(second.pk), action="update"
    ).latest("at")
    assert entry.actor_name == "vpub"
    assert entry.changes["progress"] == [0, 40]


def test_stale_version_is_refused_with_409_and_changes_nothing(api, plan):
    second = plan.activities.get(no="2")
    url = f"/api/v1/activities/{second.pk}"
    assert (
        api("vpub")
        .patch(url, {"progress": 10, "version": second.version}, content_type="application/json")
        .status_code
        == 200
    )
    stale = api("vpub").patch(
        url, {"progress": 90, "version": second.version}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert "phiên bản" in stale.json()["detail"]
    second.refresh_from_db()
    assert second.progress == 10


@pytest.mark.parametrize(
    "body",
    [
        {"progress": 150, "version": 1},
        {"progress": -1, "version": 1},
        {"progress": "nhiều", "version": 1},
        {"progress": 5},
    ],
)
def test_bad_patch_bodies_are_4xx_with_a_message(api, plan, body):
    second = plan.activities.get(no="2")
    response = api("vpub").patch(f"/api/v1/activities/{second.pk}", body, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


def test_malformed_json_is_a_4xx_not_a_500(api, plan):
    second = plan.activities.get(no="2")
    response = api("vpub").patch(
        f"/api/v1/activities/{second.pk}", "{not json", content_type="application/json"
    )
    assert 400 <= response.status_code < 500


def test_anonymous_api_calls_get_401(api, plan):
    for path in ["/api/v1/units", "/api/v1/plans", f"/api/v1/plans/{plan.pk}/activities"]:
        response = api(None).get(path)
        assert response.status_code == 401
        assert response.json()["detail"]


def test_token_needs_the_right_password(api):
    anon = api(None)
    wrong = anon.post(
        "/api/v1/auth/token", {"username": "noivu", "password": "sai"}, content_type="application/json"
    )
    assert wrong.status_code == 401
    right = anon.post(
        "/api/v1/auth/token",
        {"username": "noivu", "password": "kehoach-demo"},
        content_type="application/json",
    )
    assert right.status_code == 200
    token = right.json()["token"]
    assert anon.get("/api/v1/units", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert anon.get("/api/v1/units", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_repeated_wrong_passwords_are_throttled(api):
    anon = api(None)
    for _ in range(5):
        anon.post(
            "/api/v1/auth/token", {"username": "noivu", "password": "sai"}, content_type="application/json"
        )
    blocked = anon.post(
        "/api/v1/auth/token",
        {"username": "noivu", "password": "kehoach-demo"},
        content_type="application/json",
    )
    assert blocked.status_code == 429


def test_unknown_plan_is_404_json(api, plan):
    response = api("noivu").get("/api/v1/plans/999999")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_healthz_and_openapi_answer(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}
    doc = client.get("/api/v1/openapi.json")
    assert doc.status_code == 200
    assert "/api/v1/plans/{plan_id}/activities" in doc.json()["paths"]


def test_activity_status_is_derived_from_dates_and_progress(plan):
    third = plan.activities.get(no="3")  # Quý I/2021
    assert third.status_on(datetime.date(2021, 2, 1)) == "in_progress"
    assert third.status_on(datetime.date(2021, 4, 1)) == "overdue"
    Activity.objects.filter(pk=third.pk).update(progress=100, completed_on=datetime.date(2021, 3, 20))
    third.refresh_from_db()
    assert third.status_on(datetime.date(2021, 4, 1)) == "done_on_time"


def test_api_docs_load_nothing_from_a_cdn(api):
    html = api("noivu").get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html
