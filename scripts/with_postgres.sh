#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster started here and removed afterwards:
#   scripts/with_postgres.sh make test
# Installs the PostgreSQL server from Debian if it is missing (needs root). The command gets
# DATABASE_URL pointing at an empty database.
set -euo pipefail

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "Installing PostgreSQL (Debian package)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1 || {
    apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends postgresql >/dev/null
  }
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

pg_dir=$(mktemp -d /tmp/throwaway-postgres.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi
}
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
stop_postgres() {
  as_postgres "$PG_BIN/pg_ctl -D $pg_dir/data -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_postgres EXIT

as_postgres "$PG_BIN/initdb -D $pg_dir/data -A trust -E UTF8 --locale=C.UTF-8 -U postgres" >/dev/null
as_postgres "$PG_BIN/pg_ctl -D $pg_dir/data -l $pg_dir/log -w start -o '-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off'" >/dev/null
as_postgres "$PG_BIN/createdb -h 127.0.0.1 -p $port -U postgres wokingham_cs"

echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $port"
DATABASE_URL="postgres://postgres@127.0.0.1:$port/wokingham_cs" "$@"
