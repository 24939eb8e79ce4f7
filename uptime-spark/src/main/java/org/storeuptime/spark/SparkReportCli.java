package org.storeuptime.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.UptimeException;
import org.storeuptime.core.csv.ReadCounts;
import org.storeuptime.core.csv.RejectedRow;

/**
 * {@code spark-report}: the uptime report computed on Spark, from CSV files, Parquet or PostgreSQL, written as the
 * report CSV (byte-identical to {@code uptime report}) and/or as Parquet. Runs in local mode from the
 * {@code spark-report} script, or on a cluster through {@code spark-submit} (then the master comes from
 * spark-submit). Exit status: 0 done, 1 failed, 2 wrong usage.
 */
public final class SparkReportCli {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            Usage: spark-report (--data DIR | --status F --hours F --timezones F | --parquet DIR
                                 | --jdbc-url URL [--schema S]) [--now T] [--master local[*]]
                                [--out F] [--out-parquet DIR] [--partitions N] [--lookback PT24H]
                                [--extrapolation nearest-poll|carry-forward] [--strict]
                   spark-report (--data DIR | --status F --hours F --timezones F) --write-input-parquet DIR

            Computes the uptime report of every store on Apache Spark with the same rules as 'uptime report'.

            Input (one of):
              --data DIR              folder with store_status.csv, menu_hours.csv, timezones.csv
              --status F --hours F --timezones F
                                      the three CSV files by name (either published edition)
              --parquet DIR           DIR/store_status, DIR/menu_hours, DIR/timezones as Parquet
              --jdbc-url URL          PostgreSQL filled by 'uptime import' ($UPTIME_JDBC_URL; credentials in
                                      the URL or $UPTIME_DB_USER, $UPTIME_DB_PASSWORD)
              --schema S              the database schema (default: public)
            Report:
              --now T                 where the windows end, ISO-8601 (default: the latest poll)
              --lookback D            how long before the week polls still count (default: PT24H)
              --extrapolation MODE    nearest-poll (default) or carry-forward
              --strict                with CSV input: fail when any row is rejected
            Output:
              --out F                 the report CSV; '-' for standard out (default: -, unless --out-parquet)
              --out-parquet DIR       the rows as Parquet, one sorted file per partition (replaced)
              --write-input-parquet DIR
                                      instead of a report: write the CSV input as Parquet for --parquet
            Spark:
              --master M              Spark master (default: local[*]; under spark-submit, spark-submit's)
              --partitions N          partitions the stores are shuffled into (default: Spark's)
              --help                  this text

            Paths are Hadoop paths: local files, hdfs://, s3a:// and so on.
            Exit status: 0 done (also when CSV rows were rejected and skipped), 1 failed, 2 wrong usage.
            """;

    private static final Set<String> FLAGS = Set.of("--strict", "--help", "-h");
    private static final Set<String> OPTIONS = Set.of("--data", "--status", "--hours", "--timezones", "--parquet",
            "--jdbc-url", "--schema", "--now", "--lookback", "--extrapolation", "--out", "--out-parquet",
            "--write-input-parquet", "--master", "--partitions");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Clock clock;
    private final Function<String, SparkSession> sessions;
    private final boolean stopSession;

    /**
     * A command line printing to {@code out} and {@code err}; {@code sessions} gives the session for a
     * {@code --master} (null when not given), stopped at the end when {@code stopSession}.
     */
    SparkReportCli(PrintStream out, PrintStream err, Map<String, String> env, Clock clock,
            Function<String, SparkSession> sessions, boolean stopSession) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.clock = clock;
        this.sessions = sessions;
        this.stopSession = stopSession;
    }

    /** Runs {@code spark-report} with {@code args} and exits with its status. */
    public static void main(String[] args) {
        int status = new SparkReportCli(System.out, System.err, System.getenv(), Clock.systemUTC(),
                SparkReportCli::session, true).run(args);
        System.out.flush();
        System.exit(status);
    }

    /** Runs with {@code args}; returns the exit status. Never throws for bad input or a failed job. */
    int run(String[] args) {
        Arguments parsed;
        try {
            parsed = Arguments.parse(args, env);
        } catch (UsageException e) {
            err.println("spark-report: " + e.getMessage() + " (see --help)");
            return USAGE;
        }
        if (parsed.help) {
            out.print(USAGE_TEXT);
            return DONE;
        }
        try {
            parsed.checkLocalPaths();
        } catch (UsageException e) {
            err.println("spark-report: " + e.getMessage() + " (see --help)");
            return USAGE;
        }
        SparkSession spark = null;
        try {
            spark = sessions.apply(parsed.master);
            return execute(spark, parsed);
        } catch (UsageException e) {
            err.println("spark-report: " + e.getMessage() + " (see --help)");
            return USAGE;
        } catch (Exception e) {
            // also Spark's SparkException, which is checked in Java's terms but thrown undeclared from Scala
            err.println("spark-report: failed: " + Failures.message(e));
            return FAILED;
        } finally {
            if (spark != null && stopSession) {
                spark.stop();
            }
        }
    }

    private int execute(SparkSession spark, Arguments a) throws IOException {
        long started = clock.millis();
        try (SparkInput input = input(spark, a)) {
            if (!input.readCounts().isEmpty()) {
                printRejected(input);
                if (a.strict && input.rejectedCount() > 0) {
                    long count = input.rejectedCount();
                    err.println("spark-report: failed: strict mode: " + count + (count == 1 ? " row was" : " rows were")
                            + " rejected (see above), nothing was computed");
                    return FAILED;
                }
            }
            if (a.writeInputParquet != null) {
                input.writeParquet(a.writeInputParquet);
                err.printf(Locale.ROOT, "wrote the input as Parquet to %s (%.2f s)%n", a.writeInputParquet,
                        (clock.millis() - started) / 1000.0);
                err.println(doneLine(input.rejectedCount()));
                return DONE;
            }
            SparkUptime uptime = SparkUptime.builder()
                    .options(new ReportOptions(a.lookback, a.extrapolation))
                    .partitions(a.partitions)
                    .clock(clock)
                    .build();
            SparkReport report = uptime.report(input, a.now);
            err.println("computing the report on " + spark.sparkContext().master() + ", now " + report.now()
                    + (a.now == null ? " (the latest poll, or the clock without polls)" : "")
                    + ", extrapolation " + a.extrapolation.optionName() + ", lookback " + a.lookback);
            if (a.outParquet != null && a.out != null) {
                report.rows().persist();
            }
            if (a.outParquet != null) {
                report.writeParquet(a.outParquet);
                err.printf(Locale.ROOT, "wrote the rows as Parquet to %s (%.2f s)%n", a.outParquet,
                        (clock.millis() - started) / 1000.0);
            }
            if (a.out != null) {
                long rows;
                String where;
                if (a.out.equals("-")) {
                    rows = report.writeCsv(out);
                    out.flush();
                    where = "standard out";
                } else {
                    rows = report.writeCsv(Path.of(a.out));
                    where = a.out;
                }
                err.printf(Locale.ROOT, "wrote %d rows to %s (%.2f s)%n", rows, where,
                        (clock.millis() - started) / 1000.0);
            }
            report.rows().unpersist();
            err.println(doneLine(input.rejectedCount()));
            return DONE;
        }
    }

    private SparkInput input(SparkSession spark, Arguments a) {
        if (a.data != null) {
            err.println("reading " + a.data);
            return SparkInput.csvDirectory(spark, a.data);
        }
        if (a.status != null) {
            err.println("reading " + a.status + ", " + a.hours + ", " + a.timezones);
            return SparkInput.csv(spark, a.status, a.hours, a.timezones);
        }
        if (a.parquet != null) {
            err.println("reading Parquet " + a.parquet);
            return SparkInput.parquet(spark, a.parquet);
        }
        Properties props = new Properties();
        String user = env.get("UPTIME_DB_USER");
        String password = env.get("UPTIME_DB_PASSWORD");
        if (user != null && !user.isBlank()) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        err.println("reading " + redacted(a.jdbcUrl) + ", schema " + a.schema);
        int partitions = a.partitions > 0 ? a.partitions : spark.sparkContext().defaultParallelism();
        return SparkInput.jdbc(spark, a.jdbcUrl, a.schema, props, partitions);
    }

    private void printRejected(SparkInput input) {
        for (RejectedRow row : input.rejectedRows()) {
            err.println("rejected: " + row.message());
        }
        long more = input.rejectedCount() - input.rejectedRows().size();
        if (more > 0) {
            err.println("... and " + more + " more rejected rows");
        }
        for (ReadCounts counts : input.readCounts()) {
            err.println(counts.file() + ": " + counts.read() + " rows read, " + counts.rejected() + " rejected");
        }
    }

    private static String doneLine(long rejected) {
        if (rejected == 0) {
            return "done";
        }
        return "done, but " + rejected + " input " + (rejected == 1 ? "row was" : "rows were")
                + " rejected and left out (see above; --strict makes this fail)";
    }

    /** A JDBC URL without its password parameter, for messages. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /**
     * The session: under spark-submit (spark.master already set) the cluster's, else local mode on loopback
     * without the web UI. Always UTC, although the report never depends on it: times are instants throughout.
     */
    private static SparkSession session(String master) {
        SparkSession.Builder builder = SparkSession.builder().appName("uptime-report")
                .config("spark.sql.session.timeZone", "UTC");
        boolean submitted = System.getProperty("spark.master") != null;
        String chosen = master != null ? master : submitted ? null : "local[*]";
        if (chosen != null) {
            builder.master(chosen);
        }
        if (chosen != null && chosen.startsWith("local")) {
            builder.config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        // logging stays as configured: quiet from the spark-report script, the cluster's under spark-submit
        return builder.getOrCreate();
    }

    /** A usage error: wrong or missing options, or an input path that is not there. */
    static final class UsageException extends UptimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The parsed command line. */
    static final class Arguments {
        boolean help;
        boolean strict;
        String data;
        String status;
        String hours;
        String timezones;
        String parquet;
        String jdbcUrl;
        String schema = "public";
        boolean schemaGiven;
        Instant now;
        Duration lookback = ReportOptions.DEFAULTS.lookback();
        Extrapolation extrapolation = ReportOptions.DEFAULTS.extrapolation();
        String out;
        String outParquet;
        String writeInputParquet;
        String master;
        int partitions;

        static Arguments parse(String[] args, Map<String, String> env) {
            Map<String, String> values = new LinkedHashMap<>();
            Arguments a = new Arguments();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                if (FLAGS.contains(arg)) {
                    if (value != null) {
                        throw new UsageException(arg + " takes no value");
                    }
                    if (arg.equals("--strict")) {
                        a.strict = true;
                    } else {
                        a.help = true;
                    }
                    continue;
                }
                if (!OPTIONS.contains(arg)) {
                    throw new UsageException(arg.startsWith("-") ? "unknown option " + arg
                            : "unexpected argument '" + arg + "'");
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(arg + " needs a value");
                    }
                    value = args[++i];
                }
                if (values.put(arg, value) != null) {
                    throw new UsageException(arg + " is given twice");
                }
            }
            if (a.help) {
                return a;
            }
            a.data = values.get("--data");
            a.status = values.get("--status");
            a.hours = values.get("--hours");
            a.timezones = values.get("--timezones");
            a.parquet = values.get("--parquet");
            a.jdbcUrl = values.get("--jdbc-url");
            a.schemaGiven = values.containsKey("--schema");
            a.schema = values.getOrDefault("--schema", "public");
            a.outParquet = values.get("--out-parquet");
            a.writeInputParquet = values.get("--write-input-parquet");
            a.master = values.get("--master");
            a.out = values.get("--out");
            if (a.out == null && a.outParquet == null && a.writeInputParquet == null) {
                a.out = "-";
            }
            List<String> inputs = new ArrayList<>();
            if (a.data != null) {
                inputs.add("--data");
            }
            if (a.status != null || a.hours != null || a.timezones != null) {
                if (a.status == null || a.hours == null || a.timezones == null) {
                    throw new UsageException("--status, --hours and --timezones go together: give all three");
                }
                inputs.add("--status/--hours/--timezones");
            }
            if (a.parquet != null) {
                inputs.add("--parquet");
            }
            if (a.jdbcUrl != null) {
                inputs.add("--jdbc-url");
            }
            if (inputs.size() > 1) {
                throw new UsageException(String.join(" and ", inputs) + " are mutually exclusive: give one input");
            }
            if (inputs.isEmpty()) {
                String fromEnv = env.get("UPTIME_JDBC_URL");
                if (fromEnv == null || fromEnv.isBlank()) {
                    throw new UsageException("missing the input: give --data DIR, or --status F --hours F --timezones F, "
                            + "or --parquet DIR, or --jdbc-url URL (or set UPTIME_JDBC_URL)");
                }
                a.jdbcUrl = fromEnv;
            }
            if (a.schemaGiven && a.jdbcUrl == null) {
                throw new UsageException("--schema needs a database (--jdbc-url)");
            }
            if (a.strict && a.data == null && a.status == null) {
                throw new UsageException("--strict applies to CSV input; Parquet and database input fail on any bad value");
            }
            if (a.writeInputParquet != null && a.data == null && a.status == null) {
                throw new UsageException("--write-input-parquet converts CSV input: give --data or the three files");
            }
            if (a.writeInputParquet != null && (values.containsKey("--out") || a.outParquet != null)) {
                throw new UsageException("--write-input-parquet writes no report: leave out --out and --out-parquet");
            }
            if (values.containsKey("--now")) {
                try {
                    a.now = Instant.parse(values.get("--now"));
                } catch (DateTimeParseException e) {
                    throw new UsageException("--now: cannot parse '" + values.get("--now")
                            + "' (expected an ISO-8601 instant like 2024-10-14T23:55:18Z)");
                }
            }
            if (values.containsKey("--lookback")) {
                try {
                    a.lookback = Duration.parse(values.get("--lookback"));
                    new ReportOptions(a.lookback, a.extrapolation);
                } catch (DateTimeParseException e) {
                    throw new UsageException("--lookback: cannot parse '" + values.get("--lookback")
                            + "' (expected an ISO-8601 duration like PT24H)");
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--lookback: " + e.getMessage());
                }
            }
            if (values.containsKey("--extrapolation")) {
                String mode = values.get("--extrapolation");
                a.extrapolation = null;
                for (Extrapolation e : Extrapolation.values()) {
                    if (e.optionName().equals(mode)) {
                        a.extrapolation = e;
                    }
                }
                if (a.extrapolation == null) {
                    throw new UsageException("--extrapolation: unknown mode '" + mode
                            + "' (expected nearest-poll or carry-forward)");
                }
            }
            if (values.containsKey("--partitions")) {
                try {
                    a.partitions = Integer.parseInt(values.get("--partitions"));
                } catch (NumberFormatException e) {
                    a.partitions = -1;
                }
                if (a.partitions < 1) {
                    throw new UsageException("--partitions: expected a positive number, not '"
                            + values.get("--partitions") + "'");
                }
            }
            return a;
        }

        /** Checks the paths that are plainly local (no scheme) before Spark starts, as usage errors. */
        void checkLocalPaths() {
            if (data != null && isLocal(data)) {
                if (!Files.isDirectory(Path.of(data))) {
                    throw new UsageException("--data " + data + ": no such directory");
                }
                for (String name : List.of("store_status.csv", "menu_hours.csv", "timezones.csv")) {
                    requireFile("--data " + data, SparkInput.inFolder(data + "/", name));
                }
            }
            if (status != null) {
                requireFile("--status", status);
                requireFile("--hours", hours);
                requireFile("--timezones", timezones);
            }
            if (parquet != null && isLocal(parquet) && !Files.isDirectory(Path.of(parquet))) {
                throw new UsageException("--parquet " + parquet + ": no such directory");
            }
            if (out != null && !out.equals("-")) {
                Path file = Path.of(out);
                if (Files.isDirectory(file)) {
                    throw new UsageException("--out " + out + ": is a directory");
                }
                Path dir = file.toAbsolutePath().getParent();
                if (dir == null || !Files.isDirectory(dir)) {
                    throw new UsageException("--out " + out + ": no such directory: " + dir);
                }
            }
        }

        private static void requireFile(String option, String path) {
            if (isLocal(path) && !Files.isRegularFile(Path.of(path))) {
                throw new UsageException(option + ": no such file: " + path);
            }
        }

        private static boolean isLocal(String path) {
            return !path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
        }
    }
}
