package org.storeuptime.cli;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.LoadedInput;
import org.storeuptime.core.reports.ReportRetention;
import org.storeuptime.jdbc.UptimeDatabase;
import org.storeuptime.server.LiveIngestion;
import org.storeuptime.server.UptimeServer;
import org.storeuptime.server.reports.PollRetention;
import org.storeuptime.server.reports.ReportRetry;
import org.storeuptime.server.reports.ReportSchedule;
import org.storeuptime.server.reports.ReportService;
import org.storeuptime.server.reports.ReportServiceBuilder;
import org.storeuptime.server.reports.StoreUptimeMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
            "Serves the uptime HTTP API: POST /trigger_report, GET /get_report?report_id=ID, /reports, /health, "
                + "and GET /metrics (Prometheus text: reports, queue, input rows, HTTP requests, the JVM).",
            "Without --jdbc-url and --data it serves the bundled sample data. Stops gracefully on Ctrl-C or SIGTERM: "
                + "it stops accepting requests and lets running reports finish within --grace (with a database, "
                + "reports left unfinished are run again by the next server on it).",
            "Environment: UPTIME_JDBC_URL (instead of --jdbc-url), UPTIME_DB_USER and UPTIME_DB_PASSWORD (when the URL "
                + "holds no credentials), UPTIME_API_TOKEN (then every endpoint but /health and the "
                + "web page needs 'Authorization: Bearer <token>'; the page asks for it), UPTIME_INGEST_TOKEN (turns "
                + "live ingestion on: POST /polls, PUT /stores/{id}/hours and /timezone, POST and DELETE /closures "
                + "take 'Authorization: Bearer <ingest token>'; needs --jdbc-url)."},
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

    @Option(names = "--trust-forwarded-headers",
            description = {"Build the absolute URLs of answers (report_file_url) from X-Forwarded-Proto and "
                + "X-Forwarded-Host: only behind a reverse proxy that sets them on every request. Also "
                + "UPTIME_TRUST_FORWARDED_HEADERS=true."})
    boolean trustForwardedHeaders;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder holding store_status.csv, menu_hours.csv and timezones.csv; reports are kept "
                    + "in memory. Not with --jdbc-url.")
    Path dataDir;

    /** With a database, reports are kept in it and run durably; the schema is migrated on start. */
    @Mixin
    DatabaseOptions database;

    @Option(names = "--reports-dir", paramLabel = "DIR",
            description = "Also write every report this server completes to DIR as store_report_<id>.csv.")
    Path reportsDir;

    @Option(names = "--schedule", paramLabel = "CRON",
            description = {"Generate reports on a cron schedule (UTC): six fields, second minute hour day-of-month "
                    + "month day-of-week, e.g. '0 0 * * * *' hourly, '0 */15 * * * *' every 15 minutes, "
                    + "'0 30 6 * * MON-FRI' weekdays at 06:30. With a database it fires once per cluster."})
    String schedule;

    @Option(names = "--keep", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = {"With a database: once a day, prune the polls older than the latest poll minus DURATION "
                    + "(ISO-8601, e.g. P30D), as 'uptime prune --keep' does; once per cluster, first when a server "
                    + "first starts with it. At least P8D (a report's week plus its 24-hour lookback), so that "
                    + "reports stay the same. Not with --data."})
    Duration keep;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2",
            description = "Reports computed at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "PT30S",
            converter = Converters.DurationConverter.class,
            description = "How long a stop waits for running reports, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--keep-reports", paramLabel = "N", defaultValue = "500",
            description = "Finished reports kept at most, the newest; older ones and their CSVs are removed, in "
                    + "memory or in the database (default: ${DEFAULT-VALUE}).")
    int keepReports;

    @Option(names = "--keep-reports-for", paramLabel = "DURATION", defaultValue = "P30D",
            converter = Converters.DurationConverter.class,
            description = "How long a finished report is kept after it finished, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration keepReportsFor;

    @Option(names = "--report-attempts", paramLabel = "N", defaultValue = "5",
            description = "Tries of a report whose database connection fails (lost, refused, shutting down, "
                    + "deadlock) before it fails for good (default: ${DEFAULT-VALUE}).")
    int reportAttempts;

    @Option(names = "--report-retry-delay", paramLabel = "DURATION", defaultValue = "PT1S",
            converter = Converters.DurationConverter.class,
            description = "Wait before the second try of such a report, doubled before each next one "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration reportRetryDelay;

    @Override
    public Integer call() throws InterruptedException {
        CliEnvironment env = parent.environment();
        PrintStream err = env.err();
        validate();
        if (keep != null && dataDir == null && database.url(env) == null) {
            throw new ParameterException(spec.commandLine(), "--keep prunes a database's polls: give --jdbc-url URL"
                    + " or set " + DatabaseOptions.URL_VARIABLE + " (the bundled sample is not pruned)");
        }
        // GET /metrics: the service's, the routes' and the input's meters, and the JVM's
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JvmGcMetrics gc = new JvmGcMetrics();
        for (var binder : List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new ProcessorMetrics(), new UptimeMetrics())) {
            binder.bindTo(metrics);
        }
        ReportServiceBuilder builder = ReportService.builder()
                .meterRegistry(metrics)
                .clock(env.clock())
                .workers(workers)
                .shutdownGrace(grace)
                .retention(ReportRetention.of(keepReports, keepReportsFor))
                .retry(ReportRetry.of(reportAttempts, reportRetryDelay));
        if (schedule != null) {
            builder.schedule(ReportSchedule.cron(schedule));
        }
        if (keep != null) {
            builder.pollRetention(PollRetention.of(keep));
        }
        if (reportsDir != null) {
            builder.reportsDirectory(reportsDir);
        }
        String jdbcUrl = dataDir == null ? database.url(env) : null;
        DatabaseOptions.OpenDatabase open = null;
        UptimeDatabase ingestInto = null;
        String what;
        if (jdbcUrl != null) {
            // two per report worker (polls, and zones and hours beside them), db-scheduler's polling and
            // heartbeats, and a few HTTP requests at once
            open = database.open(spec, env, jdbcUrl, 2 * workers + 8);
            UptimeDatabase db = open.database();
            List<Integer> applied;
            try {
                applied = db.migrate();
            } catch (RuntimeException e) {
                open.close();
                throw e;
            }
            err.println(applied.isEmpty() ? "schema " + db.schema() + " is up to date"
                    : "migrated schema " + db.schema() + ": applied versions " + applied);
            builder.database(db);
            ingestInto = db;
            what = "database " + open.description() + ", schema " + db.schema() + "; reports kept in the database";
        } else {
            LoadedInput input;
            if (dataDir != null) {
                err.println("reading " + dataDir);
                input = ReportCommand.load(InputFiles.inDirectory(dataDir), false, err);
                what = dataDir + ", " + input.data().storeCount() + " stores; reports kept in memory";
            } else {
                input = BundledSample.load();
                what = "the bundled sample data, " + input.data().storeCount() + " stores; reports kept in memory";
            }
            StoreUptimeMetrics.recordImport(metrics, input.summaries());
            builder.source(input.data());
        }
        String token = DatabaseOptions.blankToNull(env.environment().get("UPTIME_API_TOKEN"));
        String ingestToken = DatabaseOptions.blankToNull(env.environment().get("UPTIME_INGEST_TOKEN"));
        if (ingestToken != null && ingestToken.equals(token)) {
            if (open != null) {
                open.close();
            }
            throw new ParameterException(spec.commandLine(),
                    "UPTIME_INGEST_TOKEN must differ from UPTIME_API_TOKEN: each opens its own routes");
        }
        UptimeServer server;
        try {
            String trustEnv = env.environment().getOrDefault("UPTIME_TRUST_FORWARDED_HEADERS", "");
            boolean trustForwarded = trustForwardedHeaders || "true".equalsIgnoreCase(trustEnv.strip());
            UptimeServer.Builder serverBuilder = UptimeServer.builder(builder.build()).host(host).port(port)
                    .apiToken(token).ingestToken(ingestToken).clock(env.clock())
                    .trustForwardedHeaders(trustForwarded)
                    .meterRegistry(metrics).metricsEndpoint(metrics::scrape);
            if (ingestInto != null) {
                serverBuilder.ingestInto(LiveIngestion.into(ingestInto));
            }
            server = serverBuilder.build().start();
        } catch (RuntimeException e) {
            if (open != null) {
                open.close();
            }
            throw new ServerStartException("cannot listen on " + host + ":" + port + ": "
                    + DatabaseOptions.rootMessage(e), e);
        }
        err.println("listening on " + server.url() + " (" + what + ")"
                + (token != null ? "; bearer token required" : "")
                + (ingestToken != null ? (ingestInto != null ? "; live ingestion on (POST /polls)"
                        : "; live ingestion needs --jdbc-url: its routes answer 409") : "")
                + (schedule != null ? "; schedule '" + schedule + "'" : "")
                + (keep != null ? "; keeping " + keep + " of polls, pruned daily" : ""));
        err.println("try: curl -X POST " + server.url() + "/trigger_report ; Ctrl-C stops");

        CountDownLatch stopped = new CountDownLatch(1);
        DatabaseOptions.OpenDatabase ownedDatabase = open;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("stopping: no new requests; waiting up to " + grace + " for running reports");
            server.stop();
            gc.close();
            metrics.close();
            if (ownedDatabase != null) {
                ownedDatabase.close();
            }
            err.println("stopped");
            err.flush();
            stopped.countDown();
        }, "uptime-serve-shutdown"));
        stopped.await();
        return UptimeCli.DONE;
    }

    private void validate() {
        try {
            // a name or address that cannot be listened on, said before anything starts (the server would name
            // java.nio's UnresolvedAddressException instead)
            java.net.InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--host " + host + ": unknown host");
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port " + port + ": must be 0 to 65535");
        }
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--workers " + workers + ": must be at least 1");
        }
        if (keepReports < 1) {
            throw new ParameterException(spec.commandLine(), "--keep-reports " + keepReports + ": must be at least 1");
        }
        if (keepReportsFor.isNegative() || keepReportsFor.isZero()) {
            throw new ParameterException(spec.commandLine(), "--keep-reports-for " + keepReportsFor
                    + ": must be positive, e.g. P30D or PT12H");
        }
        if (reportAttempts < 1) {
            throw new ParameterException(spec.commandLine(), "--report-attempts " + reportAttempts
                    + ": must be at least 1");
        }
        if (reportRetryDelay.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--report-retry-delay " + reportRetryDelay
                    + ": must not be negative");
        }
        if (dataDir != null && database.urlGiven()) {
            throw new ParameterException(spec.commandLine(), "--jdbc-url and --data are mutually exclusive: give one");
        }
        if (dataDir != null && DatabaseOptions.schemaGiven(spec)) {
            throw new ParameterException(spec.commandLine(), "--schema needs a database (--jdbc-url), not --data");
        }
        if (dataDir != null && keep != null) {
            throw new ParameterException(spec.commandLine(), "--keep prunes a database's polls: it needs --jdbc-url,"
                    + " not --data");
        }
        if (keep != null) {
            // before connecting: a refused keep needs no database (no --force here: a server never changes reports)
            try {
                PollRetention.of(keep);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--keep: " + e.getMessage());
            }
        }
        if (dataDir != null && !Files.isDirectory(dataDir)) {
            throw new ParameterException(spec.commandLine(), "--data " + dataDir + ": no such directory");
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
}
