#!/usr/bin/env bash
# Stop, start or restart the throwaway test PostgreSQL of scripts/pg-start.sh (fault tests use it).
# Usage: pg-restart.sh [restart|stop|start]
set -euo pipefail
ACTION=${1:-restart}
PGPORT=${PGPORT:-5433}
PGDATA=${PGDATA_DIR:-/tmp/livelab-pg-$PGPORT}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
run "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -m fast \
  -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" "$ACTION" >/dev/null
