"""The budget transition table (rules.budget_flow): who may move an estimate where, and the money limits."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.rules import budget_flow as flow


def test_the_table_names_the_seed_workflow():
    assert flow.allowed_actions(flow.ESTIMATED, {flow.FINANCE}) == [flow.APPRAISE, flow.RETURN]
    assert flow.allowed_actions(flow.APPRAISED, {flow.FINANCE}) == [flow.REAPPRAISE, flow.RETURN]
    assert flow.allowed_actions(flow.APPRAISED, {flow.LEADER}) == [flow.APPROVE, flow.RETURN]
    assert flow.allowed_actions(flow.ESTIMATED, {flow.LEADER}) == [flow.RETURN]
    assert flow.allowed_actions(flow.RETURNED, {flow.UNIT}) == [flow.REVISE]
    assert flow.allowed_actions(flow.ESTIMATED, {flow.UNIT}) == [flow.REVISE]
    assert flow.allowed_actions(flow.APPRAISED, {flow.UNIT}) == []


def test_approved_is_final_for_everyone():
    assert flow.allowed_actions(flow.APPROVED, set(flow.ROLES)) == []


def test_targets():
    assert flow.target(flow.APPRAISE, flow.ESTIMATED) == flow.APPRAISED
    assert flow.target(flow.REAPPRAISE, flow.APPRAISED) == flow.APPRAISED
    assert flow.target(flow.APPROVE, flow.APPRAISED) == flow.APPROVED
    assert flow.target(flow.RETURN, flow.APPRAISED) == flow.RETURNED
    assert flow.target(flow.REVISE, flow.RETURNED) == flow.ESTIMATED


def test_wrong_role_and_wrong_state_are_told_apart():
    assert not flow.role_may(flow.APPROVE, {flow.FINANCE, flow.UNIT})
    assert flow.role_may(flow.APPROVE, {flow.LEADER})
    assert not flow.state_allows(flow.APPROVE, flow.ESTIMATED)
    assert not flow.state_allows(flow.APPRAISE, flow.APPRAISED)  # that is a re-appraisal


def test_whose_move_it_is():
    assert flow.waiting_on(flow.ESTIMATED) == flow.FINANCE
    assert flow.waiting_on(flow.APPRAISED) == flow.LEADER
    assert flow.waiting_on(flow.RETURNED) == flow.UNIT
    assert flow.waiting_on(flow.APPROVED) is None
    assert flow.states_waiting_on(flow.FINANCE) == [flow.ESTIMATED]


def test_decision_limits():
    assert flow.decision_limit(flow.APPRAISE, 100, None) == 100
    assert flow.decision_limit(flow.REAPPRAISE, 100, 90) == 100
    assert flow.decision_limit(flow.APPROVE, 100, 90) == 90
    assert flow.decision_limit(flow.RETURN, 100, 90) is None


def test_labels_are_vietnamese():
    assert flow.label(flow.APPROVE) == "Phê duyệt"
    assert flow.label(flow.REAPPRAISE) == "Thẩm định lại"


ROLE_SETS = [set(c) for n in range(len(flow.ROLES) + 1) for c in itertools.combinations(flow.ROLES, n)]


@pytest.mark.parametrize("state", flow.STATES)
def test_allowed_actions_is_exactly_role_and_state(state):
    """The buttons (allowed_actions) and the service checks (role_may, state_allows) never disagree.

    Every state × role set × action (160 cases) is small enough to check exhaustively.
    """
    for have in ROLE_SETS:
        for action in flow.ACTIONS:
            allowed = action in flow.allowed_actions(state, have)
            by_row = any(
                t.action == action and state in t.sources and t.roles & have for t in flow.TRANSITIONS
            )
            assert allowed == by_row, (state, have, action)
            if allowed:
                assert flow.role_may(action, have) and flow.state_allows(action, state)
                assert flow.target(action, state) in flow.STATES


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=-(10**3), max_value=2 * flow.AMOUNT_CEILING), max_size=60))
def test_sum_fits_means_every_line_and_the_sum_fit(amounts):
    ok = flow.sum_fits(amounts)
    assert ok == (all(0 <= a <= flow.AMOUNT_CEILING for a in amounts) and sum(amounts) <= flow.AMOUNT_CEILING)
    if ok:
        assert sum(amounts) <= flow.BIGINT_MAX


def test_the_ceiling_leaves_room_in_bigint():
    # 1,000 lines at the ceiling still fit PostgreSQL's bigint, so no intermediate sum can overflow.
    assert 1000 * flow.AMOUNT_CEILING < flow.BIGINT_MAX
