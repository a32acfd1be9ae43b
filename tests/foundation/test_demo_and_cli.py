"""`kehoach demo` is idempotent; `kehoach import-plan` needs no Django."""

import io
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.core.management import call_command

SEED = Path(__file__).resolve().parents[2] / "src" / "kehoach" / "data" / "seed_19_KH-UBND_2021.txt"


def _counts():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label not in {"sessions", "admin", "contenttypes", "auth"}
        and m._meta.label != "core.AuditEntry"
    }


def test_demo_twice_creates_no_duplicates(db):
    call_command("demo", stdout=io.StringIO())
    first = _counts()
    call_command("demo", stdout=io.StringIO())
    assert _counts() == first
    assert first["org.Unit"] >= 25
    assert first["plans.Plan"] == 1
    assert first["plans.Activity"] == 7


def test_import_plan_cli_does_not_load_django():
    code = (
        "import sys, io, contextlib\n"
        "from kehoach.__main__ import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    rc = main(['kehoach', 'import-plan', {str(SEED)!r}, '--json'])\n"
        "assert rc == 0, rc\n"
        "assert 'django' not in sys.modules, 'django was imported'\n"
        "assert '19/KH-UBND' in out.getvalue()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_python_dash_m_kehoach_reports_bad_files_in_one_line(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "kehoach", "import-plan", str(empty)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
