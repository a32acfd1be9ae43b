"""``kehoach bench``: how fast the contract endpoints, the dashboard pages and the documents are.

For each: p50/p95 of warm requests (in process, Django's test client: no network), the bytes sent,
the number of SQL queries, and the ratio of p50 to the "floor": the bare SQL of the same aggregate
run on the same connection. Then writes: ``POST /api/v1/outputs`` from 8 and 32 threads, with the
row count checked afterwards (no write lost, none doubled). Speed lives here, not in timed tests.
"""

from __future__ import annotations

import datetime
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass
class Row:
    name: str
    p50: float  # ms
    p95: float
    bytes: int
    queries: int
    floor: float | None  # ms
    status: int

    @property
    def ratio(self) -> str:
        return f"{self.p50 / self.floor:.1f}×" if self.floor else "—"


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _time_sql(sql: str, params: list, repeat: int) -> float:
    times = []
    with connection.cursor() as cur:
        for _ in range(repeat):
            t0 = time.perf_counter()
            cur.execute(sql, params)
            while cur.description is None and cur.nextset():  # past a SET LOCAL before the SELECT
                pass
            cur.fetchall()
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _measure(client: Client, url: str, repeat: int) -> tuple[list[float], int, int, int]:
    r = client.get(url)  # warm-up (and the query count, measured once)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    queries = len(ctx.captured_queries)  # read now: the log is reset by the next request
    body = b"".join(r.streaming_content) if r.streaming else r.content
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        resp = client.get(url)
        if resp.streaming:
            b"".join(resp.streaming_content)
        times.append((time.perf_counter() - t0) * 1000)
    return times, len(body), queries, r.status_code


def _airings_sql(plan) -> tuple[str, list]:
    """The statement ``outputs.services.broadcast_compliance`` reads the airings with, as it sent it."""
    from kehoach.outputs.services import broadcast_compliance

    with CaptureQueriesContext(connection) as ctx:
        broadcast_compliance(plan)
    sql = next((q["sql"] for q in ctx.captured_queries if '"outputs_broadcast"' in q["sql"]), None)
    return (sql.replace("%", "%%"), []) if sql else ("SELECT 1", [])  # values are in it already


def targets(plan, period: str) -> list[tuple[str, str, str | None, list]]:
    """(name, url, floor SQL, floor params) for the contract endpoints, pages and documents."""
    from kehoach.tracking.selectors import completeness_sql

    p = plan.pk
    matrix = "SELECT unit_id, status, COUNT(*) FROM tracking_deliverable WHERE plan_id = %s GROUP BY unit_id, status"
    page100 = "SELECT * FROM {t} WHERE plan_id = %s ORDER BY {o} LIMIT 100"
    return [
        ("GET /healthz", "/healthz", None, []),
        (
            "GET /api/v1/units",
            "/api/v1/units",
            "SELECT * FROM org_unit ORDER BY sort_order, name, id LIMIT 100",
            [],
        ),
        (
            "GET /api/v1/deliverables?plan=",
            f"/api/v1/deliverables?plan={p}",
            page100.format(t="tracking_deliverable", o="due_date, id"),
            [p],
        ),
        (
            "GET /api/v1/outputs?plan=",
            f"/api/v1/outputs?plan={p}",
            page100.format(t="outputs_output", o="date, id"),
            [p],
        ),
        (
            "GET /api/v1/broadcasts?plan=",
            f"/api/v1/broadcasts?plan={p}",
            page100.format(t="outputs_broadcast", o="aired_at, id"),
            [p],
        ),
        (
            "GET /api/v1/plans/{id}/activities",
            f"/api/v1/plans/{p}/activities",
            'SELECT * FROM plans_activity WHERE plan_id = %s ORDER BY "order", id LIMIT 100',
            [p],
        ),
        # The very statement the endpoint sends (as of today, from the submission versions).
        (
            "GET …/completeness",
            f"/api/v1/plans/{p}/completeness?period={period}",
            *completeness_sql(plan, period),
        ),
        # The airings the endpoint judges, as its service reads them (not the weeks' stored status).
        ("GET …/broadcast-compliance", f"/api/v1/plans/{p}/broadcast-compliance", *_airings_sql(plan)),
        ("GET …/ranking", f"/api/v1/plans/{p}/ranking?period={period}", matrix, [p]),
        ("GET …/dashboard (API)", f"/api/v1/plans/{p}/dashboard?period={period}", matrix, [p]),
        ("page /dashboard/", f"/dashboard/?plan={p}&period={period}", matrix, [p]),
        ("page /dashboard/leader/", f"/dashboard/leader/?plan={p}&period={period}", matrix, [p]),
        (
            "page /tracking/",
            f"/tracking/?plan={p}",
            page100.format(t="tracking_deliverable", o="due_date, id"),
            [p],
        ),
        ("page /outputs/", f"/outputs/?plan={p}", page100.format(t="outputs_output", o="date, id"), [p]),
        ("doc report .xlsx", f"/api/v1/plans/{p}/report?period={period}&format=xlsx", matrix, [p]),
        ("doc report .docx", f"/api/v1/plans/{p}/report?period={period}&format=docx", matrix, [p]),
        ("doc report .pdf", f"/api/v1/plans/{p}/report?period={period}&format=pdf", matrix, [p]),
    ]


def _client(**kwargs) -> Client:
    from django.conf import settings

    # In process, addressed as the first allowed host (the test client's "testserver" is not one).
    host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".")), "127.0.0.1")
    return Client(SERVER_NAME=host, **kwargs)


