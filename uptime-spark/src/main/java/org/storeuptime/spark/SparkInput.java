package org.storeuptime.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.Closure;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.internal.InputCsv;
import org.storeuptime.core.csv.ReadCounts;
import org.storeuptime.core.csv.RejectedRow;
import org.storeuptime.core.csv.RejectedRowsException;

/**
 * The polls, business hours and time zones (and the planned closures, when there are any) of a report on Spark, from the published CSV files, from Parquet,
 * from the {@code uptime-jdbc} schema in PostgreSQL, or from any three {@code Dataset<Row>}.
 *
 * <p>Columns of your own Datasets ({@link #of}; names case-insensitive, other columns ignored):
 * <ul>
 *   <li>polls: {@code store_id} (string), {@code status} ({@code active} or {@code inactive}), {@code timestamp_utc}
 *       (a timestamp, or a long of microseconds since the epoch);
 *   <li>hours: {@code store_id}, {@code dayOfWeek} (or {@code day}, {@code day_of_week}; 0 = Monday),
 *       {@code start_time_local}, {@code end_time_local} (text such as {@code 09:00:00}; {@code 24:00} ends the day);
 *   <li>zones: {@code store_id}, {@code timezone_str} (an IANA id).
 * </ul>
 * A value there that the core's rules reject fails the report with a {@link SparkInputException} naming the store,
 * the field and the value; CSV files instead go through the core's readers, which reject bad rows one by one and
 * count them ({@link #rejectedCount()}), exactly as {@code uptime report} does.
 *
 * <p>Among polls of one store at the same instant the first one read wins, as in the core; for Datasets "first"
 * is the order Spark reads them in (file, then position), for CSV the line.
 */
public final class SparkInput implements AutoCloseable {

    /** How many rejected rows a CSV input keeps for display; all are counted. */
    public static final int KEPT_REJECTED_ROWS = 100;

    private final PollsSource polls;
    private final Dataset<Row> hours;
    private final Dataset<Row> zones;
    private final List<Closure> closures;
    private final List<ReadCounts> readCounts;
    private final List<RejectedRow> rejectedRows;
    private final long rejectedCount;
    private final Dataset<Row> persisted;

    private SparkInput(PollsSource polls, Dataset<Row> hours, Dataset<Row> zones, List<Closure> closures,
            List<ReadCounts> readCounts, List<RejectedRow> rejectedRows, long rejectedCount, Dataset<Row> persisted) {
        this.polls = polls;
        this.hours = hours;
        this.zones = zones;
        this.closures = List.copyOf(closures);
        this.readCounts = List.copyOf(readCounts);
        this.rejectedRows = List.copyOf(rejectedRows);
        this.rejectedCount = rejectedCount;
        this.persisted = persisted;
    }

    /**
     * Input from three Datasets with the columns described above.
     *
     * @throws IllegalArgumentException naming the Dataset and column when a column is missing or of a wrong type
     */
    public static SparkInput of(Dataset<Row> polls, Dataset<Row> hours, Dataset<Row> zones) {
        Objects.requireNonNull(polls, "polls");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(zones, "zones");
        return new SparkInput(new TypedPolls(polls), normalizeHours(hours), normalizeZones(zones), List.of(),
                List.of(), List.of(), 0, null);
    }

    /**
     * This input with the planned closures {@code closures} (small: they are kept on the driver and sent to every
     * task) in place of its own; of closures with equal store and bounds the first one counts.
     */
    public SparkInput withClosures(List<Closure> closures) {
        return new SparkInput(polls, hours, zones, distinct(Objects.requireNonNull(closures, "closures")), readCounts,
                rejectedRows, rejectedCount, persisted);
    }

    /** The planned closures, in the order read; empty when the input has none. */
    public List<Closure> closures() {
        return closures;
    }

    /** Of closures with equal store and bounds the first, as the core's loader keeps them. */
    private static List<Closure> distinct(List<Closure> closures) {
        Map<List<Object>, Closure> byKey = new LinkedHashMap<>();
        for (Closure c : closures) {
            byKey.putIfAbsent(List.of(c.storeId(), c.start(), c.end()), c);
        }
        return new ArrayList<>(byKey.values());
    }

