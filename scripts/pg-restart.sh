#!/usr/bin/env bash
# Restart the throwaway test PostgreSQL started by scripts/pg-start.sh (fault tests use it).
set -euo pipefail
PGPORT=${PGPORT:-5433}
PGDATA=${PGDATA_DIR:-/tmp/livelab-pg-$PGPORT}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
run "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -m fast \
  -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" restart >/dev/null
