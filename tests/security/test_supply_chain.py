"""Supply chain and deployment: bandit, pip-audit (when a vulnerability database is reachable), check --deploy."""

import json
import os
import shutil
import socket
import subprocess  # nosec B404
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "kehoach"
# Findings above "low" that are accepted, each with its reason (the rest must be fixed or marked
# `# nosec Bxxx - reason` at the line).
ACCEPTED = {
    ("B302", "importing/_recache.py"): "marshal of our own regex cache shipped in the package; the issue "
    "'One truth for every figure' removes the blob",
}


def _bandit() -> list[dict]:
    exe = shutil.which("bandit", path=str(Path(sys.executable).parent)) or shutil.which("bandit")
    if exe is None:
        pytest.skip("bandit is not installed (pip install -e '.[test]')")
    result = subprocess.run(  # nosec B603
        [exe, "-q", "-r", str(SRC), "-x", "*/migrations/*", "-f", "json", "--severity-level", "medium"],
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(result.stdout)["results"]


def test_bandit_finds_nothing_above_low_that_is_not_justified():
    findings = [
        f"{r['test_id']} {r['filename']}:{r['line_number']} {r['issue_text']}"
        for r in _bandit()
        if not any(r["test_id"] == code and r["filename"].endswith(path) for code, path in ACCEPTED)
    ]
    assert findings == []


def _online(host: str = "api.osv.dev", port: int = 443) -> bool:
    try:
        socket.create_connection((host, port), timeout=3).close()
        return True
    except OSError:
        return False


def test_pip_audit_when_a_vulnerability_database_is_reachable():
    exe = shutil.which("pip-audit", path=str(Path(sys.executable).parent)) or shutil.which("pip-audit")
    if exe is None:
        pytest.skip("pip-audit is not installed: nothing proven about known vulnerabilities")
    if os.environ.get("KEHOACH_OFFLINE") or not _online():
        pytest.skip("no vulnerability database reachable (offline): pip-audit proves nothing here")
    result = subprocess.run(
        [exe, "--vulnerability-service", "osv", "--progress-spinner", "off", "--skip-editable"],
        capture_output=True,
        text=True,
        check=False,
    )  # nosec B603
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_is_clean(tmp_path):
    env = {
        **os.environ,
        "KEHOACH_DATA_DIR": str(tmp_path),
        "KEHOACH_SECRET_KEY": "x" * 60 + "-deploy-check-key",
    }
    for name in ("KEHOACH_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_CURRENT_TEST", "KEHOACH_TESTING"):
        env.pop(name, None)
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # nosec B603
        [sys.executable, "-m", "kehoach", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _locked() -> dict[str, tuple[str, int]]:
    """requirements.lock: normalised name -> (version, number of hashes)."""
    import re

    text = (SRC.parents[1] / "requirements.lock").read_text()
    found = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s\\;]+)", block)
        if match:
            name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
            found[name] = (match.group(2), block.count("--hash=sha256:"))
    return found


def test_the_lock_pins_every_dependency_with_hashes_and_satisfies_pyproject():
    """The lock is not stale: every dependency of pyproject (with the test extra) is pinned there,
    at a version its specifier allows, and every pinned package carries hashes."""
    import re
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((SRC.parents[1] / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]
    locked = _locked()
    assert locked, "requirements.lock is empty"
    assert [n for n, (_, hashes) in locked.items() if hashes == 0] == []
    for req in wanted:
        name = re.sub(r"[-_.]+", "-", req.name).lower()
        assert name in locked, f"{req.name} is missing from requirements.lock (uv pip compile ... again)"
        assert req.specifier.contains(locked[name][0], prereleases=True), (
            f"{req} but the lock has {locked[name][0]}"
        )
