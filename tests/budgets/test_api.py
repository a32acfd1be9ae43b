"""Budget API: estimate → appraise (tckh) → approve (lanhdao), with 403/409/422 where the contract says."""

import pytest

from kehoach.budgets.models import Budget

pytestmark = pytest.mark.django_db


def body(org, plan, **extra):
    data = {
        "plan_id": plan.pk,
        "unit_id": org["phuocdan"].pk,
        "source": "state_budget",
        "items": [
            {"description": "In tờ gấp", "amount": 5_000_000},
            {"description": "Hội nghị", "amount": 10_500_000},
        ],
    }
    data.update(extra)
    return data


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


@pytest.fixture
def estimate(api, org, kh_plan):
    r = post(api("phuocdan"), "/api/v1/budgets", body(org, kh_plan))
    assert r.status_code == 201, r.content
    return r.json()


def test_unit_creates_an_estimate(estimate):
    assert estimate["status"] == "estimated"
    assert estimate["total"] == 15_500_000


def test_estimate_for_another_unit_is_403(api, org, kh_plan):
    r = post(api("phuochau"), "/api/v1/budgets", body(org, kh_plan))
    assert r.status_code == 403
    assert not Budget.objects.exists()


def test_anonymous_gets_401(api, org, kh_plan):
    assert post(api(None), "/api/v1/budgets", body(org, kh_plan)).status_code == 401
    assert api(None).get("/api/v1/budgets").status_code == 401


@pytest.mark.parametrize(
    "items",
    [
        [{"description": "x", "amount": -1}],
        [{"description": "x", "amount": 1.5}],
        [{"description": "x", "amount": "1.000"}],
        [{"description": "", "amount": 100}],
        [],
    ],
)
def test_bad_amounts_are_422_and_nothing_is_saved(api, org, kh_plan, items):
    r = post(api("phuocdan"), "/api/v1/budgets", body(org, kh_plan, items=items))
    assert r.status_code == 422, r.content
    assert not Budget.objects.exists()


def test_unknown_source_is_422(api, org, kh_plan):
    assert post(api("phuocdan"), "/api/v1/budgets", body(org, kh_plan, source="lottery")).status_code == 422


def test_unknown_plan_is_422(api, org, kh_plan):
    assert post(api("phuocdan"), "/api/v1/budgets", body(org, kh_plan, plan_id=999999)).status_code == 422


def test_full_workflow_and_second_approval_conflicts(api, estimate):
    url = f"/api/v1/budgets/{estimate['id']}"
    # Approval before appraisal is a wrong state.
    assert post(api("lanhdao"), f"{url}/approve", {"approved_amount": 1, "comment": ""}).status_code == 409
    r = post(api("tckh"), f"{url}/appraise", {"appraised_amount": 14_000_000, "comment": "Giảm chi hội nghị"})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "appraised" and r.json()["appraised_amount"] == 14_000_000
    r = post(api("lanhdao"), f"{url}/approve", {"approved_amount": 14_000_000, "comment": "Đồng ý"})
    assert r.status_code == 200
    assert r.json()["status"] == "approved" and r.json()["approved_amount"] == 14_000_000
    # Once the leader has acted, finance can no longer correct its appraisal.
    assert post(api("tckh"), f"{url}/appraise", {"appraised_amount": 1, "comment": ""}).status_code == 409
    assert (
        post(api("lanhdao"), f"{url}/approve", {"approved_amount": 14_000_000, "comment": ""}).status_code
        == 409
    )


def test_only_finance_appraises(api, estimate):
    url = f"/api/v1/budgets/{estimate['id']}/appraise"
    for user in ("phuocdan", "noivu", "lanhdao"):
        assert post(api(user), url, {"appraised_amount": 1, "comment": ""}).status_code == 403, user
    assert post(api("phuochau"), url, {"appraised_amount": 1, "comment": ""}).status_code == 403


def test_only_leader_approves(api, estimate):
    url = f"/api/v1/budgets/{estimate['id']}"
    post(api("tckh"), f"{url}/appraise", {"appraised_amount": 15_000_000, "comment": ""})
    for user in ("tckh", "noivu", "phuocdan"):
        assert post(api(user), f"{url}/approve", {"approved_amount": 1, "comment": ""}).status_code == 403, (
            user
        )


