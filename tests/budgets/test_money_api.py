"""Money that adds up, through the API: override with a reason, re-appraisal, overflow, audited lines."""

import pytest

from kehoach.budgets import services
from kehoach.budgets.models import Budget, BudgetItem
from kehoach.core.models import AuditEntry
from kehoach.rules import budget_flow as flow

pytestmark = pytest.mark.django_db

TOTAL = 15_500_000


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


@pytest.fixture
def estimate(org, kh_plan):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="phuocdan")
    return services.create_estimate(
        user, kh_plan, org["phuocdan"], "state_budget", [("In tờ gấp", 5_000_000), ("Hội nghị", 10_500_000)]
    )


def audit_rows(budget, **filters):
    return AuditEntry.objects.filter(model="budgets.budget", object_id=str(budget.pk), **filters)


def appraise(api, budget, amount, **extra):
    return post(
        api("tckh"),
        f"/api/v1/budgets/{budget.pk}/appraise",
        {"appraised_amount": amount, "comment": "", **extra},
    )


def approve(api, budget, amount, **extra):
    return post(
        api("lanhdao"),
        f"/api/v1/budgets/{budget.pk}/approve",
        {"approved_amount": amount, "comment": "", **extra},
    )


def test_appraisal_above_the_estimate_is_refused_without_a_reason(api, estimate):
    r = appraise(api, estimate, 99_000_000)
    assert r.status_code == 422
    assert "lớn hơn tổng dự toán 15.500.000 đ" in r.json()["detail"]
    estimate.refresh_from_db()
    assert (estimate.status, estimate.appraised_amount) == ("estimated", None)
    assert not audit_rows(estimate, verb__startswith="thẩm định").exists()
    # A blank reason is no reason.
    assert appraise(api, estimate, 99_000_000, override_reason="   ").status_code == 422


def test_appraisal_above_the_estimate_with_a_reason_is_stored_and_audited(api, estimate):
    reason = "Bổ sung chi phí in theo định mức mới"
    r = appraise(api, estimate, 16_600_000, override_reason=reason)
    assert r.status_code == 200, r.content
    assert r.json()["appraised_amount"] == 16_600_000
    assert r.json()["appraisal_override_reason"] == reason
    entry = audit_rows(estimate, action="action").get(verb="thẩm định vượt dự toán")
    assert entry.actor.username == "tckh"
    assert entry.changes["override_reason"] == [None, reason]
    assert entry.changes["appraised_amount"] == [None, 16_600_000]


def test_a_reason_is_not_kept_when_no_override_was_needed(api, estimate):
    r = appraise(api, estimate, TOTAL, override_reason="không cần")
    assert r.status_code == 200 and r.json()["appraisal_override_reason"] == ""


def test_approval_above_the_appraisal_needs_a_reason(api, estimate):
    assert appraise(api, estimate, 14_000_000).status_code == 200
    r = approve(api, estimate, 15_000_000)
    assert r.status_code == 422 and "lớn hơn số thẩm định 14.000.000 đ" in r.json()["detail"]
    assert Budget.objects.get().status == "appraised"
    r = approve(api, estimate, 15_000_000, override_reason="Theo kết luận họp UBND")
    assert r.status_code == 200, r.content
    assert (r.json()["status"], r.json()["approved_amount"]) == ("approved", 15_000_000)
    assert r.json()["approval_override_reason"] == "Theo kết luận họp UBND"
    entry = audit_rows(estimate).get(verb="phê duyệt vượt số thẩm định")
    assert entry.changes["override_reason"] == [None, "Theo kết luận họp UBND"]


def test_approval_at_or_below_the_appraisal_needs_no_reason(api, estimate):
    appraise(api, estimate, 14_000_000)
    assert approve(api, estimate, 14_000_000).status_code == 200


def test_finance_corrects_its_appraisal_until_the_leader_acts(api, estimate):
    appraise(api, estimate, 14_000_000)
    r = appraise(api, estimate, 12_000_000, comment="Sửa số thẩm định")
    assert r.status_code == 200, r.content
    assert (r.json()["status"], r.json()["appraised_amount"]) == ("appraised", 12_000_000)
    entry = audit_rows(estimate).get(verb="thẩm định lại")
    assert entry.changes["appraised_amount"] == [14_000_000, 12_000_000]
    # A correction above the estimate needs a reason too.
    assert appraise(api, estimate, 20_000_000).status_code == 422
    # The leader acts: no more corrections.
    assert approve(api, estimate, 12_000_000).status_code == 200
    assert appraise(api, estimate, 11_000_000).status_code == 409


def test_no_correction_after_the_leader_returns_it(api, estimate):
    appraise(api, estimate, 14_000_000)
    assert (
        post(api("lanhdao"), f"/api/v1/budgets/{estimate.pk}/return", {"comment": "Làm lại"}).status_code
        == 200
    )
    assert appraise(api, estimate, 13_000_000).status_code == 409


