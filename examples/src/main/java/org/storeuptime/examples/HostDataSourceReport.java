package org.storeuptime.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.csv.FileSummary;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportState;
import org.storeuptime.jdbc.ImportResult;
import org.storeuptime.jdbc.UptimeDatabase;
import org.storeuptime.server.reports.ReportService;

/**
 * Using {@code uptime-jdbc} with the host's own connection pool (HikariCP): migrate a schema, import the bundled
 * sample ({@code examples/data}), run a durable report through the {@link ReportService} on the same database, and
 * print its CSV.
 *
 * <p>Connects to {@code $UPTIME_JDBC_URL} (default {@code jdbc:postgresql://localhost:5432/postgres}) as
 * {@code $UPTIME_DB_USER} (default {@code postgres}) with {@code $UPTIME_DB_PASSWORD}, into the schema
 * {@code uptime_example}.
 *
 * <pre>mvn -q -pl examples -am test-compile exec:java -Dexec.mainClass=org.storeuptime.examples.HostDataSourceReport</pre>
 */
public final class HostDataSourceReport {

    private HostDataSourceReport() {
    }

    /** Migrates {@code schema}, imports {@code data}, runs one report and writes its CSV to {@code out}. */
    static byte[] run(DataSource dataSource, String schema, Path data, PrintStream out, PrintStream log)
            throws InterruptedException {
        UptimeDatabase database = UptimeDatabase.builder(dataSource).schema(schema).build();
        List<Integer> applied = database.migrate();
        log.println("schema " + schema + (applied.isEmpty() ? " is up to date" : ": applied versions " + applied));

        ImportResult imported = database.importer().importFiles(InputFiles.inDirectory(data));
        for (FileSummary summary : imported.summaries()) {
            log.println(summary.message());
        }

        ReportService reports = ReportService.builder().database(database).build();
        reports.start();
        try {
            ReportRecord report = reports.trigger(ReportOptions.DEFAULTS);
            UUID id = report.id();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!reports.find(id).orElseThrow().state().isFinished() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            ReportRecord done = reports.find(id).orElseThrow();
            if (done.state() != ReportState.COMPLETE) {
                throw new IllegalStateException("report " + id + " did not complete: " + done.state().apiName()
                        + (done.error() == null ? "" : " (" + done.error() + ")"));
            }
            byte[] csv = reports.csv(id).orElseThrow();
            out.write(csv, 0, csv.length);
            out.flush();
            log.println("report " + id + ": " + done.storeCount() + " stores, windows ending " + done.now());
            return csv;
        } finally {
            reports.close();
        }
    }

    /** {@code examples/data} seen from the repository root (exec:java) or from the examples module (tests). */
    static Path sampleData() {
        for (Path candidate : List.of(Path.of("examples", "data"), Path.of("data"))) {
            if (Files.isRegularFile(candidate.resolve(InputFiles.STATUS_FILE))) {
                return candidate;
            }
        }
        throw new IllegalStateException("run from the repository root: examples/data not found");
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(env.getOrDefault("UPTIME_JDBC_URL", "jdbc:postgresql://localhost:5432/postgres"));
        config.setUsername(env.getOrDefault("UPTIME_DB_USER", "postgres"));
        if (env.containsKey("UPTIME_DB_PASSWORD")) {
            config.setPassword(env.get("UPTIME_DB_PASSWORD"));
        }
        config.setMaximumPoolSize(8);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            run(pool, "uptime_example", args.length > 0 ? Path.of(args[0]) : sampleData(), System.out, System.err);
        }
    }
}
