package org.storeuptime.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.TimeInterval;
import org.storeuptime.core.UptimeEngine;

/**
 * Computes the uptime report on Spark with the core's own rules: the polls of the report's time range
 * ({@code [now - 7 d - lookback, now]}, or what the request's windows read) are shuffled by store, sorted by time on the executors, and each store's
 * row is computed there by {@link UptimeEngine#compute}. Zones and DST stay in {@code java.time} on the executors;
 * Spark only moves epoch microseconds. Every store of any input gets a row, also one without polls.
 *
 * <pre>{@code
 * SparkUptime uptime = SparkUptime.builder().options(ReportOptions.DEFAULTS).build();
 * try (SparkInput input = SparkInput.csvDirectory(spark, "examples/data")) {
 *     SparkReport report = uptime.report(input);             // now = the latest poll
 *     report.writeCsv(Path.of("report.csv"));                // byte-identical to `uptime report`
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; the work runs on the {@code SparkSession} of the input's Datasets.
 */
public final class SparkUptime {

    private final ReportOptions options;
    private final int partitions;
    private final Clock clock;

    private SparkUptime(Builder builder) {
        this.options = builder.options;
        this.partitions = builder.partitions;
        this.clock = builder.clock;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The options every report of this instance uses. */
    public ReportOptions options() {
        return options;
    }

    /**
     * The report of {@code input} with the windows ending at its latest poll (computed by Spark), or at the
     * clock's instant when there is no poll at all.
     */
    public SparkReport report(SparkInput input) {
        return report(input, ReportRequest.classic().withOptions(options));
    }

    /**
     * The report of {@code input} with the windows ending at {@code now}.
     *
     * @throws IllegalArgumentException when {@code now} is outside the years 1 to 9999
     */
    public SparkReport report(SparkInput input, Instant now) {
        Objects.requireNonNull(now, "now");
        return report(input, ReportRequest.classic().withOptions(options).withNow(now));
    }

    /**
     * The report {@code request} asks for over {@code input}, with the request's lookback, extrapolation and
     * windows (not this instance's {@link #options()}): the classic three windows, or the request's, each with three
     * columns as in {@code uptime report --window}. Without a {@code now} in the request the windows end at the
     * input's latest poll (computed by Spark), or at the clock's instant when there is no poll at all. The input's
     * planned closures are sent to every task.
     */
    public SparkReport report(SparkInput input, ReportRequest request) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(request, "request");
        UptimeEngine engine = UptimeEngine.builder().options(request.options()).clock(clock).build();
        Instant given = request.now().orElseGet(() -> input.latestPollMicros().map(SparkUptime::instant)
                .orElseGet(clock::instant));
        // the request checks the years; polls have microseconds, as the engine's now
        Instant reportNow = request.withNow(given).now().orElseThrow().truncatedTo(ChronoUnit.MICROS);
        TimeInterval range = engine.pollRange(reportNow, request);

        Dataset<Row> polls = input.pollsBetween(micros(range.start()), micros(range.end()));
        Dataset<Row> events = polls.select(col("store_id"), lit(Columns.POLL).as("kind"), col("micros"), col("seq"),
                        col("active"), lit(null).cast(DataTypes.IntegerType).as("day"),
                        lit(null).cast(DataTypes.StringType).as("start"),
                        lit(null).cast(DataTypes.StringType).as("end"),
                        lit(null).cast(DataTypes.StringType).as("zone"))
                .unionByName(input.hours().select(col("store_id"), lit(Columns.HOURS_ROW).as("kind"),
                        lit(0L).as("micros"), col("seq"), lit(null).cast(DataTypes.BooleanType).as("active"),
                        col("day"), col("start"), col("end"), lit(null).cast(DataTypes.StringType).as("zone")))
                .unionByName(input.zones().select(col("store_id"), lit(Columns.ZONE).as("kind"), lit(0L).as("micros"),
                        col("seq"), lit(null).cast(DataTypes.BooleanType).as("active"),
                        lit(null).cast(DataTypes.IntegerType).as("day"),
                        lit(null).cast(DataTypes.StringType).as("start"),
                        lit(null).cast(DataTypes.StringType).as("end"), col("zone")))
                // stores whose polls all lie outside the range still get their row
                .unionByName(input.pollStoreIds().select(col("store_id"), lit(Columns.STORE).as("kind"),
                        lit(0L).as("micros"), lit(0L).as("seq"), lit(null).cast(DataTypes.BooleanType).as("active"),
                        lit(null).cast(DataTypes.IntegerType).as("day"),
                        lit(null).cast(DataTypes.StringType).as("start"),
                        lit(null).cast(DataTypes.StringType).as("end"),
                        lit(null).cast(DataTypes.StringType).as("zone")));
        Dataset<Row> byStore = partitions > 0
                ? events.repartition(partitions, col("store_id"))
                : events.repartition(col("store_id"));
        Dataset<Row> rows = byStore
                .sortWithinPartitions(col("store_id"), col("kind"), col("micros"), col("seq"))
                .mapPartitions(new StoreRowsFunction(reportNow, request, input.closures()),
                        Encoders.row(Columns.report(request.windows())));
        return new SparkReport(reportNow, request.options(), request.windows(), rows);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** Configures a {@link SparkUptime}; every setting has a default. */
    public static final class Builder {
        private ReportOptions options = ReportOptions.DEFAULTS;
        private int partitions;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Lookback and extrapolation (default {@link ReportOptions#DEFAULTS}). */
        public Builder options(ReportOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * How many partitions the stores are shuffled into (default 0: Spark's {@code spark.sql.shuffle.partitions},
         * which adaptive execution may coalesce).
         */
        public Builder partitions(int partitions) {
            if (partitions < 0) {
                throw new IllegalArgumentException("partitions must not be negative: " + partitions);
            }
            this.partitions = partitions;
            return this;
        }

        /** The clock giving {@code now} when the input has no poll at all (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The configured instance. */
        public SparkUptime build() {
            return new SparkUptime(this);
        }
    }
}
