package org.storeuptime.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.InvalidRequestException;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.ReportWindow;
import org.storeuptime.core.csv.ReadCounts;
import org.storeuptime.core.csv.RejectedRow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

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

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Clock clock;
    private final Function<@Nullable String, SparkSession> sessions;
    private final boolean stopSession;

    /**
     * A command line printing to {@code out} and {@code err}; {@code sessions} gives the session for a
     * {@code --master} (null when not given), stopped at the end when {@code stopSession}.
     */
    SparkReportCli(PrintStream out, PrintStream err, Map<String, String> env, Clock clock,
            Function<@Nullable String, SparkSession> sessions, boolean stopSession) {
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
        Arguments parsed = new Arguments();
        CommandLine commandLine = new CommandLine(parsed);
        try {
            commandLine.parseArgs(args);
            if (commandLine.isUsageHelpRequested()) {
                commandLine.usage(out, CommandLine.Help.Ansi.OFF);
                return DONE;
            }
            parsed.check(commandLine, env);
            parsed.checkLocalPaths(commandLine);
        } catch (ParameterException e) {
            err.println("spark-report: " + usageMessage(e) + " (see --help)");
            return USAGE;
        }
        SparkSession spark = null;
        try {
            spark = sessions.apply(parsed.master);
            return execute(spark, parsed);
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

    /**
     * The one line of a usage error: an option's own value named by the option ({@code --now: cannot parse ...}),
     * an unknown option or argument plainly, anything else in picocli's words.
     */
    static String usageMessage(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            return name.startsWith("-") ? "unknown option " + name : "unexpected argument '" + arg + "'";
        }
        if (e.getCause() instanceof TypeConversionException conversion && e.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + ": " + conversion.getMessage();
        }
        return e.getMessage();
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
            ReportRequest request = a.request;
            SparkUptime uptime = SparkUptime.builder()
                    .options(request.options())
                    .partitions(a.partitions)
                    .clock(clock)
                    .build();
            SparkReport report = uptime.report(input, request);
            err.println("computing the report on " + spark.sparkContext().master() + ", now " + report.now()
                    + (request.now().isEmpty() ? " (the latest poll, or the clock without polls)" : "")
                    + ", extrapolation " + request.extrapolation().optionName() + ", lookback " + request.lookback()
                    + (request.isClassic() ? "" : ", windows " + String.join(", ",
                            request.windows().stream().map(ReportWindow::text).toList())));
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
            err.println("reading " + a.status + ", " + a.hours + ", " + a.timezones
                    + (a.closures == null ? "" : ", " + a.closures));
            return SparkInput.csv(spark, a.status, a.hours, a.timezones, a.closures);
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
    private static SparkSession session(@Nullable String master) {
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

    /** The command line: options as picocli reads them, then the checks that span several of them. */
    @Command(name = "spark-report",
            customSynopsis = {
                // after picocli's heading, "Usage: "
                "spark-report (--data DIR | --status F --hours F --timezones F [--closures F] | --parquet DIR",
                "                     | --jdbc-url URL [--schema S]) [--now T] [--window W]... [--master local[*]]",
                "                    [--out F] [--out-parquet DIR] [--partitions N] [--lookback PT24H]",
                "                    [--extrapolation nearest-poll|carry-forward] [--strict]",
                "       spark-report (--data DIR | --status F --hours F --timezones F) --write-input-parquet DIR"},
            description = {"", "Computes the uptime report of every store on Apache Spark with the same rules as "
                    + "'uptime report'.", ""},
            footer = {"", "Paths are Hadoop paths: local files, hdfs://, s3a:// and so on.",
                "Exit status: 0 done (also when CSV rows were rejected and skipped), 1 failed, 2 wrong usage."},
            sortOptions = false,
            usageHelpWidth = 110)
    static final class Arguments {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "This text.")
        boolean help;

        @Option(names = "--data", paramLabel = "DIR",
                description = "Input: folder with store_status.csv, menu_hours.csv, timezones.csv (and closures.csv, "
                        + "when it has one).")
        @Nullable String data;

        @Option(names = "--status", paramLabel = "F",
                description = "Input: the three CSV files by name (either published edition), with --hours and "
                        + "--timezones.")
        @Nullable String status;

        @Option(names = "--hours", paramLabel = "F", description = "Business hours CSV, with --status.")
        @Nullable String hours;

        @Option(names = "--timezones", paramLabel = "F", description = "Time zones CSV, with --status.")
        @Nullable String timezones;

        @Option(names = "--closures", paramLabel = "F", description = "Planned closures CSV, optional, with --status.")
        @Nullable String closures;

        @Option(names = "--parquet", paramLabel = "DIR",
                description = "Input: DIR/store_status, DIR/menu_hours, DIR/timezones as Parquet.")
        @Nullable String parquet;

        @Option(names = "--jdbc-url", paramLabel = "URL",
                description = "Input: PostgreSQL filled by 'uptime import' ($UPTIME_JDBC_URL; credentials in the "
                        + "URL or $UPTIME_DB_USER, $UPTIME_DB_PASSWORD).")
        @Nullable String jdbcUrl;

        @Option(names = "--schema", paramLabel = "S", description = "The database schema (default: public).")
        @Nullable String schema;

        @Option(names = "--now", paramLabel = "T",
                description = "Where the windows end, ISO-8601 (default: the latest poll).")
        @Nullable String now;

        @Option(names = "--lookback", paramLabel = "D",
                description = "How long before the week polls still count (default: PT24H).")
        @Nullable String lookback;

        @Option(names = "--extrapolation", paramLabel = "MODE",
                description = "nearest-poll (default) or carry-forward.")
        @Nullable String extrapolation;

        @Option(names = "--window", paramLabel = "W",
                description = "A window instead of the last hour, day and week, repeatable, as 'uptime report "
                        + "--window': 30d, 6h, 2w, month, previous-month, 2024-09, 2024-09-01/2024-09-15, or two "
                        + "instants.")
        List<String> windows = new ArrayList<>();

        /** The report parameters, parsed by the core by {@link #check}. */
        ReportRequest request = ReportRequest.classic();

        @Option(names = "--strict", description = "With CSV input: fail when any row is rejected.")
        boolean strict;

        @Option(names = "--out", paramLabel = "F",
                description = "The report CSV; '-' for standard out (default: -, unless --out-parquet).")
        @Nullable String out;

        @Option(names = "--out-parquet", paramLabel = "DIR",
                description = "The rows as Parquet, one sorted file per partition (replaced).")
        @Nullable String outParquet;

        @Option(names = "--write-input-parquet", paramLabel = "DIR",
                description = "Instead of a report: write the CSV input as Parquet for --parquet.")
        @Nullable String writeInputParquet;

        @Option(names = "--master", paramLabel = "M",
                description = "Spark master (default: local[*]; under spark-submit, spark-submit's).")
        @Nullable String master;

        @Option(names = "--partitions", paramLabel = "N", converter = PartitionsConverter.class,
                description = "Partitions the stores are shuffled into (default: Spark's).")
        int partitions;

        /**
         * The checks across options, with the environment's {@code UPTIME_JDBC_URL} standing in for
         * {@code --jdbc-url}; fills in the defaults that depend on other options.
         *
         * @throws ParameterException for a wrong combination
         */
        void check(CommandLine commandLine, Map<String, String> env) {
            try {
                request = ReportRequest.parse(now, lookback, extrapolation, windows);
            } catch (InvalidRequestException e) {
                String message = String.valueOf(e.getMessage());
                String prefix = e.field() + ": ";
                throw usage(commandLine, "--" + e.field() + ": "
                        + (message.startsWith(prefix) ? message.substring(prefix.length()) : message));
            }
            if (closures != null && status == null) {
                throw usage(commandLine, "--closures goes with --status, --hours and --timezones (a --data folder "
                        + "has closures.csv)");
            }
            boolean outGiven = out != null;
            if (out == null && outParquet == null && writeInputParquet == null) {
                out = "-";
            }
            List<String> inputs = new ArrayList<>();
            if (data != null) {
                inputs.add("--data");
            }
            if (status != null || hours != null || timezones != null) {
                if (status == null || hours == null || timezones == null) {
                    throw usage(commandLine, "--status, --hours and --timezones go together: give all three");
                }
                inputs.add("--status/--hours/--timezones");
            }
            if (parquet != null) {
                inputs.add("--parquet");
            }
            if (jdbcUrl != null) {
                inputs.add("--jdbc-url");
            }
            if (inputs.size() > 1) {
                throw usage(commandLine, String.join(" and ", inputs) + " are mutually exclusive: give one input");
            }
            if (inputs.isEmpty()) {
                String fromEnv = env.get("UPTIME_JDBC_URL");
                if (fromEnv == null || fromEnv.isBlank()) {
                    throw usage(commandLine, "missing the input: give --data DIR, or --status F --hours F "
                            + "--timezones F, or --parquet DIR, or --jdbc-url URL (or set UPTIME_JDBC_URL)");
                }
                jdbcUrl = fromEnv;
            }
            if (schema != null && jdbcUrl == null) {
                throw usage(commandLine, "--schema needs a database (--jdbc-url)");
            }
            if (schema == null) {
                schema = "public";
            }
            if (strict && data == null && status == null) {
                throw usage(commandLine,
                        "--strict applies to CSV input; Parquet and database input fail on any bad value");
            }
            if (writeInputParquet != null && data == null && status == null) {
                throw usage(commandLine, "--write-input-parquet converts CSV input: give --data or the three files");
            }
            if (writeInputParquet != null && (outGiven || outParquet != null)) {
                throw usage(commandLine, "--write-input-parquet writes no report: leave out --out and --out-parquet");
            }
        }

        /** Checks the paths that are plainly local (no scheme) before Spark starts, as usage errors. */
        void checkLocalPaths(CommandLine commandLine) {
            if (data != null && isLocal(data)) {
                if (!Files.isDirectory(Path.of(data))) {
                    throw usage(commandLine, "--data " + data + ": no such directory");
                }
                for (String name : List.of("store_status.csv", "menu_hours.csv", "timezones.csv")) {
                    requireFile(commandLine, "--data " + data, SparkInput.inFolder(data + "/", name));
                }
            }
            if (status != null) {
                requireFile(commandLine, "--status", status);
                requireFile(commandLine, "--hours", hours);
                requireFile(commandLine, "--timezones", timezones);
                if (closures != null) {
                    requireFile(commandLine, "--closures", closures);
                }
            }
            if (parquet != null && isLocal(parquet) && !Files.isDirectory(Path.of(parquet))) {
                throw usage(commandLine, "--parquet " + parquet + ": no such directory");
            }
            if (out != null && !out.equals("-")) {
                Path file = Path.of(out);
                if (Files.isDirectory(file)) {
                    throw usage(commandLine, "--out " + out + ": is a directory");
                }
                Path dir = file.toAbsolutePath().getParent();
                if (dir == null || !Files.isDirectory(dir)) {
                    throw usage(commandLine, "--out " + out + ": no such directory: " + dir);
                }
            }
        }

        private static void requireFile(CommandLine commandLine, String option, String path) {
            if (isLocal(path) && !Files.isRegularFile(Path.of(path))) {
                throw usage(commandLine, option + ": no such file: " + path);
            }
        }

        private static boolean isLocal(String path) {
            return !path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
        }

        private static ParameterException usage(CommandLine commandLine, String message) {
            return new ParameterException(commandLine, message);
        }
    }

    /** A positive number of partitions. */
    static final class PartitionsConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int partitions;
            try {
                partitions = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                partitions = -1;
            }
            if (partitions < 1) {
                throw new TypeConversionException("expected a positive number, not '" + value + "'");
            }
            return partitions;
        }
    }
}
