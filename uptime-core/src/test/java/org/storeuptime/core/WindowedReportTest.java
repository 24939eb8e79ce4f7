package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.csv.ReportCsv;

/**
 * Reports with other windows than the classic three, and planned closures. Figures worked out by hand on the
 * worked example's store: open Monday 09:00-12:00 in Chicago (15:00-18:00 UTC in January), polls at 10:14 local
 * inactive and 11:15 local active.
 */
class WindowedReportTest {

    private static final String CHICAGO = "America/Chicago";
    private static final String MONDAY_9_TO_12 = "0 09:00 12:00";
    private static final String POLLS = "2023-01-23T16:14:00Z inactive, 2023-01-23T17:15:00Z active";
    private static final Instant NOON = Instant.parse("2023-01-23T18:00:00Z");

    private static StoreDataSet example(Closure... closures) {
        StoreDataSet.Builder builder = Scenario.builder(CHICAGO, MONDAY_9_TO_12, POLLS);
        for (Closure c : closures) {
            builder.closure(c);
        }
        return builder.build();
    }

    private static Closure closure(String store, String from, String to) {
        return Closure.of(store, LocalDateTime.parse(from), LocalDateTime.parse(to), "test");
    }

    private static UptimeReport report(ReportSource source, Instant now, String... windows) {
        return UptimeEngine.create().report(source, ReportRequest.builder().now(now).windows(List.of(windows)).build());
    }

    private static String csv(UptimeReport report) {
        return new String(ReportCsv.toBytes(report), StandardCharsets.UTF_8);
    }

    @Test
    void theWorkedExampleInWindowsOfItsOwn() {
        UptimeReport report = report(example(), NOON, "hour", "2023-01-23/2023-01-24", "2023-01", "30d",
                "2023-01-23T17:00:00Z/2023-01-23T17:30:00Z", "2023-02");
        assertThat(report.isClassic()).isFalse();
        assertThat(report.nowSource()).isEqualTo(NowSource.GIVEN);
        // the day (cut at noon): 1.26 h up, 1.74 h down; the month adds the Mondays 2, 9 and 16 (3 h each, down as
        // the first poll said), the 30 days also 2022-12-26
        assertThat(csv(report)).isEqualTo("store_id,"
                + "uptime_hour_hours,downtime_hour_hours,uptime_hour_percent,"
                + "uptime_2023_01_23_2023_01_24_hours,downtime_2023_01_23_2023_01_24_hours,"
                + "uptime_2023_01_23_2023_01_24_percent,"
                + "uptime_2023_01_hours,downtime_2023_01_hours,uptime_2023_01_percent,"
                + "uptime_30d_hours,downtime_30d_hours,uptime_30d_percent,"
                + "uptime_2023_01_23t17_00_00z_2023_01_23t17_30_00z_hours,"
                + "downtime_2023_01_23t17_00_00z_2023_01_23t17_30_00z_hours,"
                + "uptime_2023_01_23t17_00_00z_2023_01_23t17_30_00z_percent,"
                + "uptime_2023_02_hours,downtime_2023_02_hours,uptime_2023_02_percent\n"
                // 30 min of 11:00-11:30 local is all after the midpoint 10:44:30; 2023-02 is after now: empty
                + "s,1.00,0.00,100.00,1.26,1.74,41.94,1.26,10.74,10.49,1.26,13.74,8.39,0.50,0.00,100.00,0.00,0.00,\n");
        WindowUptime day = report.windowRows().get(0).windows().get(1);
        assertThat(day.range()).isEqualTo(TimeInterval.of(Instant.parse("2023-01-23T06:00:00Z"), NOON));
        assertThat(day.uptime()).isEqualTo(Duration.parse("PT1H15M30S"));
        assertThat(day.downtime()).isEqualTo(Duration.parse("PT1H44M30S"));
    }

