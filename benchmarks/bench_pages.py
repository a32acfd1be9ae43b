"""Page weight, server render time and query count of the main pages and API endpoints on the demo.

Usage: python benchmarks/bench_pages.py  (loads the demo into a temporary SQLite database;
set DATABASE_URL to measure on PostgreSQL instead). Prints one line per URL: median of N runs.
"""

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("KEHOACH_DATA_DIR", tempfile.mkdtemp(prefix="kehoach-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kehoach.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def main() -> int:
    settings.ALLOWED_HOSTS.append("testserver")
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"demo load: {time.perf_counter() - t0:.1f} s")
    from kehoach.core.models import ApiToken
    from kehoach.plans.models import Plan

    plan = Plan.objects.get(number="19/KH-UBND")
    users = get_user_model().objects
    css = len(Client().get("/static/kehoach/app.css").getvalue())
    pages = [
        ("noivu", "/"),
        ("noivu", f"/plans/{plan.pk}/"),
        ("noivu", "/tracking/"),
        ("noivu", "/tracking/review/"),
        ("noivu", "/outputs/"),
        ("vhtt", "/outputs/broadcasts/"),
        ("noivu", "/budgets/"),
        ("noivu", "/dashboard/"),
        ("lanhdao", "/dashboard/leader/"),
        ("phuocdan", "/dashboard/unit/"),
        ("noivu", "/dashboard/ranking/"),
        ("noivu", "/indices/"),
        (None, "/public/"),
    ]
    apis = [
        f"/api/v1/plans/{plan.pk}/completeness?period=2021-H1",
        f"/api/v1/plans/{plan.pk}/activities",
        f"/api/v1/deliverables?plan={plan.pk}&period=2021-H1",
        f"/api/v1/plans/{plan.pk}/broadcast-compliance",
        f"/api/v1/plans/{plan.pk}/ranking?period=2021",
    ]
    print(f"{'url':52} {'user':9} {'HTML KB':>8} {'+CSS KB':>8} {'ms':>7} {'queries':>8}")
    for username, url in pages:
        client = Client()
        if username:
            client.force_login(users.get(username=username))
        _report(client, url, username or "-", css)
    api = Client(headers={"Authorization": f"Bearer {ApiToken.issue(users.get(username='noivu'))}"})
    for url in apis:
        _report(api, url, "noivu", None)
    return 0


def _report(client, url, who, css):
    times, size, queries = [], 0, 0
    settings.DEBUG = True  # count queries
    for _ in range(RUNS):
        reset_queries()
        t = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        size = len(response.content)
        queries = len(connection.queries)
        if response.status_code != 200:
            print(f"{url}: HTTP {response.status_code}", file=sys.stderr)
    settings.DEBUG = False
    total = f"{(size + css) / 1024:8.1f}" if css is not None else f"{'':8}"
    print(f"{url[:52]:52} {who:9} {size / 1024:8.1f} {total} {statistics.median(times):7.1f} {queries:8}")


if __name__ == "__main__":
    sys.exit(main())
