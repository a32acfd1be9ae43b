"""Quy trình dự toán kinh phí: the budget state machine and its money limits, as one table.

    estimated --appraise (finance)-----> appraised --approve (leader)--> approved
    appraised --reappraise (finance)---> appraised   (thẩm định lại, until the leader acts)
    estimated/appraised --return (finance or leader)--> returned
    estimated/returned --revise (unit)--> estimated

The services enforce ``TRANSITIONS`` (the wrong role is refused, a move from the wrong state is a
conflict); the pages and the API read it to decide which buttons and actions to offer. Nothing
else in the code base lists which budget may move where.

Roles are the actor's relation to one estimate, not global roles: ``unit`` acts for the estimating
unit, ``finance`` is the plan's appraiser (Phòng Tài chính-Kế hoạch), ``leader`` the plan's
issuing People's Committee (lãnh đạo UBND).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ESTIMATED = "estimated"
APPRAISED = "appraised"
APPROVED = "approved"
RETURNED = "returned"
STATES: tuple[str, ...] = (ESTIMATED, APPRAISED, APPROVED, RETURNED)
INITIAL = ESTIMATED

UNIT = "unit"
FINANCE = "finance"
LEADER = "leader"
ROLES: tuple[str, ...] = (UNIT, FINANCE, LEADER)

REVISE = "revise"
APPRAISE = "appraise"
REAPPRAISE = "reappraise"
APPROVE = "approve"
RETURN = "return"

# The ceiling for any amount, line or sum: far above any district's budget (a nghìn tỷ đồng),
# and ~9,000 times below PostgreSQL's bigint limit, so no sum of allowed lines can overflow.
AMOUNT_CEILING = 10**15
BIGINT_MAX = 2**63 - 1


@dataclass(frozen=True)
class Transition:
    """One allowed move: ``action`` by one of ``roles`` from one of ``sources`` leads to ``target``.

    ``next_step`` marks the move the state is waiting for (the "việc chờ tôi" lists); ``label``
    is the Vietnamese button text.
    """

    action: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    label: str
    next_step: bool = False


TRANSITIONS: tuple[Transition, ...] = (
    # A unit may correct its estimate while it waits; after a return, revising is the next step.
    Transition(REVISE, frozenset({ESTIMATED}), ESTIMATED, frozenset({UNIT}), "Sửa dự toán"),
    Transition(REVISE, frozenset({RETURNED}), ESTIMATED, frozenset({UNIT}), "Sửa dự toán", True),
    Transition(APPRAISE, frozenset({ESTIMATED}), APPRAISED, frozenset({FINANCE}), "Thẩm định", True),
    Transition(REAPPRAISE, frozenset({APPRAISED}), APPRAISED, frozenset({FINANCE}), "Thẩm định lại"),
    Transition(APPROVE, frozenset({APPRAISED}), APPROVED, frozenset({LEADER}), "Phê duyệt", True),
    Transition(RETURN, frozenset({ESTIMATED, APPRAISED}), RETURNED, frozenset({FINANCE, LEADER}), "Trả lại"),
)
ACTIONS: tuple[str, ...] = (REVISE, APPRAISE, REAPPRAISE, APPROVE, RETURN)


def _rows(action: str) -> list[Transition]:
    if action not in ACTIONS:
        raise ValueError(f"Unknown budget action {action!r}")
    return [t for t in TRANSITIONS if t.action == action]


def role_may(action: str, roles: Iterable[str]) -> bool:
    """May someone with these roles ever take ``action`` (whatever the state)? No → 403."""
    have = set(roles)
    return any(t.roles & have for t in _rows(action))


def state_allows(action: str, state: str) -> bool:
    """Is ``action`` a move out of ``state`` at all? No → 409."""
    return any(state in t.sources for t in _rows(action))


def target(action: str, state: str) -> str:
    """The state after ``action`` from ``state``; ``ValueError`` when the move does not exist."""
    for t in _rows(action):
        if state in t.sources:
            return t.target
    raise ValueError(f"No budget move {action!r} from {state!r}")


def allowed_actions(state: str, roles: Iterable[str]) -> list[str]:
    """The actions these roles may take now, in the table's order (what the buttons show)."""
    have = set(roles)
    out: list[str] = []
    for t in TRANSITIONS:
        if state in t.sources and t.roles & have and t.action not in out:
            out.append(t.action)
    return out


def waiting_on(state: str) -> str | None:
    """The role whose move it is (finance for an estimate, the leader for an appraisal, the unit after a return)."""
    for t in TRANSITIONS:
        if t.next_step and state in t.sources:
            return next(iter(sorted(t.roles)))
    return None


def states_waiting_on(role: str) -> list[str]:
    """The states in which ``role`` has the next move (the "chờ tôi" list of a person)."""
    return [s for s in STATES if waiting_on(s) == role]


def label(action: str) -> str:
    """Vietnamese button text of an action."""
    return _rows(action)[0].label


def decision_limit(action: str, total: int, appraised: int | None) -> int | None:
    """The figure a decision may not exceed without an override: the estimate for an appraisal,
    the appraised amount for an approval; ``None`` for actions without an amount."""
    if action in (APPRAISE, REAPPRAISE):
        return total
    if action == APPROVE:
        return appraised if appraised is not None else total
    return None


def amount_fits(amount: int) -> bool:
    """A single amount in whole đồng within ``[0, AMOUNT_CEILING]``."""
    return 0 <= amount <= AMOUNT_CEILING


def sum_fits(amounts: Iterable[int]) -> bool:
    """Every amount and their running sum stay within the ceiling (checked before any row is saved)."""
    total = 0
    for a in amounts:
        if not amount_fits(a):
            return False
        total += a
        if total > AMOUNT_CEILING:
            return False
    return True
