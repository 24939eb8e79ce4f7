#!/usr/bin/env bash
# Spark benchmark: `spark-report --master local[2]` against `uptime report --data` on the same files (the `loop`
# and `loop-x10` sets), then a ~100 M-poll set written as Parquet, reported with a bounded heap. Writes the
# table between the <!-- spark --> markers of docs/benchmarks.md (below the notes, which bench/run.sh keeps).
#
#   bench/spark.sh                                  # loop, loop-x10 and the 100 M set (an hour or more, ~15 GB)
#   SPARK_SETS="loop" BIG=0 bench/spark.sh          # a couple of minutes
#   SPARK_SETS= bench/spark.sh                      # the 100 M set only
#
# BENCH_DATA: where the data sets go (default bench-out); BIG_STORES: stores of the big set (default 243000:
# with --days 70 that is about 100 million polls; the generator makes ~5.9 polls per store and day);
# SPARK_XMX: the heap of every spark-report run (default 2g: the executor memory in local mode);
# BIG_PARTITIONS: extra --partitions values for the big set's report (default "2": one shuffle partition per core,
# each holding half of the report range's polls, far more than a task's share of the heap, so the sort must spill); BIG_CHECK=0 skips the check of the
# big report against `uptime report --data` on its CSV (which needs BIG_CORE_XMX of heap, default 12g).
#
# The big set is converted to Parquet by ParquetSetWriter (a bench tool in uptime-spark's test classes): the
# status file split by store into pieces, each piece parsed by the core's reader in its own task and streamed
# into its own Parquet file. `spark-report --write-input-parquet` reads a CSV file in one task and keeps every
# row until the end: fine for loop, an hour or more for 100 M polls on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${BENCH_DATA:-bench-out}
RUNS=${RUNS:-1}
SPARK_SETS=${SPARK_SETS-"loop loop-x10"}  # set but empty: none
BIG=${BIG:-1}
BIG_STORES=${BIG_STORES:-243000}
SPARK_XMX=${SPARK_XMX:-2g}
BIG_PARTITIONS=${BIG_PARTITIONS:-2}
BIG_CHECK=${BIG_CHECK:-1}
BIG_CORE_XMX=${BIG_CORE_XMX:-12g}
NOW=2024-10-14T23:55:18Z
JAR=uptime-cli/target/uptime.jar
SPARK=uptime-spark/target/spark-report
mkdir -p "$DATA"
LOG="$DATA/spark-last.stderr"

if [ ! -f "$JAR" ] || [ ! -x "$SPARK" ] || [ ! -f uptime-spark/target/test-classes/org/storeuptime/spark/ParquetSetWriter.class ] \
    || [ -n "${REBUILD:-}" ]; then
  mvn -q -B package -DskipTests >&2
fi

# what the JVM needs for Spark 4 on Java 17 (the spark-report script has them built in)
SPARK_JAVA_OPTIONS=$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' uptime-spark/pom.xml)

# run CMD..., print "seconds peak_mib cpu_seconds" (wall clock, peak resident memory, user + system CPU time)
measure() {
  /usr/bin/time -f "%e %M %U %S" -o "$DATA/spark-time.log" "$@" >/dev/null 2>"$LOG" || { cat "$LOG" >&2; exit 1; }
  awk '{printf "%s %.0f %.0f\n", $1, $2 / 1024, $3 + $4}' "$DATA/spark-time.log"
}

# the median time and the largest peak of RUNS runs
stats() {
  local times=() peaks=() i t m
  for ((i = 0; i < RUNS; i++)); do
    read -r t m _ < <(measure "$@")
    times+=("$t"); peaks+=("$m")
  done
  printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
    "$(printf '%s\n' "${peaks[@]}" | sort -g | tail -n 1)"
}

generate() { # set stores
  if [ ! -f "$DATA/$1/store_status.csv" ]; then
    echo "generating $1 ..." >&2
    java -jar "$JAR" generate --out "$DATA/$1" --stores "$2" --days 70 --seed 2024 --now "$NOW" >&2
  fi
}

# polls per second per core: all polls of the set over the wall time of 2 cores
per_core() { awk -v p="$1" -v t="$2" 'BEGIN {r = p / t / 2; if (r >= 1e6) printf "%.2f M", r / 1e6; else printf "%.0f k", r / 1e3}'; }

