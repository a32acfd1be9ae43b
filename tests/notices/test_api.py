"""API: POST /plans/{id}/urging, GET /notices (the inbox, paginated), POST /notices/{id}/read."""

import time_machine

from kehoach.notices.models import NoticeRecipient

from .conftest import urge

TODAY = "2021-06-25T03:00:00+00:00"


@time_machine.travel(TODAY, tick=False)
def test_coordinator_sends_urging_and_gets_per_unit_status(report_plan, addresses, api, org):
    r = api("noivu").post(
        f"/api/v1/plans/{report_plan.pk}/urging",
        {"period": "2021-H1", "unit_ids": [org["phuocdan"].pk, org["anhai"].pk]},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    units = {u["unit_id"]: u for u in body["units"]}
    assert set(units) == {org["phuocdan"].pk, org["anhai"].pk}
    assert all(u["delivered"] and not u["read"] for u in units.values())
    # The mail left after the service's commit? Not inside the test's transaction: it waits.
    assert units[org["anhai"].pk]["mail_status"] == "none" and units[org["anhai"].pk]["mailed"] is False
    assert isinstance(body["id"], int) and body["number"] == 1


@time_machine.travel(TODAY, tick=False)
def test_urging_without_unit_ids_urges_every_late_unit(report_plan, api):
    r = api("noivu").post(
        f"/api/v1/plans/{report_plan.pk}/urging", {"period": "2021-H1"}, content_type="application/json"
    )
    assert r.status_code == 201 and len(r.json()["units"]) == 3


@time_machine.travel(TODAY, tick=False)
def test_urging_refused_for_others_bad_input_and_anonymous(report_plan, api, org):
    url = f"/api/v1/plans/{report_plan.pk}/urging"
    body = {"period": "2021-H1"}
    r = api("phuocdan").post(url, body, content_type="application/json")
    assert r.status_code == 403 and "thường trực" in r.json()["detail"]
    assert api("lanhdao").post(url, body, content_type="application/json").status_code == 403
    assert api(None).post(url, body, content_type="application/json").status_code == 401
    r = api("noivu").post(url, {"period": "2021-H9"}, content_type="application/json")
    assert r.status_code == 400 and "Kỳ báo cáo" in r.json()["detail"]
    r = api("noivu").post(url, {"period": "2021-H2"}, content_type="application/json")
    assert r.status_code == 400 and "quá hạn" in r.json()["detail"]
    assert api("noivu").post(url, {}, content_type="application/json").status_code == 422
    assert (
        api("noivu").post("/api/v1/plans/999999/urging", body, content_type="application/json").status_code
        == 404
    )


def test_inbox_lists_the_signed_in_users_notices_and_pages(report_plan, api):
    for i in range(3):
        urge(report_plan, text=f"Lần {i + 1}")
    r = api("phuocdan").get("/api/v1/notices?limit=2")
    assert r.status_code == 200
    rows = r.json()
    assert isinstance(rows, list) and len(rows) == 2
    assert set(rows[0]) >= {"id", "title", "sent_at", "read", "plan_id"}
    assert rows[0]["plan_id"] == report_plan.pk and rows[0]["read"] is False
    link = r["Link"]
    assert 'rel="next"' in link
    nxt = link[link.index("<") + 1 : link.index(">")]
    rest = api("phuocdan").get(nxt).json()
    assert len(rest) == 1 and "Link" not in api("phuocdan").get(nxt)
    assert {x["id"] for x in rows + rest} == set(
        NoticeRecipient.objects.filter(user__username="phuocdan").values_list("notice_id", flat=True)
    )
    assert api("vhtt").get("/api/v1/notices").json() == []
    assert api(None).get("/api/v1/notices").status_code == 401


def test_marking_read(report_plan, org, api):
    notice = urge(report_plan, units=[org["phuocdan"]])
    r = api("phuocdan").post(f"/api/v1/notices/{notice.pk}/read")
    assert r.status_code == 200 and r.json()["read"] is True
    assert api("phuocdan").get("/api/v1/notices").json()[0]["read"] is True
    assert api("phuochau").post(f"/api/v1/notices/{notice.pk}/read").status_code == 403
    assert api("phuocdan").post("/api/v1/notices/999999/read").status_code == 404
    assert api(None).post(f"/api/v1/notices/{notice.pk}/read").status_code == 401
    status = api("noivu").get(f"/api/v1/notices/{notice.pk}/delivery").json()
    assert status["units"][0]["read"] is True
    assert api("phuocdan").get(f"/api/v1/notices/{notice.pk}/delivery").status_code == 403


def test_hostile_ids_and_cursors_are_4xx(report_plan, api):
    big = 2**63
    assert api("noivu").post(f"/api/v1/notices/{big}/read").status_code == 404
    assert api("noivu").get(f"/api/v1/notices/{big}/delivery").status_code == 404
    r = api("noivu").post(
        f"/api/v1/plans/{big}/urging", {"period": "2021-H1"}, content_type="application/json"
    )
    assert r.status_code == 404
    r = api("noivu").post(
        f"/api/v1/plans/{report_plan.pk}/urging",
        {"period": "2021-H1", "unit_ids": [big]},
        content_type="application/json",
    )
    assert r.status_code == 422
    assert api("noivu").get(f"/api/v1/notices?cursor={big}").status_code == 400
    assert api("noivu").get("/api/v1/notices?cursor=abc").status_code == 400
    assert api("noivu").get("/api/v1/notices?limit=5000").status_code == 422
