#!/usr/bin/env bash
# End-to-end benchmark, on plain PostgreSQL and on TimescaleDB side by side. Generates the data sets
#   loop       4,500 stores,  70 days (shaped like the 2024 edition of the public data set)
#   loop-365d  4,500 stores, 365 days (a year of history: the report must cost what it costs on loop)
#   loop-x10   45,000 stores, 70 days
# then, per data set and database, times `uptime import` (with -Xmx256m), `uptime report --jdbc-url` (both as
# `java -jar uptime.jar` and through the launcher uptime-cli/target/uptime, with its class-data-sharing archive),
# the report of a warm `uptime serve` (trigger to complete, from /reports/{id}'s timestamps) and the floor (COPY of
# the report's own poll query to stdout through psql), the same for a windowed report (`--window 30d`, against
# the COPY of its 31 days of polls), once per set `uptime report --data`, and writes
# docs/benchmarks.md (keeping the hand-written notes below its `<!-- notes -->` line).
#
#   bench/run.sh                                  # every set on both databases, 5 runs each
#   RUNS=1 SETS="loop loop-365d" bench/run.sh     # what docs/benchmarks.md shows was run with
#   DBS=pg bench/run.sh                           # plain PostgreSQL only
#   SPARK=0 bench/run.sh                          # without the Spark part (bench/spark.sh)
#   SCHEMA_PREFIX=mine_ bench/run.sh              # schemas mine_loop, ...: beside others' runs on one database
#
# Needs psql, curl, jq, /usr/bin/time, and the databases:
#   pg    BENCH_JDBC_URL / BENCH_PSQL           (default 127.0.0.1:5432, database test, user postgres)
#   tsdb  BENCH_TSDB_JDBC_URL / BENCH_TSDB_PSQL (default 127.0.0.1:5433, database test, user postgres, with the
#         timescaledb extension: any timescale/timescaledb, see CONTRIBUTING.md "Against TimescaleDB")
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
SETS=${SETS:-"loop loop-365d loop-x10"}
DBS=${DBS:-"pg tsdb"}
OUT=${BENCH_OUT:-bench-out}
NOW=2024-10-14T23:55:18Z
JAR=uptime-cli/target/uptime.jar
LAUNCHER=uptime-cli/target/uptime
SCHEMA_PREFIX=${SCHEMA_PREFIX:-bench_}
XMX=${XMX:-256m}
PORT=${BENCH_PORT:-18481}
declare -A URL=([pg]=${BENCH_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
                [tsdb]=${BENCH_TSDB_JDBC_URL:-jdbc:postgresql://127.0.0.1:5433/test?user=postgres})
declare -A PSQL=([pg]=${BENCH_PSQL:-"host=127.0.0.1 port=5432 dbname=test user=postgres"}
                 [tsdb]=${BENCH_TSDB_PSQL:-"host=127.0.0.1 port=5433 dbname=test user=postgres"})
declare -A NAME=([pg]="plain PostgreSQL" [tsdb]="TimescaleDB")
declare -A STORES=([loop]=4500 [loop-365d]=4500 [loop-x10]=45000)
declare -A DAYS=([loop]=70 [loop-365d]=365 [loop-x10]=70)
mkdir -p "$OUT"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

if [ ! -f "$JAR" ] || [ ! -x "$LAUNCHER" ] || [ -n "${REBUILD:-}" ]; then
  mvn -q -B package -DskipTests >&2
fi

psql_q() { local db=$1; shift; psql "${PSQL[$db]}" -v ON_ERROR_STOP=1 -qtA "$@"; }
for db in $DBS; do
  psql_q "$db" -c "select 1" >/dev/null || { echo "no database for $db (${PSQL[$db]})" >&2; exit 1; }
done
if [[ " $DBS " == *" tsdb "* ]] && [ -z "$(psql_q tsdb -c "select extversion from pg_extension where extname = 'timescaledb'")" ]; then
  echo "the tsdb database (${PSQL[tsdb]}) has no timescaledb extension" >&2; exit 1
fi

# median of numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# run CMD..., print "seconds peak_kib" (wall clock and peak resident memory of the process)
measure() {
  local log="$OUT/time.log"
  /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>"$OUT/last.stderr" || { cat "$OUT/last.stderr" >&2; exit 1; }
  cat "$log"
}

# stats over RUNS runs of a command: "median_seconds max_peak_mib median_inner_seconds", where the inner time
# is what `uptime report` says it took inside the JVM ("wrote N rows to F (0.93 s)"), or - for other commands
stats() {
  local times=() peaks=() inner=() i
  for ((i = 0; i < RUNS; i++)); do
    read -r t m < <(measure "$@")
    times+=("$t"); peaks+=("$m")
    inner+=("$(sed -n 's/^wrote [0-9]* rows to .* (\([0-9.]*\) s)$/\1/p' "$OUT/last.stderr" | tail -n 1)")
  done
  local inner_med=-
  [ -n "${inner[0]}" ] && inner_med=$(printf '%s\n' "${inner[@]}" | median)
  printf '%s %s %s\n' "$(printf '%s\n' "${times[@]}" | median)" \
    "$(printf '%s\n' "${peaks[@]}" | sort -g | tail -n 1 | awk '{printf "%.0f", $1/1024}')" "$inner_med"
}

# The report's own poll query (JdbcReportSource.pollQuery), a row per store with its polls as two arrays: one range
# over the chunks on TimescaleDB, one primary key probe per store on a plain table.
poll_query() {
  local db=$1 schema=$2 from=$3 to=$4
  if [ "$db" = tsdb ]; then
    echo "select store_id, array_agg(timestamp_utc), array_agg(status = 'active') from (select store_id, timestamp_utc, status from $schema.store_status where timestamp_utc between timestamptz '$from' and timestamptz '$to' order by store_id, timestamp_utc) p group by store_id order by store_id"
  else
    echo "select s.store_id, p.times, p.active from $schema.store_poll_summary s cross join lateral (select array_agg(timestamp_utc) times, array_agg(status = 'active') active from $schema.store_status where store_id = s.store_id and timestamp_utc between timestamptz '$from' and timestamptz '$to') p where s.latest_poll >= timestamptz '$from' and p.times is not null order by s.store_id"
  fi
}

# A warm server's reports: WARMUP to warm up (the JIT compiles the report's code over its first few reports: the
# second took 1.5 times the sixth), then RUNS, each timed from started_at to finished_at of /reports/{id}.
WARMUP=${WARMUP:-5}
server_stats() {
  local db=$1 schema=$2 base="http://127.0.0.1:$PORT" times=() i pid
  java -Xmx$XMX -jar "$JAR" serve --port "$PORT" --jdbc-url "${URL[$db]}" --schema "$schema" >"$OUT/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
  for ((i = 1 - WARMUP; i <= RUNS; i++)); do
    local id state json
    id=$(curl -sf -X POST "$base/reports" | jq -r .id)
    for _ in $(seq 1 600); do
      json=$(curl -sf "$base/reports/$id"); state=$(jq -r .state <<<"$json")
      [ "$state" = complete ] || [ "$state" = failed ] && break
      sleep 0.1
    done
    [ "$state" = complete ] || { echo "server report $id: $json" >&2; kill "$pid"; exit 1; }
    if ((i > 0)); then
      read -r started finished < <(jq -r '"\(.started_at) \(.finished_at)"' <<<"$json")
      times+=("$(awk -v a="$(date -d "$started" +%s.%N)" -v b="$(date -d "$finished" +%s.%N)" 'BEGIN {printf "%.3f", b - a}')")
    fi
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%s\n' "${times[@]}" | median
}

rows=()
declare -A REPORT_MED
for set in $SETS; do
  dir="$OUT/$set"
  if [ ! -f "$dir/store_status.csv" ]; then
    echo "generating $set ..." >&2
    java -jar "$JAR" generate --out "$dir" --stores "${STORES[$set]}" --days "${DAYS[$set]}" --seed 2024 --now "$NOW" >&2
  fi
  polls=$(($(wc -l < "$dir/store_status.csv") - 1))
  read -r csv_med csv_peak _ < <(stats java -jar "$JAR" report --data "$dir" --out "$OUT/$set-data.csv")
  java -jar "$JAR" report --quiet --data "$dir" --window 30d --out "$OUT/$set-data-30d.csv"

  for db in $DBS; do
    schema="$SCHEMA_PREFIX${set//-/_}"
    echo "$set on ${NAME[$db]} ..." >&2
    import_times=() import_peak=0
    for ((i = 0; i < RUNS; i++)); do
      psql_q "$db" -c "set client_min_messages = warning" -c "drop schema if exists $schema cascade" >/dev/null
      read -r t m < <(measure java -Xmx$XMX -jar "$JAR" import --jdbc-url "${URL[$db]}" --schema "$schema" --data "$dir")
      import_times+=("$t"); ((m > import_peak)) && import_peak=$m
    done
    # Every timing below reads the tables as autovacuum leaves them (hint bits set, visibility map and statistics
    # current), not as the import just wrote them: else the first reports pay for that and the COPY floor, timed
    # last, does not.
    for table in $(psql_q "$db" -c "select tablename from pg_tables where schemaname = '$schema'"); do
      psql_q "$db" -c "vacuum (analyze) $schema.$table" >/dev/null
    done
    # and with the import's writes on disk, not in the checkpoint that would run during the timings
    psql_q "$db" -c "checkpoint" >/dev/null
    import_med=$(printf '%s\n' "${import_times[@]}" | median)
    import_peak=$((import_peak / 1024))
    chunks=$(psql_q "$db" -c "select count(*) from pg_inherits where inhparent = '$schema.store_status'::regclass")

    read -r jdbc_med jdbc_peak jdbc_inner < <(stats java -Xmx$XMX -jar "$JAR" report --jdbc-url "${URL[$db]}" --schema "$schema" --out "$OUT/$set-$db.csv")
    cmp -s "$OUT/$set-$db.csv" "$OUT/$set-data.csv" && same=yes || same=NO
    # The launcher as a user runs it: its first report from a database makes the archive of that path (the build
    # has no database to train on) and is not timed.
    JAVA_OPTS=-Xmx$XMX UPTIME_OPTS= "$LAUNCHER" report --quiet --jdbc-url "${URL[$db]}" --schema "$schema" --out "$OUT/$set-$db-launcher.csv"
    read -r launcher_med launcher_peak launcher_inner < <(stats env JAVA_OPTS=-Xmx$XMX UPTIME_OPTS= "$LAUNCHER" report --jdbc-url "${URL[$db]}" --schema "$schema" --out "$OUT/$set-$db-launcher.csv")
    cmp -s "$OUT/$set-$db-launcher.csv" "$OUT/$set-data.csv" || same=NO
    server_med=$(server_stats "$db" "$schema")
    # A windowed report: the last 30 days, which reads 30 days plus the lookback of polls
    read -r w30_med w30_peak w30_inner < <(stats java -Xmx$XMX -jar "$JAR" report --jdbc-url "${URL[$db]}" --schema "$schema" --window 30d --out "$OUT/$set-$db-30d.csv")
    cmp -s "$OUT/$set-$db-30d.csv" "$OUT/$set-data-30d.csv" || same=NO

    latest=$(psql_q "$db" -c "select max(latest_poll) from $schema.store_poll_summary")
    from=$(psql_q "$db" -c "select timestamptz '$latest' - interval '8 days'")
    read -r floor_med _ < <(stats psql "${PSQL[$db]}" -qtA -c "set jit = off" -c "copy ($(poll_query "$db" "$schema" "$from" "$latest")) to stdout (format binary)")
    considered=$(psql_q "$db" -c "select count(*) from $schema.store_status where timestamp_utc between timestamptz '$from' and timestamptz '$latest'")
    from30=$(psql_q "$db" -c "select timestamptz '$latest' - interval '31 days'")
    read -r floor30_med _ < <(stats psql "${PSQL[$db]}" -qtA -c "set jit = off" -c "copy ($(poll_query "$db" "$schema" "$from30" "$latest")) to stdout (format binary)")

    ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "-" || b == 0) print "-"; else printf "%.2f", a / b}'; }
    REPORT_MED[$set-$db]=$jdbc_inner
    rows+=("| $set | ${NAME[$db]} | $polls | $chunks | $considered | $import_med s ($import_peak MiB) | $jdbc_med s ($jdbc_peak MiB) | $launcher_med s ($launcher_peak MiB) | $jdbc_inner s | $server_med s | $floor_med s | $(ratio "$jdbc_med" "$floor_med")× | $(ratio "$launcher_med" "$floor_med")× | $(ratio "$server_med" "$floor_med")× | $(ratio "$jdbc_inner" "$floor_med")× | $w30_med s ($w30_peak MiB) | $w30_inner s | $floor30_med s | $(ratio "$w30_inner" "$floor30_med")× | $csv_med s ($csv_peak MiB) | $same |")
    echo "${rows[-1]}" >&2
  done
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
first_db=${DBS%% *}
pg=$(psql_q "$first_db" -c "show server_version")
tsdb=-
[[ " $DBS " == *" tsdb "* ]] && tsdb=$(psql_q tsdb -c "select extversion from pg_extension where extname = 'timescaledb'")
{
  echo "# Benchmarks"
  echo
  echo "Produced by \`RUNS=$RUNS SETS=\"$SETS\" DBS=\"$DBS\" bench/run.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores ($cpu),"
  echo "$(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), PostgreSQL $pg, TimescaleDB $tsdb (a second"
  echo "cluster of the same PostgreSQL on the same machine). Load average at the start: $LOAD_START, at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Times are medians of wall-clock seconds of whole commands (JVM start included); memory is the peak"
  echo "resident set of the process. Imports and reports run with \`-Xmx$XMX\`. \"java -jar\" runs"
  echo "\`java -jar uptime-cli/target/uptime.jar report --jdbc-url\`, \"launcher\" the same through"
  echo "\`uptime-cli/target/uptime\` (with its class-data-sharing archive, after one untimed report that trains it). \"In the JVM\" is the time"
  echo "\`uptime report\` (java -jar) reports itself, from its start to the CSV written (JVM start-up and connecting excluded)."
  echo "\"Warm server\" is a report of a running \`uptime serve\` after $WARMUP warm-up reports, from \`started_at\` to"
  echo "\`finished_at\` of \`/reports/{id}\`. The floor is \`COPY (the report's own poll query) TO STDOUT (FORMAT binary)\`"
  echo "through psql: the considered polls (the last 8 days: one week plus the 24 h lookback) out of the database"
  echo "and nothing else. Data sets from \`uptime generate --seed 2024 --now $NOW\`; \"same CSV\" compares the"
  echo "database reports (java -jar and launcher, and \`--window 30d\` with \`report --data --window 30d\`) with \`uptime report --data\` byte for byte. After the imports the"
  echo "schema's tables are vacuumed and analysed and a checkpoint is taken, before anything is timed. \"--window 30d\" is"
  echo "\`report --jdbc-url --window 30d\` (java -jar), its time in the JVM, and its floor: the COPY of the same poll query over"
  echo "the 31 days (30 days plus the lookback) the window reads."
  echo
  echo "| data set | database | polls | chunks | polls considered | import | report --jdbc-url, java -jar | report --jdbc-url, launcher | of which in the JVM | warm server | COPY floor | java -jar / floor | launcher / floor | server / floor | JVM / floor | --window 30d, java -jar | of which in the JVM | 30d COPY floor | 30d JVM / floor | report --data | same CSV |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  for db in $DBS; do
    if [ -n "${REPORT_MED[loop-$db]:-}" ] && [ -n "${REPORT_MED[loop-365d-$db]:-}" ]; then
      echo "- ${NAME[$db]}: report over 365 days / over 70 days (in the JVM): $(awk -v a="${REPORT_MED[loop-365d-$db]}" -v b="${REPORT_MED[loop-$db]}" 'BEGIN {printf "%.2f", a / b}')×"
    fi
  done
  echo
} > docs/benchmarks.md.new
# keep the hand-written notes below the marker line, if any
if [ -f docs/benchmarks.md ] && grep -q '^<!-- notes -->' docs/benchmarks.md; then
  sed -n '/^<!-- notes -->/,$p' docs/benchmarks.md >> docs/benchmarks.md.new
fi
mv docs/benchmarks.md.new docs/benchmarks.md
echo "wrote docs/benchmarks.md" >&2

# Spark: spark-report against uptime report on the same sets, and the 100 M-poll set (bench/spark.sh; SPARK=0 skips)
if [ "${SPARK:-1}" != 0 ]; then
  BENCH_DATA="$OUT" RUNS="$RUNS" bench/spark.sh
fi
