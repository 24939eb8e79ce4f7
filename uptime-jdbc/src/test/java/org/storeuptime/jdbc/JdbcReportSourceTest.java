package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.storeuptime.jdbc.schema.Tables.STORE;
import static org.storeuptime.jdbc.schema.Tables.STORE_BUSINESS_HOUR;
import static org.storeuptime.jdbc.schema.Tables.STORE_STATUS;
import static org.storeuptime.jdbc.schema.Tables.STORE_TIMEZONE;

import java.nio.charset.StandardCharsets;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.Poll;
import org.storeuptime.core.PollStatus;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.Store;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.UptimeException;

class JdbcReportSourceTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    /** Sunday 26 March 2023, 01:00 UTC: Europe/Berlin springs forward. */
    private static final Instant DST = Instant.parse("2023-03-26T01:00:00Z");

    private DSLContext dsl;
    private StoreDataSet.Builder expected;

    @BeforeEach
    void emptyTables() {
        dsl = DSL.using(DB.dataSource(), SQLDialect.POSTGRES, new Settings().withRenderMapping(new RenderMapping()
                .withSchemata(new MappedSchema().withInput("public").withOutput(DB.schema()))));
        dsl.truncate(STORE_STATUS, STORE_TIMEZONE, STORE_BUSINESS_HOUR, STORE).execute();
        expected = StoreDataSet.builder();
    }

    private void zone(String store, String zone) {
        dsl.insertInto(STORE_TIMEZONE).values(store, zone).execute();
        expected.timeZone(store, ZoneId.of(zone));
    }

    private void hours(String store, int day, String start, String end) {
        dsl.insertInto(STORE_BUSINESS_HOUR).values(store, (short) day, LocalTime.parse(start), LocalTime.parse(end))
                .execute();
        expected.openingPeriod(store, OpeningPeriod.of(day, LocalTime.parse(start), LocalTime.parse(end)));
    }

    private void poll(String store, Instant at, PollStatus status) {
        dsl.insertInto(STORE_STATUS).values(store, at.atOffset(ZoneOffset.ofHours(-7)), status.csvValue()).execute();
        expected.poll(store, at, status);
    }

    private void sampleData() {
        zone("berlin", "Europe/Berlin");
        hours("berlin", 6, "00:30:00", "05:00:00");
        hours("berlin", 6, "20:00:00", "02:00:00");
        for (int i = -30; i < 30; i++) {
            poll("berlin", DST.plus(Duration.ofMinutes(37L * i)).plusNanos(123_456_000L * (i & 3)),
                    i % 3 == 0 ? PollStatus.INACTIVE : PollStatus.ACTIVE);
        }
        poll("9", DST.minusSeconds(5), PollStatus.ACTIVE);
        poll("10", DST.minusSeconds(50), PollStatus.INACTIVE);
        poll("10", DST.minus(Duration.ofDays(30)), PollStatus.ACTIVE);
        poll("old", DST.minus(Duration.ofDays(60)), PollStatus.ACTIVE);
        hours("hours-only", 0, "09:00:00", "17:00:00");
        zone("zone-only", "Asia/Kolkata");
        dsl.insertInto(STORE).values("registered-only").execute();
        expected.store("registered-only");
        zone("Zürich", "Europe/Zurich");
        poll("Zürich", DST.minusSeconds(3600), PollStatus.ACTIVE);
    }

    private static List<String> visit(ReportSource source, Instant from, Instant to) {
        List<String> seen = new ArrayList<>();
        source.forEachStore(from, to, (store, polls) -> seen.add(describe(store, polls.toList())));
        return seen;
    }

    private static String describe(Store store, List<Poll> polls) {
        return store + " " + polls;
    }

    /** This class's schema as a report source, reading zones and hours beside the polls or before them. */
    private static ReportSource source(boolean concurrentProfileRead) {
        return UptimeDatabase.builder(DB.dataSource()).schema(DB.schema())
                .concurrentProfileRead(concurrentProfileRead).build().reportSource();
    }

    @ParameterizedTest(name = "concurrent profile read: {0}")
    @ValueSource(booleans = {false, true})
    void streamsEveryStoreOnceWithItsPollsInRangeLikeTheInMemorySource(boolean concurrentProfileRead) {
        sampleData();
        StoreDataSet memory = expected.build();
        ReportSource source = source(concurrentProfileRead);
        Instant from = DST.minus(Duration.ofDays(8));
        Instant to = DST.plus(Duration.ofHours(3));

        assertThat(source.storeCount()).isEqualTo(memory.storeCount()).isEqualTo(8);
        assertThat(source.latestPollTime()).isEqualTo(memory.latestPollTime());
        assertThat(visit(source, from, to)).containsExactlyInAnyOrderElementsOf(visit(memory, from, to));
        // Bounds are inclusive on both ends.
        Instant exact = memory.polls("berlin").get(5).timestamp();
        assertThat(visit(source, exact, exact)).containsExactlyInAnyOrderElementsOf(visit(memory, exact, exact));
    }

    @Test
    void businessHoursComeInKeyOrderWithMicrosecondsAndTwentyFourHundredAsTheEndOfTheDay() {
        // inserted out of key order, and interleaved with another store's rows: the COPY reads them unordered
        dsl.execute("insert into " + DSL.name(DB.schema(), "store_business_hour") + " values"
                + " ('late', 3, '22:00:00', '24:00:00'), ('early', 0, '06:00:00', '07:00:00'),"
                + " ('late', 1, '09:00:00.000001', '17:30:00'), ('late', 1, '09:00:00', '18:00:00'),"
                + " ('late', 1, '09:00:00', '12:00:00')");
        List<Store> stores = new ArrayList<>();
        DB.uptimeDatabase().reportSource().forEachStore(DST, DST, (store, polls) -> stores.add(store));

        assertThat(stores).extracting(Store::id).containsExactly("early", "late");
        assertThat(stores.get(1).hours().periods()).containsExactly(
                OpeningPeriod.of(1, LocalTime.of(9, 0), LocalTime.of(12, 0)),
                OpeningPeriod.of(1, LocalTime.of(9, 0), LocalTime.of(18, 0)),
                OpeningPeriod.of(1, LocalTime.of(9, 0, 0, 1000), LocalTime.of(17, 30)),
                OpeningPeriod.of(3, LocalTime.of(22, 0), LocalTime.MAX));
        assertThat(stores.get(0).hours().periods())
                .containsExactly(OpeningPeriod.of(0, LocalTime.of(6, 0), LocalTime.of(7, 0)));
    }

    @Test
    void storeIdsAreOrderedLikeTheirUtf8BytesAsInCollationC() {
        List<String> ids = new ArrayList<>(List.of("b", "a", "", "ab", "\uffff", "\ue000", "\ud83c\udfea",
                "\ud83c\udfe9", "\ud800\udc00", "\u00e9", "z\ud83c\udfea", "z\uffff", "Z\u00fcrich", "10", "9"));
        List<String> byBytes = new ArrayList<>(ids);
        byBytes.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
        ids.sort(ReportQueries::compareInCollationC);

        assertThat(ids).isEqualTo(byBytes);
    }

    @Test
    void storesOnlyInTheProfileTablesAreListedAmongTheOthersInOrder() {
        hours("\ud83c\udfea-hours", 2, "08:00:00", "09:00:00");
        zone("\uffff-zone", "Europe/Paris");
        dsl.insertInto(STORE).values("\ue000-store").execute();
        poll("a-polls", DST, PollStatus.ACTIVE);
        List<String> seen = new ArrayList<>();
        DB.uptimeDatabase().reportSource().forEachStore(DST, DST, (store, polls) -> seen.add(store.id()));

        assertThat(seen).containsExactly("a-polls", "\ue000-store", "\uffff-zone", "\ud83c\udfea-hours");
    }

    @ParameterizedTest(name = "concurrent profile read: {0}")
    @ValueSource(booleans = {false, true})
    void reportOverTheDatabaseEqualsTheReportInMemory(boolean concurrentProfileRead) {
        sampleData();
        UptimeEngine engine = UptimeEngine.create();
        StoreDataSet memory = expected.build();
        ReportSource source = source(concurrentProfileRead);
        assertThat(engine.report(source)).isEqualTo(engine.report(memory));
        Instant now = DST.plus(Duration.ofMinutes(61));
        assertThat(engine.report(source, now)).isEqualTo(engine.report(memory, now));
    }

    @Test
    void rangeBoundsAreExactToTheMicrosecondEvenBeforeYearOne() {
        Instant first = Instant.parse("0001-01-01T00:00:00.000001Z");
        poll("ancient", first, PollStatus.ACTIVE);
        poll("ancient", first.plusSeconds(3600), PollStatus.INACTIVE);
        StoreDataSet memory = expected.build();
        ReportSource source = DB.uptimeDatabase().reportSource();
        // The lower bound lies in 1 BC; the upper one excludes the second poll by one microsecond.
        Instant to = first.plusSeconds(3600).minusNanos(1000);
        assertThat(visit(source, first.minus(Duration.ofDays(8)), to))
                .containsExactlyElementsOf(visit(memory, first.minus(Duration.ofDays(8)), to))
                .singleElement().asString().contains(first.toString());
        assertThat(ReportQueries.literal(Instant.parse("-0001-12-31T23:59:59.999999Z")))
                .isEqualTo("timestamptz '0002-12-31 23:59:59.999999+00 BC'");
    }

    @Test
    void emptyDatabaseHasNoStoresAndNoLatestPoll() {
        ReportSource source = DB.uptimeDatabase().reportSource();
        assertThat(source.storeCount()).isZero();
        assertThat(source.latestPollTime()).isEmpty();
        assertThat(visit(source, Instant.EPOCH, DST)).isEmpty();
    }

    @Test
    void unknownZoneIsAnErrorNamingTheStore() {
        poll("s1", DST, PollStatus.ACTIVE);
        dsl.insertInto(STORE_TIMEZONE).values("store-on-mars", "Mars/Olympus_Mons").execute();
        ReportSource source = DB.uptimeDatabase().reportSource();
        assertThatThrownBy(() -> visit(source, Instant.EPOCH, DST))
                .isInstanceOf(UptimeException.class)
                .hasMessageContaining("store-on-mars")
                .hasMessageContaining("Mars/Olympus_Mons");
    }

    /** Once, the database accepted zones that the CSV reader rejects (java.time's offsets). */
    @ParameterizedTest
    @ValueSource(strings = {"GMT+3", "+05:00", "UTC+01:00", "Z", " America/Chicago_"})
    void zonesTheFileReaderRejectsAreRejectedHereToo(String zone) {
        poll("s1", DST, PollStatus.ACTIVE);
        dsl.insertInto(STORE_TIMEZONE).values("offset-store", zone).execute();
        ReportSource source = DB.uptimeDatabase().reportSource();
        assertThatThrownBy(() -> visit(source, Instant.EPOCH, DST))
                .isInstanceOf(UptimeException.class)
                .hasMessage("store 'offset-store' has an unknown time zone '" + zone + "' in table store_timezone"
                        + " (expected an IANA id like America/Chicago)");
    }

    @Test
    void pollsWrittenByOthersThanTheImportAreSeenByTheNextReport() {
        sampleData();
        ReportSource source = DB.uptimeDatabase().reportSource();
        assertThat(source.latestPollTime()).contains(DST.plus(Duration.ofMinutes(37L * 29)).plusNanos(123_456_000L));
        assertThat(summaryStale()).isFalse();
        // a direct INSERT marks the summary stale; the next report rebuilds it and sees the new store and time
        poll("late", DST.plus(Duration.ofDays(3)), PollStatus.INACTIVE);
        assertThat(summaryStale()).isTrue();
        assertThat(source.latestPollTime()).contains(DST.plus(Duration.ofDays(3)));
        assertThat(summaryStale()).isFalse();
        assertThat(source.storeCount()).isEqualTo(9);
        UptimeEngine engine = UptimeEngine.create();
        assertThat(engine.report(source)).isEqualTo(engine.report(expected.build()));
        // so does a DELETE
        dsl.deleteFrom(STORE_STATUS).where(STORE_STATUS.STORE_ID.eq("late")).execute();
        assertThat(summaryStale()).isTrue();
        assertThat(source.latestPollTime()).contains(DST.plus(Duration.ofMinutes(37L * 29)).plusNanos(123_456_000L));
    }

    /**
     * Hands out the test database's connections and, before the second one of a report (the one reading zones and
     * hours beside the polls), runs {@code beforeSecond}.
     */
    private static DataSource withHookBeforeSecondConnection(SqlAction beforeSecond) {
        AtomicInteger handedOut = new AtomicInteger();
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && args == null
                            && handedOut.incrementAndGet() == 2) {
                        beforeSecond.run();
                    }
                    try {
                        return method.invoke(DB.dataSource(), args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    @Test
    void theConcurrentProfileReadSeesTheReportsSnapshotNotWhatWasCommittedSince() {
        sampleData();
        StoreDataSet before = expected.build();
        // committed after the report's transaction began, before its second connection reads zones and hours
        DataSource dataSource = withHookBeforeSecondConnection(() -> {
            zone("came-later", "Europe/Paris");
            hours("berlin", 0, "08:00:00", "09:00:00");
        });
        ReportSource source = UptimeDatabase.builder(dataSource).schema(DB.schema()).concurrentProfileRead(true).build()
                .reportSource();
        Instant from = DST.minus(Duration.ofDays(8));
        Instant to = DST.plus(Duration.ofHours(3));
        assertThat(visit(source, from, to)).containsExactlyInAnyOrderElementsOf(visit(before, from, to))
                .noneMatch(store -> store.contains("came-later"));
        // the next report sees them
        assertThat(visit(source(true), from, to)).anyMatch(store -> store.contains("came-later"))
                .anyMatch(store -> store.contains("day=MONDAY, start=08:00, end=09:00"));
    }

    @Test
    void theConcurrentProfileReadRunsOnTheBuildersExecutorAndReadsFirstWhenItRejects() {
        sampleData();
        StoreDataSet memory = expected.build();
        Instant from = DST.minus(Duration.ofDays(8));
        Instant to = DST.plus(Duration.ofHours(3));
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.Executor named = task -> {
            Thread thread = new Thread(() -> {
                threads.add(Thread.currentThread().getName());
                task.run();
            }, "host-pool-1");
            thread.start();
        };
        ReportSource onHostPool = UptimeDatabase.builder(DB.dataSource()).schema(DB.schema())
                .concurrentProfileRead(true).executor(named).build().reportSource();
        assertThat(visit(onHostPool, from, to)).containsExactlyInAnyOrderElementsOf(visit(memory, from, to));
        assertThat(threads).containsExactly("host-pool-1");

        ReportSource rejecting = UptimeDatabase.builder(DB.dataSource()).schema(DB.schema())
                .concurrentProfileRead(true).executor(task -> {
                    throw new java.util.concurrent.RejectedExecutionException("full");
                }).build().reportSource();
        assertThat(visit(rejecting, from, to)).containsExactlyInAnyOrderElementsOf(visit(memory, from, to));
    }

    @Test
    void aFailureOnTheSecondConnectionFailsTheReportAndTheNextReportWorks() {
        sampleData();
        DataSource dataSource = withHookBeforeSecondConnection(() -> {
            throw new SQLException("no second connection in this pool", "53300");
        });
        ReportSource source = UptimeDatabase.builder(dataSource).schema(DB.schema()).concurrentProfileRead(true).build()
                .reportSource();
        assertThatThrownBy(() -> visit(source, Instant.EPOCH, DST)).isInstanceOf(UptimeException.class)
                .hasMessageContaining("reading stores and polls").hasMessageContaining("no second connection");
        StoreDataSet memory = expected.build();
        assertThat(visit(source, Instant.EPOCH, DST)).containsExactlyInAnyOrderElementsOf(visit(memory, Instant.EPOCH, DST));
    }

    @Test
    void aStaleSummaryInsideTheCallersTransactionIsReadAroundNotRebuilt() throws Exception {
        sampleData();
        poll("late", DST.plus(Duration.ofDays(3)), PollStatus.INACTIVE);
        try (Connection connection = DB.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            UptimeDatabase db = UptimeDatabase.builder(new SingleConnectionDataSource(connection)).schema(DB.schema()).build();
            assertThat(db.reportSource().latestPollTime()).contains(DST.plus(Duration.ofDays(3)));
            assertThat(db.reportSource().storeCount()).isEqualTo(9);
            connection.rollback();
        }
        assertThat(summaryStale()).isTrue();
    }

    private boolean summaryStale() {
        return dsl.fetchValue(DSL.select(DSL.field(DSL.name("stale"), Boolean.class))
                .from(DSL.table(DSL.name(DB.schema(), "store_poll_summary_state"))));
    }

    @Test
    void callersConnectionComesBackAsItWas() throws Exception {
        sampleData();
        try (Connection connection = DB.dataSource().getConnection()) {
            UptimeDatabase db = UptimeDatabase.builder(new SingleConnectionDataSource(connection)).schema(DB.schema()).build();
            int isolation = connection.getTransactionIsolation();
            visit(db.reportSource(), Instant.EPOCH, DST);
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(connection.isReadOnly()).isFalse();
            assertThat(connection.getTransactionIsolation()).isEqualTo(isolation);
        }
    }
}
