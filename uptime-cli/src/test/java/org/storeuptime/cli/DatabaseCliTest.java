package org.storeuptime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.jdbc.SharedData;

/**
 * {@code uptime import} and {@code uptime report --jdbc-url} run in-process against the test database: the report
 * from the database is byte-identical to the one from the files, imports are idempotent, bad rows are named,
 * strict imports change nothing, and usage errors and unreachable databases end with clear messages.
 */
class DatabaseCliTest {

    /** This class's schema: {@code examples/data}, imported by the tests that need it. */
    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension(false);

    private static final Path EXAMPLES = SharedData.repositoryRoot().resolve("examples").resolve("data");
    private static final Clock FIXED = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final List<String> EXTRA_SCHEMAS = new ArrayList<>();

    @TempDir
    Path tmp;

    /** The outcome of one in-process run. */
    record Run(int status, byte[] out, String err) {
        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(Map<String, String> environment, Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment, clock);
        int status = UptimeCli.run(env, args);
        return new Run(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(String... args) {
        return run(Map.of(), FIXED, args);
    }

    private static Run ok(String... args) {
        Run run = run(args);
        assertThat(run.status()).as(String.join(" ", args) + "\n" + run.err()).isZero();
        return run;
    }

    private static String url() {
        return DB.database().urlWithSettings();
    }

    /** A schema of its own for one data set, dropped after the class (import creates it). */
    private static synchronized String newSchema() {
        String schema = DatabaseSchemaExtension.newSchemaName();
        EXTRA_SCHEMAS.add(schema);
        return schema;
    }

    @AfterAll
    static void dropExtraSchemas() {
        DSLContext dsl = DSL.using(DB.dataSource(), SQLDialect.POSTGRES);
        for (String schema : EXTRA_SCHEMAS) {
            dsl.dropSchemaIfExists(DSL.name(schema)).cascade().execute();
        }
    }

    private static int count(String schema, String table) {
        return DSL.using(DB.dataSource(), SQLDialect.POSTGRES).fetchCount(DSL.table(DSL.name(schema, table)));
    }

    private static String lastLine(Run run) {
        List<String> lines = run.errLines();
        return lines.get(lines.size() - 1);
    }

    /** Imports {@code dir} into {@code schema}, then checks each report against the one from the files. */
    private static void importAndCompare(Path dir, String schema, List<List<String>> reportOptions) {
        Run imported = ok("import", "--jdbc-url", url(), "--schema", schema, "--data", dir.toString());
        assertThat(imported.err()).contains("migrated schema " + schema + ": applied versions [1, 2, 3, 4, 5, 6, 7]",
                "importing " + dir, " rejected").doesNotContain("rejected:");
        assertThat(lastLine(imported)).isEqualTo("done");
        for (List<String> options : reportOptions) {
            List<String> fromFiles = new ArrayList<>(List.of("report", "--data", dir.toString()));
            fromFiles.addAll(options);
            List<String> fromDatabase = new ArrayList<>(List.of("report", "--jdbc-url", url(), "--schema", schema));
            fromDatabase.addAll(options);
            byte[] expected = ok(fromFiles.toArray(String[]::new)).out();
            Run actual = ok(fromDatabase.toArray(String[]::new));
            assertThat(expected.length).isGreaterThan(200);
            assertThat(actual.out()).as("report %s", options).isEqualTo(expected);
            assertThat(lastLine(actual)).isEqualTo("done");
        }
    }

    @Test
    void examplesDataImportedTwiceGiveTheSameReportAsTheFiles() {
        String schema = DB.schema();
        importAndCompare(EXAMPLES, schema, List.of(List.of(),
                List.of("--extrapolation", "carry-forward", "--lookback", "PT2H", "--now", "2024-10-13T08:00:00Z")));
        int polls = count(schema, "store_status");
        assertThat(polls).isEqualTo(4382);
        byte[] first = ok("report", "--jdbc-url", url(), "--schema", schema).out();

        Run again = ok("import", "--jdbc-url", url(), "--schema", schema, "--data", EXAMPLES.toString());
        assertThat(again.err()).contains("schema " + schema + " is up to date",
                "store_status.csv: 4393 rows read, 0 loaded, 4393 duplicate, 0 rejected",
                "menu_hours.csv: 322 rows read, 0 loaded, 322 duplicate, 0 rejected",
                "timezones.csv: 39 rows read, 0 loaded, 39 duplicate, 0 rejected");
        assertThat(lastLine(again)).isEqualTo("done");
        assertThat(count(schema, "store_status")).isEqualTo(polls);
        assertThat(count(schema, "store_business_hour")).isEqualTo(322);
        assertThat(count(schema, "store_timezone")).isEqualTo(39);
        assertThat(ok("report", "--jdbc-url", url(), "--schema", schema).out()).isEqualTo(first);
    }

    @Test
    void the2023SampleGivesTheSameReportAsTheFiles() {
        Path sample = SharedData.sample2023().status().getParent();
        importAndCompare(sample, newSchema(), List.of(List.of()));
    }

    @Test
    void aGeneratedDataSetAcrossDaylightSavingChangesGivesTheSameReports() {
        Path dir = tmp.resolve("generated");
        // 40 days up to 2 April 2024: the US clocks moved on 10 March, the European ones on 31 March
        ok("generate", "--out", dir.toString(), "--stores", "60", "--days", "40", "--seed", "11",
                "--now", "2024-04-02T06:00:00Z");
        importAndCompare(dir, newSchema(), List.of(List.of(),
                List.of("--now", "2024-03-13T12:00:00Z"),
                List.of("--now", "2024-03-31T03:30:00Z", "--extrapolation", "carry-forward")));
    }

    /** Closures of every store and of single stores, across the US change of 10 March, one of them twice. */
    static String closures(Path dir) throws IOException {
        List<String> zones = Files.readAllLines(dir.resolve("timezones.csv"));
        String first = zones.get(1).split(",")[0];
        String second = zones.get(2).split(",")[0];
        return "store_id,start_local,end_local,reason\n"
                + "*,2024-03-10,2024-03-11,spring forward\n"
                + first + ",2024-03-04 09:30,2024-03-06 14:00,renovation\n"
                + first + ",2024-03-04 09:30,2024-03-06T14:00:00,again\n"
                + second + ",2024-02-29,2024-03-01,\n";
    }

    @Test
    void windowsAndClosuresGiveTheSameReportFromTheDatabaseAsFromTheFiles() throws IOException {
        Path dir = tmp.resolve("closed");
        ok("generate", "--out", dir.toString(), "--stores", "30", "--days", "40", "--seed", "5",
                "--now", "2024-03-20T06:00:00Z");
        Files.writeString(dir.resolve("closures.csv"), closures(dir));
        String schema = newSchema();
        List<String> windows = List.of("--window", "30d", "--window", "2024-03", "--window", "previous-month",
                "--window", "2024-03-01/2024-03-11", "--window", "2024-03-09T00:00:00Z/2024-03-12T00:00:00Z");
        importAndCompare(dir, schema, List.of(List.of(), windows,
                List.of("--now", "2024-03-12T12:00:00Z", "--window", "month", "--window", "6h", "--window", "2w")));

        // the import counted the repeated closure as a duplicate
        Run again = ok("import", "--jdbc-url", url(), "--schema", schema, "--data", dir.toString());
        assertThat(again.err()).contains("closures.csv: 4 rows read, 0 loaded, 4 duplicate, 0 rejected");
        assertThat(count(schema, "store_closure")).isEqualTo(3);

        // the closures file named on its own gives the report of the folder holding it
        List<String> separate = new ArrayList<>(List.of("report", "--status", dir.resolve("store_status.csv").toString(),
                "--hours", dir.resolve("menu_hours.csv").toString(), "--timezones",
                dir.resolve("timezones.csv").toString(), "--closures", dir.resolve("closures.csv").toString()));
        separate.addAll(windows);
        List<String> folder = new ArrayList<>(List.of("report", "--data", dir.toString()));
        folder.addAll(windows);
        byte[] withClosures = ok(folder.toArray(String[]::new)).out();
        assertThat(ok(separate.toArray(String[]::new)).out()).isEqualTo(withClosures);
        Files.delete(dir.resolve("closures.csv"));
        assertThat(ok(folder.toArray(String[]::new)).out()).as("the closures change the report")
                .isNotEqualTo(withClosures);

        // one store's windows, as text and JSON, are the same from the database as from the files
        String store = Files.readAllLines(dir.resolve("timezones.csv")).get(1).split(",")[0];
        Files.writeString(dir.resolve("closures.csv"), closures(dir));
        for (String format : List.of("--text", "--json")) {
            List<String> fromFiles = new ArrayList<>(List.of("store", store, "--data", dir.toString()));
            List<String> fromDatabase = new ArrayList<>(List.of("store", store, "--jdbc-url", url(), "--schema", schema));
            fromFiles.addAll(windows);
            fromDatabase.addAll(windows);
            if (format.equals("--json")) {
                fromFiles.add(format);
                fromDatabase.add(format);
            }
            assertThat(ok(fromDatabase.toArray(String[]::new)).outText())
                    .isEqualTo(ok(fromFiles.toArray(String[]::new)).outText());
        }
    }

    @Test
    void pruneKeepsTheReportByteIdenticalAndRefusesATooShortKeep() {
        Path dir = tmp.resolve("prune");
        ok("generate", "--out", dir.toString(), "--stores", "30", "--days", "30", "--seed", "4",
                "--now", "2024-04-02T06:00:00Z");
        String schema = newSchema();
        ok("import", "--jdbc-url", url(), "--schema", schema, "--data", dir.toString());
        byte[] before = ok("report", "--jdbc-url", url(), "--schema", schema).out();
        int polls = count(schema, "store_status");

        Run refused = run("prune", "--jdbc-url", url(), "--schema", schema, "--keep", "P7D");
        assertUsage(refused, "--keep: keep PT168H (7 days) is shorter than a report needs: 7 days (the report's week)"
                + " plus the longest lookback in use (PT24H) = PT192H (8 days); keep at least that, or force it"
                + " (reports would change)");
        assertUsage(run("prune", "--jdbc-url", url(), "--schema", schema, "--keep", "P8D", "--lookback", "P2D"),
                "--keep: keep PT192H (8 days) is shorter than a report needs");
        assertThat(count(schema, "store_status")).isEqualTo(polls);

        Run pruned = ok("prune", "--jdbc-url", url(), "--schema", schema, "--keep", "P8D");
        assertThat(lastLine(pruned)).startsWith("removed ").contains(" polls older than 2024-03-2");
        int left = count(schema, "store_status");
        assertThat(left).isLessThan(polls).isGreaterThan(0);
        assertThat(ok("report", "--jdbc-url", url(), "--schema", schema).out()).isEqualTo(before);
        assertThat(lastLine(ok("prune", "--jdbc-url", url(), "--schema", schema, "--keep", "P8D")))
                .startsWith("removed 0 polls older than ");

        Run forced = ok("prune", "--jdbc-url", url(), "--schema", schema, "--keep", "P1D", "--force");
        assertThat(forced.err()).contains("(forced)");
        assertThat(count(schema, "store_status")).isLessThan(left);
    }

    @Test
    void rollupsCheckNamesWhereTheyDifferAndRebuildMendsThem() {
        Path dir = tmp.resolve("rollups");
        ok("generate", "--out", dir.toString(), "--stores", "20", "--days", "20", "--seed", "5",
                "--now", "2024-04-02T06:00:00Z");
        String schema = newSchema();
        ok("import", "--jdbc-url", url(), "--schema", schema, "--data", dir.toString());
        byte[] report = ok("report", "--jdbc-url", url(), "--schema", schema, "--window", "30d").out();
        Run checked = ok("rollups", "--jdbc-url", url(), "--schema", schema, "--check");
        assertThat(new String(checked.out(), StandardCharsets.UTF_8)).startsWith("rollups of schema " + schema
                + ": consistent with the polls; 20 stores, ").contains(" polls kept (");
        assertThat(count(schema, "store_poll_digest")).isLessThan(count(schema, "store_status"));

        // one kept poll lost behind the writers' backs (saying it keeps them, so nothing marks them stale)
        DSLContext dsl = DSL.using(DB.dataSource(), SQLDialect.POSTGRES);
        dsl.transaction(c -> {
            c.dsl().execute("select set_config('uptime.poll_digest_kept', 'on', true)");
            c.dsl().execute("delete from " + DSL.name(schema, "store_poll_digest") + " where (store_id, timestamp_utc)"
                    + " = (select store_id, timestamp_utc from " + DSL.name(schema, "store_poll_digest")
                    + " order by store_id, timestamp_utc offset 5 limit 1)");
        });
        Run differs = run("rollups", "--jdbc-url", url(), "--schema", schema, "--check");
        assertThat(differs.status()).isEqualTo(UptimeCli.FAILED);
        assertThat(differs.err()).containsPattern("store \\S+ at \\S+Z: missing from the digest")
                .contains("rollups of schema " + schema + ": 1 differences from the polls (run uptime rollups"
                        + " --rebuild)");

        Run rebuilt = ok("rollups", "--jdbc-url", url(), "--schema", schema, "--rebuild");
        assertThat(new String(rebuilt.out(), StandardCharsets.UTF_8)).contains(" rebuilt: consistent with the polls");
        assertThat(ok("report", "--jdbc-url", url(), "--schema", schema, "--window", "30d").out()).isEqualTo(report);
        assertUsage(run("rollups", "--jdbc-url", url(), "--schema", schema), "Error: Missing required argument");
        assertUsage(run("rollups", "--jdbc-url", url(), "--schema", schema, "--check", "--rebuild"),
                "are mutually exclusive");
    }

    @Test
    void serveKeepNeedsADatabaseAndAKeepAReportCanLiveWith() {
        String ex = EXAMPLES.toString();
        assertUsage(run("serve", "--data", ex, "--keep", "P30D"),
                "--keep prunes a database's polls: it needs --jdbc-url, not --data");
        assertUsage(run("serve", "--keep", "P30D"), "--keep prunes a database's polls: give --jdbc-url URL or set"
                + " UPTIME_JDBC_URL (the bundled sample is not pruned)");
        // refused before connecting, and without prune's way out: serve offers no --force
        Run refused = run("serve", "--jdbc-url", url(), "--schema", newSchema(), "--keep", "P7D");
        assertUsage(refused, "--keep: keep PT168H (7 days) is shorter than a report needs: 7 days (the report's week)"
                + " plus the longest lookback in use (PT24H) = PT192H (8 days); keep at least that");
        assertThat(refused.err()).doesNotContain("force");
        assertUsage(run("serve", "--jdbc-url", url(), "--keep", "30 days"),
                "'30 days' is not an ISO-8601 duration (expected like PT24H)");
        assertUsage(run("serve", "--jdbc-url", url(), "--keep", "P30D", "--force"), "Unknown option: '--force'");
        // picocli wraps the help: compare with single spaces
        assertThat(ok("serve", "--help").outText().replaceAll("\\s+", " ")).contains("--keep=DURATION",
                "once a day, prune the polls older than the latest poll minus DURATION");
    }

    @Test
    void aSchemaNameIsNotTakenAsAPattern() {
        // DB.schema() holds no tables; a schema whose name matches it as a LIKE pattern does
        String schema = newSchema();
        ok("import", "--jdbc-url", url(), "--schema", schema + "_x", "--data", EXAMPLES.toString());
        EXTRA_SCHEMAS.add(schema + "_x");
        Run run = run("report", "--jdbc-url", url(), "--schema", schema + "%");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("schema " + schema + "% of ").contains("holds no uptime tables");
    }

    @Test
    void theEnvironmentStandsInForTheFlagAndReportsGoToOutFiles() throws IOException {
        String schema = newSchema();
        Map<String, String> env = Map.of(DatabaseOptions.URL_VARIABLE, url());
        Run imported = run(env, FIXED, "import", "--schema", schema, "--data", EXAMPLES.toString());
        assertThat(imported.status()).as(imported.err()).isZero();

        Path file = tmp.resolve("report.csv");
        Run report = run(env, FIXED, "report", "--schema", schema, "--out", file.toString());
        assertThat(report.status()).as(report.err()).isZero();
        assertThat(report.out()).isEmpty();
        assertThat(report.err()).contains("wrote 40 rows to " + file);
        assertThat(Files.readAllBytes(file)).isEqualTo(ok("report", "--data", EXAMPLES.toString()).out());

        // input files win over the environment's database
        Run files = run(env, FIXED, "report", "--data", EXAMPLES.toString());
        assertThat(files.status()).isZero();
        assertThat(files.err()).contains("reading " + EXAMPLES).doesNotContain("jdbc:");
    }

    @Test
    void progressIsPrintedAtMostEveryTwoSeconds() {
        AtomicLong millis = new AtomicLong(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
        Clock ticking = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.addAndGet(Duration.ofSeconds(3).toMillis()));
            }
        };
        String schema = newSchema();
        Run run = run(Map.of(), ticking, "import", "--jdbc-url", url(), "--schema", schema,
                "--data", EXAMPLES.toString(), "--progress");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsSubsequence("store_status.csv: 4393 rows read",
                "menu_hours.csv: 322 rows read", "merging the new rows into the tables", "done");
        // the fixed clock never passes two seconds: no counting lines
        Run fixed = ok("import", "--jdbc-url", url(), "--schema", newSchema(), "--data", EXAMPLES.toString(),
                "--progress");
        assertThat(fixed.errLines()).doesNotContain("store_status.csv: 4393 rows read");
        // standard error is no terminal here: without --progress, no progress at all
        Run notAsked = run(Map.of(), ticking, "import", "--jdbc-url", url(), "--schema", newSchema(),
                "--data", EXAMPLES.toString());
        assertThat(notAsked.status()).isZero();
        assertThat(notAsked.errLines()).noneMatch(line -> line.endsWith(" rows read") || line.startsWith("merging"));