    /**
     * Input from the CSV files of a data folder ({@code store_status.csv}, {@code menu_hours.csv},
     * {@code timezones.csv}, and {@code closures.csv} when the folder has it); see
     * {@link #csv(SparkSession, String, String, String, String)}.
     */
    public static SparkInput csvDirectory(SparkSession spark, String dir) {
        String base = dir.endsWith("/") ? dir : dir + "/";
        String closures = inFolder(base, InputFiles.CLOSURES_FILE);
        return csv(spark, inFolder(base, InputFiles.STATUS_FILE), inFolder(base, InputFiles.HOURS_FILE),
                inFolder(base, InputFiles.TIMEZONES_FILE), exists(closures) ? closures : null);
    }

    /** Whether the Hadoop path exists; false when its file system cannot tell. */
    static boolean exists(String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            return p.getFileSystem(new org.apache.hadoop.conf.Configuration()).exists(p);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The three CSV files without planned closures; see {@link #csv(SparkSession, String, String, String, String)}. */
    public static SparkInput csv(SparkSession spark, String status, String hours, String timezones) {
        return csv(spark, status, hours, timezones, null);
    }

    /** As the core's {@link InputFiles#inDirectory}: {@code name}, else {@code name.gz} when only that exists. */
    static String inFolder(String base, String name) {
        String plain = base + name;
        String gzip = plain + InputFiles.GZIP_SUFFIX;
        try {
            org.apache.hadoop.fs.Path gzipPath = new org.apache.hadoop.fs.Path(gzip);
            org.apache.hadoop.fs.FileSystem fs = gzipPath.getFileSystem(new org.apache.hadoop.conf.Configuration());
            return !fs.exists(new org.apache.hadoop.fs.Path(plain)) && fs.exists(gzipPath) ? gzip : plain;
        } catch (java.io.IOException e) {
            return plain; // reading it then fails naming the file
        }
    }

    /**
     * Input from the published CSV files (either edition), read by the core's readers on the executors, one task
     * per file, with the core's validation: rejected rows are skipped and counted ({@link #rejectedCount()}).
     * Paths are Hadoop paths (local, {@code hdfs://}, {@code s3a://}, ...). The files are read and checked at once
     * and the rows kept (memory, then local disk) until {@link #close()}.
     *
     * @param closures the planned closures file, {@code null} for none; its rows are collected on the driver
     * @throws SparkInputException when a file cannot be read as a whole (missing, not UTF-8, wrong header)
     */
    public static SparkInput csv(SparkSession spark, String status, String hours, String timezones,
            @Nullable String closures) {
        Objects.requireNonNull(spark, "spark");
        List<String> files = new ArrayList<>(List.of("0\t" + Objects.requireNonNull(status, "status"),
                "1\t" + Objects.requireNonNull(hours, "hours"), "2\t" + Objects.requireNonNull(timezones, "timezones")));
        if (closures != null) {
            files.add("3\t" + closures);
        }
        var rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(files, files.size());
        Dataset<Row> parsed = spark.createDataset(rdd.rdd(), Encoders.STRING())
                .mapPartitions(new CsvFileReader(), Encoders.row(CsvFileReader.SCHEMA))
                .persist();
        try {
            List<Row> meta = parsed.filter(col("kind").isin(CsvFileReader.COUNTS, CsvFileReader.ERROR))
                    .orderBy("file_index").collectAsList();
            for (Row row : meta) {
                if (row.<String>getAs("kind").equals(CsvFileReader.ERROR)) {
                    throw new SparkInputException(row.<String>getAs("reason"));
                }
            }
            List<ReadCounts> counts = new ArrayList<>();
            long rejected = 0;
            for (Row row : meta) {
                long rejectedRows = row.<Long>getAs("rejected");
                counts.add(new ReadCounts(row.<String>getAs("file"), row.<Long>getAs("read"), rejectedRows));
                rejected += rejectedRows;
            }
            List<RejectedRow> kept = new ArrayList<>();
            if (rejected > 0) {
                for (Row row : parsed.filter(col("kind").equalTo(CsvFileReader.REJECTED))
                        .orderBy("file_index", "line").limit(KEPT_REJECTED_ROWS).collectAsList()) {
                    kept.add(new RejectedRow(row.<String>getAs("file"), row.<Long>getAs("line"),
                            row.<String>getAs("field"), row.<String>getAs("reason")));
                }
            }
            Dataset<Row> polls = parsed.filter(col("kind").equalTo(CsvFileReader.POLL))
                    .select(col("store_id"), col("micros"), col("active"), col("line").as("seq"));
            Dataset<Row> hoursRows = parsed.filter(col("kind").equalTo(CsvFileReader.HOURS))
                    .select(col("store_id"), col("day"), col("start"), col("end"), col("line").as("seq"));
            Dataset<Row> zoneRows = parsed.filter(col("kind").equalTo(CsvFileReader.ZONE))
                    .select(col("store_id"), col("zone"), col("line").as("seq"));
            List<Closure> closureRows = new ArrayList<>();
            if (closures != null) {
                for (Row row : parsed.filter(col("kind").equalTo(CsvFileReader.CLOSURE)).orderBy("line")
                        .collectAsList()) {
                    closureRows.add(Closure.of(row.<String>getAs("store_id"),
                            LocalDateTime.parse(row.<String>getAs("start")), LocalDateTime.parse(row.<String>getAs("end")),
                            row.<String>getAs("zone")));
                }
            }
            return new SparkInput(new NormalizedPolls(polls), hoursRows, zoneRows, distinct(closureRows), counts, kept,
                    rejected, parsed);
        } catch (Exception e) {
            // any failure, Spark's undeclared SparkException included: let go of the rows read so far
            parsed.unpersist();
            throw e;
        }
    }

    /**
     * Input from Parquet: {@code dir/store_status}, {@code dir/menu_hours} and {@code dir/timezones}, each a Parquet
     * file or folder with the columns of {@link #of}, as {@link #writeParquet} writes them, and the planned closures
     * of {@code dir/closures} when there is one (the columns of {@code closures.csv}).
     */
    public static SparkInput parquet(SparkSession spark, String dir) {
        Objects.requireNonNull(spark, "spark");
        String base = dir.endsWith("/") ? dir : dir + "/";
        SparkInput input = of(spark.read().parquet(base + "store_status"), spark.read().parquet(base + "menu_hours"),
                spark.read().parquet(base + "timezones"));
        return exists(base + CLOSURES) ? input.withClosures(closures(spark.read().parquet(base + CLOSURES), "closures"))
                : input;
    }

    /**
     * Input from the tables of the {@code uptime-jdbc} schema in PostgreSQL, read through Spark's JDBC source in
     * {@code partitions} parallel reads, each taking the stores of one hash bucket
     * ({@code mod(hashtext(store_id) + 2^31, partitions)}). Only the report's time range of polls is read.
     *
     * @param connection JDBC connection properties ({@code user}, {@code password}, ...); credentials may also be
     *     in the URL
     * @param schema the schema holding the tables, {@code public} by default
     */
    public static SparkInput jdbc(SparkSession spark, String url, String schema, Properties connection,
            int partitions) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(url, "url");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        Properties props = new Properties();
        props.putAll(connection);
        if (url.startsWith("jdbc:postgresql:") && !props.containsKey("driver")) {
            props.setProperty("driver", "org.postgresql.Driver");
        }
        String prefix = "\"" + (schema == null ? "public" : schema).replace("\"", "\"\"") + "\".";
        String[] predicates = new String[partitions];
        for (int i = 0; i < partitions; i++) {
            predicates[i] = "mod(hashtext(store_id)::bigint + 2147483648, " + partitions + ") = " + i;
        }
        JdbcPolls polls = new JdbcPolls(spark, url, prefix, props, predicates);
        Dataset<Row> hours = spark.read().jdbc(url, "(SELECT store_id, day_of_week, start_time_local::text AS "
                + "start_time_local, end_time_local::text AS end_time_local FROM " + prefix + "store_business_hour) h",
                predicates, props);
        Dataset<Row> zones = spark.read().jdbc(url, prefix + "store_timezone", predicates, props);
        // a small table, read on the driver; the bounds as text in the form of closures.csv
        Dataset<Row> closures = spark.read().jdbc(url, "(SELECT store_id, to_char(start_local, 'YYYY-MM-DD HH24:MI:SS')"
                + " AS start_local, to_char(end_local, 'YYYY-MM-DD HH24:MI:SS') AS end_local, reason FROM " + prefix
                + "store_closure) c", props);
        return new SparkInput(polls, normalizeHours(hours), normalizeZones(zones),
                distinct(closures(closures, "store_closure")), List.of(), List.of(), 0, null);
    }

    /** Per CSV file, rows read and rejected (status, hours, zones); empty for other inputs. */
    public List<ReadCounts> readCounts() {
        return readCounts;
    }

    /** The first {@value #KEPT_REJECTED_ROWS} rows the core's readers rejected, in file and line order. */
    public List<RejectedRow> rejectedRows() {
        return rejectedRows;
    }

    /** How many CSV rows were rejected in all. */
    public long rejectedCount() {
        return rejectedCount;
    }

    /**
     * For strict runs: fails when any row was rejected.
     *
     * @throws RejectedRowsException with the kept rows and the counts per file
     */
    public void requireNoRejectedRows() {
        if (rejectedCount > 0) {
            throw new RejectedRowsException(rejectedRows, rejectedCount, readCounts);
        }
    }

    /**
     * Writes the input as Parquet in the layout {@link #parquet} reads ({@code dir/store_status},
     * {@code dir/menu_hours}, {@code dir/timezones}), replacing what is there. Rows keep their read order (a CSV
     * file is one partition, written as it was read), so duplicates resolve the same way when read back.
     */
    public void writeParquet(String dir) {
        String base = dir.endsWith("/") ? dir : dir + "/";
        polls.all()
                .select(col("store_id"),
                        when(col("active"), lit("active")).otherwise(lit("inactive")).as("status"),
                        org.apache.spark.sql.functions.timestamp_micros(col("micros")).as("timestamp_utc"))
                .write().mode(SaveMode.Overwrite).parquet(base + "store_status");
        hours.select(col("store_id"), col("day").as("dayOfWeek"), col("start").as("start_time_local"),
                col("end").as("end_time_local")).write().mode(SaveMode.Overwrite).parquet(base + "menu_hours");
        zones.select(col("store_id"), col("zone").as("timezone_str"))
                .write().mode(SaveMode.Overwrite).parquet(base + "timezones");
        if (!closures.isEmpty()) {
            List<Row> rows = new ArrayList<>();
            for (Closure c : closures) {
                rows.add(RowFactory.create(c.storeId(), c.start().toString(), c.end().toString(), c.reason()));
            }
            SparkSession spark = zones.sparkSession();
            spark.createDataFrame(rows, CLOSURE_COLUMNS).coalesce(1).write().mode(SaveMode.Overwrite)
                    .parquet(base + CLOSURES);
        }
    }

    /** The folder of the planned closures in the Parquet layout. */
    private static final String CLOSURES = "closures";

    /** The columns of {@code closures.csv}, all text. */
    private static final org.apache.spark.sql.types.StructType CLOSURE_COLUMNS = new org.apache.spark.sql.types.StructType()
            .add("store_id", DataTypes.StringType, false)
            .add("start_local", DataTypes.StringType, false)
            .add("end_local", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false);

    /**
     * The closures of a small Dataset with the columns of {@code closures.csv}, collected on the driver and checked
     * by the core's rules for a closures row.
     *
     * @throws SparkInputException naming the input, the store and the field of a value the rules reject
     */
    private static List<Closure> closures(Dataset<Row> rows, String input) {
        String id = column(rows, input, "store_id");
        String start = column(rows, input, "start_local");
        String end = column(rows, input, "end_local");
        String reason = column(rows, input, "reason");
        List<Closure> closures = new ArrayList<>();
        for (Row row : rows.select(col(id).cast(DataTypes.StringType), col(start).cast(DataTypes.StringType),
                col(end).cast(DataTypes.StringType), col(reason).cast(DataTypes.StringType)).collectAsList()) {
            String storeId = row.isNullAt(0) ? "" : row.getString(0);
            try {
                closures.add(InputCsv.closure(storeId, row.isNullAt(1) ? "" : row.getString(1),
                        row.isNullAt(2) ? "" : row.getString(2), row.isNullAt(3) ? "" : row.getString(3)));
            } catch (IllegalArgumentException e) {
                throw new SparkInputException(input + ": store " + storeId + ": " + e.getMessage(), e);
            }
        }
        return closures;
    }

    /** Lets go of the rows a CSV input keeps; nothing for other inputs. */
    @Override
    public void close() {
        if (persisted != null) {
            persisted.unpersist();
        }
    }

    /** Polls with {@code from <= micros <= to}, as {@link Columns#POLLS}. */
    Dataset<Row> pollsBetween(long fromMicros, long toMicros) {
        return polls.between(fromMicros, toMicros);
    }

    /** The latest poll's time, computed by Spark; empty without polls. */
    Optional<Long> latestPollMicros() {
        return polls.latestMicros();
    }

    /** Every store id of the polls, whatever their time. */
    Dataset<Row> pollStoreIds() {
        return polls.storeIds();
    }

    /** Hours as {@link Columns#HOURS}. */
    Dataset<Row> hours() {
        return hours;
    }

    /** Zones as {@link Columns#ZONES}. */
    Dataset<Row> zones() {
        return zones;
    }

    /** Where the polls come from: each source filters by time where it reads best. */
    private interface PollsSource {
        Dataset<Row> between(long fromMicros, long toMicros);

        Optional<Long> latestMicros();

        Dataset<Row> storeIds();

        Dataset<Row> all();
    }

    /** Polls already in {@link Columns#POLLS} (the CSV input). */
    private record NormalizedPolls(Dataset<Row> polls) implements PollsSource {
        @Override
        public Dataset<Row> between(long fromMicros, long toMicros) {
            return polls.filter(col("micros").between(fromMicros, toMicros));
        }

        @Override
        public Optional<Long> latestMicros() {
            Row row = polls.agg(max("micros")).first();
            return row.isNullAt(0) ? Optional.empty() : Optional.of(row.getLong(0));
        }

        @Override
        public Dataset<Row> storeIds() {
            return polls.select("store_id").distinct();
        }

        @Override
        public Dataset<Row> all() {
            return polls;
        }
    }

    /** Polls of a caller's Dataset or Parquet: the time filter comes first, so Parquet skips what is outside. */
    private static final class TypedPolls implements PollsSource {
        private final Dataset<Row> raw;
        private final String storeId;
        private final String status;
        private final String timestamp;
        private final boolean timestampIsMicros;

        TypedPolls(Dataset<Row> raw) {
            this.raw = raw;
            this.storeId = column(raw, "polls", "store_id");
            this.status = column(raw, "polls", "status");
            this.timestamp = column(raw, "polls", "timestamp_utc");
            DataType type = raw.schema().apply(timestamp).dataType();
            if (type.equals(DataTypes.LongType)) {
                timestampIsMicros = true;
            } else if (type.equals(DataTypes.TimestampType)) {
                timestampIsMicros = false;
            } else {
                throw new IllegalArgumentException("polls: column " + timestamp + " is " + type.simpleString()
                        + "; expected a timestamp (an instant) or a long of microseconds since the epoch");
            }
        }

        private Column micros() {
            return timestampIsMicros ? col(timestamp) : unix_micros(col(timestamp));
        }

        @Override
        public Dataset<Row> between(long fromMicros, long toMicros) {
            Column inRange = timestampIsMicros ? col(timestamp).between(fromMicros, toMicros)
                    : col(timestamp).between(lit(toInstant(fromMicros)), lit(toInstant(toMicros)));
            return normalize(raw.filter(inRange));
        }

        @Override
        public Optional<Long> latestMicros() {
            Row row = raw.agg(max(micros())).first();
            return row.isNullAt(0) ? Optional.empty() : Optional.of(row.getLong(0));
        }

        @Override
        public Dataset<Row> storeIds() {
            return raw.select(checkedStoreId(raw, storeId, "polls").as("store_id")).distinct();
        }

        @Override
        public Dataset<Row> all() {
            return normalize(raw);
        }

        private Dataset<Row> normalize(Dataset<Row> rows) {
            Column id = checkedStoreId(rows, storeId, "polls");
            Column text = lower(trim(col(status)));
            Column active = when(text.equalTo("active"), lit(true)).when(text.equalTo("inactive"), lit(false))
                    .otherwise(raise_error(concat(lit("polls: store "), coalesce(col(storeId), lit("(none)")),
                            lit(": status: unknown status '"), coalesce(col(status), lit("null")),
                            lit("' (expected active or inactive)"))).cast(DataTypes.BooleanType));
            Column micros = when(col(timestamp).isNull(), raise_error(concat(lit("polls: store "),
                    coalesce(col(storeId), lit("(none)")), lit(": timestamp_utc: missing"))).cast(DataTypes.LongType))
                    .otherwise(micros());
            return rows.select(id.as("store_id"), micros.as("micros"), active.as("active"),
                    monotonically_increasing_id().as("seq"));
        }
    }

    /** Polls from PostgreSQL: the time range goes into each partition's query with explicit UTC instants. */
    private static final class JdbcPolls implements PollsSource {
        private final SparkSession spark;
        private final String url;
        private final String prefix;
        private final Properties props;
        private final String[] predicates;

        JdbcPolls(SparkSession spark, String url, String prefix, Properties props, String[] predicates) {
            this.spark = spark;
            this.url = url;
            this.prefix = prefix;
            this.props = props;
            this.predicates = predicates;
        }

        @Override
        public Dataset<Row> between(long fromMicros, long toMicros) {
            // Literals with an offset, so that neither the JVM's nor the session's zone can shift them.
            String table = "(SELECT store_id, timestamp_utc, status FROM " + prefix + "store_status WHERE timestamp_utc "
                    + "BETWEEN '" + toInstant(fromMicros) + "'::timestamptz AND '" + toInstant(toMicros)
                    + "'::timestamptz) p";
            return new TypedPolls(spark.read().jdbc(url, table, predicates, props)).all();
        }

        @Override
        public Optional<Long> latestMicros() {
            Row row = spark.read().jdbc(url, "(SELECT max(timestamp_utc) AS latest FROM " + prefix + "store_status) m",
                    props).select(unix_micros(col("latest"))).first();
            return row.isNullAt(0) ? Optional.empty() : Optional.of(row.getLong(0));
        }

        @Override
        public Dataset<Row> storeIds() {
            // the schema's store table holds every store of any input
            return spark.read().jdbc(url, prefix + "store", predicates, props).select("store_id");
        }

        @Override
        public Dataset<Row> all() {
            return new TypedPolls(spark.read().jdbc(url, prefix + "store_status", predicates, props)).all();
        }
    }

    private static Dataset<Row> normalizeHours(Dataset<Row> hours) {
        String id = column(hours, "hours", "store_id");
        String day = column(hours, "hours", "dayOfWeek", "day", "day_of_week");
        String start = column(hours, "hours", "start_time_local");
        String end = column(hours, "hours", "end_time_local");
        return hours.select(checkedStoreId(hours, id, "hours").as("store_id"),
                col(day).cast(DataTypes.IntegerType).as("day"), col(start).cast(DataTypes.StringType).as("start"),
                col(end).cast(DataTypes.StringType).as("end"), monotonically_increasing_id().as("seq"));
    }

    private static Dataset<Row> normalizeZones(Dataset<Row> zones) {
        String id = column(zones, "zones", "store_id");
        String zone = column(zones, "zones", "timezone_str");
        return zones.select(checkedStoreId(zones, id, "zones").as("store_id"),
                col(zone).cast(DataTypes.StringType).as("zone"), monotonically_increasing_id().as("seq"));
    }

    /** The store id without surrounding blanks; a missing or blank one fails the job, naming the input. */
    private static Column checkedStoreId(Dataset<Row> rows, String column, String input) {
        Column id = trim(col(column).cast(DataTypes.StringType));
        return when(id.isNull().or(id.equalTo("")), raise_error(lit(input + ": store_id: empty store id"))
                .cast(DataTypes.StringType)).otherwise(id);
    }

    /** The name of the first of {@code names} the Dataset has (case-insensitive). */
    private static String column(Dataset<Row> rows, String input, String... names) {
        for (String name : names) {
            for (StructField field : rows.schema().fields()) {
                if (field.name().equalsIgnoreCase(name)) {
                    return field.name();
                }
            }
        }
        throw new IllegalArgumentException(input + ": no column " + String.join(" or ", names) + " among "
                + Arrays.toString(rows.schema().fieldNames()).toLowerCase(Locale.ROOT));
    }

    private static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
