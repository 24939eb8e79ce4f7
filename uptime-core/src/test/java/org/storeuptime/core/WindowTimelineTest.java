package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.StoreTimeline.StatusSegment;
import org.storeuptime.core.StoreTimeline.TimelinePoll;
import org.storeuptime.core.StoreTimeline.WindowTimeline;

/**
 * The timeline of one asked window ({@link StoreTimeline#windowTimelines()}): its segments add up to the window's
 * figures, which are the report's columns for it, also where a daylight-saving change makes a local day 23 or 25
 * hours; planned closures are clipped to the window; the polls before the window that set its first status are
 * listed, with those just outside its lookback.
 *
 * <p>The New York store is open all week; the local dates {@code 2024-03-09/2024-03-12} are
 * {@code [2024-03-09T05:00Z, 2024-03-12T04:00Z)}, 71 hours (clocks went forward on the 10th). Its polls, by
 * nearest poll: up to 2024-03-09T11:00Z (6 h in the window), down to 03-10T17:00Z (30 h), up to 03-11T17:30Z
 * (24.5 h), down to the end (10.5 h, set by a poll after the window's end but within its lookback).
 */
class WindowTimelineTest {

    private static final String NEW_YORK = "America/New_York";
    private static final String POLLS = "2024-03-06T00:00:00Z active, 2024-03-07T20:00:00Z inactive, "
            + "2024-03-08T17:00:00Z active, 2024-03-10T05:00:00Z inactive, 2024-03-11T05:00:00Z active, "
            + "2024-03-12T06:00:00Z inactive";
    private static final Instant NOW = Instant.parse("2024-03-20T00:00:00Z");
    private static final String WINDOW = "2024-03-09/2024-03-12";

    private static StoreTimeline timeline(StoreDataSet data, Instant now, String window) {
        return UptimeEngine.create().timeline(data, Scenario.STORE, ReportRequest.builder().now(now).window(window)
                .build()).orElseThrow();
    }

    private static WindowUptime reportColumns(StoreDataSet data, Instant now, String window) {
        return UptimeEngine.create().report(data, ReportRequest.builder().now(now).window(window).build())
                .windowRows().get(0).windows().get(0);
    }