        // a report from the database: stores computed, on standard error only
        Run report = run(Map.of(), ticking, "report", "--jdbc-url", url(), "--schema", schema, "--progress");
        assertThat(report.status()).as(report.err()).isZero();
        assertThat(report.errLines()).anyMatch(line -> line.matches("computed \\d+ of 40 stores"));
        assertThat(report.outText()).isEqualTo(ok("report", "--jdbc-url", url(), "--schema", schema).outText());
        Run quiet = run(Map.of(), ticking, "import", "--jdbc-url", url(), "--schema", schema,
                "--data", EXAMPLES.toString(), "--quiet");
        assertThat(quiet.status()).isZero();
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void aFailingDatabaseIsOneLineNamingTheDatabaseAndItsError() {
        String schema = newSchema();
        ok("import", "--jdbc-url", url(), "--schema", schema, "--data", EXAMPLES.toString());
        // a table that both commands use: a report served from the poll digests reads no store_status
        DSL.using(DB.dataSource(), SQLDialect.POSTGRES).dropTable(DSL.name(schema, "store_timezone")).cascade().execute();

        for (String command : List.of("report", "import")) {
            List<String> args = new ArrayList<>(List.of(command, "--jdbc-url", url(), "--schema", schema, "--quiet"));
            if (command.equals("import")) {
                args.addAll(List.of("--data", EXAMPLES.toString()));
            }
            Run run = run(args.toArray(String[]::new));
            assertThat(run.status()).as(run.err()).isEqualTo(UptimeCli.FAILED);
            assertThat(run.errLines()).singleElement().asString()
                    .startsWith("uptime " + command + ": failed: the database " + DatabaseOptions.redact(url())
                            + " failed: ")
                    .contains("store_timezone").doesNotContain("Exception", "SQL [");
            args.add("--verbose");
            Run verbose = run(args.toArray(String[]::new));
            assertThat(verbose.err()).contains("\tat ");
        }
    }

