#!/usr/bin/env bash
# Rollups (the poll digests, docs/database.md) on a year of history, side by side in one run, per database:
#   - `uptime import` of the year with this build, and with BASE_JAR (the build before rollups) when given;
#   - `uptime report --jdbc-url --window 365d` end to end (the launcher, and java -jar) against the COPY of the
#     year's polls;
#   - a warm `uptime serve`'s classic report and its 365-day report against the fastest COPY of the last 8 days'
#     polls (an ordered range scan, or per-store range probes of the poll key: the faster of the two);
#   - that the database's reports equal `uptime report --data` byte for byte, and `uptime rollups --check`.
# Prints a Markdown table for docs/benchmarks.md ("Rollups").
#
#   bench/rollups.sh                                   # both databases, 3 runs each
#   DBS=pg RUNS=5 bench/rollups.sh
#   BASE_JAR=/tmp/base/uptime-cli/target/uptime.jar bench/rollups.sh   # with the import before rollups
#
# Needs what bench/run.sh needs (psql, curl, jq, /usr/bin/time and the databases, same variables).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
DBS=${DBS:-"pg tsdb"}
OUT=${BENCH_OUT:-bench-out}
NOW=2024-10-14T23:55:18Z
JAR=uptime-cli/target/uptime.jar
LAUNCHER=uptime-cli/target/uptime
SCHEMA_PREFIX=${SCHEMA_PREFIX:-rollups_}
XMX=${XMX:-256m}
PORT=${BENCH_PORT:-18482}
WARMUP=${WARMUP:-10}
declare -A URL=([pg]=${BENCH_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
                [tsdb]=${BENCH_TSDB_JDBC_URL:-jdbc:postgresql://127.0.0.1:5433/test?user=postgres})
declare -A PSQL=([pg]=${BENCH_PSQL:-"host=127.0.0.1 port=5432 dbname=test user=postgres"}
                 [tsdb]=${BENCH_TSDB_PSQL:-"host=127.0.0.1 port=5433 dbname=test user=postgres"})
declare -A NAME=([pg]="plain PostgreSQL" [tsdb]="TimescaleDB")
mkdir -p "$OUT"
[ -f "$JAR" ] || mvn -q -B package -DskipTests >&2

psql_q() { local db=$1; shift; psql "${PSQL[$db]}" -v ON_ERROR_STOP=1 -qtA "$@"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b}'; }
# median wall-clock seconds of RUNS runs of a command
timed() {
  local times=() i
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -f "%e" -o "$OUT/time.log" "$@" >/dev/null 2>"$OUT/last.stderr" || { cat "$OUT/last.stderr" >&2; exit 1; }
    times+=("$(cat "$OUT/time.log")")
  done
  printf '%s\n' "${times[@]}" | median
}
# the raw poll query in both plans: "scan" (one ordered range over the table or its chunks) and "probes" (a primary
# key range per store of the summary), as JdbcReportSource.pollQuery writes them
poll_query() {
  local plan=$1 schema=$2 from=$3 to=$4
  if [ "$plan" = scan ]; then
    echo "select store_id, array_agg(timestamp_utc), array_agg(status = 'active') from (select store_id, timestamp_utc, status from $schema.store_status where timestamp_utc between timestamptz '$from' and timestamptz '$to' order by store_id, timestamp_utc) p group by store_id order by store_id"
  else
    echo "select s.store_id, p.times, p.active from $schema.store_poll_summary s cross join lateral (select array_agg(timestamp_utc) times, array_agg(status = 'active') active from $schema.store_status where store_id = s.store_id and timestamp_utc between timestamptz '$from' and timestamptz '$to') p where s.latest_poll >= timestamptz '$from' and p.times is not null order by s.store_id"
  fi
}
copy_floor() {
  local db=$1 schema=$2 from=$3 to=$4 best=- plan t
  for plan in scan probes; do
    t=$(timed psql "${PSQL[$db]}" -qtA -c "set jit = off" -c "copy ($(poll_query $plan "$schema" "$from" "$to")) to stdout (format binary)")
    best=$(awk -v a="$best" -v b="$t" 'BEGIN {print (a == "-" || b < a) ? b : a}')
  done
  echo "$best"
}
# a warm server's report of BODY (JSON), median of RUNS after WARMUP, timed from started_at to finished_at
server_median() {
  local base=$1 body=$2 times=() i id json state
  for ((i = 1 - WARMUP; i <= RUNS; i++)); do
    id=$(curl -sf -X POST -H 'Content-Type: application/json' -d "$body" "$base/reports" | jq -r .id)
    for _ in $(seq 1 900); do
      json=$(curl -sf "$base/reports/$id"); state=$(jq -r .state <<<"$json")
      [ "$state" = complete ] || [ "$state" = failed ] && break
      sleep 0.1
    done
    [ "$state" = complete ] || { echo "server report $id: $json" >&2; exit 1; }
    if ((i > 0)); then
      read -r started finished < <(jq -r '"\(.started_at) \(.finished_at)"' <<<"$json")
      times+=("$(awk -v a="$(date -d "$started" +%s.%N)" -v b="$(date -d "$finished" +%s.%N)" 'BEGIN {printf "%.3f", b - a}')")
    fi
  done
  printf '%s\n' "${times[@]}" | median
}

dir="$OUT/loop-365d"
if [ ! -f "$dir/store_status.csv" ]; then
  java -jar "$JAR" generate --out "$dir" --stores 4500 --days 365 --seed 2024 --now "$NOW" >&2
fi
polls=$(($(wc -l < "$dir/store_status.csv") - 1))
java -jar "$JAR" report --quiet --data "$dir" --out "$OUT/rollups-data.csv"
java -jar "$JAR" report --quiet --data "$dir" --window 365d --out "$OUT/rollups-data-365d.csv"

rows=()
for db in $DBS; do
  schema="${SCHEMA_PREFIX}365d"
  echo "rollups on ${NAME[$db]} ..." >&2
  base_import=-
  if [ -n "${BASE_JAR:-}" ]; then
    psql_q "$db" -c "set client_min_messages = warning" -c "drop schema if exists ${schema}_base cascade" >/dev/null
    base_import=$(RUNS=1 timed java -Xmx$XMX -jar "$BASE_JAR" import --jdbc-url "${URL[$db]}" --schema "${schema}_base" --data "$dir")
    psql_q "$db" -c "set client_min_messages = warning" -c "drop schema if exists ${schema}_base cascade" >/dev/null
  fi
  psql_q "$db" -c "set client_min_messages = warning" -c "drop schema if exists $schema cascade" >/dev/null
  import=$(RUNS=1 timed java -Xmx$XMX -jar "$JAR" import --jdbc-url "${URL[$db]}" --schema "$schema" --data "$dir")
  for table in $(psql_q "$db" -c "select tablename from pg_tables where schemaname = '$schema'"); do
    psql_q "$db" -c "vacuum (analyze) $schema.$table" >/dev/null
  done
  psql_q "$db" -c "checkpoint" >/dev/null
  kept=$(psql_q "$db" -c "select count(*) from $schema.store_poll_digest")
  java -jar "$JAR" rollups --jdbc-url "${URL[$db]}" --schema "$schema" --check >&2

  latest=$(psql_q "$db" -c "select max(latest_poll) from $schema.store_poll_summary")
  from_year=$(psql_q "$db" -c "select timestamptz '$latest' - interval '366 days'")
  from_week=$(psql_q "$db" -c "select timestamptz '$latest' - interval '8 days'")
  floor_year=$(copy_floor "$db" "$schema" "$from_year" "$latest")
  floor_week=$(copy_floor "$db" "$schema" "$from_week" "$latest")

  cli_year=$(timed java -Xmx$XMX -jar "$JAR" report --jdbc-url "${URL[$db]}" --schema "$schema" --window 365d --out "$OUT/rollups-$db-365d.csv")
  cmp -s "$OUT/rollups-$db-365d.csv" "$OUT/rollups-data-365d.csv" && same=yes || same=NO
  # the command as a user runs it: the launcher, after one untimed report that makes its class-data-sharing archive
  JAVA_OPTS=-Xmx$XMX UPTIME_OPTS= "$LAUNCHER" report --quiet --jdbc-url "${URL[$db]}" --schema "$schema" --window 365d --out "$OUT/rollups-$db-365d-launcher.csv"
  launcher_year=$(timed env JAVA_OPTS=-Xmx$XMX UPTIME_OPTS= "$LAUNCHER" report --jdbc-url "${URL[$db]}" --schema "$schema" --window 365d --out "$OUT/rollups-$db-365d-launcher.csv")
  cmp -s "$OUT/rollups-$db-365d-launcher.csv" "$OUT/rollups-data-365d.csv" || same=NO
  java -jar "$JAR" report --quiet --jdbc-url "${URL[$db]}" --schema "$schema" --out "$OUT/rollups-$db.csv"
  cmp -s "$OUT/rollups-$db.csv" "$OUT/rollups-data.csv" || same=NO

  java -Xmx$XMX -jar "$JAR" serve --port "$PORT" --jdbc-url "${URL[$db]}" --schema "$schema" >"$OUT/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
  server_classic=$(server_median "http://127.0.0.1:$PORT" '{}')
  server_year=$(server_median "http://127.0.0.1:$PORT" '{"windows": ["365d"]}')
  kill "$pid"; wait "$pid" 2>/dev/null || true

  rows+=("| ${NAME[$db]} | $polls | $kept | $base_import s | $import s | $(ratio "$import" "$base_import")× | $floor_year s | $launcher_year s | $(ratio "$launcher_year" "$floor_year")× | $cli_year s | $(ratio "$cli_year" "$floor_year")× | $floor_week s | $server_classic s | $(ratio "$server_classic" "$floor_week")× | $server_year s | $(ratio "$server_year" "$floor_week")× | $same |")
  echo "${rows[-1]}" >&2
done

echo "Produced by \`RUNS=$RUNS DBS=\"$DBS\" bench/rollups.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)."
echo
echo "| database | polls | kept in the digests | import before rollups | import | import / before | COPY of the year's polls | uptime report --window 365d (launcher) | / year's COPY | the same, java -jar | / year's COPY | COPY of the last 8 days' polls | warm server, classic | / 8 days' COPY | warm server, 365d | / 8 days' COPY | same CSV as --data |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
