"""40 concurrent writers through a real threaded HTTP server: nothing lost, nothing duplicated.

Runs on whichever database the suite runs on (SQLite in WAL mode with IMMEDIATE transactions,
and PostgreSQL), so the same assertions hold for both.
"""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 40


@pytest.fixture
def seeded(db):
    from kehoach.demo.loader import load_plan
    from kehoach.demo.org import load_accounts, load_org

    units = load_org()
    load_accounts(units)
    return units, load_plan(units)


def _token(base, username):
    req = urllib.request.Request(
        f"{base}/api/v1/auth/token",
        data=json.dumps({"username": username, "password": "kehoach-demo"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)["token"]


def _call(base, token, method, path, body):
    req = urllib.request.Request(
        f"{base}{path}",
        data=json.dumps(body).encode(),
        method=method,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.load(resp)
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def test_forty_parallel_output_posts_give_forty_rows(live_server, seeded):
    from kehoach.outputs.models import Output

    units, plan = seeded
    token = _token(live_server.url, "phuocdan")
    body = {
        "unit_id": units["phuocdan"].pk,
        "form": "leaflet",
        "topics": ["procedures"],
        "audiences": ["citizens"],
        "quantity": 100,
        "plan_id": plan.pk,
    }

    def post(i):
        return _call(
            live_server.url,
            token,
            "POST",
            "/api/v1/outputs",
            {**body, "date": "2021-03-15", "title": f"Tờ gấp số {i}"},
        )

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        results = list(pool.map(post, range(WRITERS)))
    assert [status for status, _ in results] == [201] * WRITERS, results
    titles = set(Output.objects.filter(unit=units["phuocdan"]).values_list("title", flat=True))
    assert titles == {f"Tờ gấp số {i}" for i in range(WRITERS)}


def test_forty_parallel_stale_patches_let_exactly_one_win(live_server, seeded):
    from kehoach.core.models import AuditEntry
    from kehoach.plans.models import Activity

    _, plan = seeded
    activity = plan.activities.get(no="2")
    token = _token(live_server.url, "vpub")

    def patch(i):
        return _call(
            live_server.url,
            token,
            "PATCH",
            f"/api/v1/activities/{activity.pk}",
            {"progress": i + 1, "version": activity.version},
        )

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        statuses = sorted(status for status, _ in pool.map(patch, range(WRITERS)))
    assert statuses == [200] + [409] * (WRITERS - 1)
    fresh = Activity.objects.get(pk=activity.pk)
    assert fresh.version == activity.version + 1
    assert fresh.updates.count() == 1
    assert (
        AuditEntry.objects.filter(model="plans.activity", object_id=str(activity.pk), action="update").count()
        == 1
    )


def test_forty_parallel_approvals_approve_once(live_server, seeded):
    """Budget transitions are atomic: of 40 simultaneous approvals exactly one wins, the rest get 409."""
    from kehoach.budgets.models import Budget
    from kehoach.core.models import AuditEntry

    units, plan = seeded
    base = live_server.url
    status, created = _call(
        base,
        _token(base, "phuocdan"),
        "POST",
        "/api/v1/budgets",
        {
            "plan_id": plan.pk,
            "unit_id": units["phuocdan"].pk,
            "source": "state_budget",
            "items": [{"description": "In 2.000 tờ gấp TTHC", "amount": 6_000_000}],
        },
    )
    assert status == 201, created
    budget_id = created["id"]
    appraised = _call(
        base,
        _token(base, "tckh"),
        "POST",
        f"/api/v1/budgets/{budget_id}/appraise",
        {"appraised_amount": 5_500_000, "comment": "Giảm đơn giá in"},
    )
    assert appraised[0] == 200, appraised
    leader = _token(base, "lanhdao")

    def approve(i):
        return _call(
            base,
            leader,
            "POST",
            f"/api/v1/budgets/{budget_id}/approve",
            {"approved_amount": 5_000_000 + i, "comment": f"Lần {i}"},
        )[0]

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        statuses = sorted(pool.map(approve, range(WRITERS)))
    assert statuses == [200] + [409] * (WRITERS - 1)
    budget = Budget.objects.get(pk=budget_id)
    assert budget.status == "approved"
    assert 5_000_000 <= budget.approved_amount < 5_000_000 + WRITERS
    approvals = AuditEntry.objects.filter(
        model="budgets.budget", object_id=str(budget_id), action="update", changes__has_key="approved_amount"
    )
    assert approvals.count() == 1
