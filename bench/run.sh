#!/usr/bin/env bash
# End-to-end benchmark: generates the `loop` data set (shaped like the 2024 edition of the public data set)
# and `loop-x10`, then times `uptime import`, `uptime report --jdbc-url`, `uptime report --data` and the raw
# floor (COPY of the report's own query to stdout), and writes docs/benchmarks.md.
#
#   bench/run.sh                 # both data sets, 5 runs each
#   RUNS=3 SETS=loop bench/run.sh
#   SPARK=0 bench/run.sh         # without the Spark part (bench/spark.sh)
#
# Needs: PostgreSQL reachable as BENCH_JDBC_URL (default: 127.0.0.1:5432/test, user postgres), psql, /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
SETS=${SETS:-"loop loop-x10"}
JDBC_URL=${BENCH_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
PSQL_CONN=${BENCH_PSQL:-"host=127.0.0.1 port=5432 dbname=test user=postgres"}
OUT=${BENCH_OUT:-bench-out}
NOW=2024-10-14T23:55:18Z
JAR=uptime-server/target/uptime.jar
XMX_REPORT=${XMX_REPORT:-256m}
mkdir -p "$OUT"

if [ ! -f "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  mvn -q -B package -DskipTests >&2
fi

# median of numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# run CMD..., print "seconds peak_kib" (wall clock and peak resident memory of the process tree's main process)
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

psql_q() { psql "$PSQL_CONN" -v ON_ERROR_STOP=1 -qtA "$@"; }

declare -A STORES=([loop]=4500 [loop-x10]=45000)
rows=()
for set in $SETS; do
  dir="$OUT/$set"
  schema="bench_${set//-/_}"
  if [ ! -f "$dir/store_status.csv" ]; then
    echo "generating $set ..." >&2
    java -jar "$JAR" generate --out "$dir" --stores "${STORES[$set]}" --days 70 --seed 2024 --now "$NOW" >&2
  fi
  polls=$(($(wc -l < "$dir/store_status.csv") - 1))

  # import: each run into a fresh schema
  import_times=() import_peak=0
  for ((i = 0; i < RUNS; i++)); do
    psql_q -c "drop schema if exists $schema cascade" >/dev/null
    read -r t m < <(measure java -jar "$JAR" import --jdbc-url "$JDBC_URL" --schema "$schema" --data "$dir")
    import_times+=("$t"); ((m > import_peak)) && import_peak=$m
  done
  import_med=$(printf '%s\n' "${import_times[@]}" | median)
  import_peak=$((import_peak / 1024))

  read -r jdbc_med jdbc_peak jdbc_inner < <(stats java -Xmx$XMX_REPORT -jar "$JAR" report --jdbc-url "$JDBC_URL" --schema "$schema" --out "$OUT/$set-jdbc.csv")
  read -r csv_med csv_peak csv_inner < <(stats java -jar "$JAR" report --data "$dir" --out "$OUT/$set-data.csv")
  cmp -s "$OUT/$set-jdbc.csv" "$OUT/$set-data.csv" && same=yes || same=NO

  # The floor: the report's own poll query, copied out of PostgreSQL and thrown away.
  latest=$(psql_q -c "select max(timestamp_utc) from $schema.store_status")
  floor_sql="copy (select store_id, timestamp_utc, status from $schema.store_status where timestamp_utc between timestamptz '$latest' - interval '8 days' and timestamptz '$latest' order by store_id, timestamp_utc) to stdout"
  read -r floor_med _ < <(stats psql "$PSQL_CONN" -qtA -c "$floor_sql")
  considered=$(psql_q -c "select count(*) from $schema.store_status where timestamp_utc between timestamptz '$latest' - interval '8 days' and timestamptz '$latest'")

  ratio=$(awk -v a="$jdbc_med" -v b="$floor_med" 'BEGIN {printf "%.1f", a / b}')
  inner_ratio=$(awk -v a="$jdbc_inner" -v b="$floor_med" 'BEGIN {printf "%.1f", a / b}')
  rows+=("| $set | ${STORES[$set]} | $polls | $considered | $import_med s ($import_peak MiB) | $jdbc_med s ($jdbc_peak MiB, -Xmx$XMX_REPORT) | $jdbc_inner s | $csv_med s ($csv_peak MiB) | $floor_med s | ${ratio}× (${inner_ratio}× in the JVM) | $same |")
  echo "${rows[-1]}" >&2
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
pg=$(psql_q -c "show server_version")
{
  echo "# Benchmarks"
  echo
  echo "Produced by \`bench/run.sh\` (RUNS=$RUNS) on $(date -u +%Y-%m-%d): $(nproc) cores ($cpu),"
  echo "$(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), PostgreSQL $pg (no TimescaleDB)."
  echo "Times are medians of wall-clock seconds of whole commands (JVM start included); memory is the peak"
  echo "resident set of the process (\`/usr/bin/time -v\`). \"In the JVM\" is the time \`uptime report\` reports itself, from"
  echo "its start to the CSV written (JVM start-up and connecting excluded). Data sets from"
  echo "\`uptime generate --days 70 --seed 2024 --now $NOW\`."
  echo "The floor is \`COPY (the report's poll query) TO STDOUT\` through psql: reading the considered polls"
  echo "(the last 8 days: one week plus the 24 h lookback) out of PostgreSQL and nothing else."
  echo
  echo "| data set | stores | polls | polls considered | import | report --jdbc-url | of which in the JVM | report --data | COPY floor | report / floor | same CSV |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  if [ -f "$OUT/jmh.txt" ]; then
    echo "## Engine alone (JMH)"
    echo
    echo '```'
    cat "$OUT/jmh.txt"
    echo '```'
  fi
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
