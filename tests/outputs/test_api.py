"""API of outputs, broadcasts and weekly compliance (CONTRACT.md paths and fields)."""

import datetime

import pytest

from kehoach.outputs.models import Broadcast, Output

pytestmark = pytest.mark.django_db


def output_body(org, **extra):
    body = {
        "unit_id": org["phuocdan"].pk,
        "date": "2021-03-15",
        "form": "leaflet",
        "topics": ["procedures", "citizen_rights"],
        "audiences": ["citizens"],
        "quantity": 500,
        "title": "Tờ gấp về thủ tục hành chính một cửa",
    }
    body.update(extra)
    return body


def test_commune_logs_its_own_output(api, org):
    r = api("phuocdan").post("/api/v1/outputs", output_body(org), content_type="application/json")
    assert r.status_code == 201, r.content
    data = r.json()
    assert data["unit_id"] == org["phuocdan"].pk
    assert data["quantity_unit"] == "copies"  # the natural unit of a leaflet
    assert data["topics"] == ["procedures", "citizen_rights"]
    assert Output.objects.get(pk=data["id"]).created_by.username == "phuocdan"


def test_logging_an_output_writes_the_audit_log(api, org):
    from kehoach.core.models import AuditEntry

    r = api("phuocdan").post("/api/v1/outputs", output_body(org), content_type="application/json")
    entry = AuditEntry.objects.get(model="outputs.output", object_id=str(r.json()["id"]))
    assert entry.actor_name == "phuocdan"


def test_output_for_another_unit_is_forbidden(api, org):
    r = api("phuochau").post("/api/v1/outputs", output_body(org), content_type="application/json")
    assert r.status_code == 403
    assert "detail" in r.json()
    assert not Output.objects.exists()


def test_anonymous_cannot_read_or_write_outputs(api, org):
    assert api(None).get("/api/v1/outputs").status_code == 401
    assert (
        api(None).post("/api/v1/outputs", output_body(org), content_type="application/json").status_code
        == 401
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"form": "tiktok"},
        {"topics": ["weather"]},
        {"audiences": ["aliens"]},
        {"quantity": -1},
        {"date": "2021-02-30"},
        {"date": "15/03/2021x"},
        {"quantity_unit": "kg"},
        {"participants": -5},
        {"title": ""},
    ],
)
def test_bad_output_input_is_422_and_saves_nothing(api, org, bad):
    r = api("phuocdan").post("/api/v1/outputs", output_body(org, **bad), content_type="application/json")
    assert r.status_code == 422, r.content
    assert "detail" in r.json()
    assert not Output.objects.exists()


def test_unknown_unit_is_422(api, org):
    r = api("phuocdan").post(
        "/api/v1/outputs", output_body(org, unit_id=999999), content_type="application/json"
    )
    assert r.status_code == 422


def test_read_only_role_cannot_log(api, org):
    from django.contrib.auth import get_user_model

    from kehoach.org.models import Membership

    viewer = get_user_model().objects.create_user("xem", password="x")
    Membership.objects.create(user=viewer, unit=org["phuocdan"], role="viewer")
    r = api("xem").post("/api/v1/outputs", output_body(org), content_type="application/json")
    assert r.status_code == 403


def test_outputs_list_filters_by_unit_form_and_dates(api, org):
    c = api("phuocdan")
    c.post("/api/v1/outputs", output_body(org), content_type="application/json")
    c.post(
        "/api/v1/outputs",
        output_body(org, form="training", date="2021-07-01", participants=40, quantity=1),
        content_type="application/json",
    )
    api("phuochau").post(
        "/api/v1/outputs", output_body(org, unit_id=org["phuochau"].pk), content_type="application/json"
    )
    # Everyone signed in may read (public communication work), another commune included.
    other = api("phuochau")
    assert len(other.get(f"/api/v1/outputs?unit={org['phuocdan'].pk}").json()) == 2
    assert len(other.get("/api/v1/outputs?form=training").json()) == 1
    rows = other.get("/api/v1/outputs?from=2021-06-01&to=2021-12-31").json()
    assert [r["form"] for r in rows] == ["training"]
    assert set(rows[0]) >= {
        "id",
        "unit_id",
        "date",
        "form",
        "topics",
        "audiences",
        "quantity",
        "title",
        "activity_id",
    }


def test_output_linked_to_activity_takes_its_plan(api, org, kh_plan):
    from kehoach.plans.models import Activity

    act = Activity.objects.create(
        plan=kh_plan, no="1", content="Tuyên truyền cho đoàn viên", lead_unit=org["nv"]
    )
    r = api("phuocdan").post(
        "/api/v1/outputs", output_body(org, activity_id=act.pk), content_type="application/json"
    )
    assert r.status_code == 201
    assert r.json()["plan_id"] == kh_plan.pk


def test_codes_are_listed_with_labels_and_in_openapi(api, org):
    codes = api("phuocdan").get("/api/v1/outputs/codes").json()
    assert {c["code"] for c in codes["forms"]} >= {"website_article", "training", "loudspeaker"}
    assert {c["code"] for c in codes["topics"]} >= {"procedures", "indices"}
    assert {c["code"] for c in codes["audiences"]} == {"officials", "citizens", "businesses", "members"}
    text = api(None).get("/api/v1/openapi.json").content.decode()
    for code in ("digital_government", "citizen_rights", "businesses", "social_media"):
        assert code in text


# --- broadcasts ---------------------------------------------------------------------------------


