#!/usr/bin/env bash
# Quick start: install, create the SQLite database, load the demo, serve on http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
missing=()
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing+=(libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || missing+=(fonts-liberation2)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== Cài gói hệ thống (PDF): ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Thiếu gói hệ thống cho xuất PDF: ${missing[*]} (sudo apt-get install ${missing[*]}); các chức năng khác vẫn chạy." >&2
  fi
fi
# The system interpreter, even when called from inside an activated .venv.
unset VIRTUAL_ENV
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vx "$ROOT/.venv/bin" | paste -sd: -)
PY=$(command -v python3.11 || command -v python3)
[ -x .venv/bin/python ] || "$PY" -m venv .venv
if "$PY" -m uv --version >/dev/null 2>&1 || "$PY" -m pip install -q uv >/dev/null 2>&1; then
  UV_PYTHON_DOWNLOADS=never "$PY" -m uv pip install -q --python "$ROOT/.venv/bin/python" .
else
  .venv/bin/python -m ensurepip -q 2>/dev/null || true
  .venv/bin/python -m pip install -q .
fi
export KEHOACH_DATA_DIR=${KEHOACH_DATA_DIR:-$ROOT/var}
# Plain http on 127.0.0.1: cookies must not require https here (behind nginx with TLS they do).
export KEHOACH_SECURE_COOKIES=${KEHOACH_SECURE_COOKIES:-0}
.venv/bin/kehoach migrate --noinput -v0
.venv/bin/kehoach demo
exec .venv/bin/kehoach serve --addr "${KEHOACH_ADDR:-127.0.0.1:8000}"