    @Test
    void badRowsAreNamedAndLeftOutAndStrictImportsChangeNothing() throws IOException {
        String schema = newSchema();
        Path good = data("good", List.of(
                "s1,active,2024-10-14 10:00:00 UTC", "s1,inactive,2024-10-14 11:00:00 UTC",
                "s2,active,2024-10-14 10:30:00 UTC", "s2,sleeping,2024-10-14 11:30:00 UTC"),
                List.of("s1,0,09:00:00,17:00:00", "s2,7,09:00:00,17:00:00"),
                List.of("s1,America/Chicago", "s2,Mars/Olympus"));

        Run lenient = run("import", "--jdbc-url", url(), "--schema", schema, "--data", good.toString());
        assertThat(lenient.status()).as(lenient.err()).isZero();
        assertThat(lenient.err()).contains(
                "rejected: store_status.csv:5: status: unknown status 'sleeping' (expected active or inactive)",
                "rejected: menu_hours.csv:3: ",
                "rejected: timezones.csv:3: ",
                "store_status.csv: 4 rows read, 3 loaded, 0 duplicate, 1 rejected",
                "menu_hours.csv: 2 rows read, 1 loaded, 0 duplicate, 1 rejected",
                "timezones.csv: 2 rows read, 1 loaded, 0 duplicate, 1 rejected");
        assertThat(lastLine(lenient)).isEqualTo(
                "done, but 3 input rows were rejected and left out (see above; --strict makes this fail)");
        assertThat(count(schema, "store_status")).isEqualTo(3);
        byte[] before = ok("report", "--jdbc-url", url(), "--schema", schema).out();
        assertThat(before).isEqualTo(ok("report", "--data", good.toString()).out());

        Path bad = data("bad", List.of(
                "s1,active,2024-10-14 12:00:00 UTC", "s3,active,2024-10-14 12:00:00 UTC",
                "s3,active,yesterday"),
                List.of("s3,1,08:00:00,20:00:00"), List.of("s1,Europe/Berlin", "s3,Asia/Tokyo"));
        Run strict = run("import", "--jdbc-url", url(), "--schema", schema, "--data", bad.toString(), "--strict");
        assertThat(strict.status()).as(strict.err()).isEqualTo(1);
        assertThat(strict.err()).contains("store_status.csv: 3 rows read, 1 rejected", "menu_hours.csv: 1 rows read, 0 rejected");
        assertThat(lastLine(strict)).isEqualTo(
                "uptime import: failed: strict mode: 1 row was rejected (see above), nothing was loaded");
        assertThat(strict.err().split("store_status.csv:4: timestamp_utc", -1)).as(strict.err()).hasSize(2);
        assertThat(count(schema, "store_status")).isEqualTo(3);
        assertThat(count(schema, "store")).isEqualTo(2);
        assertThat(ok("report", "--jdbc-url", url(), "--schema", schema).out()).isEqualTo(before);
    }