def broadcast_body(org, **extra):
    body = {
        "unit_id": org["vhtt"].pk,
        "aired_at": "2021-03-03T18:30:00+07:00",
        "minutes": 12,
        "title": "Chuyên mục CCHC",
    }
    body.update(extra)
    return body


def test_radio_centre_logs_a_broadcast(api, org):
    r = api("vhtt").post("/api/v1/broadcasts", broadcast_body(org), content_type="application/json")
    assert r.status_code == 201, r.content
    assert r.json()["minutes"] == 12
    listed = (
        api("phuocdan").get(f"/api/v1/broadcasts?unit={org['vhtt'].pk}&from=2021-03-01&to=2021-03-31").json()
    )
    assert [b["id"] for b in listed] == [r.json()["id"]]
    assert set(listed[0]) >= {"id", "unit_id", "aired_at", "minutes", "title"}


def test_commune_cannot_log_the_radio_centres_broadcast(api, org):
    r = api("phuocdan").post("/api/v1/broadcasts", broadcast_body(org), content_type="application/json")
    assert r.status_code == 403
    assert not Broadcast.objects.exists()


@pytest.mark.parametrize("minutes", [0, -3, "mười"])
def test_broadcast_minutes_must_be_positive(api, org, minutes):
    r = api("vhtt").post(
        "/api/v1/broadcasts", broadcast_body(org, minutes=minutes), content_type="application/json"
    )
    assert r.status_code == 422
    assert not Broadcast.objects.exists()


def test_anonymous_cannot_log_broadcasts(api, org):
    assert (
        api(None).post("/api/v1/broadcasts", broadcast_body(org), content_type="application/json").status_code
        == 401
    )
    assert api(None).get("/api/v1/broadcasts").status_code == 401


# --- compliance ---------------------------------------------------------------------------------


def test_eight_minutes_do_not_comply_and_twelve_do(api, org, kh_plan):
    """CONTRACT: in a week with no airing, an 8-minute airing does not make it comply and a 12-minute one does."""
    url = f"/api/v1/plans/{kh_plan.pk}/broadcast-compliance?from=2021-03-01&to=2021-03-07"
    week = api("noivu").get(url).json()
    assert week["total_weeks"] == 1
    assert week["weeks"][0] == {
        "week": "2021-W09",
        "count": 0,
        "minutes": 0,
        "compliant": False,
        "reason": "Không có lượt phát sóng nào",
    }

    c = api("vhtt")
    assert (
        c.post(
            "/api/v1/broadcasts", broadcast_body(org, minutes=8), content_type="application/json"
        ).status_code
        == 201
    )
    week = api("noivu").get(url).json()
    assert week["weeks"][0]["compliant"] is False
    assert week["weeks"][0]["minutes"] == 8
    assert week["compliant_weeks"] == 0

    assert (
        c.post(
            "/api/v1/broadcasts", broadcast_body(org, minutes=12), content_type="application/json"
        ).status_code
        == 201
    )
    week = api("noivu").get(url).json()
    assert week["weeks"][0]["compliant"] is True
    assert week["compliant_weeks"] == 1
    assert week["min_minutes"] == 10 and week["min_count"] == 1


def test_compliance_covers_the_plan_year_from_its_issue_by_default(api, org, kh_plan):
    data = api("phuocdan").get(f"/api/v1/plans/{kh_plan.pk}/broadcast-compliance").json()
    assert data["weeks"][0]["week"] == "2021-W04"  # issued Monday 25/01/2021
    assert data["weeks"][-1]["week"] == "2021-W52"
    assert data["total_weeks"] == 49
    assert data["unit_id"] == org["vhtt"].pk
    kh_plan.issued_on = None
    kh_plan.save()
    data = api("phuocdan").get(f"/api/v1/plans/{kh_plan.pk}/broadcast-compliance").json()
    assert data["total_weeks"] == 53  # ISO weeks overlapping 2021: 2020-W53 … 2021-W52


def test_compliance_of_unknown_plan_is_404_and_anonymous_401(api, org, kh_plan):
    assert api("noivu").get("/api/v1/plans/999999/broadcast-compliance").status_code == 404
    assert api(None).get(f"/api/v1/plans/{kh_plan.pk}/broadcast-compliance").status_code == 401


def test_compliance_rejects_inverted_range(api, org, kh_plan):
    r = api("noivu").get(f"/api/v1/plans/{kh_plan.pk}/broadcast-compliance?from=2021-05-01&to=2021-04-01")
    assert r.status_code == 422


def test_airing_late_sunday_evening_counts_in_vietnam_week(api, org, kh_plan):
    # 23:30 Sunday in Vietnam is 16:30 UTC the same day; 00:30 Monday in Vietnam is still Sunday in UTC.
    api("vhtt").post(
        "/api/v1/broadcasts",
        broadcast_body(org, aired_at="2021-03-08T00:30:00+07:00"),
        content_type="application/json",
    )
    data = (
        api("noivu")
        .get(f"/api/v1/plans/{kh_plan.pk}/broadcast-compliance?from=2021-03-01&to=2021-03-14")
        .json()
    )
    assert [w["compliant"] for w in data["weeks"]] == [False, True]


def test_output_post_creates_exactly_one_row_each_time(api, org):
    c = api("phuocdan")
    for i in range(40):
        assert (
            c.post(
                "/api/v1/outputs", output_body(org, title=f"Bài {i}"), content_type="application/json"
            ).status_code
            == 201
        )
    assert Output.objects.count() == 40
    assert datetime.date(2021, 3, 15) == Output.objects.first().date
