package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storeuptime.core.Closure;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.PollStatus;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.StorePoll;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.UptimeReport;
import org.storeuptime.core.csv.InputFiles;

/**
 * The poll digests stay exact through every writer: imports, live batches with late and duplicate polls, new hours,
 * zones and closures, and prunes, interleaved at random. After each step {@link UptimeDatabase#checkPollDigests()}
 * finds nothing and reports read from the digests equal reports read from all polls, on random windows and options.
 */
class PollDigestTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    private static final int DAYS = 45;
    private static final List<String> ZONES = List.of("America/Chicago", "Europe/Berlin", "Australia/Lord_Howe",
            "Asia/Kathmandu", "America/Santiago", "UTC");
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private UptimeDatabase withDigests;
    private UptimeDatabase allPolls;

    @BeforeEach
    void emptyTables() throws Exception {
        LiveTables.empty(DB.dataSource(), DB.schema());
        withDigests = DB.uptimeDatabase();
        allPolls = UptimeDatabase.builder(DB.dataSource()).schema(DB.schema()).pollDigests(false).build();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyWriterKeepsTheDigestsExact(long seed, @TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        importFiles(random, dir.resolve("first"), true);
        verify(random, "the first import");
        for (int step = 0; step < 14; step++) {
            String what;
            switch (random.nextInt(7)) {
                case 0 -> {
                    importFiles(random, dir.resolve("import" + step), random.nextBoolean());
                    what = "an import";
                }
                case 1, 2 -> {
                    withDigests.polls().write(polls(random, 1 + random.nextInt(300)));
                    what = "a live batch";
                }
                case 3 -> {
                    withDigests.stores().replaceHours(store(random), periods(random));
                    what = "new hours";
                }
                case 4 -> {
                    withDigests.stores().replaceTimeZone(store(random), ZoneId.of(ZONES.get(random.nextInt(ZONES.size()))));
                    what = "a new zone";
                }
                case 5 -> {
                    Closure closure = closure(random);
                    withDigests.closures().add(List.of(closure));
                    if (random.nextBoolean()) {
                        withDigests.closures().remove(closure.storeId(), closure.start(), closure.end());
                    }
                    what = "closures";
                }
                default -> {
                    withDigests.prune(Duration.ofDays(20 + random.nextInt(10)));
                    what = "a prune";
                }
            }
            verify(random, what + " at step " + step);
        }
        PollDigestCheck check = withDigests.checkPollDigests();
        assertThat(check.keptPolls()).as("the digests hold fewer polls than the history").isLessThan(check.polls());
    }

    @Test
    void reportsReadTheDigestOnlyWhereTheyMay(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        importFiles(random, dir, true);
        Instant now = T0.plus(Duration.ofDays(DAYS - 2));
        ReportRequest month = ReportRequest.builder().now(now).window("30d").build();
        ReportRequest day = ReportRequest.builder().now(now).window("2026-09-20/2026-09-21").build();
        assertThat(report(withDigests, month)).isEqualTo(report(allPolls, month));

        // emptied behind the writers' backs (saying it keeps them, so nothing marks them stale)
        try (Connection connection = DB.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select set_config('" + PollDigestTable.KEPT_SETTING + "', 'on', true)");
                statement.execute("delete from \"" + DB.schema() + "\".store_poll_digest");
            }
            connection.commit();
        }
        assertThat(report(withDigests, month)).as("a 30-day report reads the digests")
                .isNotEqualTo(report(allPolls, month));
        assertThat(report(withDigests, day)).as("a report of one past day reads all polls")
                .isEqualTo(report(allPolls, day));
        assertThat(withDigests.checkPollDigests().consistent()).isFalse();
        withDigests.rebuildPollDigests();
        assertThat(withDigests.checkPollDigests().differences()).isEmpty();
        assertThat(report(withDigests, month)).isEqualTo(report(allPolls, month));
    }

    @Test
    void aWriteOfOurOwnMarksTheDigestsStaleAndTheNextReportRebuildsThem(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        importFiles(random, dir, true);
        try (Connection connection = DB.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("insert into \"" + DB.schema() + "\".store_status (store_id, timestamp_utc, status)"
                    + " values ('s1', '" + T0.plus(Duration.ofDays(30)).plusSeconds(1) + "', 'inactive'),"
                    + " ('s1', '" + T0.plus(Duration.ofDays(30)).plusSeconds(2) + "', 'active')");
        }
        assertThat(stale()).isTrue();
        ReportRequest request = ReportRequest.builder().now(T0.plus(Duration.ofDays(40))).window("30d").build();
        assertThat(report(withDigests, request)).isEqualTo(report(allPolls, request));
        assertThat(stale()).isFalse();
        assertThat(withDigests.checkPollDigests().differences()).isEmpty();
    }

    @Test
    void aReportThatMayNotFoldLiveBatchesReadsThoseStoresRawPolls(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        importFiles(random, dir, true);
        withDigests.polls().write(polls(random, 400));
        long pending = LiveTables.count(DB.dataSource(), DB.schema(), "store_poll_digest_pending");
        assertThat(pending).isPositive();
        DataSource plain = DB.dataSource();
        DataSource readOnly = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(plain, args);
                    if (result instanceof Connection connection) {
                        connection.setReadOnly(true);
                    }
                    return result;
                });
        UptimeDatabase reader = UptimeDatabase.builder(readOnly).schema(DB.schema()).build();
        for (String window : List.of("30d", "month", "2026-09")) {
            ReportRequest request = ReportRequest.builder().now(T0.plus(Duration.ofDays(DAYS))).window(window).build();
            assertThat(report(reader, request)).as(window).isEqualTo(report(allPolls, request));
        }
        assertThat(LiveTables.count(DB.dataSource(), DB.schema(), "store_poll_digest_pending")).isEqualTo(pending);
        assertThat(withDigests.checkPollDigests().differences()).isEmpty();
        assertThat(LiveTables.count(DB.dataSource(), DB.schema(), "store_poll_digest_pending")).isZero();
    }

    private static boolean stale() throws Exception {
        try (Connection connection = DB.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select stale from \"" + DB.schema()
                        + "\".store_poll_digest_state")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    /** The digests are what the rule gives, and reports from them equal reports from all polls. */
    private void verify(SplittableRandom random, String after) {
        PollDigestCheck check = withDigests.checkPollDigests();
        assertThat(check.differences()).as("differences after " + after).isEmpty();
        List<ReportRequest> requests = new ArrayList<>();
        requests.add(ReportRequest.classic());
        for (int i = 0; i < 3; i++) {
            Instant now = T0.plus(Duration.ofMinutes(random.nextInt(60 * 24 * (DAYS + 3))));
            ReportRequest.Builder request = ReportRequest.builder().now(now)
                    .lookback(Duration.ofMinutes(random.nextInt(3 * 24 * 60)))
                    .extrapolation(random.nextBoolean() ? Extrapolation.NEAREST_POLL : Extrapolation.CARRY_FORWARD);
            switch (random.nextInt(4)) {
                case 0 -> request.window((7 + random.nextInt(40)) + "d").window("month");
                case 1 -> request.window("previous-month").window("2026-09");
                case 2 -> {
                    Instant from = now.minus(Duration.ofDays(random.nextInt(30)));
                    request.window(from + "/" + from.plus(Duration.ofHours(1 + random.nextInt(20 * 24))));
                }
                default -> { } // the classic windows at this now
            }
            requests.add(request.build());
        }
        for (ReportRequest request : requests) {
            assertThat(report(withDigests, request)).as("a report after " + after + ": " + request)
                    .isEqualTo(report(allPolls, request));
        }
    }

    private static UptimeReport report(UptimeDatabase database, ReportRequest request) {
        return UptimeEngine.create().report(database.reportSource(), request);
    }

    private static String store(SplittableRandom random) {
        return "s" + random.nextInt(6);
    }

    /** Polls anywhere in the period, so many late; now and then one at an instant already stored. */
    private static List<StorePoll> polls(SplittableRandom random, int count) {
        List<StorePoll> polls = new ArrayList<>();
        String store = store(random);
        Instant at = T0.plus(Duration.ofMinutes(random.nextInt(60 * 24 * DAYS)));
        boolean up = random.nextBoolean();
        for (int i = 0; i < count; i++) {
            if (random.nextInt(40) == 0) {
                store = store(random);
                at = T0.plus(Duration.ofMinutes(random.nextInt(60 * 24 * DAYS)));
            }
            at = at.plus(Duration.ofMinutes(random.nextInt(20) == 0 ? 0 : 5 + random.nextInt(180)));
            if (random.nextInt(8) == 0) {
                up = !up;
            }
            polls.add(StorePoll.of(store, at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    up ? PollStatus.ACTIVE : PollStatus.INACTIVE));
        }
        return polls;
    }

    private static List<OpeningPeriod> periods(SplittableRandom random) {
        List<OpeningPeriod> periods = new ArrayList<>();
        if (random.nextInt(4) == 0) {
            return periods;
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            if (random.nextInt(5) > 0) {
                periods.add(OpeningPeriod.of(day, LocalTime.of(random.nextInt(24), 30 * random.nextInt(2)),
                        LocalTime.of(random.nextInt(24), 0)));
            }
        }
        return periods;
    }

    private static Closure closure(SplittableRandom random) {
        LocalDateTime start = LocalDateTime.of(2026, 9, 1, 0, 0).plusHours(random.nextInt(24 * DAYS));
        return Closure.of(random.nextInt(3) == 0 ? Closure.ALL_STORES : store(random), start,
                start.plusHours(1 + random.nextInt(72)), "planned");
    }

    private void importFiles(SplittableRandom random, Path dir, boolean profiles) throws Exception {
        Files.createDirectories(dir);
        StringBuilder status = new StringBuilder("store_id,status,timestamp_utc\n");
        for (StorePoll poll : polls(random, 200 + random.nextInt(1500))) {
            status.append(poll.storeId()).append(',').append(poll.status().csvValue()).append(',')
                    .append(CSV_TIME.format(poll.timestamp())).append('\n');
        }
        StringBuilder hours = new StringBuilder("store_id,dayOfWeek,start_time_local,end_time_local\n");
        StringBuilder zones = new StringBuilder("store_id,timezone_str\n");
        StringBuilder closures = new StringBuilder("store_id,start_local,end_local,reason\n");
        if (profiles) {
            for (int s = 0; s < 6; s++) {
                if (random.nextInt(3) > 0) {
                    for (OpeningPeriod period : periods(random)) {
                        hours.append('s').append(s).append(',').append(period.dayIndex()).append(',')
                                .append(period.start()).append(":00,").append(period.end()).append(":00\n");
                    }
                }
                if (random.nextBoolean()) {
                    zones.append('s').append(s).append(',').append(ZONES.get(random.nextInt(ZONES.size()))).append('\n');
                }
            }
            for (int c = random.nextInt(3); c > 0; c--) {
                Closure closure = closure(random);
                closures.append(closure.storeId()).append(',').append(LOCAL.format(closure.start())).append(',')
                        .append(LOCAL.format(closure.end())).append(",planned\n");
            }
        }
        Files.writeString(dir.resolve(InputFiles.STATUS_FILE), status);
        Files.writeString(dir.resolve(InputFiles.HOURS_FILE), hours);
        Files.writeString(dir.resolve(InputFiles.TIMEZONES_FILE), zones);
        Files.writeString(dir.resolve(InputFiles.CLOSURES_FILE), closures);
        withDigests.importer().importFiles(InputFiles.inDirectory(dir));
    }
}
