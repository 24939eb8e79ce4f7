#!/usr/bin/env bash
# One store from the database over HTTP: GET /stores/{id}, /stores/{id}/timeline and /stores against
# `uptime serve --jdbc-url` on the `loop` data set (4,500 stores, 1.8 million polls), for a sample of stores.
# Prints the latency distribution of each route (curl's time_total: the whole request on localhost).
#
#   bench/store.sh                      # 200 stores, data in /work/bench-data/loop
#   STORES=500 BENCH_DATA=/tmp/loop bench/store.sh
#
# Needs: PostgreSQL reachable as BENCH_JDBC_URL (default: 127.0.0.1:5432/test, user postgres), psql, curl.
set -euo pipefail
cd "$(dirname "$0")/.."

JDBC_URL=${BENCH_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
PSQL_CONN=${BENCH_PSQL:-"host=127.0.0.1 port=5432 dbname=test user=postgres"}
DATA=${BENCH_DATA:-/work/bench-data/loop}
SCHEMA=${BENCH_SCHEMA:-bench_store_view}
SAMPLE=${STORES:-200}
NOW=2024-10-14T12:00:00Z
JAR=uptime-cli/target/uptime.jar

if [ ! -f "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  mvn -q -B package -DskipTests >&2
fi
psql_q() { psql "$PSQL_CONN" -v ON_ERROR_STOP=1 -qtA "$@"; }

if [ ! -f "$DATA/store_status.csv" ]; then
  echo "generating $DATA ..." >&2
  java -jar "$JAR" generate --out "$DATA" --stores 4500 --days 70 --seed 2024 >&2
fi
if [ "$(psql_q -c "select count(*) from information_schema.tables where table_schema = '$SCHEMA' and table_name = 'store_status'")" = 0 ]; then
  echo "importing into schema $SCHEMA ..." >&2
  java -jar "$JAR" import --jdbc-url "$JDBC_URL" --schema "$SCHEMA" --data "$DATA" >&2
fi
polls=$(psql_q -c "select count(*) from $SCHEMA.store_status")
stores=$(psql_q -c "select count(*) from $SCHEMA.store")

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -jar "$JAR" serve --jdbc-url "$JDBC_URL" --schema "$SCHEMA" --port "$port" 2>"${TMPDIR:-/tmp}/store-bench-serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -sf "$base/health" >/dev/null 2>&1 && break
  sleep 0.5
done

# a fixed sample of store ids (the same every run)
mapfile -t ids < <(psql_q -c "select store_id from $SCHEMA.store order by md5(store_id) limit $SAMPLE")

# time_total in milliseconds of GET $1 for every id (the path's {id} replaced)
times() {
  local path=$1 id
  for id in "${ids[@]}"; do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$base${path//\{id\}/$id}"
  done | awk '$1 != 200 {print "HTTP " $1 > "/dev/stderr"; exit 1} {printf "%.3f\n", $2 * 1000}'
}

# median, 95th percentile and maximum of numbers on stdin
summary() {
  sort -g | awk '{a[NR] = $1} END {printf "median %.1f ms, p95 %.1f ms, max %.1f ms (%d requests)\n",
    a[int((NR + 1) / 2)], a[int(NR * 0.95 + 0.5)], a[NR], NR}'
}

echo "warming up ..." >&2
times "/stores/{id}?now=$NOW" >/dev/null
times "/stores/{id}/timeline?now=$NOW" >/dev/null

echo "$stores stores, $polls polls (schema $SCHEMA), $SAMPLE stores sampled, $(nproc) cores"
echo "GET /stores/{id}?now=$NOW            $(times "/stores/{id}?now=$NOW" | summary)"
echo "GET /stores/{id}/timeline?now=$NOW   $(times "/stores/{id}/timeline?now=$NOW" | summary)"
echo "GET /stores/{id} (default now)                    $(times "/stores/{id}" | summary)"
echo "GET /stores/{id}/timeline?days=1 (default now)    $(times "/stores/{id}/timeline?days=1" | summary)"
echo "GET /stores?query=<4 chars>&limit=50              $(for id in "${ids[@]}"; do
  curl -s -o /dev/null -w '%{time_total}\n' "$base/stores?query=${id:2:4}&limit=50"; done | awk '{printf "%.3f\n", $1 * 1000}' | summary)"