    private static Duration sum(List<StatusSegment> segments, boolean up) {
        return segments.stream().filter(s -> s.up() == up).map(s -> s.interval().duration())
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void theSegmentsAddUpToTheWindowsFiguresAcrossTheSpringForward() {
        StoreDataSet data = Scenario.dataSet(NEW_YORK, "", POLLS);
        StoreTimeline timeline = timeline(data, NOW, WINDOW);
        assertThat(timeline.windowTimelines()).hasSize(1);
        WindowTimeline w = timeline.windowTimelines().get(0);
        assertThat(w.window().text()).isEqualTo(WINDOW);
        assertThat(w.range()).isEqualTo(TimeInterval.of(at("2024-03-09T05:00:00Z"), at("2024-03-12T04:00:00Z")));
        assertThat(w.range().duration()).isEqualTo(Duration.ofHours(71));
        assertThat(w.businessIntervals()).containsExactly(w.range());
        assertThat(w.closedIntervals()).isEmpty();

        assertThat(w.segments()).containsExactly(
                new StatusSegment(TimeInterval.of(at("2024-03-09T05:00:00Z"), at("2024-03-09T11:00:00Z")), true),
                new StatusSegment(TimeInterval.of(at("2024-03-09T11:00:00Z"), at("2024-03-10T17:00:00Z")), false),
                new StatusSegment(TimeInterval.of(at("2024-03-10T17:00:00Z"), at("2024-03-11T17:30:00Z")), true),
                new StatusSegment(TimeInterval.of(at("2024-03-11T17:30:00Z"), at("2024-03-12T04:00:00Z")), false));
        assertThat(sum(w.segments(), true)).isEqualTo(Duration.parse("PT30H30M"))
                .isEqualTo(w.figures().uptime()).isEqualTo(reportColumns(data, NOW, WINDOW).uptime());
        assertThat(sum(w.segments(), false)).isEqualTo(Duration.parse("PT40H30M"))
                .isEqualTo(w.figures().downtime()).isEqualTo(reportColumns(data, NOW, WINDOW).downtime());
        assertThat(w.figures()).isEqualTo(timeline.windows().get(0));
        assertThat(w.outages()).hasSize(2);
        assertThat(w.figures().outageCount()).isEqualTo(2);
        assertThat(w.figures().longestOutage()).isEqualTo(Duration.ofHours(30));
    }

    @Test
    void thePollsBeforeTheWindowAreListedAndSoAreTheConsideredOnesAfterIt() {
        WindowTimeline w = timeline(Scenario.dataSet(NEW_YORK, "", POLLS), NOW, WINDOW).windowTimelines().get(0);
        // from a day plus the lookback before the start (2024-03-07T05:00Z): 03-06 is not listed; 03-07T20:00Z is
        // before the window's considered range (start - 24 h); the one after the end sets its last status
        assertThat(w.polls()).extracting(TimelinePoll::timestamp).containsExactly(at("2024-03-07T20:00:00Z"),
                at("2024-03-08T17:00:00Z"), at("2024-03-10T05:00:00Z"), at("2024-03-11T05:00:00Z"),
                at("2024-03-12T06:00:00Z"));
        assertThat(w.polls()).extracting(TimelinePoll::verdict).containsExactly(PollVerdict.OUTSIDE_LOOKBACK,
                PollVerdict.COUNTED, PollVerdict.COUNTED, PollVerdict.COUNTED, PollVerdict.COUNTED);
    }

    @Test
    void aPlannedClosureIsClippedToTheWindowAndTakenOutOfItsBusinessTime() {
        // 2024-03-08 20:00 to 2024-03-09 06:00 local (EST): 01:00Z to 11:00Z, the window starts at 05:00Z
        StoreDataSet data = Scenario.builder(NEW_YORK, "", POLLS + ", 2024-03-09T08:00:00Z active")
                .closure(Closure.of(Scenario.STORE, LocalDateTime.parse("2024-03-08T20:00"),
                        LocalDateTime.parse("2024-03-09T06:00"), "inventory"))
                .build();
        StoreTimeline timeline = timeline(data, NOW, WINDOW);
        WindowTimeline w = timeline.windowTimelines().get(0);
        TimeInterval clipped = TimeInterval.of(at("2024-03-09T05:00:00Z"), at("2024-03-09T11:00:00Z"));
        assertThat(w.plannedClosures()).containsExactly(clipped);
        assertThat(w.closedIntervals()).containsExactly(clipped);
        assertThat(w.businessIntervals()).containsExactly(
                TimeInterval.of(at("2024-03-09T11:00:00Z"), at("2024-03-12T04:00:00Z")));
        assertThat(w.polls()).filteredOn(p -> p.timestamp().equals(at("2024-03-09T08:00:00Z")))
                .extracting(TimelinePoll::verdict).containsExactly(PollVerdict.CLOSED);
        // the closed six hours were up; the rest is as without the closure
        assertThat(sum(w.segments(), true)).isEqualTo(Duration.parse("PT24H30M")).isEqualTo(w.figures().uptime())
                .isEqualTo(reportColumns(data, NOW, WINDOW).uptime());
        assertThat(sum(w.segments(), false)).isEqualTo(Duration.parse("PT40H30M"))
                .isEqualTo(w.figures().downtime()).isEqualTo(reportColumns(data, NOW, WINDOW).downtime());
        // the week's closures are another range: this one is long before it
        assertThat(timeline.plannedClosures()).isEmpty();
    }

    @Test
    void aLocalDayStartingInASpringForwardGapAndAThirtyDayWindowAcrossTheFallBackInSantiago() {
        // Santiago skips 2024-09-08 00:00-01:00 (-04 to -03): that day is [04:00Z, 2024-09-09T03:00Z), 23 hours;
        // open 08:00-20:00 every day
        String rows = "0 08:00 20:00, 1 08:00 20:00, 2 08:00 20:00, 3 08:00 20:00, 4 08:00 20:00, 5 08:00 20:00, "
                + "6 08:00 20:00";
        StoreDataSet data = Scenario.dataSet("America/Santiago", rows, "2024-09-07T13:00:00Z active, "
                + "2024-09-08T15:00:00Z inactive, 2024-09-08T20:00:00Z active, 2024-04-05T13:00:00Z active, "
                + "2024-04-06T18:00:00Z inactive, 2024-04-07T14:00:00Z active, 2024-04-20T14:00:00Z inactive");
        Instant now = at("2024-09-20T00:00:00Z");
        WindowTimeline day = timeline(data, now, "2024-09-08/2024-09-09").windowTimelines().get(0);
        assertThat(day.range()).isEqualTo(TimeInterval.of(at("2024-09-08T04:00:00Z"), at("2024-09-09T03:00:00Z")));
        // 08:00-20:00 -03 is 11:00Z-23:00Z: down (the 15:00Z poll is nearer than the day before's) to 17:30Z, then up
        assertThat(day.businessIntervals()).containsExactly(
                TimeInterval.of(at("2024-09-08T11:00:00Z"), at("2024-09-08T23:00:00Z")));
        assertThat(sum(day.segments(), true)).isEqualTo(Duration.parse("PT5H30M")).isEqualTo(day.figures().uptime())
                .isEqualTo(reportColumns(data, now, "2024-09-08/2024-09-09").uptime());
        assertThat(sum(day.segments(), false)).isEqualTo(Duration.parse("PT6H30M"))
                .isEqualTo(day.figures().downtime())
                .isEqualTo(reportColumns(data, now, "2024-09-08/2024-09-09").downtime());

        // 30 days to 2024-04-25T00:00Z, across the fall back of 2024-04-07 00:00 (-03 to -04)
        Instant april = at("2024-04-25T00:00:00Z");
        WindowTimeline days = timeline(data, april, "30d").windowTimelines().get(0);
        assertThat(days.range()).isEqualTo(TimeInterval.of(at("2024-03-26T00:00:00Z"), april));
        Duration business = days.businessIntervals().stream().map(TimeInterval::duration)
                .reduce(Duration.ZERO, Duration::plus);
        assertThat(sum(days.segments(), true).plus(sum(days.segments(), false))).isEqualTo(business);
        WindowUptime columns = reportColumns(data, april, "30d");
        assertThat(sum(days.segments(), true)).isEqualTo(days.figures().uptime()).isEqualTo(columns.uptime());
        assertThat(sum(days.segments(), false)).isEqualTo(days.figures().downtime()).isEqualTo(columns.downtime());
        assertThat(days.businessIntervals()).contains(
                TimeInterval.of(at("2024-04-06T11:00:00Z"), at("2024-04-06T23:00:00Z")),
                TimeInterval.of(at("2024-04-07T12:00:00Z"), at("2024-04-08T00:00:00Z")));
    }

    @Test
    void aClassicTimelineHasNoWindowTimelines() {
        StoreTimeline classic = UptimeEngine.create().timeline(Scenario.dataSet(NEW_YORK, "", POLLS),
                Scenario.STORE, ReportRequest.classic().withNow(NOW)).orElseThrow();
        assertThat(classic.windowTimelines()).isEmpty();
    }

    @Test
    void aWindowAfterNowIsEmpty() {
        WindowTimeline w = timeline(Scenario.dataSet(NEW_YORK, "", POLLS), NOW, "2024-04").windowTimelines().get(0);
        assertThat(w.range().duration()).isZero();
        assertThat(w.segments()).isEmpty();
        assertThat(w.businessIntervals()).isEmpty();
        assertThat(w.figures().uptimePercent()).isNull();
    }
}
