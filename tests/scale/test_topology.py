"""Several machines on one: nginx, two app processes, a PostgreSQL primary and a streaming
replica (scripts/topology.sh). Writes go through; safe reads are served from the replica once
replicated; killing one app process under load loses no acknowledged write."""

import concurrent.futures
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PORT = 8100
BASE_URL = f"http://127.0.0.1:{PORT}"

pytestmark = [
    pytest.mark.skipif(
        not (shutil.which("nginx") or os.path.exists("/usr/sbin/nginx"))
        or not os.path.exists("/usr/lib/postgresql/15/bin/pg_basebackup"),
        reason="nginx and PostgreSQL 15 are needed (apt-get install nginx postgresql)",
    ),
    pytest.mark.skipif(os.environ.get("KEHOACH_TOPOLOGY_TEST") == "0", reason="KEHOACH_TOPOLOGY_TEST=0"),
]


def _call(method, path, body=None, token=None, headers=None, timeout=20):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(BASE_URL + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, None
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, None


@pytest.fixture(scope="module")
def topology():
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="kehoach-topology-", dir="/tmp"))  # PostgreSQL runs as nobody
    base.chmod(0o755)
    env = {
        **os.environ,
        "KEHOACH_TOPOLOGY_DIR": str(base / "t"),
        "KEHOACH_TOPOLOGY_DEMO": "0",
        "KEHOACH_BIN": shutil.which("kehoach") or str(ROOT / ".venv/bin/kehoach"),
    }
    env.pop("DATABASE_URL", None)
    subprocess.run(["bash", "scripts/topology.sh", "start"], cwd=ROOT, env=env, check=True, timeout=600)
    env_db = {
        **env,
        "DATABASE_URL": "postgresql://postgres@127.0.0.1:54401/kehoach",
        "KEHOACH_DATA_DIR": str(base / "t" / "data"),
        "KEHOACH_SECRET_KEY": "topology-test-secret-key-local-only-not-for-production",
    }
    subprocess.run(
        [
            env["KEHOACH_BIN"],
            "shell",
            "-c",
            "from kehoach.demo.org import load_accounts, load_org; load_accounts(load_org())",
        ],
        cwd=ROOT,
        env=env_db,
        check=True,
        timeout=300,
    )
    try:
        yield base / "t"
    finally:
        subprocess.run(["bash", "scripts/topology.sh", "stop"], cwd=ROOT, env=env, timeout=120)
        shutil.rmtree(base, ignore_errors=True)


def test_writes_survive_a_killed_app_and_reads_come_from_the_replica(topology):
    status, body = _call("POST", "/api/v1/auth/token", {"username": "phuocdan", "password": "kehoach-demo"})
    assert status == 200, status
    token = body["token"]
    status, units = _call("GET", "/api/v1/units", token=token)
    unit_id = next(u["id"] for u in units if u["code"] == "phuocdan")
    run = uuid.uuid4().hex[:8]
    acknowledged: list[str] = []

    def write(i):
        title = f"Bài CCHC {run}-{i}"
        key = f"{run}-{i}"
        for _ in range(5):  # a client retries with the same key until it gets an answer
            status, _ = _call(
                "POST",
                "/api/v1/outputs",
                {
                    "unit_id": unit_id,
                    "date": "2021-05-10",
                    "form": "website_article",
                    "topics": ["importance"],
                    "audiences": ["citizens"],
                    "quantity": 1,
                    "title": title,
                },
                token=token,
                headers={"Idempotency-Key": key},
            )
            if status == 201:
                return title
            time.sleep(0.3)
        return None

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(write, i) for i in range(120)]
        time.sleep(1.0)
        victim = int((topology / "app-8101.pid").read_text())
        os.kill(victim, signal.SIGKILL)  # one app process dies under load
        for f in futures:
            title = f.result()
            if title:
                acknowledged.append(title)
    assert len(acknowledged) == 120  # every write was answered once retried through the other app

    # Safe reads are served from the replica (fresh) and show every acknowledged write, once.
    deadline = time.monotonic() + 20
    titles: list[str] = []
    while time.monotonic() < deadline:
        status, rows = _call("GET", f"/api/v1/outputs?unit={unit_id}&limit=1000", token=token)
        titles = [r["title"] for r in rows or [] if r["title"].startswith(f"Bài CCHC {run}-")]
        if len(set(titles)) >= len(acknowledged):
            break
        time.sleep(0.5)
    assert sorted(set(titles)) == sorted(acknowledged)
    assert len(titles) == len(set(titles)), "a retried write was stored twice"
    status, health = _call("GET", "/healthz/db")
    assert status == 200 and health["replica"]["configured"] and health["replica"]["used_for_reads"]
