"""Emulation ranking: API, weights set by the coordinator, the page with every breakdown."""

import pytest


def test_ranking_lists_every_unit_best_first_with_breakdown(demo, api):
    r = api("phuocdan").get(f"/api/v1/plans/{demo.pk}/ranking?period=2021")
    assert r.status_code == 200
    rows = r.json()
    assert len(rows) >= 18
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)
    assert rows[0]["rank"] == 1
    for row in rows:
        assert {"unit_id", "unit_name", "score", "rank", "breakdown"} <= set(row)
        assert abs(sum(b["points"] for b in row["breakdown"]) - row["score"]) < 0.05
    radio = next(row for row in rows if row["unit_name"].startswith("Trung tâm Văn hóa"))
    compliance = next(b for b in radio["breakdown"] if b["criterion"] == "compliance")
    assert compliance["value"] is not None and 0 < compliance["value"] < 1  # the demo has failing weeks


def test_weights_change_the_scores(demo, api):
    before = {
        r["unit_id"]: r["score"]
        for r in api("noivu").get(f"/api/v1/plans/{demo.pk}/ranking?period=2021").json()
    }
    r = api("noivu").put(
        f"/api/v1/plans/{demo.pk}/ranking-weights",
        {"timeliness": 0, "completeness": 0, "outputs": 100, "compliance": 0, "review": 0},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["outputs"] == 100
    after = {
        r["unit_id"]: r["score"]
        for r in api("noivu").get(f"/api/v1/plans/{demo.pk}/ranking?period=2021").json()
    }
    assert before != after


@pytest.mark.parametrize(
    "body",
    [
        {"timeliness": 0, "completeness": 0, "outputs": 0, "compliance": 0, "review": 0},
        {"timeliness": -1, "completeness": 30, "outputs": 20, "compliance": 10, "review": 10},
        {"timeliness": 101, "completeness": 30, "outputs": 20, "compliance": 10, "review": 10},
    ],
)
def test_invalid_weights_are_refused(plan, api, body):
    r = api("noivu").put(f"/api/v1/plans/{plan.pk}/ranking-weights", body, content_type="application/json")
    assert r.status_code == 400 and r.json()["detail"]


def test_only_the_coordinator_sets_weights(plan, api, viewer):
    body = {"timeliness": 10, "completeness": 30, "outputs": 20, "compliance": 10, "review": 10}
    for user in ("phuocdan", "xem", "tckh"):
        r = api(user).put(f"/api/v1/plans/{plan.pk}/ranking-weights", body, content_type="application/json")
        assert r.status_code == 403, user
    assert (
        api(None)
        .put(f"/api/v1/plans/{plan.pk}/ranking-weights", body, content_type="application/json")
        .status_code
        == 401
    )


def test_bad_period_is_400(plan, api):
    assert api("noivu").get(f"/api/v1/plans/{plan.pk}/ranking?period=abc").status_code == 400


def test_ranking_page_shows_formula_and_lets_the_coordinator_save(demo, web):
    client = web("noivu")
    r = client.get(f"/dashboard/ranking/?plan={demo.pk}")
    html = r.content.decode()
    assert r.status_code == 200 and "Cách tính điểm" in html and "Đúng hạn" in html
    r = client.post(
        f"/dashboard/ranking/?plan={demo.pk}&period=2021",
        {"timeliness": 40, "completeness": 20, "outputs": 20, "compliance": 10, "review": 10},
    )
    assert r.status_code == 302
    from kehoach.reports.models import RankingWeights

    assert RankingWeights.objects.get(plan=demo).timeliness == 40


def test_ranking_page_form_errors_are_shown(plan, web):
    r = web("noivu").post(
        f"/dashboard/ranking/?plan={plan.pk}",
        {"timeliness": "x", "completeness": 1, "outputs": 1, "compliance": 1, "review": 1},
    )
    assert r.status_code == 400 and "error-summary" in r.content.decode()


def test_officer_cannot_post_weights_on_the_page(plan, web):
    r = web("phuocdan").post(
        f"/dashboard/ranking/?plan={plan.pk}",
        {"timeliness": 1, "completeness": 1, "outputs": 1, "compliance": 1, "review": 1},
    )
    assert r.status_code == 404
