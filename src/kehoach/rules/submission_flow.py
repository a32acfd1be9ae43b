"""The deliverable's state machine (nộp, tiếp nhận, trả lại, mở lại) as one table.

Services enforce it (409 on a move the table does not allow), pages and the API read it to
decide which buttons and actions to offer. Who may act (the unit, the coordinator) is checked by
``core.permissions``; this table says only which moves exist from which state.
"""

from __future__ import annotations

from kehoach.rules.task_state import ACCEPTED, LATE, MISSED, PENDING, RETURNED, SUBMITTED

SUBMIT = "submit"
ACCEPT = "accept"
RETURN = "return"
REOPEN = "reopen"

#: action -> (states it may start from, state it leads to; None = decided by the service:
#: a submission is ``late`` or ``submitted`` by its day; reopening keeps a handed-in state)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    SUBMIT: ((PENDING, MISSED, RETURNED, SUBMITTED, LATE), None),
    ACCEPT: ((SUBMITTED, LATE), ACCEPTED),
    RETURN: ((SUBMITTED, LATE), RETURNED),
    REOPEN: ((PENDING, MISSED, RETURNED, SUBMITTED, LATE), None),
}

ACTION_LABELS_VI = {SUBMIT: "Nộp", ACCEPT: "Tiếp nhận", RETURN: "Trả lại", REOPEN: "Mở lại cho nộp"}

BLOCKED_REASONS_VI = {
    ACCEPTED: "việc này đã được tiếp nhận",
    PENDING: "chưa có lần nộp nào để xem xét",
    MISSED: "chưa có lần nộp nào để xem xét",
    RETURNED: "lần nộp gần nhất đã bị trả lại; chờ đơn vị nộp lại",
}


def allows(action: str, state: str) -> bool:
    """Whether ``action`` may be taken from ``state``."""
    if action not in TRANSITIONS:
        raise ValueError(f"Unknown action {action!r}; expected one of {', '.join(TRANSITIONS)}")
    return state in TRANSITIONS[action][0]


def actions_from(state: str) -> list[str]:
    """Every action the table allows from ``state``, in the table's order."""
    return [a for a, (sources, _) in TRANSITIONS.items() if state in sources]


def refusal(action: str, state: str) -> str:
    """Why ``action`` is refused from ``state``, in Vietnamese (for a 409)."""
    reason = BLOCKED_REASONS_VI.get(state, f"việc đang ở trạng thái '{state}'")
    return f"Không thể {ACTION_LABELS_VI.get(action, action).lower()}: {reason}."
