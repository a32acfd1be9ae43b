#!/usr/bin/env bash
# Several machines, on one machine: nginx in front of two app processes (gunicorn), a job worker
# when the install has one, a PostgreSQL 15 primary and a streaming replica that serves safe reads.
#   bash scripts/topology.sh start    # prints the address of nginx; state in $KEHOACH_TOPOLOGY_DIR
#   bash scripts/topology.sh stop
# Ports (loopback only): nginx 8100, apps 8101 and 8102, primary 54401, replica 54402.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BASE=${KEHOACH_TOPOLOGY_DIR:-/tmp/kehoach-topology}
PGBIN=/usr/lib/postgresql/15/bin
NGINX_PORT=${KEHOACH_TOPOLOGY_PORT:-8100}
APP_PORTS=(8101 8102)
PRIMARY_PORT=54401
REPLICA_PORT=54402
KEHOACH=${KEHOACH_BIN:-$ROOT/.venv/bin/kehoach}
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u nobody --)

pg() { (cd /tmp && "${as_pg[@]}" "$@"); }

stop() {
  for f in "$BASE"/*.pid; do
    [ -f "$f" ] || continue
    kill "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  [ -f "$BASE/nginx/nginx.pid" ] && kill "$(cat "$BASE/nginx/nginx.pid")" 2>/dev/null || true
  for d in replica primary; do
    [ -d "$BASE/$d" ] && pg "$PGBIN/pg_ctl" -D "$BASE/$d" -m fast -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$BASE"
}

wait_http() {
  for _ in $(seq 1 150); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "no answer from $1" >&2
  return 1
}

start() {
  stop
  mkdir -p "$BASE/nginx" "$BASE/data"
  [ "$(id -u)" = 0 ] && chown nobody:nogroup "$BASE"
  chmod 755 "$BASE"
  # --- PostgreSQL primary, then a replica cloned from it with pg_basebackup -R -----------------
  pg "$PGBIN/initdb" -D "$BASE/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >/dev/null
  cat >>"$BASE/primary/postgresql.conf" <<CONF
wal_level = replica
max_wal_senders = 5
hot_standby = on
fsync = off
synchronous_commit = off
max_connections = 100
CONF
  echo "host replication postgres 127.0.0.1/32 trust" >>"$BASE/primary/pg_hba.conf"
  pg "$PGBIN/pg_ctl" -D "$BASE/primary" -l "$BASE/primary.log" -w -o "-k $BASE -h 127.0.0.1 -p $PRIMARY_PORT" start >/dev/null
  pg "$PGBIN/createdb" -h 127.0.0.1 -p $PRIMARY_PORT -U postgres kehoach
  pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -D "$BASE/replica" -R -X stream >/dev/null
  pg "$PGBIN/pg_ctl" -D "$BASE/replica" -l "$BASE/replica.log" -w -o "-k $BASE -h 127.0.0.1 -p $REPLICA_PORT" start >/dev/null

  export DATABASE_URL="postgresql://postgres@127.0.0.1:$PRIMARY_PORT/kehoach"
  export KEHOACH_REPLICA_URL="postgresql://postgres@127.0.0.1:$REPLICA_PORT/kehoach"
  export KEHOACH_DATA_DIR="$BASE/data" KEHOACH_SECURE_COOKIES=0
  export KEHOACH_SECRET_KEY=${KEHOACH_SECRET_KEY:-topology-$(date +%s)-local-only-not-a-production-secret-key}
  export KEHOACH_ALLOWED_HOSTS=127.0.0.1,localhost KEHOACH_BEHIND_PROXY=1
  "$KEHOACH" migrate -v 0
  [ "${KEHOACH_TOPOLOGY_DEMO:-1}" = 1 ] && "$KEHOACH" demo >/dev/null

  # --- two stateless app processes (sessions, cache and throttles live in the database) -------
  for port in "${APP_PORTS[@]}"; do
    KEHOACH_WORKERS=2 "$KEHOACH" serve --no-job-worker --addr "127.0.0.1:$port" >"$BASE/app-$port.log" 2>&1 &
    echo $! >"$BASE/app-$port.pid"
  done
  if "$KEHOACH" help worker >/dev/null 2>&1; then
    "$KEHOACH" worker >"$BASE/worker.log" 2>&1 &
    echo $! >"$BASE/worker.pid"
  fi
  # --- nginx in front: round robin, retries idempotent requests on a dead upstream -------------
  cat >"$BASE/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $BASE/nginx/nginx.pid;
error_log $BASE/nginx/error.log;
events { worker_connections 512; }
http {
  access_log off;
  client_max_body_size 21m;
  client_body_temp_path $BASE/nginx/body;
  proxy_temp_path $BASE/nginx/proxy;
  fastcgi_temp_path $BASE/nginx/fastcgi;
  uwsgi_temp_path $BASE/nginx/uwsgi;
  scgi_temp_path $BASE/nginx/scgi;
  upstream kehoach { server 127.0.0.1:${APP_PORTS[0]} max_fails=1 fail_timeout=5s; server 127.0.0.1:${APP_PORTS[1]} max_fails=1 fail_timeout=5s; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://kehoach;
      proxy_next_upstream error timeout http_502;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
CONF
  /usr/sbin/nginx -c "$BASE/nginx/nginx.conf" -p "$BASE/nginx" -g "user nobody nogroup;"
  for port in "${APP_PORTS[@]}"; do wait_http "http://127.0.0.1:$port/healthz"; done
  wait_http "http://127.0.0.1:$NGINX_PORT/healthz"
  echo "Kehoach topology: http://127.0.0.1:$NGINX_PORT/ (apps ${APP_PORTS[*]}, primary $PRIMARY_PORT, replica $REPLICA_PORT)"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