def test_decisions_by_other_personas(api, estimate):
    url = f"/api/v1/budgets/{estimate.pk}"
    body = {"appraised_amount": 99_000_000, "comment": "", "override_reason": "x"}
    for user in ("phuochau", "phuocdan", "lanhdao", "noivu"):
        assert post(api(user), f"{url}/appraise", body).status_code == 403, user
    assert post(api(None), f"{url}/appraise", body).status_code == 401
    appraise(api, estimate, 14_000_000)
    body = {"approved_amount": 99_000_000, "comment": "", "override_reason": "x"}
    for user in ("phuochau", "phuocdan", "tckh", "noivu"):
        assert post(api(user), f"{url}/approve", body).status_code == 403, user
    assert post(api(None), f"{url}/approve", body).status_code == 401
    assert not AuditEntry.objects.filter(changes__has_key="override_reason").exists()


def test_actions_come_from_the_transition_table(api, estimate):
    def actions(user):
        return api(user).get(f"/api/v1/budgets/{estimate.pk}").json()["actions"]

    assert actions("phuocdan") == ["revise"]
    assert actions("tckh") == ["appraise", "return"]
    assert actions("lanhdao") == ["return"]
    assert actions("noivu") == []
    appraise(api, estimate, 14_000_000)
    assert actions("tckh") == ["reappraise", "return"]
    assert actions("lanhdao") == ["approve", "return"]
    assert actions("phuocdan") == []
    assert api("lanhdao").get("/api/v1/budgets").json()[0]["actions"] == ["approve", "return"]


def body(org, kh_plan, items):
    return {"plan_id": kh_plan.pk, "unit_id": org["phuocdan"].pk, "source": "state_budget", "items": items}


@pytest.mark.parametrize(
    "items",
    [
        [{"description": "Quá lớn", "amount": flow.AMOUNT_CEILING + 1}],
        [{"description": "Tràn bigint", "amount": 2**63}],
        [
            {"description": "Nửa trần", "amount": 6 * 10**14},
            {"description": "Nửa trần nữa", "amount": 6 * 10**14},
        ],
        [{"description": f"Dòng {i}", "amount": 9 * 10**14} for i in range(12)],
    ],
)
def test_amounts_and_sums_above_the_ceiling_are_422_and_nothing_is_saved(api, org, kh_plan, items):
    r = post(api("phuocdan"), "/api/v1/budgets", body(org, kh_plan, items))
    assert r.status_code == 422, r.content
    assert "tối đa 1.000.000.000.000.000 đ" in r.json()["detail"]
    assert not Budget.objects.exists() and not BudgetItem.objects.exists()


def test_the_ceiling_itself_is_allowed(api, org, kh_plan):
    items = [{"description": "Trần", "amount": flow.AMOUNT_CEILING - 1}, {"description": "Một", "amount": 1}]
    r = post(api("phuocdan"), "/api/v1/budgets", body(org, kh_plan, items))
    assert r.status_code == 201 and r.json()["total"] == flow.AMOUNT_CEILING


def test_overflowing_revision_and_decisions_are_422_and_change_nothing(api, estimate):
    url = f"/api/v1/budgets/{estimate.pk}"
    items = [{"description": "a", "amount": flow.AMOUNT_CEILING}, {"description": "b", "amount": 1}]
    r = api("phuocdan").put(url, {"items": items}, content_type="application/json")
    assert r.status_code == 422
    assert sorted(BudgetItem.objects.values_list("amount", flat=True)) == [5_000_000, 10_500_000]
    r = appraise(api, estimate, 10**16, override_reason="x")
    assert r.status_code == 422 and "quá lớn" in r.json()["detail"]
    assert appraise(api, estimate, -1).status_code == 422
    assert Budget.objects.get().status == "estimated"


def test_revising_line_items_leaves_audit_rows(api, estimate):
    before = AuditEntry.objects.filter(model="budgets.budgetitem").count()
    assert before == 2  # one create per line when the estimate was made
    items = [
        {"description": "In tờ gấp", "amount": 5_000_000},  # unchanged
        {"description": "Hội nghị", "amount": 8_000_000},  # changed
        {"description": "Pa-nô", "amount": 3_000_000},  # new
    ]
    r = api("phuocdan").put(
        f"/api/v1/budgets/{estimate.pk}", {"items": items}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["total"] == 16_000_000
    rows = AuditEntry.objects.filter(model="budgets.budgetitem").order_by("id")[before:]
    assert [(e.action, e.actor_name) for e in rows] == [("update", "phuocdan"), ("create", "phuocdan")]
    assert rows[0].changes["amount"] == [10_500_000, 8_000_000]
    r = api("phuocdan").put(
        f"/api/v1/budgets/{estimate.pk}",
        {"items": [{"description": "In tờ gấp", "amount": 5_000_000}]},
        content_type="application/json",
    )
    assert r.status_code == 200
    deletes = AuditEntry.objects.filter(model="budgets.budgetitem", action="delete")
    assert deletes.count() == 2 and set(deletes.values_list("actor_name", flat=True)) == {"phuocdan"}
    assert audit_rows(estimate, verb="sửa dự toán").count() == 2
