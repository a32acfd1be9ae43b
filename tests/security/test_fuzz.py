"""Fuzzing the whole API from its OpenAPI document (schemathesis 4), as three identities.

Fast mode (the normal suite): a few examples per operation and identity. Nightly-style mode:
``bash scripts/fuzz.sh`` (or ``KEHOACH_FUZZ=nightly``; ``KEHOACH_FUZZ_EXAMPLES=N`` examples per
operation and identity, 120 by default at night) on SQLite and PostgreSQL, with the figures tallied.
Checks: no server error (5xx) and every response matches its documented schema.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi.checks import response_schema_conformance

from kehoach.wsgi import application

NIGHTLY = bool(os.environ.get("KEHOACH_FUZZ_EXAMPLES")) or os.environ.get("KEHOACH_FUZZ") == "nightly"
EXAMPLES = int(os.environ.get("KEHOACH_FUZZ_EXAMPLES") or (120 if NIGHTLY else 4))
# The coverage phase (boundary values, wrong methods, missing fields) rides on Hypothesis' explicit
# phase: hundreds of requests per operation, so only in the nightly-style mode.
PHASES = [Phase.explicit, Phase.generate] if NIGHTLY else [Phase.generate]
IDENTITIES = ["noivu", "phuocdan", None]  # coordinator, commune officer, anonymous

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
TALLY = {"requests": 0, "5xx": 0, "violations": 0}


def not_a_server_error(ctx, response, case):
    TALLY["requests"] += 1
    if response.status_code >= 500:
        TALLY["5xx"] += 1
        raise AssertionError(f"{case.method} {case.formatted_path} -> {response.status_code}")


def keeps_its_schema(ctx, response, case):
    """schemathesis' conformance check, counted for the closing figures."""
    try:
        return response_schema_conformance(ctx, response, case)
    except Exception:
        TALLY["violations"] += 1
        raise


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    """The demo organisation and plan with a little work, loaded once for the module and rolled back after."""
    from django.contrib.auth import get_user_model

    from kehoach.core.models import ApiToken

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            from kehoach.demo.loader import run

            run(say=lambda *_: None)
            User = get_user_model()
            tokens = {name: ApiToken.issue(User.objects.get(username=name)) for name in IDENTITIES if name}
            yield tokens
            tally_file = os.environ.get("KEHOACH_FUZZ_TALLY")
            if tally_file:  # figures for the closing note: requests sent and 5xx seen by this worker
                with open(tally_file, "a") as out:
                    out.write(f"{TALLY['requests']} {TALLY['5xx']} {TALLY['violations']}\n")
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(fuzz_world, db):
    # In-process calls would close the test's connection at each request's start (PostgreSQL).
    request_started.disconnect(close_old_connections)
    yield fuzz_world
    request_started.connect(close_old_connections)


@pytest.mark.parametrize("identity", IDENTITIES, ids=lambda n: n or "anonymous")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not NIGHTLY,
    suppress_health_check=list(HealthCheck),
    phases=PHASES,
)
def test_api_never_fails_and_keeps_its_schema(case, identity, world):
    headers = {"Authorization": f"Bearer {world[identity]}"} if identity else {}
    case.call_and_validate(headers=headers, checks=[not_a_server_error, keeps_its_schema])
