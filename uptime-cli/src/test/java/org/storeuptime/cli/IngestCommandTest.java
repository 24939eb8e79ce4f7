package org.storeuptime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.jdbc.SharedData;
import org.storeuptime.jdbc.TcpProxy;

/**
 * {@code uptime ingest} in-process (and once as a process, for SIGTERM) against the test database: polls streamed
 * in batches give the same report as the import of the same file, a stream sent twice stores nothing twice, bad
 * rows are named on their batch's line, a batch is stored after {@code --flush-after} while the stream stays open,
 * a batch is kept while the database is unreachable, and a signal stores what was read.
 */
class IngestCommandTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension(false);

    private static final Path EXAMPLES = SharedData.repositoryRoot().resolve("examples").resolve("data");
    private static final Clock FIXED = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String HEADER = "store_id,status,timestamp_utc\n";
    private static final List<String> SCHEMAS = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {
        List<String> batchLines() {
            return err.lines().filter(line -> line.startsWith("batch ")).toList();
        }
    }

    @Test
    void pollsStreamedInBatchesGiveTheReportOfTheirImport() throws IOException {
        String schema = newSchema();
        // the hours and zones are imported, the polls arrive by ingest: the report must equal the files' one
        Path setup = Files.createDirectories(tmp.resolve("setup"));
        Files.copy(EXAMPLES.resolve("menu_hours.csv"), setup.resolve("menu_hours.csv"));
        Files.copy(EXAMPLES.resolve("timezones.csv"), setup.resolve("timezones.csv"));
        Files.writeString(setup.resolve("store_status.csv"), HEADER);
        ok(run(null, "import", "--jdbc-url", url(), "--schema", schema, "--data", setup.toString()));

        Path polls = EXAMPLES.resolve("store_status.csv");
        Run ingested = ok(run(null, "ingest", "--jdbc-url", url(), "--schema", schema, "--batch", "1000",
                polls.toString()));
        long rows = Files.readAllLines(polls).size() - 1;
        assertThat(ingested.batchLines()).hasSize((int) ((rows + 999) / 1000));
        assertThat(ingested.batchLines().get(0)).isEqualTo("batch 1: 1000 rows, 1000 stored, 0 duplicate, 0 rejected");
        // the file repeats a few polls (same store and instant): those are duplicates, as the import counts them
        long distinct = Files.readAllLines(polls).stream().skip(1).map(line -> line.split(","))
                .map(f -> f[0] + "|" + Instant.parse(f[2].replace(" UTC", "Z").replace(' ', 'T'))).distinct().count();
        assertThat(lastLine(ingested)).isEqualTo("ingested " + rows + " rows in " + ingested.batchLines().size()
                + " batches: " + distinct + " stored, " + (rows - distinct) + " duplicate, 0 rejected");
        assertThat(count(schema)).isEqualTo(distinct);
        rows = distinct;

        String fromDatabase = ok(run(null, "report", "--jdbc-url", url(), "--schema", schema)).out();
        String fromFiles = ok(run(null, "report", "--data", EXAMPLES.toString())).out();
        assertThat(fromDatabase).isEqualTo(fromFiles).isNotBlank();

        // the same stream again, from standard input as NDJSON: every poll is a duplicate and nothing changes
        StringBuilder ndjson = new StringBuilder();
        for (String line : Files.readAllLines(polls).subList(1, 101)) {
            String[] f = line.split(",");
            ndjson.append("{\"store_id\":\"").append(f[0]).append("\",\"status\":\"").append(f[1])
                    .append("\",\"timestamp_utc\":\"").append(f[2]).append("\"}\n");
        }
        Run again = ok(run(new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)), "ingest",
                "--jdbc-url", url(), "--schema", schema, "--batch", "30"));
        assertThat(again.batchLines()).containsExactly("batch 1: 30 rows, 0 stored, 30 duplicate, 0 rejected",
                "batch 2: 30 rows, 0 stored, 30 duplicate, 0 rejected",
                "batch 3: 30 rows, 0 stored, 30 duplicate, 0 rejected",
                "batch 4: 10 rows, 0 stored, 10 duplicate, 0 rejected");
        assertThat(count(schema)).isEqualTo(rows);
        assertThat(ok(run(null, "report", "--jdbc-url", url(), "--schema", schema)).out()).isEqualTo(fromFiles);
    }

    @Test
    void badRowsAreNamedOnTheirBatchLineAndTheGoodOnesStored() {
        String schema = newSchema();
        String body = HEADER
                + "s1,active,2024-10-14 10:00:00 UTC\n"
                + "s1,sleeping,2024-10-14 11:00:00 UTC\n"
                + "s1,active,yesterday\n"
                + "s1,active,2031-01-01 00:00:00 UTC\n"
                + "s1,inactive,2024-10-14 12:00:00 UTC\n";
        Run run = ok(run(stream(body), "ingest", "--jdbc-url", url(), "--schema", schema, "-"));
        assertThat(run.batchLines()).hasSize(1);
        String line = run.batchLines().get(0);
        assertThat(line).startsWith("batch 1: 5 rows, 2 stored, 0 duplicate, 3 rejected: line 3: status: ")
                .contains("; line 4: timestamp_utc: ", "; line 5: timestamp_utc: ");
        assertThat(lastLine(run)).isEqualTo("ingested 5 rows in 1 batch: 2 stored, 0 duplicate, 3 rejected");
        assertThat(count(schema)).isEqualTo(2);
    }

    @Test
    void aWrongHeaderFailsInOneLineAndUsageErrorsExit2() {
        String schema = newSchema();
        Run wrong = run(stream("store,status,time\ns1,active,2024-10-14 10:00:00 UTC\n"), "ingest", "--jdbc-url",
                url(), "--schema", schema);
        assertThat(wrong.status()).as(wrong.err()).isEqualTo(1);
        assertThat(lastLine(wrong)).startsWith("uptime ingest: ").contains("-").doesNotContain("Exception");
        assertThat(count(schema)).isZero();

        for (String[] args : List.of(new String[] {"--batch", "0"}, new String[] {"--batch", "100001"},
                new String[] {"--flush-after", "PT0S"}, new String[] {"--flush-after", "soon"})) {
            List<String> all = new ArrayList<>(List.of("ingest", "--jdbc-url", url(), "--schema", schema));
            all.addAll(List.of(args));
            Run usage = run(stream(HEADER), all.toArray(String[]::new));
            assertThat(usage.status()).as(String.join(" ", args) + ": " + usage.err()).isEqualTo(2);
            assertThat(usage.err()).contains(args[0]);
        }
        Run noDatabase = run(stream(HEADER), "ingest");
        assertThat(noDatabase.status()).isEqualTo(2);
        assertThat(noDatabase.err()).contains("--jdbc-url");
    }

    @Test
    void aBatchIsStoredAfterFlushAfterWhileTheStreamStaysOpen() throws Exception {
        String schema = newSchema();
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(feed, 1 << 16);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> UptimeCli.run(env(in, err),
                "ingest", "--jdbc-url", url(), "--schema", schema, "--flush-after", "PT0.2S"));
        write(feed, HEADER + "s1,active,2024-10-14 10:00:00 UTC\ns2,inactive,2024-10-14 10:01:00 UTC\n");
        waitFor(() -> text(err).contains("batch 1: 2 rows, 2 stored"), "the first batch", err);
        write(feed, "s1,active,2024-10-14 10:05:00 UTC\n");
        waitFor(() -> text(err).contains("batch 2: 1 rows, 1 stored"), "the second batch", err);
        assertThat(count(schema)).isEqualTo(3);
        feed.close();
        assertThat(status.get(30, TimeUnit.SECONDS)).as(text(err)).isZero();
        assertThat(text(err)).contains("ingested 3 rows in 2 batches: 3 stored, 0 duplicate, 0 rejected");
    }

    @Test
    void keepsTheBatchWhileTheDatabaseIsUnreachableAndStoresItWhenItIsBack() throws Exception {
        String schema = newSchema();
        try (TcpProxy proxy = TcpProxy.to(DB.database())) {
            PipedOutputStream feed = new PipedOutputStream();
            PipedInputStream in = new PipedInputStream(feed, 1 << 16);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> UptimeCli.run(env(in, err),
                    "ingest", "--jdbc-url", proxy.url(), "--schema", schema, "--flush-after", "PT0.1S"));
            write(feed, HEADER + "s1,active,2024-10-14 10:00:00 UTC\n");
            waitFor(() -> text(err).contains("batch 1: 1 rows, 1 stored"), "the first batch", err);

            proxy.cut();
            write(feed, "s1,inactive,2024-10-14 10:10:00 UTC\ns1,active,2024-10-14 10:20:00 UTC\n");
            waitFor(() -> text(err).contains("keeping batch 2 (2 polls), trying again in"), "the retry", err);
            assertThat(count(schema)).isEqualTo(1);

            proxy.restore();
            waitFor(() -> text(err).contains("batch 2: 2 rows, 2 stored"), "the kept batch stored", err);
            feed.close();
            assertThat(status.get(60, TimeUnit.SECONDS)).as(text(err)).isZero();
            assertThat(count(schema)).isEqualTo(3);
            assertThat(text(err)).doesNotContain("Exception");
        }
    }

    @Test
    void sigtermStoresWhatWasReadAndExits0() throws Exception {
        String schema = newSchema();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                UptimeCli.class.getName(), "ingest", "--jdbc-url", url(), "--schema", schema, "--batch", "1000",
                "--flush-after", "PT1H").redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread pump = new Thread(() -> {
            try (InputStream from = process.getInputStream()) {
                from.transferTo(output);
            } catch (IOException e) {
                // the process ended
            }
        });
        pump.start();
        try (OutputStream to = process.getOutputStream()) {
            waitFor(() -> text(output).contains("ingesting standard input"), "the start", output);
            write(to, HEADER + "s1,active,2024-10-14 10:00:00 UTC\ns1,inactive,2024-10-14 10:10:00 UTC\n");
            // nothing says the rows were read (they wait for an hour or 1,000 rows): give the reader time
            Thread.sleep(1500);
            // SIGTERM through the handle: Process.destroy() would also close our end of its output
            process.toHandle().destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        pump.join(10_000);
        assertThat(process.exitValue()).as(text(output)).isZero();
        assertThat(text(output)).contains("batch 1: 2 rows, 2 stored, 0 duplicate, 0 rejected",
                "stopped by a signal: stored what was read");
        assertThat(count(schema)).isEqualTo(2);
    }

    private static Run run(InputStream in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), FIXED)
                .withIn(in == null ? InputStream.nullInputStream() : in);
        int status = UptimeCli.run(env, args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static CliEnvironment env(InputStream in, ByteArrayOutputStream err) {
        return new CliEnvironment(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), FIXED).withIn(in);
    }

    private static Run ok(Run run) {
        assertThat(run.status()).as(run.err()).isZero();
        return run;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(OutputStream to, String text) throws IOException {
        to.write(text.getBytes(StandardCharsets.UTF_8));
        to.flush();
    }

    private static String text(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static void waitFor(BooleanSupplier condition, String what, ByteArrayOutputStream log)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("waiting for " + what + "; so far:\n" + text(log)).isTrue();
            Thread.sleep(20);
        }
    }

    private static String lastLine(Run run) {
        List<String> lines = run.err().lines().toList();
        return lines.get(lines.size() - 1);
    }

    private static String url() {
        return DB.database().urlWithSettings();
    }

    private static long count(String schema) {
        return DSL.using(DB.dataSource(), SQLDialect.POSTGRES).fetchCount(DSL.table(DSL.name(schema,
                "store_status")));
    }

    /** A schema of its own for one test (ingest migrates it), dropped after the class. */
    private static String newSchema() {
        String schema = DatabaseSchemaExtension.newSchemaName();
        SCHEMAS.add(schema);
        return schema;
    }

    @AfterAll
    static void dropSchemas() {
        DSLContext dsl = DSL.using(DB.dataSource(), SQLDialect.POSTGRES);
        for (String schema : SCHEMAS) {
            dsl.dropSchemaIfExists(DSL.name(schema)).cascade().execute();
        }
    }
}
