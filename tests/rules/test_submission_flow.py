"""The deliverable state machine is one table; services refuse what it does not allow."""

import pytest

from kehoach.rules import submission_flow as flow
from kehoach.rules.task_state import DELIVERABLE_STATUSES


def test_every_state_and_action_is_in_the_table():
    for state in DELIVERABLE_STATUSES:
        for action in flow.TRANSITIONS:
            assert isinstance(flow.allows(action, state), bool)
    assert flow.actions_from("accepted") == []
    assert flow.actions_from("submitted") == ["submit", "accept", "return", "reopen"]
    assert flow.actions_from("pending") == ["submit", "reopen"]


def test_unknown_action_is_an_error():
    with pytest.raises(ValueError):
        flow.allows("approve", "pending")


def test_refusal_is_vietnamese():
    assert flow.refusal("accept", "accepted").startswith("Không thể tiếp nhận")