    @Test
    void onlyTheFirstHundredRejectedRowsArePrinted() throws IOException {
        List<String> status = IntStream.rangeClosed(1, 105).mapToObj(i -> "s1,maybe,2024-10-14 10:00:00 UTC").toList();
        Path dir = data("many", status, List.of(), List.of("s1,UTC"));
        Run run = run("import", "--jdbc-url", url(), "--schema", newSchema(), "--data", dir.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.errLines().stream().filter(l -> l.startsWith("rejected: "))).hasSize(100);
        assertThat(run.errLines()).contains("... and 5 more rejected rows",
                "store_status.csv: 105 rows read, 0 loaded, 0 duplicate, 105 rejected");
        assertThat(lastLine(run)).startsWith("done, but 105 input rows were rejected");
    }

    @Test
    void aReportFromASchemaWithoutTablesFails() {
        Run run = run("report", "--jdbc-url", url(), "--schema", newSchema());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("holds no uptime tables; run 'uptime import' into it first");
    }

    @Test
    void anUnreachableDatabaseFailsWithItsUrlButNoPassword() {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/uptime?user=u&password=hunter2";
        for (String[] args : List.of(
                new String[] {"import", "--jdbc-url", unreachable, "--data", EXAMPLES.toString()},
                new String[] {"report", "--jdbc-url", unreachable})) {
            Run run = run(args);
            assertThat(run.status()).as(run.err()).isEqualTo(1);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith("uptime " + args[0] + ": failed: cannot connect to the database "
                            + "jdbc:postgresql://127.0.0.1:1/uptime?user=u&password=***: ")
                    .contains("refused")
                    .doesNotContain("hunter2")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void wrongUsageExitsWithTwo() {
        String ex = EXAMPLES.toString();
        assertUsage(run("import", "--data", ex), "missing the database: give --jdbc-url URL or set UPTIME_JDBC_URL");
        assertUsage(run("import", "--jdbc-url", url()), "Missing required argument");
        assertUsage(run("import", "--jdbc-url", url(), "--data", tmp.resolve("nope").toString()), "no such directory");
        assertUsage(run("import", "--jdbc-url", "jdbc:mysql://localhost/x", "--data", ex),
                "expected a PostgreSQL JDBC URL");
        assertUsage(run("import", "--jdbc-url", url(), "--schema", "", "--data", ex), "--schema: schema name must be");
        assertUsage(run("import", "--jdbc-url", url(), "--schema", "x".repeat(64), "--data", ex),
                "--schema: schema name must be 1 to 63 bytes in UTF-8, not blank and without NUL");
        assertUsage(run("report"), "missing the input: give --data DIR, or --status F --hours F --timezones F, "
                + "or --jdbc-url URL (or set UPTIME_JDBC_URL)");
        assertUsage(run("report", "--jdbc-url", url(), "--data", ex), "--jdbc-url and the input files");
        assertUsage(run("report", "--jdbc-url", url(), "--status", ex + "/store_status.csv", "--hours",
                ex + "/menu_hours.csv", "--timezones", ex + "/timezones.csv"), "mutually exclusive");
        assertUsage(run("report", "--jdbc-url", url(), "--strict"), "--strict applies to input files");
        assertUsage(run("report", "--data", ex, "--schema", "other"), "--schema needs a database");
        assertUsage(run("serve", "--data", ex, "--schema", "other"), "--schema needs a database");
    }

    @Test
    void theSystemSchemasAreAUsageErrorBeforeAnythingIsCreated() {
        String ex = EXAMPLES.toString();
        for (String schema : List.of("information_schema", "pg_uptime")) {
            String line = "--schema: schema name '" + schema + "' is reserved for PostgreSQL's system catalogs"
                    + " (pg_* and information_schema): choose another one";
            for (List<String> command : List.of(List.of("import", "--data", ex), List.of("report"),
                    List.of("store", "some-store"), List.of("prune", "--keep", "P30D"))) {
                List<String> args = new ArrayList<>(command);
                args.addAll(List.of("--jdbc-url", url(), "--schema", schema));
                Run run = run(args.toArray(String[]::new));
                assertUsage(run, line);
                assertThat(run.err()).as(args.toString()).startsWith("uptime " + command.get(0) + ": " + line + "\n");
            }
        }
        assertThat(DSL.using(DB.dataSource(), SQLDialect.POSTGRES).fetchExists(DSL.selectOne()
                .from(DSL.table(DSL.name("pg_catalog", "pg_tables")))
                .where(DSL.field(DSL.name("schemaname"), String.class).eq("information_schema"))
                .and(DSL.field(DSL.name("tablename"), String.class).eq("store_status")))).isFalse();
    }

    @Test
    void helpNamesTheDatabaseOptions() {
        for (String command : List.of("import", "report", "serve")) {
            Run help = ok(command, "--help");
            assertThat(help.outText()).as(command).contains("--jdbc-url=URL", "--schema=NAME", "UPTIME_JDBC_URL",
                    "Exit status:");
        }
        assertThat(ok("--help").outText()).contains("import");
    }

    private static void assertUsage(Run run, String message) {
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(message).contains("--help");
    }

    private Path data(String name, List<String> status, List<String> hours, List<String> zones) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.write(dir.resolve("store_status.csv"), with("store_id,status,timestamp_utc", status));
        Files.write(dir.resolve("menu_hours.csv"), with("store_id,dayOfWeek,start_time_local,end_time_local", hours));
        Files.write(dir.resolve("timezones.csv"), with("store_id,timezone_str", zones));
        return dir;
    }

    private static List<String> with(String header, List<String> rows) {
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(header);
        lines.addAll(rows);
        return lines;
    }
}
