"""Shared fixtures: the Ninh Phước organisation, the seed plan, and personas.

Personas (CONTRACT.md demo accounts): coordinator ``noivu`` (Phòng Nội vụ), finance ``tckh``,
leader ``lanhdao``, radio centre ``vhtt``, office ``vpub`` / ``tuphap``, commune officers
``phuocdan`` and ``phuochau`` (another commune), and anonymous.
"""

import pytest


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """Cheap password hashing and a private media folder per test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # Background jobs run inline in tests; tests/jobs drives the real database queue and worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def org(db):
    """The demo organisation and accounts (no plan). Returns units by code."""
    from kehoach.demo.org import load_accounts, load_org

    units = load_org()
    load_accounts(units)
    return units


@pytest.fixture
def plan(org):
    """Plan 19/KH-UBND imported from the seed text, issued."""
    from kehoach.demo.loader import load_plan

    return load_plan(org)


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
def demo(db):
    """The whole demo, as `kehoach demo` loads it (organisation, plan, a year of work)."""
    from kehoach.demo.loader import run

    return run(say=lambda *_: None)


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
def page(org):
    """``page("phuocdan")``: a test client signed in through the session (for HTML pages)."""
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
