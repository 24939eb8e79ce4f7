package org.storeuptime.server.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeException;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.jdbc.UptimeDatabase;
import org.storeuptime.server.ReportSchedule;
import org.storeuptime.server.ReportService;
import org.storeuptime.server.ReportServiceBuilder;
import org.storeuptime.server.UptimeServer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code uptime serve}: the HTTP API. With a database, reports live in it and survive restarts; with a data folder
 * (or the bundled sample) they live in this process.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves the uptime HTTP API: POST /trigger_report, GET /get_report?report_id=ID, /reports, /health.",
            "Without --jdbc-url and --data it serves the bundled sample data. Stops gracefully on Ctrl-C or SIGTERM: "
                + "it stops accepting requests and lets running reports finish within --grace (with a database, "
                + "reports left unfinished are run again by the next server on it).",
            "Environment: UPTIME_JDBC_URL (instead of --jdbc-url), UPTIME_DB_USER and UPTIME_DB_PASSWORD (when the URL "
                + "holds no credentials), UPTIME_API_TOKEN (then every endpoint but /health needs "
                + "'Authorization: Bearer <token>')."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:stopped", "1:failed (e.g. port in use, database unreachable)", "2:wrong usage"})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    private UptimeCli parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Interface to listen on; 0.0.0.0 for all (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    DataOptions data = new DataOptions();

    /** Where the stores and polls come from. */
    static final class DataOptions {
        @Option(names = "--jdbc-url", paramLabel = "URL",
                description = "PostgreSQL JDBC URL; reports are kept in the database and run durably "
                        + "(default: $UPTIME_JDBC_URL).")
        String jdbcUrl;

        @Option(names = "--data", paramLabel = "DIR",
                description = "Folder holding store_status.csv, menu_hours.csv and timezones.csv; reports are kept "
                        + "in memory.")
        Path dir;
    }

    @Option(names = "--schema", paramLabel = "NAME", defaultValue = UptimeDatabase.DEFAULT_SCHEMA,
            description = "With a database: the schema of the tables, migrated on start (default: ${DEFAULT-VALUE}).")
    String schema;

    @Option(names = "--reports-dir", paramLabel = "DIR",
            description = "Also write every report this server completes to DIR as store_report_<id>.csv.")
    Path reportsDir;

    @Option(names = "--schedule", paramLabel = "CRON",
            description = {"Generate reports on a cron schedule (UTC): six fields, second minute hour day-of-month "
                    + "month day-of-week, e.g. '0 0 * * * *' hourly, '0 */15 * * * *' every 15 minutes, "
                    + "'0 30 6 * * MON-FRI' weekdays at 06:30. With a database it fires once per cluster."})
    String schedule;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2",
            description = "Reports computed at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "PT30S",
            converter = Converters.DurationConverter.class,
            description = "How long a stop waits for running reports, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Override
    public Integer call() throws InterruptedException {
        CliEnvironment env = parent.environment();
        PrintStream err = env.err();
        validate();
        ReportServiceBuilder builder = ReportService.builder()
                .clock(env.clock())
                .workers(workers)
                .shutdownGrace(grace);
        if (schedule != null) {
            builder.schedule(ReportSchedule.cron(schedule));
        }
        if (reportsDir != null) {
            builder.reportsDirectory(reportsDir);
        }
        String jdbcUrl = data.jdbcUrl != null ? data.jdbcUrl : blankToNull(env.environment().get("UPTIME_JDBC_URL"));
        HikariDataSource pool = null;
        String what;
        if (jdbcUrl != null && data.dir == null) {
            pool = pool(jdbcUrl, env);
            UptimeDatabase database = UptimeDatabase.builder(pool).schema(schema).build();
            List<Integer> applied = database.migrate();
            err.println(applied.isEmpty() ? "schema " + schema + " is up to date"
                    : "migrated schema " + schema + ": applied versions " + applied);
            builder.database(database);
            what = "database " + pool.getJdbcUrl().replaceAll("(?i)password=[^&]*", "password=***") + ", schema "
                    + schema + "; reports kept in the database";
        } else {
            StoreDataSet stores;
            if (data.dir != null) {
                err.println("reading " + data.dir);
                stores = ReportCommand.load(InputFiles.inDirectory(data.dir), false, err).data();
                what = data.dir + ", " + stores.storeCount() + " stores; reports kept in memory";
            } else {
                stores = BundledSample.load();
                what = "the bundled sample data, " + stores.storeCount() + " stores; reports kept in memory";
            }
            builder.source(stores);
        }
        String token = blankToNull(env.environment().get("UPTIME_API_TOKEN"));
        UptimeServer server;
        try {
            server = UptimeServer.builder(builder.build()).host(host).port(port).apiToken(token).build().start();
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw new UptimeException("cannot listen on " + host + ":" + port + ": "
                    + rootMessage(e), e);
        }
        err.println("listening on " + server.url() + " (" + what + ")"
                + (token != null ? "; bearer token required" : "")
                + (schedule != null ? "; schedule '" + schedule + "'" : ""));
        err.println("try: curl -X POST " + server.url() + "/trigger_report ; Ctrl-C stops");

        CountDownLatch stopped = new CountDownLatch(1);
        HikariDataSource ownedPool = pool;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("stopping: no new requests; waiting up to " + grace + " for running reports");
            server.stop();
            if (ownedPool != null) {
                ownedPool.close();
            }
            err.println("stopped");
            err.flush();
            stopped.countDown();
        }, "uptime-serve-shutdown"));
        stopped.await();
        return UptimeCli.DONE;
    }

    private void validate() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port " + port + ": must be 0 to 65535");
        }
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--workers " + workers + ": must be at least 1");
        }
        if (data.dir != null && !Files.isDirectory(data.dir)) {
            throw new ParameterException(spec.commandLine(), "--data " + data.dir + ": no such directory");
        }
        if (schedule != null) {
            try {
                ReportSchedule.cron(schedule);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--schedule: " + e.getMessage());
            }
        }
        if (reportsDir != null && Files.exists(reportsDir) && !Files.isDirectory(reportsDir)) {
            throw new ParameterException(spec.commandLine(), "--reports-dir " + reportsDir + ": not a directory");
        }
    }

    private HikariDataSource pool(String jdbcUrl, CliEnvironment env) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new ParameterException(spec.commandLine(), "--jdbc-url " + jdbcUrl
                    + ": expected a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/uptime");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        String user = blankToNull(env.environment().get("UPTIME_DB_USER"));
        String password = blankToNull(env.environment().get("UPTIME_DB_PASSWORD"));
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        // the report workers, db-scheduler's polling and heartbeats, and a few HTTP requests at once
        config.setMaximumPoolSize(workers + 8);
        config.setPoolName("uptime");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new UptimeException("cannot connect to the database: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
