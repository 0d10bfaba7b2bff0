#!/usr/bin/env bash
# Start a throwaway PostgreSQL for tests on 127.0.0.1:${PGPORT:-5433} (data under /tmp) and
# create the `livelab` database. Prints the DATABASE_URL to use. Idempotent: an already
# running server is reused. PostgreSQL refuses to run as root, so it runs as `postgres`.
set -euo pipefail
PGPORT=${PGPORT:-5433}
PGDATA=${PGDATA_DIR:-/tmp/livelab-pg-$PGPORT}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$BIN" ]; then
  echo "pg-start: PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! run "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; then
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"
    run "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  run "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
    -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null
fi
run "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='livelab'" | grep -q 1 \
  || run "$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres livelab
echo "postgresql://postgres@127.0.0.1:$PGPORT/livelab"
