package org.storeuptime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.core.csv.FileSummary;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.server.Http;

/** {@code uptime serve} as a real process: bundled sample, a database, the token, the reports folder, SIGTERM. */
class ServeCommandTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension(false);

    private static final Path EXAMPLES_DATA = Path.of("../examples/data");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    /** What {@code uptime report --data examples/data} writes. */
    private static byte[] cliReport() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = UptimeCli.run(new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Clock.systemUTC()),
                "report", "--data", EXAMPLES_DATA.toString());
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toByteArray();
    }

    private static int runInProcess(String... args) {
        return runSaying(args).getKey();
    }

    /** The exit code and what the command printed. */
    private static Map.Entry<Integer, String> runSaying(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int code = UptimeCli.run(new CliEnvironment(stream, stream, Map.of(), Clock.systemUTC()), args);
        return Map.entry(code, sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aScheduleThatNeverFiresAndAnUnknownHostAreRefusedWithAClearLine() {
        Map.Entry<Integer, String> never = runSaying("serve", "--schedule", "0 0 0 31 2 *");
        assertThat(never.getKey()).isEqualTo(2);
        assertThat(never.getValue()).contains("--schedule: cron '0 0 0 31 2 *' never fires (no such date)");
        Map.Entry<Integer, String> host = runSaying("serve", "--host", "999.1.1.1", "--port", "0");
        assertThat(host.getKey()).isEqualTo(2);
        assertThat(host.getValue()).contains("--host 999.1.1.1: unknown host").doesNotContain("Unresolved");
    }

    @Test
    void wrongUsageExitsWithTwo() {
        assertThat(runInProcess("serve", "--schedule", "0 * * * *")).isEqualTo(2);
        assertThat(runInProcess("serve", "--data", "/no/such/folder")).isEqualTo(2);
        assertThat(runInProcess("serve", "--data", EXAMPLES_DATA.toString(), "--jdbc-url", "jdbc:postgresql://x/y"))
                .isEqualTo(2);
        assertThat(runInProcess("serve", "--port", "70000")).isEqualTo(2);
        assertThat(runInProcess("serve", "--keep-reports", "0")).isEqualTo(2);
        assertThat(runInProcess("serve", "--keep-reports-for", "PT0S")).isEqualTo(2);
        assertThat(runInProcess("serve", "--keep-reports-for", "30 days")).isEqualTo(2);
        assertThat(runInProcess("serve", "--report-attempts", "0")).isEqualTo(2);
        assertThat(runInProcess("serve", "--data", EXAMPLES_DATA.toString(), "--keep", "P30D")).isEqualTo(2);
        assertThat(runInProcess("serve", "--help")).isZero();
    }

    @Test
    void servesTheBundledSampleWithATokenAndStopsOnSigterm() throws Exception {
        ServerProcess server = ServerProcess.start(Map.of("UPTIME_API_TOKEN", "letmein"), "serve", "--port", "0");
        try {
            Http anonymous = new Http(server.url);
            assertThat(anonymous.post("/trigger_report", "").status()).isEqualTo(401);
            assertThat(anonymous.get("/health").status()).isEqualTo(200);
            Http http = anonymous.withHeader("Authorization", "Bearer letmein");
            String id = http.post("/trigger_report", "").json().get("report_id").asText();
            Http.Response done = http.awaitReport("", id, TIMEOUT);
            assertThat(done.header("X-Report-Status")).isEqualTo("Complete");
            assertThat(done.bytes()).isEqualTo(cliReport());
        } finally {
            server.stop();
        }
        assertThat(server.output()).contains("stopping").contains("stopped");
    }

    @Test
    void metricsCountTheDataFolderRowsReportsAndRequests(@TempDir Path dir) throws Exception {
        for (String file : List.of(InputFiles.STATUS_FILE, InputFiles.HOURS_FILE, InputFiles.TIMEZONES_FILE)) {
            Files.copy(EXAMPLES_DATA.resolve(file), dir.resolve(file));
        }
        Files.writeString(dir.resolve(InputFiles.STATUS_FILE), "4d35f9d5-2f53-49c5-9875-4c2fc1703277,sleeping,"
                + "2024-10-14 20:45:24.55891 UTC\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        List<FileSummary> files = InputLoader.load(InputFiles.inDirectory(dir), LoadOptions.LENIENT).summaries();
        long read = files.stream().mapToLong(FileSummary::read).sum();
        long loaded = files.stream().mapToLong(FileSummary::loaded).sum();
        assertThat(files.stream().mapToLong(FileSummary::rejected).sum()).isEqualTo(1);

        ServerProcess server = ServerProcess.start(Map.of("UPTIME_API_TOKEN", "letmein"), "serve", "--port", "0",
                "--data", dir.toString());
        try {
            Http anonymous = new Http(server.url);
            assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
            Http http = anonymous.withHeader("Authorization", "Bearer letmein");
            String id = http.post("/trigger_report", "").json().get("report_id").asText();
            assertThat(http.awaitReport("", id, TIMEOUT).header("X-Report-Status")).isEqualTo("Complete");

            // the worker counts the report right after storing it complete, which a client may see a moment earlier
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            Http.Response metrics;
            do {
                metrics = http.get("/metrics");
                assertThat(metrics.status()).isEqualTo(200);
            } while (!metrics.text().contains("uptime_reports_completed_total 1.0") && System.nanoTime() < deadline);
            assertThat(metrics.contentType()).startsWith("text/plain; version=0.0.4");
            // counters as doubles, the counts of timers and summaries as integers
            List<String> lines = metrics.text().lines().toList();
            assertThat(lines).contains(
                    "uptime_import_rows_total{outcome=\"read\"} " + (double) read,
                    "uptime_import_rows_total{outcome=\"loaded\"} " + (double) loaded,
                    "uptime_import_rows_total{outcome=\"rejected\"} 1.0",
                    "uptime_reports_triggered_total{trigger=\"api\"} 1.0",
                    "uptime_reports_completed_total 1.0",
                    "uptime_reports_failed_total 0.0",
                    "uptime_report_duration_seconds_count{outcome=\"completed\"} 1",
                    "uptime_report_duration_seconds_bucket{outcome=\"completed\",le=\"+Inf\"} 1",
                    "uptime_report_stores_sum 40.0",
                    "uptime_report_queue 0.0",
                    "http_server_requests_seconds_count{method=\"POST\",route=\"/trigger_report\",status=\"202\"} 1");
            // and the JVM's own
            assertThat(lines).contains(
                    "http_server_requests_seconds_count{method=\"GET\",route=\"/metrics\",status=\"401\"} 1");
            assertThat(lines).anyMatch(l -> l.startsWith("jvm_memory_used_bytes{"))
                    .anyMatch(l -> l.startsWith("process_uptime_seconds "));
        } finally {
            server.stop();
        }
    }

    @Test
    void servesADatabaseWithScheduleAndReportsFolder(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        ServerProcess server = ServerProcess.start(Map.of(), "serve", "--port", "0",
                "--jdbc-url", DB.database().urlWithSettings(), "--schema", DB.schema(),
                "--reports-dir", reports.toString(), "--schedule", "*/2 * * * * *");
        try {
            assertThat(server.output()).contains("migrated schema " + DB.schema() + ": applied versions [1, 2, 3, 4, 5, 6, 7]");
            DB.uptimeDatabase().importer().importFiles(InputFiles.inDirectory(EXAMPLES_DATA));
            Http http = new Http(server.url);
            String id = http.post("/trigger_report", "").json().get("report_id").asText();
            Http.Response done = http.awaitReport("", id, TIMEOUT);
            assertThat(done.header("X-Report-Status")).isEqualTo("Complete");
            assertThat(done.bytes()).isEqualTo(cliReport());
            Path copy = reports.resolve("store_report_" + id + ".csv");
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!Files.exists(copy) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(copy).hasBinaryContent(done.bytes());

            // the schedule fires every two seconds: more reports appear without triggers
            while (http.get("/reports").json().get("reports").size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(http.get("/reports").json().get("reports").size()).isGreaterThanOrEqualTo(3);
        } finally {
            server.stop();
        }
        assertThat(server.output()).contains("stopped");
    }

    @Test
    void servePrunesTheDatabasesOldPollsWithKeepAndTheReportStaysTheSame(@TempDir Path dir) throws Exception {
        // a schema of its own: the prune task is stored once per schema, and the schedule test imports into DB's
        String schema = DatabaseSchemaExtension.newSchemaName();
        Path data = dir.resolve("data");
        try {
            assertThat(runInProcess("generate", "--out", data.toString(), "--stores", "12", "--days", "12",
                    "--seed", "5", "--now", "2024-04-02T06:00:00Z")).isZero();
            assertThat(runInProcess("import", "--jdbc-url", DB.database().urlWithSettings(), "--schema", schema,
                    "--data", data.toString())).isZero();
            byte[] before = databaseReport(schema);
            long polls = polls(schema);

            ServerProcess server = ServerProcess.start(Map.of(), "serve", "--port", "0",
                    "--jdbc-url", DB.database().urlWithSettings(), "--schema", schema, "--keep", "P8D");
            try {
                assertThat(server.output()).contains("; keeping PT192H of polls, pruned daily");
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (!server.output().contains("pruned polls (keep PT192H): removed ")
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Matcher removed = Pattern.compile("pruned polls \\(keep PT192H\\): removed (\\d+) polls older than")
                        .matcher(server.output());
                assertThat(removed.find()).as(server.output()).isTrue();
                long gone = Long.parseLong(removed.group(1));
                assertThat(gone).isPositive().isLessThan(polls);
                assertThat(polls(schema)).isEqualTo(polls - gone);
                assertThat(databaseReport(schema)).isEqualTo(before);
            } finally {
                server.stop();
            }
        } finally {
            DSL.using(DB.dataSource(), SQLDialect.POSTGRES).dropSchemaIfExists(DSL.name(schema)).cascade().execute();
        }
    }

    private static byte[] databaseReport(String schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = UptimeCli.run(new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Clock.systemUTC()),
                "report", "--jdbc-url", DB.database().urlWithSettings(), "--schema", schema);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toByteArray();
    }

    private static long polls(String schema) {
        return DSL.using(DB.dataSource(), SQLDialect.POSTGRES).fetchCount(DSL.table(DSL.name(schema, "store_status")));
    }

    /** {@code uptime} run in a new JVM on this test's class path. */
    static final class ServerProcess {
        final Process process;
        final String url;
        /** Every line the process printed so far; the reader thread keeps appending. */
        private final List<String> lines;

        private final Thread reader;

        private ServerProcess(Process process, String url, List<String> lines, Thread reader) {
            this.process = process;
            this.url = url;
            this.lines = lines;
            this.reader = reader;
        }

        static ServerProcess start(Map<String, String> env, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), UptimeCli.class.getName()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().remove("UPTIME_JDBC_URL");
            pb.environment().remove("UPTIME_API_TOKEN");
            pb.environment().putAll(env);
            Process process = pb.start();
            CompletableFuture<String> url = new CompletableFuture<>();
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            url.complete(m.group(1));
                        }
                    }
                    url.completeExceptionally(new AssertionError("serve ended without listening:\n"
                            + String.join("\n", lines)));
                } catch (IOException e) {
                    url.completeExceptionally(e);
                }
            });
            reader.setDaemon(true);
            reader.start();
            try {
                return new ServerProcess(process, url.get(60, TimeUnit.SECONDS), lines, reader);
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
        }

        /** SIGTERM, then wait for the graceful stop. */
        void stop() throws InterruptedException {
            // through the handle: Process.destroy() would also close our end of its output, losing the last lines
            process.toHandle().destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("serve did not stop within a minute of SIGTERM");
            }
            reader.join(10_000);
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
