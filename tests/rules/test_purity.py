import subprocess
import sys

MODULES = ["periods", "workdays", "deadlines", "task_state", "broadcasts", "ranking", "rates", "money"]


def test_rules_import_nothing_of_django():
    code = (
        "import sys\n"
        + "".join(f"import kehoach.rules.{m}\n" for m in MODULES)
        + "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], 'django imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