@pytest.mark.parametrize("amount", [-5, 2.5, "nhiều"])
def test_bad_appraised_amount_is_422(api, estimate, amount):
    r = post(
        api("tckh"), f"/api/v1/budgets/{estimate['id']}/appraise", {"appraised_amount": amount, "comment": ""}
    )
    assert r.status_code == 422
    assert Budget.objects.get().status == "estimated"


def test_stale_version_is_409(api, estimate):
    r = post(
        api("tckh"),
        f"/api/v1/budgets/{estimate['id']}/appraise",
        {"appraised_amount": 1, "comment": "", "version": 99},
    )
    assert r.status_code == 409


def test_return_and_revise(api, estimate):
    url = f"/api/v1/budgets/{estimate['id']}"
    assert post(api("phuocdan"), f"{url}/return", {"comment": "tự trả"}).status_code == 403
    r = post(api("tckh"), f"{url}/return", {"comment": "Tách đơn giá"})
    assert r.status_code == 200 and r.json()["status"] == "returned"
    assert post(api("tckh"), f"{url}/appraise", {"appraised_amount": 1, "comment": ""}).status_code == 409
    r = api("phuocdan").put(
        url,
        {"items": [{"description": "In 2.000 tờ gấp × 2.500 đ", "amount": 5_000_000}]},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "estimated" and r.json()["total"] == 5_000_000
    assert (
        api("phuochau")
        .put(url, {"items": [{"description": "x", "amount": 1}]}, content_type="application/json")
        .status_code
        == 403
    )


def test_list_is_scoped_to_the_unit_and_open_to_finance(api, org, kh_plan, estimate):
    post(api("phuochau"), "/api/v1/budgets", body(org, kh_plan, unit_id=org["phuochau"].pk))
    mine = api("phuocdan").get(f"/api/v1/budgets?plan={kh_plan.pk}").json()
    assert [b["unit_id"] for b in mine] == [org["phuocdan"].pk]
    assert set(mine[0]) >= {
        "id",
        "plan_id",
        "unit_id",
        "status",
        "source",
        "total",
        "appraised_amount",
        "approved_amount",
        "items",
    }
    assert len(api("tckh").get("/api/v1/budgets").json()) == 2
    assert len(api("lanhdao").get(f"/api/v1/budgets?unit={org['phuochau'].pk}").json()) == 1


def test_another_units_budget_is_403(api, estimate):
    assert api("phuochau").get(f"/api/v1/budgets/{estimate['id']}").status_code == 403
    assert api("phuocdan").get(f"/api/v1/budgets/{estimate['id']}").status_code == 200
    assert api("phuocdan").get("/api/v1/budgets/999999").status_code == 404


def test_budget_totals(api, org, kh_plan, estimate):
    other = post(
        api("vhtt"),
        "/api/v1/budgets",
        body(
            org, kh_plan, unit_id=org["vhtt"].pk, items=[{"description": "Chuyên mục", "amount": 20_000_000}]
        ),
    ).json()
    post(
        api("tckh"),
        f"/api/v1/budgets/{other['id']}/appraise",
        {"appraised_amount": 18_000_000, "comment": ""},
    )
    post(
        api("lanhdao"),
        f"/api/v1/budgets/{other['id']}/approve",
        {"approved_amount": 17_000_000, "comment": ""},
    )
    t = api("noivu").get(f"/api/v1/plans/{kh_plan.pk}/budget-totals").json()
    assert (t["estimated"], t["appraised"], t["approved"]) == (35_500_000, 18_000_000, 17_000_000)
    assert {r["unit_id"] for r in t["by_unit"]} == {org["phuocdan"].pk, org["vhtt"].pk}
    # A unit sees only its own sums.
    assert api("phuocdan").get(f"/api/v1/plans/{kh_plan.pk}/budget-totals").json()["estimated"] == 15_500_000


def test_workflow_is_audited(api, estimate):
    from kehoach.core.models import AuditEntry

    post(
        api("tckh"),
        f"/api/v1/budgets/{estimate['id']}/appraise",
        {"appraised_amount": 1_000_000, "comment": ""},
    )
    verbs = set(
        AuditEntry.objects.filter(model="budgets.budget", object_id=str(estimate["id"])).values_list(
            "verb", flat=True
        )
    )
    assert "thẩm định" in verbs