declare -A STORES=([loop]=4500 [loop-x10]=45000)
rows=()
for set in $SPARK_SETS; do
  generate "$set" "${STORES[$set]}"
  dir="$DATA/$set"
  polls=$(($(wc -l < "$dir/store_status.csv") - 1))
  read -r core_t core_m < <(stats java -jar "$JAR" report --data "$dir" --out "$DATA/$set-core.csv")
  read -r csv_t csv_m < <(stats env SPARK_REPORT_JAVA_OPTS="-Xmx$SPARK_XMX" "$SPARK" --master 'local[2]' \
    --data "$dir" --out "$DATA/$set-spark.csv")
  cmp -s "$DATA/$set-core.csv" "$DATA/$set-spark.csv" && same=yes || same=NO
  if [ ! -d "$DATA/$set-parquet/store_status" ]; then
    SPARK_REPORT_JAVA_OPTS="-Xmx$SPARK_XMX" "$SPARK" --master 'local[2]' --data "$dir" \
      --write-input-parquet "$DATA/$set-parquet" 2>"$LOG"
  fi
  read -r pq_t pq_m < <(stats env SPARK_REPORT_JAVA_OPTS="-Xmx$SPARK_XMX" "$SPARK" --master 'local[2]' \
    --parquet "$DATA/$set-parquet" --out "$DATA/$set-spark-parquet.csv")
  cmp -s "$DATA/$set-core.csv" "$DATA/$set-spark-parquet.csv" && same_pq=yes || same_pq=NO
  rows+=("| $set | $polls | $core_t s ($core_m MiB) | $csv_t s ($csv_m MiB) | $pq_t s ($pq_m MiB) | $(per_core "$polls" "$pq_t") | $same / $same_pq |")
  echo "${rows[-1]}" >&2
done

# Spark's own account of a run, from the event log files under DIR (JSON lines, SparkListenerTaskEnd per task):
# "memory_spilled disk_spilled peak_execution task_cpu", the first three in MiB (peak: the largest of any one
# task), the last the CPU seconds of all tasks
spill() {
  find "$1" -type f ! -name '.*' ! -name 'appstatus*' -exec cat {} + | jq -rs '
    [.[] | select(.Event == "SparkListenerTaskEnd") | ."Task Metrics"] |
    "\((map(."Memory Bytes Spilled") | add) / 1048576 | floor) \((map(."Disk Bytes Spilled") | add) / 1048576 | floor) \((map(."Peak Execution Memory") | max) / 1048576 | floor) \((map(."Executor CPU Time") | add) / 1e9 | floor)"'
}

# load average over the last minute, as uptime shows it
load() { awk '{print $1}' /proc/loadavg; }

