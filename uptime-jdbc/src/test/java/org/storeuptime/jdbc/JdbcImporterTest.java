package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.storeuptime.jdbc.schema.Tables.STORE;
import static org.storeuptime.jdbc.schema.Tables.STORE_BUSINESS_HOUR;
import static org.storeuptime.jdbc.schema.Tables.STORE_CLOSURE;
import static org.storeuptime.jdbc.schema.Tables.STORE_STATUS;
import static org.storeuptime.jdbc.schema.Tables.STORE_TIMEZONE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storeuptime.core.Closure;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.FileSummary;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.core.csv.LoadedInput;
import org.storeuptime.core.csv.RejectedRow;
import org.storeuptime.core.csv.RejectedRowsException;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.sample.SampleDataGenerator;

class JdbcImporterTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private DSLContext dsl;
    private UptimeDatabase db;

    @BeforeEach
    void emptyTables() {
        dsl = DSL.using(DB.dataSource(), SQLDialect.POSTGRES, new Settings().withRenderMapping(new RenderMapping()
                .withSchemata(new MappedSchema().withInput("public").withOutput(DB.schema()))));
        dsl.truncate(STORE_STATUS, STORE_TIMEZONE, STORE_BUSINESS_HOUR, STORE, STORE_CLOSURE).execute();
        db = DB.uptimeDatabase();
    }

    private List<Integer> tableCounts() {
        return List.of(dsl.fetchCount(STORE), dsl.fetchCount(STORE_TIMEZONE), dsl.fetchCount(STORE_BUSINESS_HOUR),
                dsl.fetchCount(STORE_STATUS));
    }

    private byte[] databaseReport() {
        return ReportCsv.toBytes(UptimeEngine.create().report(db.reportSource()));
    }

    /** Imports twice; both times the report equals the offline one, byte for byte, and nothing changes. */
    private void importMatchesTheOfflineLoader(InputFiles files) {
        LoadedInput offline = InputLoader.load(files, LoadOptions.LENIENT);
        byte[] expected = ReportCsv.toBytes(UptimeEngine.create().report(offline.data()));

        ImportResult first = db.importer().importFiles(files);
        assertThat(first.summaries()).isEqualTo(offline.summaries());
        assertThat(first.rejectedCount()).isEqualTo(offline.rejectedCount());
        assertThat(dsl.fetchCount(STORE_STATUS)).isEqualTo(offline.data().pollCount());
        assertThat(db.reportSource().storeCount()).isEqualTo(offline.data().storeCount());
        assertThat(db.reportSource().latestPollTime()).isEqualTo(offline.data().latestPollTime());
        assertThat(new String(databaseReport(), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        List<Integer> counts = tableCounts();

        ImportResult second = db.importer().importFiles(files);
        assertThat(tableCounts()).isEqualTo(counts);
        assertThat(databaseReport()).isEqualTo(expected);
        for (FileSummary file : second.summaries()) {
            assertThat(file.loaded()).as(file.file()).isZero();
            assertThat(file.duplicate()).as(file.file()).isEqualTo(file.read() - file.rejected());
        }
    }

    @Test
    void sample2023ImportsTwiceAndReportsLikeTheOfflineLoader() {
        importMatchesTheOfflineLoader(SharedData.sample2023());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-12T06:30:00Z", "2024-11-04T09:15:00Z", "2024-10-28T01:30:00Z"})
    void generatedDataAcrossDstChangesReportsLikeTheOfflineLoader(String now, @TempDir Path dir) {
        SampleDataGenerator.builder().stores(300).days(12).seed(now.hashCode()).now(Instant.parse(now)).build()
                .generate(dir);
        importMatchesTheOfflineLoader(InputFiles.inDirectory(dir));
    }

    /**
     * After the import every page of the polls is all-visible (its VACUUM after the commit), so that a report's
     * poll query reads the primary key alone; on TimescaleDB the pages are the chunks'.
     */
    @Test
    void importLeavesEveryPollPageAllVisible() {
        db.importer().importFiles(SharedData.sample2023());
        long[] pages = pollPages();
        assertThat(pages[0]).isPositive();
        assertThat(pages[1]).isEqualTo(pages[0]);
    }

    /**
     * A transaction that began before the import committed keeps VACUUM from marking the new pages; the import
     * waits for it to end and vacuums again, so the pages still end up all-visible.
     */
    @Test
    void aTransactionOlderThanTheImportOnlyDelaysMarkingItsPages() throws Exception {
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try (Connection reader = DB.dataSource().getConnection()) {
            reader.setAutoCommit(false);
            reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = reader.createStatement()) {
                // takes the transaction's snapshot, from before the import
                statement.executeQuery("select count(*) from " + DB.schema() + ".store").close();
            }
            // the small sample imports well within these 3 s, so its first VACUUM runs while the reader is open
            ScheduledFuture<?> ended = later.schedule(() -> {
                reader.rollback();
                return null;
            }, 3, TimeUnit.SECONDS);
            db.importer().importFiles(InputFiles.inDirectory(SharedData.repositoryRoot().resolve("examples/data")));
            assertThat(ended.isDone()).as("the import waited for the older transaction").isTrue();
            ended.get();
        } finally {
            later.shutdownNow();
        }
        long[] pages = pollPages();
        assertThat(pages[0]).isPositive();
        assertThat(pages[1]).isEqualTo(pages[0]);
    }

    /** Pages of the polls (of all chunks on TimescaleDB) and how many of them are all-visible. */
    private long[] pollPages() {
        org.jooq.Record pages = dsl.fetchOne("select sum(relpages)::bigint, sum(relallvisible)::bigint"
                + " from pg_catalog.pg_class where oid = cast({0} as regclass) or oid in (select inhrelid"
                + " from pg_catalog.pg_inherits where inhparent = cast({0} as regclass))",
                DSL.val(DB.schema() + ".store_status"));
        return new long[] {pages.get(0, Long.class), pages.get(1, Long.class)};
    }

    @Test
    void newerHoursAndZonesReplaceAStoresRowsAndPollsAccumulate(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        write(a, "store_id,status,timestamp_utc\ns1,active,2024-01-01 10:00:00 UTC\n",
                "store_id,dayOfWeek,start_time_local,end_time_local\ns1,0,09:00:00,17:00:00\ns1,1,09:00:00,17:00:00\n"
                        + "s2,0,10:00:00,11:00:00\n",
                "store_id,timezone_str\ns1,America/Denver\ns2,Asia/Kolkata\n");
        Path b = Files.createDirectories(dir.resolve("b"));
        write(b, "store_id,status,timestamp_utc\ns1,inactive,2024-01-01 10:00:00 UTC\ns1,active,2024-01-02 10:00:00 UTC\n",
                "store_id,dayOfWeek,start_time_local,end_time_local\ns1,2,08:00:00,24:00\n",
                "store_id,timezone_str\ns1,Europe/Berlin\n");
        db.importer().importFiles(InputFiles.inDirectory(a));
        ImportResult second = db.importer().importFiles(InputFiles.inDirectory(b));

        assertThat(second.summaries()).containsExactly(new FileSummary("store_status.csv", 2, 1, 1, 0),
                new FileSummary("menu_hours.csv", 1, 1, 0, 0), new FileSummary("timezones.csv", 1, 1, 0, 0));
        assertThat(dsl.select(STORE_STATUS.STATUS).from(STORE_STATUS).orderBy(STORE_STATUS.TIMESTAMP_UTC)
                .fetch(STORE_STATUS.STATUS)).containsExactly("active", "active");
        assertThat(dsl.selectFrom(STORE_BUSINESS_HOUR).where(STORE_BUSINESS_HOUR.STORE_ID.eq("s1"))
                .fetch(STORE_BUSINESS_HOUR.DAY_OF_WEEK)).containsExactly((short) 2);
        assertThat(dsl.fetchCount(STORE_BUSINESS_HOUR, STORE_BUSINESS_HOUR.STORE_ID.eq("s2"))).isEqualTo(1);
        assertThat(dsl.select(STORE_TIMEZONE.TIMEZONE_STR).from(STORE_TIMEZONE).orderBy(STORE_TIMEZONE.STORE_ID)
                .fetch(STORE_TIMEZONE.TIMEZONE_STR)).containsExactly("Europe/Berlin", "Asia/Kolkata");
        // 24:00 survives the round trip as the end of the day.
        assertThat(db.reportSource()).satisfies(source -> source.forEachStore(Instant.EPOCH,
                Instant.parse("2030-01-01T00:00:00Z"), (store, polls) -> {
                    if (store.id().equals("s1")) {
                        assertThat(store.hours().periods().get(0).end()).isEqualTo(java.time.LocalTime.MAX);
                    }
                }));

        // A store's unchanged rows stay and count as duplicates; only what changed is loaded.
        Path c = Files.createDirectories(dir.resolve("c"));
        write(c, "store_id,status,timestamp_utc\n",
                "store_id,dayOfWeek,start_time_local,end_time_local\ns1,2,08:00:00,24:00\ns1,3,08:00:00,12:00:00\n",
                "store_id,timezone_str\ns1,Europe/Berlin\ns2,Asia/Kathmandu\n");
        ImportResult third = db.importer().importFiles(InputFiles.inDirectory(c));
        assertThat(third.summaries()).containsExactly(new FileSummary("store_status.csv", 0, 0, 0, 0),
                new FileSummary("menu_hours.csv", 2, 1, 1, 0), new FileSummary("timezones.csv", 2, 1, 1, 0));
        assertThat(dsl.selectFrom(STORE_BUSINESS_HOUR).where(STORE_BUSINESS_HOUR.STORE_ID.eq("s1"))
                .orderBy(STORE_BUSINESS_HOUR.DAY_OF_WEEK).fetch(STORE_BUSINESS_HOUR.DAY_OF_WEEK))
                .containsExactly((short) 2, (short) 3);
        assertThat(dsl.select(STORE_TIMEZONE.TIMEZONE_STR).from(STORE_TIMEZONE).orderBy(STORE_TIMEZONE.STORE_ID)
                .fetch(STORE_TIMEZONE.TIMEZONE_STR)).containsExactly("Europe/Berlin", "Asia/Kathmandu");
    }

    /** Closures of one store and of every store, across a DST change, some of them twice. */
    private static final String CLOSURES = "store_id,start_local,end_local,reason\n"
            + "*,2024-03-10,2024-03-11,spring forward\n"
            + "*,2024-03-10 00:00,2024-03-11T00:00:00,again\n"    // a duplicate: the first reason stays
            + "%s,2024-03-08 09:30,2024-03-09 14:00,renovation\n"
            + "%s,2024-03-12,2024-03-13,\n";

    @Test
    void closuresImportTwiceAndWindowedReportsMatchTheOfflineLoader(@TempDir Path dir) throws IOException {
        Instant now = Instant.parse("2024-03-14T06:30:00Z");
        SampleDataGenerator.builder().stores(60).days(12).seed(7).now(now).build().generate(dir);
        String first = Files.readAllLines(dir.resolve(InputFiles.TIMEZONES_FILE)).get(1).split(",")[0];
        String second = Files.readAllLines(dir.resolve(InputFiles.TIMEZONES_FILE)).get(2).split(",")[0];
        Files.writeString(dir.resolve(InputFiles.CLOSURES_FILE), CLOSURES.formatted(first, second));
        InputFiles files = InputFiles.inDirectory(dir);
        assertThat(files.closures()).isPresent();

        importMatchesTheOfflineLoader(files);
        ImportResult again = db.importer().importFiles(files);
        assertThat(again.summaries()).hasSize(4).last().isEqualTo(new FileSummary("closures.csv", 4, 0, 4, 0));
        assertThat(dsl.select(STORE_CLOSURE.REASON).from(STORE_CLOSURE).where(STORE_CLOSURE.STORE_ID.eq("*"))
                .fetch(STORE_CLOSURE.REASON)).containsExactly("spring forward");

        ReportRequest request = ReportRequest.builder().now(now).windows(List.of("30d", "2024-03", "2024-03-08/2024-03-13"))
                .build();
        LoadedInput offline = InputLoader.load(files, LoadOptions.LENIENT);
        assertThat(offline.data().closures()).hasSize(3);
        assertThat(db.reportSource().closures()).containsExactlyInAnyOrderElementsOf(offline.data().closures());
        String expected = new String(ReportCsv.toBytes(UptimeEngine.create().report(offline.data(), request)),
                StandardCharsets.UTF_8);
        String withoutClosures = new String(ReportCsv.toBytes(UptimeEngine.create().report(
                InputLoader.load(new InputFiles(files.status(), files.hours(), files.timezones()), LoadOptions.LENIENT)
                        .data(), request)), StandardCharsets.UTF_8);
        assertThat(expected).as("the closures change the report").isNotEqualTo(withoutClosures);
        assertThat(new String(ReportCsv.toBytes(UptimeEngine.create().report(db.reportSource(), request)),
                StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(db.storeReader().closures(first)).extracting(Closure::storeId).containsExactly("*", first);
    }

    @Test
    void badClosureRowsAreRejectedWithTheirLineAndStrictModeLoadsNothing(@TempDir Path dir) throws IOException {
        write(dir, "store_id,status,timestamp_utc\ns1,active,2024-01-01 10:00:00 UTC\n",
                "store_id,dayOfWeek,start_time_local,end_time_local\n", "store_id,timezone_str\n");
        Files.writeString(dir.resolve(InputFiles.CLOSURES_FILE), "store_id,start_local,end_local,reason\n"
                + "s1,2024-01-02,2024-01-01,backwards\n"                // line 2: end before start
                + "s1,2024-01-01 25:00,2024-01-03,bad hour\n"           // line 3: unreadable bound
                + "s9,2024-01-01,2024-01-02,holiday\n");
        InputFiles files = InputFiles.inDirectory(dir);

        assertThatThrownBy(() -> db.importer().importFiles(files, LoadOptions.STRICT, ImportProgress.NONE))
                .isInstanceOf(RejectedRowsException.class)
                .hasMessageContaining("closures.csv:2:")
                .hasMessageContaining("closures.csv:3:");
        assertThat(dsl.fetchCount(STORE_CLOSURE)).isZero();
        assertThat(dsl.fetchCount(STORE_STATUS)).isZero();

        ImportResult lenient = db.importer().importFiles(files);
        assertThat(lenient.rejectedRows()).extracting(RejectedRow::file, RejectedRow::line, RejectedRow::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("closures.csv", 2L, "end_local"),
                        org.assertj.core.groups.Tuple.tuple("closures.csv", 3L, "start_local"));
        assertThat(lenient.summaries()).isEqualTo(InputLoader.load(files, LoadOptions.LENIENT).summaries());
        assertThat(dsl.select(STORE_CLOSURE.REASON).from(STORE_CLOSURE).fetch(STORE_CLOSURE.REASON))
                .containsExactly("holiday");
        // closures do not create stores
        assertThat(dsl.fetch(STORE).getValues(STORE.STORE_ID)).containsExactly("s1");
    }

    private static void write(Path dir, String status, String hours, String zones) throws IOException {
        Files.writeString(dir.resolve(InputFiles.STATUS_FILE), status);
        Files.writeString(dir.resolve(InputFiles.HOURS_FILE), hours);
        Files.writeString(dir.resolve(InputFiles.TIMEZONES_FILE), zones);
    }

    private static InputFiles badFiles(Path dir) throws IOException {
        write(dir,
                "store_id,status,timestamp_utc\n"
                        + "s1,active,2024-01-01 10:00:00 UTC\n"
                        + "s1,asleep,2024-01-01 11:00:00 UTC\n"          // line 3: unknown status
                        + "s1,active,yesterday\n"                        // line 4: bad timestamp
                        + " ,active,2024-01-01 12:00:00 UTC\n"           // line 5: empty store id
                        + "s1,active\n"                                  // line 6: wrong column count
                        + "\"back\\slash, comma\",inactive,2024-01-01 13:00:00.5 UTC\n"
                        + "\"tab\tinside\",inactive,2024-01-01 13:00:00 UTC\n", // line 8: control character
                "store_id,day,start_time_local,end_time_local\n"
                        + "s1,0,09:00:00,17:00:00\n"
                        + "s1,7,09:00:00,17:00:00\n"                     // line 3: day outside 0-6
                        + "s1,1,9 o'clock,17:00:00\n",                   // line 4: bad time
                "store_id,timezone_str\n"
                        + "s1,America/Denver\n"
                        + "s2,Mars/Olympus_Mons\n");                     // line 3: unknown zone
        return InputFiles.inDirectory(dir);
    }

    @Test
    void badRowsAreNamedWithFileAndLineAndGoodRowsAreLoaded(@TempDir Path dir) throws IOException {
        InputFiles files = badFiles(dir);
        List<String> heard = new ArrayList<>();
        List<String> progress = new ArrayList<>();
        ImportResult result = db.importer().importFiles(files,
                LoadOptions.LENIENT.withOnRejected(row -> heard.add(row.message())),
                (file, rows) -> progress.add(file + "=" + rows));

        assertThat(result.rejectedRows()).extracting(RejectedRow::file, RejectedRow::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("store_status.csv", 3L),
                org.assertj.core.groups.Tuple.tuple("store_status.csv", 4L),
                org.assertj.core.groups.Tuple.tuple("store_status.csv", 5L),
                org.assertj.core.groups.Tuple.tuple("store_status.csv", 6L),
                org.assertj.core.groups.Tuple.tuple("store_status.csv", 8L),
                org.assertj.core.groups.Tuple.tuple("menu_hours.csv", 3L),
                org.assertj.core.groups.Tuple.tuple("menu_hours.csv", 4L),
                org.assertj.core.groups.Tuple.tuple("timezones.csv", 3L));
        assertThat(heard).hasSize(8).allMatch(m -> m.matches("\\w+\\.csv:\\d+: .+"));
        assertThat(result.summaries()).containsExactly(
                new FileSummary("store_status.csv", 7, 2, 0, 5),
                new FileSummary("menu_hours.csv", 3, 1, 0, 2),
                new FileSummary("timezones.csv", 2, 1, 0, 1));
        assertThat(progress).containsExactly("store_status.csv=7", "menu_hours.csv=3", "timezones.csv=2");
        // The store id with a backslash and a comma arrives as it was.
        assertThat(dsl.select(STORE_STATUS.STORE_ID).from(STORE_STATUS).orderBy(STORE_STATUS.STORE_ID)
                .fetch(STORE_STATUS.STORE_ID)).containsExactly("back\\slash, comma", "s1");
        assertThat(result.summaries()).isEqualTo(InputLoader.load(files, LoadOptions.LENIENT).summaries());
    }

    @Test
    void strictImportWithABadRowLeavesTheTablesUnchanged(@TempDir Path dir) throws IOException {
        db.importer().importFiles(SharedData.sample2023());
        List<Integer> before = tableCounts();
        byte[] reportBefore = databaseReport();

        InputFiles files = badFiles(dir);
        assertThatThrownBy(() -> db.importer().importFiles(files, LoadOptions.STRICT, ImportProgress.NONE))
                .isInstanceOf(RejectedRowsException.class)
                .hasMessageContaining("nothing was loaded")
                .hasMessageContaining("store_status.csv:3:")
                .hasMessageContaining("timezones.csv:3:")
                .satisfies(e -> assertThat(((RejectedRowsException) e).rejectedCount()).isEqualTo(8));
        assertThat(tableCounts()).isEqualTo(before);
        assertThat(databaseReport()).isEqualTo(reportBefore);
    }

    @Test
    void missingFileFailsAndLoadsNothing(@TempDir Path dir) throws IOException {
        InputFiles files = badFiles(dir);
        Files.delete(files.timezones());
        assertThatThrownBy(() -> db.importer().importFiles(files))
                .isInstanceOf(org.storeuptime.core.csv.InputFileException.class)
                .hasMessageContaining("timezones.csv");
        assertThat(tableCounts()).containsOnly(0);
    }

    /**
     * Rows the reader accepted before the limits existed and PostgreSQL could not store, and
     * timestamps outside the years 1 to 9999: rejected with file, line and field, like any bad row.
     */
    private static InputFiles rowsBeyondTheLimits(Path dir) throws IOException {
        write(dir,
                "store_id,status,timestamp_utc\n"
                        + "s1,active,2024-01-01 10:00:00 UTC\n"
                        + "\"nul\u0000id\",active,2024-01-01 10:00:00 UTC\n"     // line 3: NUL
                        + "x".repeat(3000) + ",active,2024-01-01 10:00:00 UTC\n" // line 4: over the btree limit (~2.7 KB)
                        + "s1,active," + "9".repeat(1 << 20) + "\n"             // line 5: a 1 MB field
                        + "s1,active,+10000-01-01T00:00:00Z\n"                  // line 6: year 10000
                        + "s1,active,-4714-11-24T00:00:00Z\n"                   // line 7: before 4713 BC
                        + "s1,active,0000-06-01 00:00:00 UTC\n"                 // line 8: year 0
                        + "s1,inactive,9999-12-31T23:59:59.999999Z\n"           // line 9: the last instant accepted
                        + "s1,inactive,0001-01-01T00:00:00Z\n",                 // line 10: the first one
                "store_id,day,start_time_local,end_time_local\n"
                        + "s1,0,09:00:00,17:00:00\n"
                        + "\"nul\u0000id\",0,09:00:00,17:00:00\n",             // line 3: NUL
                "store_id,timezone_str\n"
                        + "s1,America/Denver\n"
                        + "\u00e9".repeat(128) + ",America/Denver\n");          // line 3: 256 bytes
        return InputFiles.inDirectory(dir);
    }

    @Test
    void rowsBeyondTheLimitsAreRejectedWithFileAndLineAndTheRestIsImported(@TempDir Path dir) throws IOException {
        InputFiles files = rowsBeyondTheLimits(dir);
        LoadedInput offline = InputLoader.load(files, LoadOptions.LENIENT);

        ImportResult result = db.importer().importFiles(files);

        assertThat(result.rejectedRows()).extracting(RejectedRow::file, RejectedRow::line, RejectedRow::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("store_status.csv", 3L, "store_id"),
                        org.assertj.core.groups.Tuple.tuple("store_status.csv", 4L, "store_id"),
                        org.assertj.core.groups.Tuple.tuple("store_status.csv", 5L, "timestamp_utc"),
                        org.assertj.core.groups.Tuple.tuple("store_status.csv", 6L, "timestamp_utc"),
                        org.assertj.core.groups.Tuple.tuple("store_status.csv", 7L, "timestamp_utc"),
                        org.assertj.core.groups.Tuple.tuple("store_status.csv", 8L, "timestamp_utc"),
                        org.assertj.core.groups.Tuple.tuple("menu_hours.csv", 3L, "store_id"),
                        org.assertj.core.groups.Tuple.tuple("timezones.csv", 3L, "store_id"));
        assertThat(result.rejectedRows()).isEqualTo(offline.rejectedRows());
        assertThat(result.rejectedRows().get(0).message())
                .isEqualTo("store_status.csv:3: store_id: store id contains the control character U+0000 at character 4");
        assertThat(result.summaries()).containsExactly(
                new FileSummary("store_status.csv", 9, 3, 0, 6),
                new FileSummary("menu_hours.csv", 2, 1, 0, 1),
                new FileSummary("timezones.csv", 2, 1, 0, 1));
        assertThat(dsl.select(STORE_STATUS.TIMESTAMP_UTC).from(STORE_STATUS).orderBy(STORE_STATUS.TIMESTAMP_UTC)
                .fetch(r -> r.value1().toInstant())).containsExactly(Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("2024-01-01T10:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z"));
        assertThat(dsl.fetch(STORE).getValues(STORE.STORE_ID)).containsExactly("s1");
    }

    @Test
    void strictImportOfRowsBeyondTheLimitsLoadsNothing(@TempDir Path dir) throws IOException {
        InputFiles files = rowsBeyondTheLimits(dir);
        assertThatThrownBy(() -> db.importer().importFiles(files, LoadOptions.STRICT, ImportProgress.NONE))
                .isInstanceOf(RejectedRowsException.class)
                .hasMessageContaining("store_status.csv:4: store_id: value of 3000 characters is longer than the limit of 1000")
                .hasMessageContaining("store_status.csv:6: timestamp_utc: cannot parse '+10000-01-01T00:00:00Z'")
                .hasMessageContaining("store_status.csv:8: timestamp_utc: '0000-06-01 00:00:00 UTC' is outside the years")
                .satisfies(e -> assertThat(((RejectedRowsException) e).rejectedCount()).isEqualTo(8));
        assertThat(tableCounts()).containsOnly(0);
    }

    /** Store ids of 1- to 4-byte UTF-8 characters, up to the 255-byte limit, through COPY and back. */
    @Test
    void nonAsciiStoreIdsRoundTripToTheReport(@TempDir Path dir) throws IOException {
        List<String> ids = List.of("caf\u00e9", "\u00fcber-\u00df", "\u5e97\u8217-\u6771\u4eac", "\u0645\u062a\u062c\u0631",
                "\ud83c\udfea-1", "\ud83c\udfea-\ud83d\ude00", "\uff21-fullwidth", "\ue000-private", "plain",
                "\u00e9".repeat(127) + "x", "\u20ac".repeat(85), "\ud83c\udfea".repeat(63) + "abc");
        StringBuilder status = new StringBuilder("store_id,status,timestamp_utc\n");
        StringBuilder hours = new StringBuilder("store_id,day,start_time_local,end_time_local\n");
        StringBuilder zones = new StringBuilder("store_id,timezone_str\n");
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            for (int h = 0; h < 30; h++) {
                status.append(id).append(h % (i + 2) == 0 ? ",inactive," : ",active,")
                        .append(Instant.parse("2024-10-13T00:00:00Z").plusSeconds(h * 3600L + i * 60L)).append('\n');
            }
            hours.append(id).append(",6,0").append(i % 10).append(":00,20:00\n");
            zones.append(id).append(i % 2 == 0 ? ",Asia/Kolkata\n" : ",America/Chicago\n");
        }
        write(dir, status.toString(), hours.toString(), zones.toString());
        InputFiles files = InputFiles.inDirectory(dir);

        importMatchesTheOfflineLoader(files);

        assertThat(dsl.fetch(STORE).getValues(STORE.STORE_ID)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(dsl.select(DSL.max(DSL.octetLength(STORE.STORE_ID))).from(STORE).fetchOne(0, Integer.class))
                .isEqualTo(255);
        String report = new String(databaseReport(), StandardCharsets.UTF_8);
        for (String id : ids) {
            assertThat(report).contains("\n" + id + ",");
        }
    }
}
