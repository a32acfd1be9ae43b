"""The tracking API as CONTRACT.md describes it."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from kehoach.tracking import services
from kehoach.tracking.models import Deliverable, Problem

from .helpers import at, get_deliverable, user

FIELDS = {"id", "duty_id", "unit_id", "kind", "period", "due", "status", "submitted_at", "version"}


def test_anonymous_gets_401(deliverables, api):
    assert api(None).get("/api/v1/deliverables").status_code == 401
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    assert (
        api(None)
        .post(f"/api/v1/deliverables/{d.pk}/submit", {"text": "x"}, content_type="application/json")
        .status_code
        == 401
    )


def test_commune_sees_only_its_own_deliverables(deliverables, api, org):
    rows = api("phuocdan").get(f"/api/v1/deliverables?plan={deliverables.pk}").json()
    assert rows and {r["unit_id"] for r in rows} == {org["phuocdan"].pk}
    assert set(rows[0]) >= FIELDS
    by = {(r["kind"], r["period"]): r for r in rows}
    assert (
        by[("subplan", "2021")]["due"] == "2021-01-26" and by[("subplan", "2021")]["due_inclusive"] is False
    )
    assert ("report", "2021-H1") in by and ("report", "2021") in by


def test_coordinator_sees_all_units_and_filters(deliverables, api):
    rows = (
        api("noivu")
        .get(
            f"/api/v1/deliverables?plan={deliverables.pk}&period=2021-H1&kind=report&status=pending"
            "&as_of=2021-06-01"
        )
        .json()
    )
    assert len({r["unit_id"] for r in rows}) >= 18
    assert all(r["period"] == "2021-H1" and r["status"] == "pending" for r in rows)


def test_bad_filters_are_4xx_not_500(deliverables, api):
    assert api("noivu").get("/api/v1/deliverables?status=bogus").status_code == 400
    assert api("noivu").get("/api/v1/deliverables?period=2021-H9").status_code == 400
    assert api("noivu").get("/api/v1/deliverables?plan=abc").status_code == 422


def test_detail_of_another_units_deliverable_is_403(deliverables, api):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    assert api("phuochau").get(f"/api/v1/deliverables/{d.pk}").status_code == 403
    assert api("phuocdan").get(f"/api/v1/deliverables/{d.pk}").json()["submissions"] == []
    assert api("noivu").get("/api/v1/deliverables/999999").status_code == 404


@time_machine.travel(datetime.datetime(2021, 6, 18, 9, tzinfo=datetime.UTC), tick=False)
def test_submit_json_on_time(deliverables, api):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    r = api("phuocdan").post(
        f"/api/v1/deliverables/{d.pk}/submit",
        {"text": "Báo cáo 6 tháng", "figures": {"outputs": 12}, "results": "Tốt", "version": d.version},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert (
        body["status"] == "submitted" and body["version"] == d.version + 1 and body["submission_number"] == 1
    )
    detail = api("phuocdan").get(f"/api/v1/deliverables/{d.pk}").json()
    assert detail["submissions"][0]["figures"] == {"outputs": 12}


@time_machine.travel(datetime.datetime(2021, 1, 27, 9, tzinfo=datetime.UTC), tick=False)
def test_submit_multipart_with_file_after_due_date_is_late(deliverables, api):
    d = get_deliverable(deliverables, "phuocdan", "2021", "subplan")
    f = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    r = api("phuocdan").post(f"/api/v1/deliverables/{d.pk}/submit", {"text": "Kế hoạch đơn vị", "file": f})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "late"
    sub = Deliverable.objects.get(pk=d.pk).submissions.get()
    assert sub.file.name.endswith("ke-hoach.pdf") and sub.is_late


def test_submit_refuses_executable_upload(deliverables, api):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    f = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    r = api("phuocdan").post(f"/api/v1/deliverables/{d.pk}/submit", {"text": "x", "file": f})
    assert r.status_code == 400
    assert not Deliverable.objects.get(pk=d.pk).submissions.exists()


def test_other_commune_cannot_submit_403(deliverables, api):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    r = api("phuochau").post(
        f"/api/v1/deliverables/{d.pk}/submit", {"text": "x"}, content_type="application/json"
    )
    assert r.status_code == 403
    assert Deliverable.objects.get(pk=d.pk).status == "pending"


def test_read_only_leader_cannot_submit_for_a_commune(deliverables, api):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    r = api("lanhdao").post(
        f"/api/v1/deliverables/{d.pk}/submit", {"text": "x"}, content_type="application/json"
    )
    assert r.status_code == 403


def test_stale_version_is_409_and_bad_body_is_4xx(deliverables, api):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    url = f"/api/v1/deliverables/{d.pk}/submit"
    assert (
        api("phuocdan").post(url, {"text": "x", "version": 99}, content_type="application/json").status_code
        == 409
    )
    assert api("phuocdan").post(url, "not json", content_type="application/json").status_code == 400
    assert (
        api("phuocdan")
        .post(url, {"text": "x", "figures": {"a": -1}}, content_type="application/json")
        .status_code
        == 400
    )
    assert (
        api("phuocdan")
        .post(url, {"text": "x", "version": "abc"}, content_type="application/json")
        .status_code
        == 422
    )
    assert api("phuocdan").post(url, {"text": ""}, content_type="application/json").status_code == 400
    assert Deliverable.objects.get(pk=d.pk).submissions.count() == 0


def test_locked_period_is_409_with_the_reason(deliverables, api):
    services.lock_period(
        deliverables, "2021-H1", "Đã tổng hợp báo cáo 6 tháng gửi Sở Nội vụ", today=datetime.date(2021, 6, 1)
    )
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    r = api("phuocdan").post(
        f"/api/v1/deliverables/{d.pk}/submit", {"text": "x"}, content_type="application/json"
    )
    assert r.status_code == 409 and "Sở Nội vụ" in r.json()["detail"]


@pytest.fixture
def submitted(deliverables):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    services.submit(d, user("phuocdan"), text="Báo cáo", now=at(2021, 6, 18))
    return d


def test_only_coordinator_reviews(submitted, api):
    url = f"/api/v1/deliverables/{submitted.pk}/review"
    for who in ("phuocdan", "phuochau", "lanhdao", "tckh", "vhtt"):
        assert (
            api(who)
            .post(url, {"decision": "accept", "comment": ""}, content_type="application/json")
            .status_code
            == 403
        )
    assert api(None).post(url, {"decision": "accept"}, content_type="application/json").status_code == 401
    r = api("noivu").post(url, {"decision": "accept", "comment": "Đạt"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    assert api("noivu").post(url, {"decision": "accept"}, content_type="application/json").status_code == 409


def test_review_unknown_decision_is_422_and_return_needs_comment(submitted, api):
    url = f"/api/v1/deliverables/{submitted.pk}/review"
    assert (
        api("noivu")
        .post(url, {"decision": "maybe", "comment": ""}, content_type="application/json")
        .status_code
        == 422
    )
    assert (
        api("noivu")
        .post(url, {"decision": "return", "comment": " "}, content_type="application/json")
        .status_code
        == 400
    )
    r = api("noivu").post(
        url, {"decision": "return", "comment": "Thiếu số liệu"}, content_type="application/json"
    )
    assert r.json()["status"] == "returned"


def test_completeness_adds_up(submitted, api, deliverables):
    r = api("noivu").get(f"/api/v1/plans/{deliverables.pk}/completeness?period=2021-H1")
    assert r.status_code == 200
    data = r.json()
    assert data["expected"] == sum(u["expected"] for u in data["by_unit"]) >= 18
    assert data["submitted"] == sum(u["submitted"] for u in data["by_unit"]) == 1
    assert data["on_time"] == 1 and 0 <= data["rate"] <= 1 and data["on_time_rate"] <= data["rate"]
    assert api("noivu").get(f"/api/v1/plans/{deliverables.pk}/completeness?period=xx").status_code == 400
    mine = api("phuocdan").get(f"/api/v1/plans/{deliverables.pk}/completeness?period=2021-H1").json()
    assert len(mine["by_unit"]) == 1


def test_prefill_returns_figures_for_own_unit_only(deliverables, api):
    d = get_deliverable(deliverables, "phuocdan", "2021-H1")
    body = api("phuocdan").get(f"/api/v1/deliverables/{d.pk}/prefill").json()
    assert "outputs" in body and body["window_start"] == "2020-12-15" and body["window_end"] == "2021-06-14"
    assert api("phuochau").get(f"/api/v1/deliverables/{d.pk}/prefill").status_code == 403


def test_problems_raise_list_answer(deliverables, api, org):
    body = {
        "plan_id": deliverables.pk,
        "unit_id": org["phuocdan"].pk,
        "kind": "proposal",
        "title": "Kinh phí",
        "content": "Đề nghị bổ sung kinh phí in tờ gấp",
    }
    assert api("phuochau").post("/api/v1/problems", body, content_type="application/json").status_code == 403
    assert api(None).post("/api/v1/problems", body, content_type="application/json").status_code == 401
    r = api("phuocdan").post("/api/v1/problems", body, content_type="application/json")
    assert r.status_code == 201, r.content
    pid = r.json()["id"]
    assert api("phuochau").get("/api/v1/problems").json() == []
    assert [p["id"] for p in api("noivu").get("/api/v1/problems").json()] == [pid]
    url = f"/api/v1/problems/{pid}/answer"
    assert (
        api("phuocdan").post(url, {"answer": "tự trả lời"}, content_type="application/json").status_code
        == 403
    )
    assert api("phuochau").post(url, {"answer": "x"}, content_type="application/json").status_code == 403
    r = api("noivu").post(url, {"answer": "Đã bố trí trong dự toán quý III"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "answered"
    assert Problem.objects.get(pk=pid).answered_by.username == "noivu"
    bad = {**body, "kind": "rant"}
    assert api("phuocdan").post("/api/v1/problems", bad, content_type="application/json").status_code == 422


def test_inspections_coordinator_records_unit_follows_up(deliverables, api, org):
    body = {
        "plan_id": deliverables.pk,
        "unit_id": org["phuocdan"].pk,
        "date": "2021-09-15",
        "inspectors": "Phòng Nội vụ",
        "findings": "Chưa niêm yết TTHC",
    }
    assert (
        api("phuocdan").post("/api/v1/inspections", body, content_type="application/json").status_code == 403
    )
    assert api(None).get("/api/v1/inspections").status_code == 401
    r = api("noivu").post("/api/v1/inspections", body, content_type="application/json")
    assert r.status_code == 201 and r.json()["status"] == "done"
    iid = r.json()["id"]
    assert api("phuochau").get("/api/v1/inspections").json() == []
    assert len(api("phuocdan").get("/api/v1/inspections").json()) == 1
    url = f"/api/v1/inspections/{iid}/follow-up"
    assert api("phuochau").post(url, {"follow_up": "x"}, content_type="application/json").status_code == 403
    r = api("phuocdan").post(url, {"follow_up": "Đã niêm yết đầy đủ"}, content_type="application/json")
    assert r.json()["status"] == "followed_up"
    bad = {**body, "date": "2021-02-30"}
    assert api("noivu").post("/api/v1/inspections", bad, content_type="application/json").status_code == 422