    @Test
    void theClassicWindowsAsWindowsGiveTheClassicFigures() {
        StoreDataSet data = example();
        StoreUptime classic = UptimeEngine.create().report(data, NOON).rows().get(0);
        List<WindowUptime> windows = report(data, NOON, "hour", "day", "week").windowRows().get(0).windows();
        assertThat(windows).extracting(WindowUptime::uptime).containsExactly(classic.uptimeLastHour(),
                classic.uptimeLastDay(), classic.uptimeLastWeek());
        assertThat(windows).extracting(WindowUptime::downtime).containsExactly(classic.downtimeLastHour(),
                classic.downtimeLastDay(), classic.downtimeLastWeek());
    }

    @Test
    void aWindowLongBeforeNowConsidersThePollsAroundItNotThoseOfTheLastWeek() {
        // the example's Monday, asked for two weeks later: the classic week has no poll, the window has both
        Instant later = NOON.plus(Duration.ofDays(14));
        assertThat(Scenario.rounded(UptimeEngine.create().report(example(), later).rows().get(0)))
                .isEqualTo("0.00 0.00 0.00 0.00 0.00 0.00");
        assertThat(csv(report(example(), later, "2023-01-23/2023-01-24")))
                .endsWith("\ns,1.26,1.74,41.94\n");
        // with lookback 0 a window considers only its own polls: a day without polls has no known status
        UptimeReport noLookback = UptimeEngine.create().report(example(), ReportRequest.builder().now(later)
                .lookback(Duration.ZERO).window("2023-01-24/2023-01-25").window("2023-01-23/2023-01-24").build());
        assertThat(csv(noLookback)).endsWith("\ns,0.00,0.00,,1.26,1.74,41.94\n");
    }

    @Test
    void eachWindowsFiguresAreTheSameWhateverTheOtherWindowsAre() {
        StoreDataSet data = example();
        Instant later = NOON.plus(Duration.ofDays(3));
        WindowUptime alone = report(data, later, "2023-01-23/2023-01-24").windowRows().get(0).windows().get(0);
        WindowUptime withOthers = report(data, later, "hour", "2023-01-23/2023-01-24", "2023-01")
                .windowRows().get(0).windows().get(1);
        assertThat(withOthers).isEqualTo(alone);
    }

    @Test
    void theSourceIsAskedForTheUnionOfTheWindowsPollRanges() {
        List<TimeInterval> asked = new ArrayList<>();
        ReportSource source = recording(example(), asked);
        Instant now = Instant.parse("2024-10-14T00:00:00Z");
        report(source, now, "2024-09");
        // 2024-09-01 00:00 at the easternmost offset (+18:00) less the lookback; the month's end at the
        // westernmost (-18:00), a day later for a gap, plus the lookback
        assertThat(asked).containsExactly(TimeInterval.of(Instant.parse("2024-08-30T06:00:00Z"),
                Instant.parse("2024-10-03T18:00:00Z")));
        asked.clear();
        report(source, now, "2024-09", "6h");
        assertThat(asked).containsExactly(TimeInterval.of(Instant.parse("2024-08-30T06:00:00Z"), now));
        asked.clear();
        UptimeEngine.create().report(source, now);
        assertThat(asked).containsExactly(TimeInterval.of(Instant.parse("2024-10-06T00:00:00Z"), now));
    }

    @Test
    void nowSaysWhereItCameFrom() {
        UptimeEngine engine = UptimeEngine.builder().clock(Clock.fixed(NOON, ZoneOffset.UTC)).build();
        UptimeReport latest = engine.report(example(), ReportRequest.classic());
        assertThat(latest.nowSource()).isEqualTo(NowSource.LATEST_POLL);
        assertThat(latest.now()).isEqualTo(Instant.parse("2023-01-23T17:15:00Z"));
        UptimeReport clock = engine.report(StoreDataSet.builder().store("x").build(), ReportRequest.classic());
        assertThat(clock.nowSource()).isEqualTo(NowSource.CLOCK);
        assertThat(clock.now()).isEqualTo(NOON);
        assertThat(engine.report(example(), ReportRequest.classic().withNow(NOON)).nowSource())
                .isEqualTo(NowSource.GIVEN);
    }

