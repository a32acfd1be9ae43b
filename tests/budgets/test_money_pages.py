"""Money that adds up, on the pages: figures beside the amount, override box, confirm step, ceiling,
and the buttons the transition table allows."""

import re

import pytest

from kehoach.budgets import services
from kehoach.budgets.models import Budget, BudgetStatus
from kehoach.core.models import AuditEntry
from kehoach.rules import budget_flow as flow

pytestmark = pytest.mark.django_db


@pytest.fixture
def estimate(org, kh_plan):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="phuocdan")
    return services.create_estimate(
        user, kh_plan, org["phuocdan"], "state_budget", [("In tờ gấp", 5_000_000), ("Hội nghị", 10_500_000)]
    )


@pytest.fixture
def appraised(estimate):
    from django.contrib.auth import get_user_model

    return services.appraise(estimate, get_user_model().objects.get(username="tckh"), 14_000_000)


def decide(action, budget, amount, **extra):
    data = {"action": action, "d-amount": amount, "d-comment": "", "d-version": budget.version}
    data.update(extra)
    return data


def amount_input(html: str) -> str:
    return re.search(r'<input[^>]*name="d-amount"[^>]*>', html).group(0)


def test_appraisal_form_shows_the_estimate_and_is_not_prefilled(web, estimate):
    html = web("tckh").get(f"/budgets/{estimate.pk}/").content.decode()
    assert 'data-figure="total">15.500.000 đ' in html
    assert "value=" not in amount_input(html)


def test_approval_box_is_empty_and_shows_estimate_and_appraisal(web, appraised):
    html = web("lanhdao").get(f"/budgets/{appraised.pk}/").content.decode()
    assert 'data-figure="total">15.500.000 đ' in html
    assert 'data-figure="appraised">14.000.000 đ' in html
    assert "value=" not in amount_input(html)


def test_appraisal_above_the_estimate_on_the_page(web, estimate):
    url = f"/budgets/{estimate.pk}/"
    r = web("tckh").post(url, decide("appraise", estimate, "99.000.000"))
    assert r.status_code == 422
    assert "lớn hơn tổng dự toán 15.500.000 đ" in r.content.decode()
    assert Budget.objects.get().status == "estimated"
    # The box ticked but no reason: the form asks for one.
    r = web("tckh").post(url, decide("appraise", estimate, "99.000.000", **{"d-override": "on"}))
    assert r.status_code == 400 and "Ghi rõ lý do vượt mức" in r.content.decode()
    # A reason typed without ticking the box is not an override.
    r = web("tckh").post(url, decide("appraise", estimate, "99.000.000", **{"d-override_reason": "x"}))
    assert r.status_code == 422
    r = web("tckh").post(
        url,
        decide("appraise", estimate, "16.600.000", **{"d-override": "on", "d-override_reason": "Giá in mới"}),
    )
    assert r.status_code == 302
    b = Budget.objects.get()
    assert (b.status, b.appraised_amount, b.appraisal_override_reason) == (
        "appraised",
        16_600_000,
        "Giá in mới",
    )
    assert AuditEntry.objects.filter(
        verb="thẩm định vượt dự toán", changes__override_reason__1="Giá in mới"
    ).exists()
    assert "Vượt tổng dự toán" in web("lanhdao").get(url).content.decode()


def test_finance_reappraises_on_the_page(web, appraised):
    url = f"/budgets/{appraised.pk}/"
    html = web("tckh").get(url).content.decode()
    assert 'data-action="reappraise"' in html and 'data-figure="appraised">14.000.000 đ' in html
    r = web("tckh").post(url, decide("appraise", appraised, "13.000.000"))
    assert r.status_code == 302
    assert Budget.objects.get().appraised_amount == 13_000_000
    assert AuditEntry.objects.filter(verb="thẩm định lại").count() == 1


def test_approval_has_a_confirm_step(web, appraised):
    url = f"/budgets/{appraised.pk}/"
    data = decide("approve", appraised, "14.000.000", **{"d-comment": "Đồng ý"})
    r = web("lanhdao").post(url, data)
    html = r.content.decode()
    assert r.status_code == 200 and "Kiểm tra trước khi phê duyệt" in html
    assert 'data-figure="approve">14.000.000 đ' in html and "15.500.000 đ" in html
    assert "Xác nhận phê duyệt" in html
    assert Budget.objects.get().status == "appraised"  # nothing approved yet
    r = web("lanhdao").post(url, {**data, "step": "edit"})
    assert r.status_code == 200 and 'value="14.000.000"' in amount_input(r.content.decode())
    assert Budget.objects.get().status == "appraised"
    r = web("lanhdao").post(url, {**data, "step": "confirm"})
    assert r.status_code == 302
    b = Budget.objects.get()
    assert (b.status, b.approved_amount, b.approval_comment) == ("approved", 14_000_000, "Đồng ý")