big_rows=()
big_notes=()
if [ "$BIG" != 0 ]; then
  set=loop-100m
  # how each file of the set was made, kept beside it for the runs that find it made
  if [ ! -f "$DATA/$set/store_status.csv" ]; then
    echo "generating $set ..." >&2
    l0=$(load)
    read -r gen_t gen_m gen_cpu < <(measure java -jar "$JAR" generate --out "$DATA/$set" --stores "$BIG_STORES" \
      --days 70 --seed 2024 --now "$NOW")
    echo "CSV written by \`uptime generate --stores $BIG_STORES --days 70 --seed 2024\` on $(date -u +%Y-%m-%d): $gen_t s, $gen_cpu s of CPU, $gen_m MiB (load average $l0 / $(load))" > "$DATA/$set.made"
  fi
  polls=$(($(wc -l < "$DATA/$set/store_status.csv") - 1))
  if [ ! -f "$DATA/$set-parquet/timezones/_SUCCESS" ]; then
    echo "converting $set to Parquet ..." >&2
    T=uptime-spark/target
    l0=$(load)
    read -r conv_t conv_m conv_cpu < <(measure java $SPARK_JAVA_OPTIONS "-Xmx$SPARK_XMX" \
      -Dlog4j2.configurationFile=$T/spark-report-log4j2.properties -cp "$T/test-classes:$T/uptime-spark.jar:$T/spark-lib/*" \
      org.storeuptime.spark.ParquetSetWriter --master 'local[2]' --data "$DATA/$set" --out "$DATA/$set-parquet")
    echo "Parquet set written by \`ParquetSetWriter --master local[2]\` (-Xmx$SPARK_XMX) on $(date -u +%Y-%m-%d): $conv_t s, $conv_cpu s of CPU, $conv_m MiB (load average $l0 / $(load)); $(tail -n 1 "$LOG")" > "$DATA/$set-parquet.made"
  fi
  for made in "$DATA/$set.made" "$DATA/$set-parquet.made"; do
    [ -f "$made" ] && big_notes+=("$(cat "$made")")
  done
  for parts in default $BIG_PARTITIONS; do
    events="$DATA/spark-events-$parts"
    rm -rf "$events"; mkdir -p "$events"
    part_opt=(); [ "$parts" != default ] && part_opt=(--partitions "$parts")
    l0=$(load)
    read -r big_t big_m big_cpu < <(measure env SPARK_REPORT_JAVA_OPTS="-Xmx$SPARK_XMX -Dspark.eventLog.enabled=true \
      -Dspark.eventLog.dir=file://$PWD/$events -Dspark.eventLog.compress=false" "$SPARK" --master 'local[2]' \
      "${part_opt[@]}" --parquet "$DATA/$set-parquet" --out-parquet "$DATA/$set-rows" --out "$DATA/$set-spark-$parts.csv")
    read -r mem_spill disk_spill peak_exec task_cpu < <(spill "$events")
    stores=$(($(wc -l < "$DATA/$set-spark-$parts.csv") - 1))
    big_rows+=("| $set ($stores stores, Parquet) | $polls | $parts | $big_t s ($big_m MiB, -Xmx$SPARK_XMX) | $big_cpu s / $task_cpu s | $(per_core "$polls" "$big_t") | $mem_spill MiB / $disk_spill MiB | $peak_exec MiB | $l0 / $(load) |")
    echo "${big_rows[-1]}" >&2
  done
  if [ "$BIG_CHECK" != 0 ]; then
    l0=$(load)
    read -r core_t core_m core_cpu < <(measure java "-Xmx$BIG_CORE_XMX" -jar "$JAR" report --data "$DATA/$set" --out "$DATA/$set-core.csv")
    same=yes
    for parts in default $BIG_PARTITIONS; do
      cmp -s "$DATA/$set-core.csv" "$DATA/$set-spark-$parts.csv" || same=NO
    done
    big_notes+=("\`uptime report --data\` on the same set's CSV (-Xmx$BIG_CORE_XMX): $core_t s, $core_cpu s of CPU, $core_m MiB (load average $l0 / $(load)); the Spark reports above are byte-identical to it: $same")
    echo "${big_notes[-1]}" >&2
  fi
fi

section=$(mktemp)
{
  echo "<!-- spark -->"
  echo "## Spark"
  echo
  echo "Produced by \`bench/spark.sh\` (RUNS=$RUNS) on $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB:"
  echo "\`spark-report --master local[2]\` with \`-Xmx$SPARK_XMX\` (in local mode the driver's heap is the executor's"
  echo "memory) against \`uptime report --data\` on the same files. Wall-clock seconds of whole commands (JVM and"
  echo "Spark start included), peak resident memory in parentheses; polls/s per core = all polls of the set"
  echo "over the wall time of two cores. The machine is shared with other engineers' builds, so the figures are noisy."
  echo
  if [ ${#rows[@]} -gt 0 ]; then
    echo "| data set | polls | uptime report --data | spark-report --data | spark-report --parquet | polls/s per core (Parquet) | same CSV (CSV / Parquet) |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    echo
  fi
  if [ ${#big_rows[@]} -gt 0 ]; then
    echo "| data set | polls | --partitions | spark-report --parquet --out-parquet --out | CPU (process / Spark tasks) | polls/s per core | spilled (memory / disk) | peak execution memory of a task | load average (start / end) |"
    echo "|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${big_rows[@]}"
    echo
    if [ ${#big_notes[@]} -gt 0 ]; then
      printf -- '- %s\n' "${big_notes[@]}"
      echo
    fi
  fi
  echo "<!-- /spark -->"
} > "$section"
if grep -q '^<!-- spark -->' docs/benchmarks.md; then
  awk -v f="$section" '/^<!-- spark -->/ {while ((getline l < f) > 0) print l; skip=1; next}
    /^<!-- \/spark -->/ {skip=0; next} !skip' docs/benchmarks.md > docs/benchmarks.md.new
  mv docs/benchmarks.md.new docs/benchmarks.md
else
  { echo; cat "$section"; } >> docs/benchmarks.md
fi
rm -f "$section"
echo "wrote the Spark section of docs/benchmarks.md" >&2
