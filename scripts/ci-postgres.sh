#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 for the platform's tests and prints its URL.
# Used by .ci/run; a developer can run it too: `export PLATFORM_TEST_DATABASE_URL=$(bash scripts/ci-postgres.sh)`.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=${PGPORT_FOR_TESTS:-54329}
# Take the first free port from there, so a server left running does not stop a second one.
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
data=$(mktemp -d /tmp/lete-pg-XXXXXX)
run() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$data"
run "$bin/initdb -D $data -U postgres -A trust --no-instructions -E UTF8" >/dev/null
run "$bin/pg_ctl -D $data -o '-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off' -l $data/log -w start" >/dev/null
echo "postgres://postgres@127.0.0.1:$port/postgres"