def test_approval_above_the_appraisal_is_stopped_before_the_confirm_step(web, appraised):
    url = f"/budgets/{appraised.pk}/"
    r = web("lanhdao").post(url, decide("approve", appraised, "15.000.000"))
    assert r.status_code == 422 and "lớn hơn số thẩm định 14.000.000 đ" in r.content.decode()
    # Skipping the confirm page does not skip the rule.
    assert (
        web("lanhdao").post(url, decide("approve", appraised, "15.000.000", step="confirm")).status_code
        == 422
    )
    over = {"d-override": "on", "d-override_reason": "Theo kết luận họp"}
    r = web("lanhdao").post(url, decide("approve", appraised, "15.000.000", **over))
    assert r.status_code == 200 and "Theo kết luận họp" in r.content.decode()
    r = web("lanhdao").post(url, decide("approve", appraised, "15.000.000", step="confirm", **over))
    assert r.status_code == 302
    b = Budget.objects.get()
    assert (b.approved_amount, b.approval_override_reason) == (15_000_000, "Theo kết luận họp")


def test_wrong_role_is_403_and_wrong_state_is_409_on_the_page(web, estimate):
    url = f"/budgets/{estimate.pk}/"
    assert web("tckh").post(url, decide("approve", estimate, "1", step="confirm")).status_code == 403
    assert web("lanhdao").post(url, decide("approve", estimate, "1", step="confirm")).status_code == 409
    assert web("phuochau").post(url, decide("appraise", estimate, "1")).status_code == 404
    assert web(None).post(url, decide("appraise", estimate, "1")).status_code == 302
    assert Budget.objects.get().status == "estimated"


def items_post(**rows):
    data = {
        "items-TOTAL_FORMS": "3",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "50",
    }
    data.update(rows)
    return data


@pytest.mark.parametrize(
    "rows",
    [
        {"items-0-description": "a", "items-0-amount": "1.000.000.000.000.001"},
        {"items-0-description": "a", "items-0-amount": "99999999999999999999999"},
        {
            "items-0-description": "a",
            "items-0-amount": "600.000.000.000.000",
            "items-1-description": "b",
            "items-1-amount": "600.000.000.000.000",
        },
    ],
)
def test_overflow_on_the_new_estimate_page_is_422_and_nothing_is_saved(web, org, kh_plan, rows):
    data = items_post(**rows)
    data.update(plan=kh_plan.pk, unit=org["phuocdan"].pk, source="state_budget", note="")
    r = web("phuocdan").post("/budgets/new/", data)
    assert r.status_code == 422
    assert "tối đa 1.000.000.000.000.000 đ" in r.content.decode()
    assert not Budget.objects.exists()


def test_overflow_on_the_decision_form_is_422(web, estimate):
    r = web("tckh").post(
        f"/budgets/{estimate.pk}/",
        decide(
            "appraise", estimate, "99999999999999999999", **{"d-override": "on", "d-override_reason": "x"}
        ),
    )
    assert r.status_code == 422 and "quá lớn" in r.content.decode()
    assert Budget.objects.get().status == "estimated"


# The roles each persona holds towards phuocdan's estimate, written out here rather than asked of the
# code under test; the expected buttons then come from the table.
PERSONA_ROLES = {"phuocdan": {flow.UNIT}, "tckh": {flow.FINANCE}, "lanhdao": {flow.LEADER}, "noivu": set()}


@pytest.mark.parametrize("state", flow.STATES)
def test_the_transition_table_drives_the_buttons(web, estimate, state):
    extra = {"appraised_amount": 14_000_000} if state in (flow.APPRAISED, flow.APPROVED) else {}
    if state == flow.APPROVED:
        extra["approved_amount"] = 14_000_000
    Budget.objects.filter(pk=estimate.pk).update(status=state, **extra)
    for user, roles in PERSONA_ROLES.items():
        html = web(user).get(f"/budgets/{estimate.pk}/").content.decode()
        shown = re.findall(r'data-action="(\w+)"', html)
        assert sorted(shown) == sorted(flow.allowed_actions(state, roles)), (state, user)


def test_budget_status_choices_are_the_tables_states():
    assert tuple(BudgetStatus.values) == flow.STATES


def test_demo_budgets_are_dated_in_2021(org, kh_plan):
    from kehoach.budgets import demo

    demo.load(kh_plan, org)
    budgets = list(Budget.objects.all())
    assert budgets
    for b in budgets:
        assert b.created_at.year == 2021 and b.updated_at.year == 2021, b
        for moment in (b.appraised_at, b.approved_at):
            assert moment is None or moment.year == 2021


def test_a_reappraisal_during_the_confirm_step_stops_the_approval(web, appraised):
    """The leader confirms the figures seen; if finance corrected them meanwhile, nothing is approved."""
    url = f"/budgets/{appraised.pk}/"
    data = decide("approve", appraised, "14.000.000")
    assert web("lanhdao").post(url, data).status_code == 200
    assert web("tckh").post(url, decide("appraise", appraised, "12.000.000")).status_code == 302
    r = web("lanhdao").post(url, {**data, "step": "confirm"})
    assert r.status_code == 409 and "tải lại trang" in r.content.decode()
    b = Budget.objects.get()
    assert (b.status, b.appraised_amount, b.approved_amount) == ("appraised", 12_000_000, None)
