package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.core.PollStatus;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.StorePoll;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.ReportCsv;

class PollWriterTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();
    /** Where the same rows are imported, to compare with. */
    @RegisterExtension
    static final DatabaseSchemaExtension IMPORTED = new DatabaseSchemaExtension();

    private static final Instant T0 = Instant.parse("2024-01-01T10:00:00Z");
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private PollWriter writer;

    @BeforeEach
    void emptyTables() throws Exception {
        LiveTables.empty(DB.dataSource(), DB.schema());
        LiveTables.empty(IMPORTED.dataSource(), IMPORTED.schema());
        writer = DB.uptimeDatabase().polls();
    }

    private static StorePoll poll(String store, int hour, PollStatus status) {
        return StorePoll.of(store, T0.plusSeconds(3600L * hour), status);
    }

    private static StorePoll active(String store, int hour) {
        return poll(store, hour, PollStatus.ACTIVE);
    }

    private static long polls() throws Exception {
        return LiveTables.count(DB.dataSource(), DB.schema(), "store_status");
    }

    @Test
    void countsStoredPolls() throws Exception {
        WriteResult result = writer.write(List.of(active("s1", 0), active("s1", 1), active("s2", 0)));
        assertThat(result).isEqualTo(new WriteResult(3, 0));
        assertThat(polls()).isEqualTo(3);
        assertThat(writer.write(List.of())).isEqualTo(new WriteResult(0, 0));
    }

    @Test
    void theSameBatchTwiceStoresNothingTwice() throws Exception {
        List<StorePoll> batch = List.of(active("s1", 0), active("s1", 1), active("s2", 0));
        writer.write(batch);
        var before = LiveTables.contents(DB.dataSource(), DB.schema());
        assertThat(writer.write(batch)).isEqualTo(new WriteResult(0, 3));
        assertThat(LiveTables.contents(DB.dataSource(), DB.schema())).isEqualTo(before);
    }

    @Test
    void duplicatesInsideOneBatchCountOnceAndTheFirstWins() throws Exception {
        WriteResult result = writer.write(List.of(poll("s1", 0, PollStatus.INACTIVE), active("s1", 1),
                poll("s1", 0, PollStatus.ACTIVE), active("s1", 1)));
        assertThat(result).isEqualTo(new WriteResult(2, 2));
        assertThat(LiveTables.contents(DB.dataSource(), DB.schema()).get("store_status"))
                .containsExactly("(s1,\"2024-01-01 10:00:00+00\",inactive)", "(s1,\"2024-01-01 11:00:00+00\",active)");
    }

    @Test
    void latePollsAreStoredAndLeaveTheLatestPollAlone() throws Exception {
        writer.write(List.of(active("s1", 10)));
        assertThat(writer.write(List.of(active("s1", 2), active("s1", 3)))).isEqualTo(new WriteResult(2, 0));
        assertThat(polls()).isEqualTo(3);
        assertThat(LiveTables.contents(DB.dataSource(), DB.schema()).get("store_poll_summary"))
                .containsExactly("(s1,\"2024-01-01 20:00:00+00\")");
        // "last seen", read from the summary the writer keeps fresh
        var stores = DB.uptimeDatabase().storeReader();
        assertThat(stores.lastPoll("s1")).contains(T0.plusSeconds(36_000));
        assertThat(stores.list("", 10, 0, T0, T0).stores()).singleElement()
                .satisfies(s -> assertThat(s.lastPoll()).isEqualTo(T0.plusSeconds(36_000)));
    }

    @Test
    void createsNewStoresAndKeepsTheSummaryFresh() throws Exception {
        writer.write(List.of(active("new", 0), active("new", 5)));
        var tables = LiveTables.contents(DB.dataSource(), DB.schema());
        assertThat(tables.get("store")).containsExactly("(new)");
        assertThat(tables.get("store_poll_summary")).containsExactly("(new,\"2024-01-01 15:00:00+00\")");
        assertThat(tables.get("store_poll_summary_state")).containsExactly("(t,f)");
    }

    @Test
    void leavesTheDatabaseAsAnImportOfTheSameRows(@TempDir Path dir) throws Exception {
        List<StorePoll> first = List.of(active("s2", 3), poll("s1", 0, PollStatus.INACTIVE), active("s1", 1),
                active("s1", 0), active("s3", 7));
        List<StorePoll> second = List.of(poll("s1", 1, PollStatus.INACTIVE), active("s1", 9), active("s2", 1),
                poll("s4", 2, PollStatus.INACTIVE), active("s3", 7));
        writer.write(first);
        writer.write(second);

        StringBuilder csv = new StringBuilder("store_id,status,timestamp_utc\n");
        for (List<StorePoll> batch : List.of(first, second)) {
            for (StorePoll poll : batch) {
                csv.append(poll.storeId()).append(',').append(poll.status().csvValue()).append(',')
                        .append(CSV_TIME.format(poll.timestamp())).append('\n');
            }
        }
        Files.writeString(dir.resolve(InputFiles.STATUS_FILE), csv);
        Files.writeString(dir.resolve(InputFiles.HOURS_FILE), "store_id,dayOfWeek,start_time_local,end_time_local\n");
        Files.writeString(dir.resolve(InputFiles.TIMEZONES_FILE), "store_id,timezone_str\n");
        IMPORTED.uptimeDatabase().importer().importFiles(InputFiles.inDirectory(dir));

        assertThat(LiveTables.contents(DB.dataSource(), DB.schema()))
                .isEqualTo(LiveTables.contents(IMPORTED.dataSource(), IMPORTED.schema()));
        // the batches left their extents for the next report to fold into the digests
        assertThat(LiveTables.count(DB.dataSource(), DB.schema(), "store_poll_digest_pending")).isPositive();
        assertThat(report(DB.uptimeDatabase())).isEqualTo(report(IMPORTED.uptimeDatabase()));
        assertThat(DB.uptimeDatabase().checkPollDigests().differences()).isEmpty();
        assertThat(LiveTables.count(DB.dataSource(), DB.schema(), "store_poll_digest_pending")).isZero();
        List<String> digest = List.of("store_poll_digest");
        assertThat(LiveTables.contents(DB.dataSource(), DB.schema(), digest))
                .isEqualTo(LiveTables.contents(IMPORTED.dataSource(), IMPORTED.schema(), digest));
    }

    private static String report(UptimeDatabase db) {
        return new String(ReportCsv.toBytes(UptimeEngine.create().report(db.reportSource())));
    }

    @Test
    void concurrentOverlappingBatchesFinishWithTheRightTotals() throws Exception {
        int threads = 4;
        int batches = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    long stored = 0;
                    long duplicates = 0;
                    for (int b = 0; b < batches; b++) {
                        List<StorePoll> batch = new ArrayList<>();
                        // Overlapping: every thread writes the same keys, in a different order.
                        for (int s = 0; s < 20; s++) {
                            int store = (s * 7 + thread * 3) % 20;
                            batch.add(active("c" + store, b));
                            batch.add(active("c" + store, b + 1));
                        }
                        WriteResult result = writer.write(batch);
                        stored += result.stored();
                        duplicates += result.duplicates();
                    }
                    return new long[] {stored, duplicates};
                }));
            }
            long stored = 0;
            long duplicates = 0;
            for (Future<long[]> result : results) {
                long[] counts = result.get(120, TimeUnit.SECONDS);
                stored += counts[0];
                duplicates += counts[1];
            }
            long distinct = 20L * (batches + 1);
            assertThat(stored).isEqualTo(distinct);
            assertThat(stored + duplicates).isEqualTo((long) threads * batches * 40);
            assertThat(polls()).isEqualTo(distinct);
            assertThat(LiveTables.count(DB.dataSource(), DB.schema(), "store")).isEqualTo(20);
            assertThat(LiveTables.contents(DB.dataSource(), DB.schema()).get("store_poll_summary"))
                    .hasSize(20).allSatisfy(row -> assertThat(row).contains("2024-01-02 11:00:00+00"));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Reports while batches commit: every batch gives each of 100 identical stores one poll, so a report that saw
     * each batch whole or not at all has 100 equal rows; one that saw a batch for some stores and not for others
     * (a batch committed in parts, or a report reading across commits) would not. The writer keeps going until
     * the reports are done, and the reports must have seen it move.
     */
    @Test
    void reportsDuringIngestionSeeEachBatchWholeOrNotAtAll() throws Exception {
        int stores = 100;
        List<StorePoll> first = new ArrayList<>();
        for (int s = 0; s < stores; s++) {
            first.add(active("r" + s, 0));
        }
        writer.write(first);
        Instant now = T0.plusSeconds(8 * 3600);
        AtomicBoolean reporting = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> writes = pool.submit(() -> {
                for (int b = 1; reporting.get() && b < 900; b++) {
                    List<StorePoll> batch = new ArrayList<>();
                    for (int s = 0; s < stores; s++) {
                        // every 30 s, alternately down and up: each batch changes every store's figures
                        batch.add(StorePoll.of("r" + s, T0.plusSeconds(30L * b),
                                b % 2 == 1 ? PollStatus.INACTIVE : PollStatus.ACTIVE));
                    }
                    writer.write(batch);
                    written.incrementAndGet();
                }
                return null;
            });
            Set<String> outcomes = new HashSet<>();
            for (int r = 0; r < 15 && !writes.isDone(); r++) {
                byte[] csv = ReportCsv.toBytes(UptimeEngine.create().report(DB.uptimeDatabase().reportSource(),
                        ReportRequest.classic().withNow(now)));
                List<String> figures = new String(csv).lines().skip(1)
                        .map(line -> line.substring(line.indexOf(','))).distinct().toList();
                assertThat(figures).as("the figures of report " + r + " (one per store when consistent)")
                        .hasSize(1);
                outcomes.add(figures.get(0));
            }
            reporting.set(false);
            writes.get(60, TimeUnit.SECONDS);
            assertThat(outcomes).as("reports that saw the batches come in").hasSizeGreaterThan(1);
            assertThat(written.get()).isPositive();
        } finally {
            reporting.set(false);
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingBatchStoresNothing() throws Exception {
        writer.write(List.of(active("s1", 0)));
        var before = LiveTables.contents(DB.dataSource(), DB.schema());
        // PostgreSQL refuses a NUL in text: the statement fails after the store rows were inserted.
        assertThatThrownBy(() -> writer.write(List.of(active("s2", 0), active("s1", 1), active("bad\0id", 0))))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("storing polls (schema " + DB.schema() + ")");
        assertThat(LiveTables.contents(DB.dataSource(), DB.schema())).isEqualTo(before);
    }

    @Test
    void aLostConnectionIsTransientAndStoresNothing() throws Exception {
        writer.write(List.of(active("s1", 0)));
        var before = LiveTables.contents(DB.dataSource(), DB.schema());
        PollWriter breaking = UptimeDatabase.builder(closingBeforePolls(DB.dataSource())).schema(DB.schema()).build()
                .polls();
        assertThatThrownBy(() -> breaking.write(List.of(active("s2", 0), active("s1", 1))))
                .isInstanceOfSatisfying(DatabaseException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.sqlState()).contains("08003");
                });
        assertThat(LiveTables.contents(DB.dataSource(), DB.schema())).isEqualTo(before);
    }

    /** Connections that close themselves when asked to prepare the insert of polls (after the stores'). */
    private static DataSource closingBeforePolls(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, dataSource, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection real = (Connection) result;
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("prepareStatement") && a[0] instanceof String sql
                                        && sql.contains(".store_status (")) {
                                    real.close();
                                }
                                return invoke(m, real, a);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
