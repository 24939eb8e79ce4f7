#!/usr/bin/env bash
# Live ingestion against the import, side by side on one database (docs/benchmarks.md "Live ingestion"):
#   1. generates STORES stores over DAYS days ending now (the polls must not be ahead of the server's clock),
#   2. `uptime import` of the set into a fresh schema: its polls per second (from its own "imported in" line),
#   3. `uptime serve` with an ingest token on a fresh schema, and CLIENTS clients posting the same polls to
#      POST /polls as CSV batches of BATCH rows (benchmarks' IngestLoad): polls/s and p50/p99 batch latency,
#   4. checks that both schemas hold the same polls, then `uptime ingest` of the same file into a third schema.
#
#   bench/ingest.sh                          # 4 clients x 1,000 rows, 4,500 stores x 14 days, plain PostgreSQL
#   BENCH_JDBC_URL=jdbc:postgresql://127.0.0.1:5433/test?user=postgres BENCH_PSQL="host=127.0.0.1 port=5433 \
#     dbname=test user=postgres" bench/ingest.sh          # on TimescaleDB
#   RUNS=3 CLIENTS=8 BATCH=5000 bench/ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-1}
CLIENTS=${CLIENTS:-4}
BATCH=${BATCH:-1000}
STORES=${STORES:-4500}
DAYS=${DAYS:-14}
URL=${BENCH_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
PSQL=${BENCH_PSQL:-"host=127.0.0.1 port=5432 dbname=test user=postgres"}
PORT=${BENCH_PORT:-18482}
OUT=${BENCH_OUT:-bench-out/ingest}
JAR=uptime-cli/target/uptime.jar
LOAD=benchmarks/target/benchmarks.jar
TOKEN=bench-ingest-token

if [ ! -f "$JAR" ] || [ ! -f "$LOAD" ] || [ -n "${REBUILD:-}" ]; then
  mvn -q -B package -DskipTests >&2
fi
mkdir -p "$OUT"
psql_q() { psql "$PSQL" -v ON_ERROR_STOP=1 -qtA "$@" 2> >(grep -v "^NOTICE\|^DETAIL\|^drop cascades" >&2); }
psql_q -c "select 1" >/dev/null

NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
rm -rf "$OUT/data"
java -jar "$JAR" generate --out "$OUT/data" --stores "$STORES" --days "$DAYS" --now "$NOW" >/dev/null 2>&1
POLLS=$(($(wc -l < "$OUT/data/store_status.csv") - 1))
echo "set: $STORES stores x $DAYS days = $POLLS polls; $CLIENTS clients x $BATCH-row batches; $RUNS run(s)"

server=
stop_server() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=; fi; }
trap stop_server EXIT

for run in $(seq 1 "$RUNS"); do
  for s in ingestbench_import ingestbench_live ingestbench_cli; do psql_q -c "drop schema if exists $s cascade"; done

  java -jar "$JAR" import --jdbc-url "$URL" --schema ingestbench_import --data "$OUT/data" 2> "$OUT/import.log"
  import_s=$(sed -n 's/^imported in \([0-9.]*\) s$/\1/p' "$OUT/import.log")
  echo "run $run: uptime import: $POLLS polls in $import_s s = $(awk -v p="$POLLS" -v s="$import_s" 'BEGIN {printf "%.0f", p / s}') polls/s"

  UPTIME_INGEST_TOKEN=$TOKEN java -jar "$JAR" serve --jdbc-url "$URL" --schema ingestbench_live --port "$PORT" \
    > "$OUT/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
  line=$(java -cp "$LOAD" org.storeuptime.benchmarks.IngestLoad "http://127.0.0.1:$PORT" "$TOKEN" \
    "$OUT/data/store_status.csv" "$CLIENTS" "$BATCH")
  stop_server
  echo "run $run: POST /polls: $line"

  start=$(date +%s.%N)
  java -jar "$JAR" ingest --jdbc-url "$URL" --schema ingestbench_cli --batch "$BATCH" "$OUT/data/store_status.csv" \
    2> "$OUT/ingest.log"
  end=$(date +%s.%N)
  echo "run $run: uptime ingest: $(tail -n 1 "$OUT/ingest.log") in $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}') s (JVM start and migration included)"

  # the same polls, whichever way they came in. The generated set repeats some (store, instant) keys, a few with
  # another status: the first stored wins, which for 4 concurrent clients is whichever batch commits first, so
  # POST /polls is compared by key and the sequential `uptime ingest` row by row (status too)
  imported=$(psql_q -c "select count(*) from ingestbench_import.store_status")
  for s in ingestbench_live ingestbench_cli; do
    cols="store_id, timestamp_utc"; [ "$s" = ingestbench_cli ] && cols="store_id, timestamp_utc, status"
    differ=$(psql_q -c "select count(*) from (select $cols from ingestbench_import.store_status
                          except select $cols from $s.store_status) d")
    have=$(psql_q -c "select count(*) from $s.store_status")
    echo "run $run: $s holds $have polls (the import $imported), $differ of the import's ($cols) missing"
    [ "$differ" = 0 ] && [ "$have" = "$imported" ] || { echo "FAILED: $s differs from the import" >&2; exit 1; }
  done
done
for s in ingestbench_import ingestbench_live ingestbench_cli; do psql_q -c "drop schema if exists $s cascade"; done
