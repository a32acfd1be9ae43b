"""The services enforce the transition table: every state × persona × service call ends as the table says."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from kehoach.budgets import services
from kehoach.budgets.models import Budget
from kehoach.core.errors import Conflict, Forbidden
from kehoach.rules import budget_flow as flow

pytestmark = pytest.mark.django_db

# Each persona's relation to phuocdan's estimate, written out independently of the code under test.
PERSONA_ROLES = {
    "phuocdan": {flow.UNIT},
    "tckh": {flow.FINANCE},
    "lanhdao": {flow.LEADER},
    "noivu": set(),
    "phuochau": set(),
}

CALLS = {
    # service call → (the table action it stands for in a state, how to call it)
    "revise": (lambda s: flow.REVISE, lambda b, u: services.revise_estimate(b, u, [("Dòng mới", 1_000)])),
    "appraise": (
        lambda s: flow.REAPPRAISE if s == flow.APPRAISED else flow.APPRAISE,
        lambda b, u: services.appraise(b, u, 1_000),
    ),
    "approve": (lambda s: flow.APPROVE, lambda b, u: services.approve(b, u, 1_000)),
    "return": (lambda s: flow.RETURN, lambda b, u: services.return_estimate(b, u, "Làm lại")),
}


@pytest.mark.parametrize("state", flow.STATES)
def test_every_service_call_obeys_the_table(org, kh_plan, state):
    users = {u.username: u for u in get_user_model().objects.filter(username__in=PERSONA_ROLES)}
    budget = services.create_estimate(
        users["phuocdan"], kh_plan, org["phuocdan"], "state_budget", [("a", 5_000)]
    )
    amounts = {"appraised_amount": 4_000 if state in (flow.APPRAISED, flow.APPROVED) else None}
    amounts["approved_amount"] = 4_000 if state == flow.APPROVED else None
    for name, (table_action, call) in CALLS.items():
        action = table_action(state)
        for username, roles in PERSONA_ROLES.items():
            Budget.objects.filter(pk=budget.pk).update(status=state, **amounts)
            fresh = Budget.objects.get(pk=budget.pk)
            if not flow.role_may(action, roles):
                expected = Forbidden
            elif not flow.state_allows(action, state):
                expected = Conflict
            else:
                expected = None
            try:
                with transaction.atomic():
                    call(fresh, users[username])
            except (Forbidden, Conflict) as exc:
                assert type(exc) is expected, (state, name, username, exc.message)
            else:
                assert expected is None, (state, name, username)
                assert Budget.objects.get(pk=budget.pk).status == flow.target(action, state)
