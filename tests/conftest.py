"""Shared fixtures: the Ninh Phước organisation, the seed plan, and personas.

Clients: ``api("noivu")`` (bearer token) and ``web("noivu")`` (signed-in session) for any persona.

Personas (CONTRACT.md demo accounts): coordinator ``noivu`` (Phòng Nội vụ), finance ``tckh``,
leader ``lanhdao``, radio centre ``vhtt``, office ``vpub`` / ``tuphap``, commune officers
``phuocdan`` and ``phuochau`` (another commune), and anonymous.
"""

import pytest
from hypothesis import settings as hypothesis_settings

# Hypothesis' per-example deadline measures wall time, which on a shared 2-core CI machine says more
# about the neighbours than about the code: off. Example counts stay as each test sets them.
hypothesis_settings.register_profile("kehoach", deadline=None)
hypothesis_settings.load_profile("kehoach")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """Cheap password hashing and a private media folder per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # Background jobs run inline in tests; tests/jobs drives the real database queue and worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


# --- The demo's states, built once per session (tests/dbsnapshot.py) ------------------------------
#
# ``org`` (units, groups, aliases, accounts), ``plan`` (+ Plan 19/KH-UBND from the seed text),
# ``deliverables`` (+ its deliverables generated) and ``demo`` (what `kehoach demo` loads) are each
# built once per worker and restored at the start of a test that asks for them, before any other
# fixture writes: the largest state the test needs, once. The fixtures below then only read.


def _build_org():
    from kehoach.demo.org import load_accounts, load_org

    units = load_org()
    load_accounts(units)
    return units, None


def _build_plan():
    from kehoach.demo.loader import load_plan

    units, _ = _build_org()
    return units, load_plan(units)


def _build_deliverables():
    from kehoach.tracking.services import generate_deliverables

    units, plan = _build_plan()
    generate_deliverables(plan)
    return units, plan


def _build_demo():
    from kehoach.demo.loader import run
    from kehoach.org.models import Unit

    plan = run(say=lambda *_: None)
    return {u.code: u for u in Unit.objects.exclude(code="")}, plan


def _keys(built):
    """What a test needs to find the built objects again: unit ids by code, the plan's id."""
    units, plan = built
    return {code: unit.pk for code, unit in units.items()}, plan.pk if plan else None


#: name -> builder of (units by code, plan or None); the largest first.
STATES = {
    "demo": _build_demo,
    "deliverables": _build_deliverables,
    "plan": _build_plan,
    "org": _build_org,
}


class _States:
    """Snapshots built on first use, outside any test transaction."""

    def __init__(self, blocker):
        self.blocker = blocker
        self.built = {}

    def get(self, name):
        if name not in self.built:
            from tests.dbsnapshot import build

            with self.blocker.unblock():
                self.built[name] = build(STATES[name], _keys)
        return self.built[name]


@pytest.fixture(scope="session")
def _states(django_db_setup, django_db_blocker):
    return _States(django_db_blocker)


def _ours(chain, name: str) -> bool:
    """Whether the fixture ``name`` a test sees is ours, or a module's that asks for ours."""
    for fixturedef in reversed(chain):
        if fixturedef.func.__module__ == __name__:
            return True
        if name not in fixturedef.argnames:
            return False
    return False


@pytest.fixture(autouse=True)
def _state(request):
    """Restore the largest demo state this test asks for (through any fixture), before anything else."""
    defs = request._pyfuncitem._fixtureinfo.name2fixturedefs
    # Only our fixtures of these names count (a test module may have its own ``plan``), also when a
    # module's fixture extends ours (``def plan(plan): ...``).
    wanted = next((name for name in STATES if name in defs and _ours(defs[name], name)), None)
    if wanted is None:
        return None
    snapshot = request.getfixturevalue("_states").get(wanted)
    request.getfixturevalue("db")  # transactional when the test asks for it (live_server)
    snapshot.restore()
    return snapshot.result


@pytest.fixture
def org(db, _state):
    """The demo organisation and accounts (no plan, unless the test asks for one). Units by code."""
    from kehoach.org.models import Unit

    codes, _ = _state
    found = Unit.objects.in_bulk(list(codes.values()))
    return {code: found[pk] for code, pk in codes.items()}


@pytest.fixture
def plan(org, _state):
    """Plan 19/KH-UBND imported from the seed text, issued."""
    from kehoach.plans.models import Plan

    return Plan.objects.get(pk=_state[1])


@pytest.fixture
def kh_plan(org):
    """A small Plan 19 built by hand, with only its V.1.đ broadcast duty: for tests that must not
    depend on the importer (outputs, budgets)."""
    import datetime

    from kehoach.plans.models import Duty, DutyKind, Plan, PlanStatus

    plan = Plan.objects.create(
        number="19/KH-UBND",
        title="Tuyên truyền cải cách hành chính huyện Ninh Phước năm 2021",
        issuer=org["ubnd"],
        year=2021,
        issued_on=datetime.date(2021, 1, 25),
        status=PlanStatus.ISSUED,
        coordinator_unit=org["nv"],
        appraiser_unit=org["tckh"],
    )
    duty = Duty.objects.create(
        plan=plan,
        section="V.1.đ",
        kind=DutyKind.BROADCAST,
        text="Duy trì chuyên mục phát sóng định kỳ về CCHC mỗi tuần ít nhất một lần, mỗi lần ít nhất 10 phút.",
        recurrence=[{"every": "week", "min_count": 1, "min_minutes": 10}],
    )
    duty.who_units.add(org["vhtt"])
    return plan


@pytest.fixture
def deliverables(plan):
    """The plan with its deliverables generated."""
    return plan


@pytest.fixture
def demo(org, _state):
    """The whole demo, as `kehoach demo` loads it (organisation, plan, a year of work). Returns the plan."""
    from kehoach.plans.models import Plan

    return Plan.objects.get(pk=_state[1])


def _api_client(username: str | None):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from kehoach.core.models import ApiToken

    if username is None:
        return Client()
    user = get_user_model().objects.get(username=username)
    return Client(headers={"Authorization": f"Bearer {ApiToken.issue(user)}"})


@pytest.fixture
def api(org):
    """``api("noivu").get("/api/v1/units")``: a test client authenticated by bearer token; ``api(None)`` is anonymous."""
    return _api_client


@pytest.fixture
def web(org):
    """``web("phuocdan")``: a test client signed in through the session (for HTML pages).

    Not ``page``: that is Playwright's browser page in tests/e2e."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    def make(username: str | None):
        client = Client()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        return client

    return make


# --- Browser tests (Playwright driving Debian's Chromium; never `playwright install`) ---
import os  # noqa: E402

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("KEHOACH_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def pytest_collection_modifyitems(config, items):
    """Browser tests need Chromium; say so plainly when it is missing instead of failing obscurely."""
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


# The live test server is a socketserver with a listen backlog of 5 by default; the concurrency
# tests open 40 connections at once, so give it a backlog like a real server's.
from django.core.servers.basehttp import ThreadedWSGIServer  # noqa: E402

ThreadedWSGIServer.request_queue_size = 128
