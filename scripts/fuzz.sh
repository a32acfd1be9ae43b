#!/usr/bin/env bash
# Nightly-style fuzzing (kiểm thử ngẫu nhiên ban đêm): schemathesis over every API operation as a
# coordinator (noivu), a commune officer (phuocdan) and anonymous, on SQLite and on a throwaway
# PostgreSQL 15, side by side. Prints requests sent, 5xx, schema violations, failed cases and time.
#
#   bash scripts/fuzz.sh                      # 100 examples per operation and identity, both databases
#   KEHOACH_FUZZ_EXAMPLES=300 bash scripts/fuzz.sh
#   KEHOACH_FUZZ_DATABASES=sqlite bash scripts/fuzz.sh
#
# Exit status 0 only when both runs found no 5xx and no schema violation. Logs: $KEHOACH_FUZZ_OUT
# (default a fresh folder under /tmp), one pytest log and one tally per database.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
[ -x "$PY" ] || { echo "No .venv: run 'make install' first." >&2; exit 2; }

export KEHOACH_FUZZ=nightly
export KEHOACH_FUZZ_EXAMPLES=${KEHOACH_FUZZ_EXAMPLES:-100}
DATABASES=${KEHOACH_FUZZ_DATABASES:-sqlite postgresql}
WORKERS=${KEHOACH_FUZZ_WORKERS:-1}
OUT=${KEHOACH_FUZZ_OUT:-$(mktemp -d /tmp/kehoach-fuzz.XXXXXX)}
mkdir -p "$OUT"

PGBIN=/usr/lib/postgresql/15/bin
PGPORT=${KEHOACH_FUZZ_PGPORT:-54339}
PGBASE=""
as_pg=()
stop_pg() {
  if [ -n "$PGBASE" ]; then
    (cd /tmp && "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGBASE/data" -m fast -w stop >/dev/null 2>&1) || true
    rm -rf "$PGBASE"
  fi
}
trap stop_pg EXIT

start_pg() {
  PGBASE=$(mktemp -d /tmp/kehoach-fuzz-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then
    chown nobody:nogroup "$PGBASE"
    as_pg=(runuser -u nobody --)
  fi
  chmod 700 "$PGBASE"
  (
    cd /tmp
    "${as_pg[@]}" "$PGBIN/initdb" -D "$PGBASE/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >/dev/null
    "${as_pg[@]}" "$PGBIN/pg_ctl" -D "$PGBASE/data" -l "$PGBASE/log" -w \
      -o "-k $PGBASE -h 127.0.0.1 -p $PGPORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
    "${as_pg[@]}" "$PGBIN/createdb" -h "$PGBASE" -p "$PGPORT" -U postgres kehoach
  )
}

run_one() {  # $1 = sqlite | postgresql
  local db=$1
  : >"$OUT/$db.tally"
  local env=(KEHOACH_FUZZ_TALLY="$OUT/$db.tally")
  if [ "$db" = postgresql ]; then
    env+=(DATABASE_URL="postgresql://postgres@127.0.0.1:$PGPORT/kehoach")
  else
    env+=(DATABASE_URL=)
  fi
  local started=$SECONDS
  env "${env[@]}" "$ROOT/.venv/bin/pytest" -q -n "$WORKERS" \
    tests/security/test_fuzz.py >"$OUT/$db.log" 2>&1
  echo $((SECONDS - started)) >"$OUT/$db.seconds"
}

case " $DATABASES " in *" postgresql "*) start_pg ;; esac
echo "== fuzzing ($KEHOACH_FUZZ_EXAMPLES examples per operation and identity) on: $DATABASES; logs in $OUT"
pids=()
for db in $DATABASES; do
  run_one "$db" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done

status=0
total_requests=0
total_5xx=0
total_violations=0
for db in $DATABASES; do
  read -r requests errors violations < <(awk '{r+=$1; e+=$2; v+=$3} END {print r+0, e+0, v+0}' "$OUT/$db.tally")
  summary=$(tail -n 1 "$OUT/$db.log")
  echo "$db: $requests requests, $errors 5xx, $violations schema violations, $(cat "$OUT/$db.seconds") s -- $summary"
  total_requests=$((total_requests + requests))
  total_5xx=$((total_5xx + errors))
  total_violations=$((total_violations + violations))
  grep -q " failed" <<<"$summary" && status=1
  grep -q " passed" <<<"$summary" || status=1
done
echo "total: $total_requests requests, $total_5xx 5xx, $total_violations schema violations"
[ "$total_5xx" = 0 ] && [ "$total_violations" = 0 ] || status=1
exit $status
