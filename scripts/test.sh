#!/usr/bin/env bash
# The whole test suite: lint, migrations check, pytest on SQLite and on a real PostgreSQL 15,
# browser tests in Debian's Chromium. Installs what it needs first. Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

# --- System packages (Debian): only when missing, only when we may install them. ---
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || missing+=(fonts-liberation2)
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing+=(libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || missing+=(libharfbuzz-subset0)
command -v msgfmt >/dev/null || missing+=(gettext)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing system packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}) and run again." >&2
    exit 1
  fi
fi

# --- Python environment: .venv with the project and its test extras (uv when it can be had: faster) ---
# The system interpreter, even when called from inside an activated .venv.
unset VIRTUAL_ENV
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vx "$ROOT/.venv/bin" | paste -sd: -)
PY=$(command -v python3.11 || command -v python3)
[ -x .venv/bin/python ] || "$PY" -m venv .venv
if "$PY" -m uv --version >/dev/null 2>&1 || "$PY" -m pip install -q uv >/dev/null 2>&1; then
  UV_PYTHON_DOWNLOADS=never "$PY" -m uv pip install -q --python "$ROOT/.venv/bin/python" -e ".[test]"
else
  .venv/bin/python -m ensurepip -q 2>/dev/null || true
  .venv/bin/python -m pip install -q -e ".[test]"
fi
export PATH="$ROOT/.venv/bin:$PATH"

echo "== ruff"
ruff check src tests benchmarks
ruff format --check src tests benchmarks

echo "== mypy (rules, core: see [tool.mypy] in pyproject.toml)"
TMPDATA=$(mktemp -d)
KEHOACH_DATA_DIR="$TMPDATA" mypy
rm -rf "$TMPDATA"

echo "== migrations are up to date"
TMPDATA=$(mktemp -d)
KEHOACH_DATA_DIR="$TMPDATA" kehoach makemigrations --check --dry-run >/dev/null
echo "== deploy checks (production settings)"
KEHOACH_DATA_DIR="$TMPDATA" KEHOACH_SECRET_KEY="ci-$(date +%s)-not-a-real-secret-key-but-long-enough-for-django-checks" \
  kehoach check --deploy --fail-level WARNING
rm -rf "$TMPDATA"

WORKERS=$(python -c "import os; print(max(1, min(2, os.cpu_count() or 1)))")

echo "== pytest on SQLite (includes the browser tests)"
unset DATABASE_URL
# The several-machines test (nginx, two apps, PostgreSQL primary + replica) runs once, in the PostgreSQL pass.
KEHOACH_TOPOLOGY_TEST=0 pytest -n "$WORKERS" -q "$@"

echo "== pytest on PostgreSQL 15"
PGBIN=/usr/lib/postgresql/15/bin
PGBASE=$(mktemp -d /tmp/kehoach-pg.XXXXXX)
PGPORT=${KEHOACH_TEST_PGPORT:-54329}
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown nobody:nogroup "$PGBASE"
  as_pg=(runuser -u nobody --)
fi
chmod 700 "$PGBASE"
stop_pg() {
  (cd /tmp && "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGBASE/data" -m fast -w stop >/dev/null 2>&1) || true
  rm -rf "$PGBASE"
}
trap stop_pg EXIT
(
  cd /tmp
  "${as_pg[@]}" "$PGBIN/initdb" -D "$PGBASE/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >/dev/null
  "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGBASE/data" -l "$PGBASE/log" -w \
    -o "-k $PGBASE -h 127.0.0.1 -p $PGPORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
  "${as_pg[@]}" "$PGBIN/createdb" -h "$PGBASE" -p "$PGPORT" -U postgres kehoach
)
DATABASE_URL="postgresql://postgres@127.0.0.1:$PGPORT/kehoach" pytest -n "$WORKERS" -q "$@"