def run_reads(
    user, plan, period: str, repeat: int, say: Callable[[str], None], docs: bool = True
) -> list[Row]:
    client = _client()
    client.force_login(user)
    rows = []
    for name, url, sql, params in targets(plan, period):
        if not docs and name.startswith("doc "):
            continue
        n = 3 if name.startswith("doc ") else repeat
        times, size, queries, status = _measure(client, url, n)
        floor = _time_sql(sql, params, max(5, n)) if sql else None
        row = Row(name, statistics.median(times), _percentile(times, 0.95), size, queries, floor, status)
        say(
            f"{name:34} {row.p50:9.1f} {row.p95:9.1f} {row.bytes:11,d} {row.queries:5d} "
            f"{(row.floor or 0):8.2f} {row.ratio:>8} {row.status:4d}"
        )
        rows.append(row)
    return rows


def run_writes(user, unit_id: int, plan_id: int, clients: int, per_client: int) -> dict:
    """``POST /api/v1/outputs`` from ``clients`` threads; checks the row count moved by the successes."""
    from kehoach.core.models import ApiToken
    from kehoach.outputs.models import Output

    before = Output.objects.count()
    token = ApiToken.issue(user)
    ok, failed, lat = [0], [0], []
    lock = threading.Lock()

    def work(k: int):
        c = _client(headers={"Authorization": f"Bearer {token}"})
        for i in range(per_client):
            body = {
                "unit_id": unit_id,
                "plan_id": plan_id,
                "date": datetime.date(2025, 6, 1).isoformat(),
                "form": "website_article",
                "title": f"Bench {clients}-{k}-{i}",
            }
            t0 = time.perf_counter()
            r = c.post("/api/v1/outputs", body, content_type="application/json")
            dt = (time.perf_counter() - t0) * 1000
            with lock:
                lat.append(dt)
                if r.status_code == 201:
                    ok[0] += 1
                else:
                    failed[0] += 1
        connections.close_all()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    after = Output.objects.count()
    return {
        "clients": clients,
        "writes": ok[0],
        "failed": failed[0],
        "per_s": ok[0] / elapsed,
        "p95_ms": _percentile(lat, 0.95) if lat else 0,
        "rows_ok": after - before == ok[0],
        "rows_added": after - before,
    }


def run_http_writes(urls: list[str], user, unit_id: int, plan_id: int, clients: int, per_client: int) -> dict:
    """``POST /api/v1/outputs`` over real HTTP to running app processes (``kehoach serve`` or
    ``scripts/topology.sh``), ``clients`` threads spread round-robin over ``urls``.

    Every request carries an ``Idempotency-Key``; a timed-out or failed request is retried once
    with the same key (a real client's behaviour). Afterwards the database (the bench's own
    connection, the same database) is checked: exactly one row per key that answered 201 (none
    lost) and no title twice (none duplicated by the retries)."""
    import http.client
    import json
    import urllib.parse
    import uuid

    from kehoach.core.models import ApiToken
    from kehoach.outputs.models import Output

    token = ApiToken.issue(user)
    run = uuid.uuid4().hex[:8]
    before = Output.objects.count()
    ok, failed, retried, lat = [0], [0], [0], []
    lock = threading.Lock()

    def post(
        conn: http.client.HTTPConnection, target: urllib.parse.SplitResult, body: bytes, key: str
    ) -> int:
        try:
            conn.request(
                "POST",
                "/api/v1/outputs",
                body=body,
                headers={
                    "Authorization": f"Bearer {token}",
                    "Content-Type": "application/json",
                    "Idempotency-Key": key,
                    "Host": target.hostname or "127.0.0.1",
                },
            )
            resp = conn.getresponse()
            resp.read()
            return resp.status
        except (OSError, http.client.HTTPException):
            conn.close()  # the next request opens a fresh connection
            return 0

    def work(k: int):
        target = urllib.parse.urlsplit(urls[k % len(urls)])
        # One keep-alive connection per client, as a real client's pool would hold: a connection
        # per request made the bench measure TCP set-up and the server's accept loop (issue 11).
        conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        for i in range(per_client):
            title = f"Bench HTTP {run} {clients}-{k}-{i}"
            body = json.dumps(
                {
                    "unit_id": unit_id,
                    "plan_id": plan_id,
                    "date": "2025-06-01",
                    "form": "website_article",
                    "title": title,
                }
            ).encode()
            key = f"{run}-{clients}-{k}-{i}"
            t0 = time.perf_counter()
            status = post(conn, target, body, key)
            if status not in (200, 201):
                with lock:
                    retried[0] += 1
                status = post(conn, target, body, key)  # same key: replayed or created once
            dt = (time.perf_counter() - t0) * 1000
            with lock:
                lat.append(dt)
                if status in (200, 201):
                    ok[0] += 1
                else:
                    failed[0] += 1
        conn.close()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(clients)]
    t0, cpu0 = time.perf_counter(), time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    # The clients share the machine with the servers: their own CPU, to subtract or to compare.
    client_cpu = time.process_time() - cpu0
    mine = Output.objects.filter(title__startswith=f"Bench HTTP {run} {clients}-")
    titles = list(mine.values_list("title", flat=True))
    return {
        "clients": clients,
        "writes": ok[0],
        "failed": failed[0],
        "retried": retried[0],
        "per_s": ok[0] / elapsed,
        "p50_ms": _percentile(lat, 0.5) if lat else 0,
        "p95_ms": _percentile(lat, 0.95) if lat else 0,
        "rows_ok": len(titles) == ok[0] and Output.objects.count() - before == ok[0],
        "duplicates": len(titles) - len(set(titles)),
        "rows_added": len(titles),
        "client_cpu_ms": client_cpu * 1000 / max(1, ok[0] + failed[0]),
    }