    @Test
    void aClosureIsNeitherUptimeNorDowntime() {
        // closed 10:30-11:00 local: the midpoint 10:44:30 falls inside; inactive 09:00-10:30, active 11:00-12:00
        UptimeReport report = UptimeEngine.create().report(example(
                closure("s", "2023-01-23T10:30", "2023-01-23T11:00")), NOON);
        assertThat(Scenario.rounded(report.rows().get(0))).isEqualTo("60.00 1.00 1.00 0.00 1.50 1.50");
    }

    @Test
    void aPollInsideAClosureIsNotConsidered() {
        // closed 11:00-11:30: the 11:15 active poll does not count, so only the 10:14 inactive one does
        StoreDataSet data = example(closure("s", "2023-01-23T11:00", "2023-01-23T11:30"));
        assertThat(Scenario.rounded(UptimeEngine.create().report(data, NOON).rows().get(0)))
                .isEqualTo("0.00 0.00 0.00 30.00 2.50 2.50");
        StoreTimeline timeline = UptimeEngine.create().timeline(data, "s", ReportRequest.classic().withNow(NOON))
                .orElseThrow();
        assertThat(timeline.polls()).extracting(StoreTimeline.TimelinePoll::verdict)
                .containsExactly(PollVerdict.COUNTED, PollVerdict.CLOSED);
        assertThat(timeline.uptime()).isEqualTo(UptimeEngine.create().report(data, NOON).rows().get(0));
        // 11:00-11:30 Chicago
        TimeInterval closed = TimeInterval.of(Instant.parse("2023-01-23T17:00:00Z"), Instant.parse("2023-01-23T17:30:00Z"));
        assertThat(timeline.plannedClosures()).containsExactly(closed);
        assertThat(timeline.closedIntervals()).contains(closed);
        assertThat(timeline.businessIntervals()).containsExactly(
                TimeInterval.of(Instant.parse("2023-01-23T15:00:00Z"), closed.start()),
                TimeInterval.of(closed.end(), NOON));
    }

    @Test
    void aFleetClosureClosesEveryStoreInItsOwnZoneAndCreatesNoStore() {
        StoreDataSet data = Scenario.builder(CHICAGO, MONDAY_9_TO_12, POLLS)
                .timeZone("berlin", java.time.ZoneId.of("Europe/Berlin"))
                .poll("berlin", Instant.parse("2023-01-23T09:00:00Z"), PollStatus.ACTIVE)
                // 11:00-13:00 Berlin is 10:00-12:00 UTC; 11:00-13:00 Chicago is 17:00-19:00 UTC
                .closure(closure(Closure.ALL_STORES, "2023-01-23T11:00", "2023-01-23T13:00"))
                .closure(closure("nowhere", "2023-01-23T00:00", "2023-01-24T00:00"))
                .build();
        UptimeReport report = report(data, NOON, "2023-01-23/2023-01-24");
        assertThat(report.windowRows()).extracting(StoreWindowUptime::storeId).containsExactly("berlin", "s");
        // berlin, open 24/7: 00:00 to 11:00 and 13:00 to 19:00 local (noon UTC) = 17 hours up
        // s: open 09:00-11:00, where only the 10:14 inactive poll counts (11:15 is closed)
        assertThat(csv(report)).isEqualTo("store_id,uptime_2023_01_23_2023_01_24_hours,"
                + "downtime_2023_01_23_2023_01_24_hours,uptime_2023_01_23_2023_01_24_percent\n"
                + "berlin,17.00,0.00,100.00\n"
                + "s,0.00,2.00,0.00\n");
    }

