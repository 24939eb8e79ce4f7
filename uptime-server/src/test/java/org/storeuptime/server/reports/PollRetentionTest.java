package org.storeuptime.server.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.core.reports.ReportState;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.jdbc.UptimeDatabase;
import org.storeuptime.server.TestData;
import org.storeuptime.server.DatabaseLoader;
import org.storeuptime.server.CapturedLogs;
import org.storeuptime.server.SwitchableDataSource;

/**
 * {@link ReportServiceBuilder#pollRetention}: db-scheduler's daily task removes the polls older than the latest
 * poll minus keep, and a report afterwards is byte-identical to the one before; a keep shorter than a report needs
 * is refused, a failed prune is logged and leaves the service running. On whichever database the tests find (plain
 * PostgreSQL or TimescaleDB: both go through {@link UptimeDatabase#prune}, tested on both in uptime-jdbc).
 */
class PollRetentionTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The shortest keep accepted with the default lookback; TestData has ten days of polls, so two days go. */
    private static final Duration KEEP = Duration.ofDays(8);

    @Test
    void theDailyTaskPrunesTheOldPollsAndReportsStayByteIdentical() throws Exception {
        StoreDataSet data = TestData.stores(12);
        DatabaseLoader.load(DB.dataSource(), DB.schema(), data);
        UptimeDatabase db = DB.uptimeDatabase();
        byte[] before = ReportCsv.toBytes(UptimeEngine.create().report(db.reportSource()));
        assertThat(before).isEqualTo(ReportCsv.toBytes(UptimeEngine.create().report(data)));
        Instant latest = db.reportSource().latestPollTime().orElseThrow();
        Instant cutoff = latest.minus(KEEP);
        long all = polls();
        long older = pollsBefore(cutoff);
        assertThat(older).isPositive().isLessThan(all);

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (ReportService service = ReportService.builder().database(db).pollingInterval(Duration.ofMillis(200))
                .pollRetention(PollRetention.of(KEEP)).meterRegistry(meters).build()) {
            assertThat(meters.get(StoreUptimeMetrics.POLLS_PRUNED).counter().count()).isZero();
            assertThat(pollsBefore(cutoff)).as("nothing pruned before the start").isEqualTo(older);
            service.start();
            // the task's first run is due as it is first stored, at the start
            await("the prune ran", () -> meters.get(StoreUptimeMetrics.POLLS_PRUNED).counter().count() > 0);
            assertThat(meters.get(StoreUptimeMetrics.POLLS_PRUNED).counter().count()).isEqualTo(older);
            assertThat(pollsBefore(cutoff)).isZero();
            assertThat(polls()).isEqualTo(all - older);
            assertThat(CapturedLogs.events()).anyMatch(e -> e.startsWith("INFO org.storeuptime.server.reports.PollPruning"
                    + " - pruned polls (keep PT192H): removed " + older + " polls older than " + cutoff
                    + " (latest poll " + latest + ")"));

            // one execution for the whole database, next due a day after this one
            List<Instant> next = pruneExecutions();
            assertThat(next).hasSize(1);
            assertThat(next.get(0)).isAfter(Instant.now().plus(Duration.ofHours(23)));

            UUID id = service.trigger(ReportOptions.DEFAULTS).id();
            await("the report after the prune completes",
                    () -> service.find(id).orElseThrow().state() == ReportState.COMPLETE);
            assertThat(service.csv(id).orElseThrow()).isEqualTo(before);
        }
    }

    @Test
    void aFailedPruneIsLoggedAtWarnAndReturnsNothing() {
        SwitchableDataSource down = new SwitchableDataSource(DB.dataSource());
        down.setDown(true);
        UptimeDatabase db = UptimeDatabase.builder(down).schema(DB.schema()).build();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PollPruning pruning = new PollPruning(db, PollRetention.of(KEEP), Clock.systemUTC(), meters);

        assertThat(pruning.run()).isNull();

        assertThat(CapturedLogs.events()).anyMatch(e -> e.startsWith("WARN org.storeuptime.server.reports.PollPruning"
                + " - pruning polls (keep PT192H) failed, trying again in PT24H: ")
                && e.contains("Connection refused (test: database switched off)"));
        assertThat(meters.get(StoreUptimeMetrics.POLLS_PRUNED).counter().count()).isZero();
    }

    @Test
    void aKeepShorterThanAReportNeedsIsRefused() {
        assertThatThrownBy(() -> PollRetention.of(Duration.ofDays(7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keep PT168H (7 days) is shorter than a report needs: 7 days (the report's week) plus the"
                        + " longest lookback in use (PT24H) = PT192H (8 days); keep at least that");
        assertThatThrownBy(() -> PollRetention.of(Duration.ofDays(8), Duration.ofHours(36)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(PT36H) = PT204H (8.50 days)");
        assertThatThrownBy(() -> PollRetention.of(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keep must be positive: PT0S");
        assertThatThrownBy(() -> PollRetention.of(KEEP, Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lookback must not be negative: PT-1H");
        assertThat(PollRetention.of(KEEP)).isEqualTo(new PollRetention(KEEP, Duration.ofHours(24)));

        // the schedule's reports count: a 72-hour lookback needs 10 days
        ReportSchedule longLookback = new ReportSchedule("0 0 * * * *", ZoneOffset.UTC,
                new ReportOptions(Duration.ofHours(72), Extrapolation.NEAREST_POLL));
        assertThatThrownBy(() -> ReportService.builder().database(DB.uptimeDatabase()).schedule(longLookback)
                .pollRetention(PollRetention.of(KEEP)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("poll retention with the schedule's lookback: keep PT192H (8 days) is shorter than a"
                        + " report needs: 7 days (the report's week) plus the longest lookback in use (PT72H) ="
                        + " PT240H (10 days); keep at least that");
        // in memory there are no stored polls to prune
        assertThatThrownBy(() -> ReportService.builder().source(TestData.stores(1))
                .pollRetention(PollRetention.of(KEEP)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a poll retention prunes a database's polls: set a database too");
    }

    private static long polls() throws SQLException {
        return pollsBefore(Instant.parse("9999-12-31T00:00:00Z"));
    }

    private static long pollsBefore(Instant cutoff) throws SQLException {
        try (Connection c = DB.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("select count(*) from \"" + DB.schema()
                        + "\".store_status where timestamp_utc < ?")) {
            s.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** When the stored executions of the prune task are due. */
    private static List<Instant> pruneExecutions() throws SQLException {
        try (Connection c = DB.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("select execution_time from \"" + DB.schema()
                        + "\".scheduled_tasks where task_name = ?")) {
            s.setString(1, DatabaseReportService.POLL_PRUNE_TASK);
            List<Instant> times = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    times.add(rows.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
            return times;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