    @Test
    void closuresMayOverlapEachOtherAndOneInsideAGapHasNoEffect() {
        StoreDataSet overlapping = example(closure("s", "2023-01-23T10:30", "2023-01-23T10:50"),
                closure("s", "2023-01-23T10:40", "2023-01-23T11:00"), closure(Closure.ALL_STORES,
                        "2023-01-23T10:45", "2023-01-23T10:55"));
        assertThat(Scenario.rounded(UptimeEngine.create().report(overlapping, NOON).rows().get(0)))
                .isEqualTo("60.00 1.00 1.00 0.00 1.50 1.50");
        // 2023-03-12 02:00-03:00 does not exist in Chicago: 02:30 moves to 03:30, after the end 03:00
        Closure inGap = closure("s", "2023-03-12T02:30", "2023-03-12T03:00");
        assertThat(inGap.interval(java.time.ZoneId.of(CHICAGO))).isEmpty();
        StoreDataSet open = StoreDataSet.builder().timeZone("s", java.time.ZoneId.of(CHICAGO))
                .poll("s", Instant.parse("2023-03-12T08:00:00Z"), PollStatus.ACTIVE).closure(inGap).build();
        assertThat(Scenario.rounded(UptimeEngine.create().report(open, Instant.parse("2023-03-12T09:00:00Z"))
                .rows().get(0))).isEqualTo("60.00 24.00 168.00 0.00 0.00 0.00");
    }

    @Test
    void theStoreViewHasEachWindowsFiguresAndOutages() {
        StoreDataSet data = example();
        Instant later = NOON.plus(Duration.ofDays(10));
        StoreTimeline timeline = UptimeEngine.create().timeline(data, "s", ReportRequest.builder().now(later)
                .window("2023-01").window("7d").build()).orElseThrow();
        assertThat(timeline.windows()).hasSize(2);
        StoreTimeline.ReportWindowFigures month = timeline.windows().get(0);
        // up: 10:44:30-12:00 on the 23rd and the 30th whole; down: the 2nd, 9th, 16th and 09:00-10:44:30 on the 23rd,
        // one outage, since only closed time and no up poll separate its runs
        assertThat(month.uptime()).isEqualTo(Duration.parse("PT4H15M30S"));
        assertThat(month.downtime()).isEqualTo(Duration.parse("PT10H44M30S"));
        assertThat(month.uptimePercent()).isEqualByComparingTo("28.39");
        assertThat(month.outageCount()).isEqualTo(1);
        assertThat(month.longestOutage()).isEqualTo(Duration.parse("PT10H44M30S"));
        StoreTimeline.ReportWindowFigures week = timeline.windows().get(1);
        assertThat(week.uptimePercent()).isNull();
        assertThat(week.outageCount()).isZero();
        // the week's own view lists the polls of its considered range, not the month's
        assertThat(timeline.polls()).isEmpty();
    }

    @Test
    void windowsAtTheEdgesOfTheYearsAcceptedResolveWithoutOverflow() {
        for (Instant now : List.of(UptimeEngine.EARLIEST_NOW, UptimeEngine.LATEST_NOW)) {
            UptimeReport report = report(example(closure(Closure.ALL_STORES, "0001-01-01T00:00", "9999-12-31T23:59")),
                    now, "month", "previous-month", "3660d", "0001-01", "9999-12", "9999-12-30/9999-12-31");
            assertThat(report.windowRows().get(0).windows()).allSatisfy(w -> {
                assertThat(w.range().end()).isBeforeOrEqualTo(now);
                assertThat(w.uptime().plus(w.downtime())).isZero();
            });
        }
    }

    /** A source that records the poll ranges it is asked for. */
    private static ReportSource recording(StoreDataSet data, List<TimeInterval> asked) {
        return new ReportSource() {
            @Override
            public java.util.Optional<Instant> latestPollTime() {
                return data.latestPollTime();
            }

            @Override
            public int storeCount() {
                return data.storeCount();
            }

            @Override
            public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
                asked.add(TimeInterval.of(from, to));
                data.forEachStore(from, to, consumer);
            }

            @Override
            public List<Closure> closures() {
                return data.closures();
            }
        };
    }
}
