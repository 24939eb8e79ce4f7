package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.StoreTimeline.Outage;
import org.storeuptime.core.StoreTimeline.StatusSegment;
import org.storeuptime.core.StoreTimeline.TimelinePoll;
import org.storeuptime.core.StoreTimeline.WindowFigures;

/** Hand-worked timelines: segments, outages and per-window figures, across DST and overnight hours. */
class StoreTimelineTest {

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    private static TimeInterval interval(String start, String end) {
        return TimeInterval.of(at(start), at(end));
    }

    @Nested
    class WorkedExample {
        // the worked example of docs/rules.md: Monday 09:00-12:00 America/Chicago, 10:14 inactive, 11:15 active, now 12:00 local
        private final StoreDataSet data = StoreDataSet.builder()
                .timeZone("s1", ZoneId.of("America/Chicago"))
                .openingPeriod("s1", OpeningPeriod.of(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)))
                .poll("s1", at("2023-01-23T16:14:00Z"), PollStatus.INACTIVE)
                .poll("s1", at("2023-01-23T17:15:00Z"), PollStatus.ACTIVE)
                .build();
        private final StoreTimeline timeline =
                UptimeEngine.create().timeline(data, "s1", at("2023-01-23T18:00:00Z")).orElseThrow();

        @Test
        void segmentsSwitchAtTheMidpoint() {
            assertThat(timeline.businessIntervals()).containsExactly(interval("2023-01-23T15:00:00Z", "2023-01-23T18:00:00Z"));
            assertThat(timeline.segments()).containsExactly(
                    new StatusSegment(interval("2023-01-23T15:00:00Z", "2023-01-23T16:44:30Z"), false),
                    new StatusSegment(interval("2023-01-23T16:44:30Z", "2023-01-23T18:00:00Z"), true));
            assertThat(timeline.closedIntervals()).containsExactly(interval("2023-01-16T18:00:00Z", "2023-01-23T15:00:00Z"));
        }

        @Test
        void oneOutageAndThePercentages() {
            assertThat(timeline.outages()).hasSize(1);
            Outage outage = timeline.outages().get(0);
            assertThat(outage.span()).isEqualTo(interval("2023-01-23T15:00:00Z", "2023-01-23T16:44:30Z"));
            assertThat(outage.duration()).isEqualTo(Duration.ofSeconds(6270));

            WindowFigures hour = timeline.window(UptimeWindow.LAST_HOUR);
            assertThat(hour.uptime()).isEqualTo(Duration.ofHours(1));
            assertThat(hour.uptimePercent()).isEqualByComparingTo("100.00");
            assertThat(hour.outageCount()).isZero();
            assertThat(hour.longestOutage()).isZero();

            WindowFigures day = timeline.window(UptimeWindow.LAST_DAY);
            assertThat(day.uptimePercent()).isEqualTo(new BigDecimal("41.94")); // 4530 s of 10800 s
            assertThat(day.outageCount()).isEqualTo(1);
            assertThat(day.longestOutage()).isEqualTo(Duration.ofSeconds(6270));
            assertThat(timeline.window(UptimeWindow.LAST_WEEK)).usingRecursiveComparison()
                    .ignoringFields("window", "range").isEqualTo(day);
        }

        @Test
        void figuresAreTheReportRow() {
            UptimeReport report = UptimeEngine.create().report(data, at("2023-01-23T18:00:00Z"));
            assertThat(timeline.uptime()).isEqualTo(report.rows().get(0));
        }
    }

    /**
     * Europe/Berlin, open Saturday and Sunday 22:00-04:00 (overnight); the clocks go forward on Sunday
     * 2024-03-31 at 02:00, so Saturday night is 5 hours (21:00Z-02:00Z) and Sunday night 6 (20:00Z-02:00Z).
     * The previous Sunday's night reaches into the week: 2024-03-25 02:00Z-03:00Z.
     */
    @Nested
    class OvernightAcrossTheSpringForward {
        private final Instant now = at("2024-04-01T02:00:00Z");

        private StoreDataSet data() {
            StoreDataSet.Builder b = StoreDataSet.builder().timeZone("b", ZoneId.of("Europe/Berlin"));
            b.openingPeriod("b", OpeningPeriod.of(DayOfWeek.SATURDAY, LocalTime.of(22, 0), LocalTime.of(4, 0)));
            b.openingPeriod("b", OpeningPeriod.of(DayOfWeek.SUNDAY, LocalTime.of(22, 0), LocalTime.of(4, 0)));
            b.poll("b", at("2024-03-30T22:00:00Z"), PollStatus.INACTIVE); // Sat 23:00 CET
            b.poll("b", at("2024-03-31T01:30:00Z"), PollStatus.INACTIVE); // Sun 03:30 CEST
            b.poll("b", at("2024-03-31T12:00:00Z"), PollStatus.ACTIVE);   // closed: ignored
            b.poll("b", at("2024-03-31T20:30:00Z"), PollStatus.INACTIVE); // Sun 22:30 CEST
            b.poll("b", at("2024-03-31T23:00:00Z"), PollStatus.ACTIVE);   // Mon 01:00 CEST
            return b.build();
        }

        private StoreTimeline timeline(Extrapolation extrapolation) {
            UptimeEngine engine = UptimeEngine.builder()
                    .options(new ReportOptions(Duration.ZERO, extrapolation)).build();
            return engine.timeline(data(), "b", now).orElseThrow();
        }

        @Test
        void businessTimeFollowsTheClockChange() {
            assertThat(timeline(Extrapolation.NEAREST_POLL).businessIntervals()).containsExactly(
                    interval("2024-03-25T02:00:00Z", "2024-03-25T03:00:00Z"),
                    interval("2024-03-30T21:00:00Z", "2024-03-31T02:00:00Z"),
                    interval("2024-03-31T20:00:00Z", "2024-04-01T02:00:00Z"));
        }

        @Test
        void downRunsSeparatedOnlyByClosedTimeAreOneOutage() {
            StoreTimeline timeline = timeline(Extrapolation.NEAREST_POLL);
            // midpoint of 20:30Z and 23:00Z is 21:45Z
            assertThat(timeline.segments()).containsExactly(
                    new StatusSegment(interval("2024-03-25T02:00:00Z", "2024-03-25T03:00:00Z"), false),
                    new StatusSegment(interval("2024-03-30T21:00:00Z", "2024-03-31T02:00:00Z"), false),
                    new StatusSegment(interval("2024-03-31T20:00:00Z", "2024-03-31T21:45:00Z"), false),
                    new StatusSegment(interval("2024-03-31T21:45:00Z", "2024-04-01T02:00:00Z"), true));
            assertThat(timeline.outages()).hasSize(1);
            Outage outage = timeline.outages().get(0);
            assertThat(outage.span()).isEqualTo(interval("2024-03-25T02:00:00Z", "2024-03-31T21:45:00Z"));
            assertThat(outage.duration()).isEqualTo(Duration.ofMinutes(7 * 60 + 45));

            WindowFigures week = timeline.window(UptimeWindow.LAST_WEEK);
            assertThat(week.downtime()).isEqualTo(Duration.ofMinutes(7 * 60 + 45));
            assertThat(week.uptime()).isEqualTo(Duration.ofMinutes(4 * 60 + 15));
            assertThat(week.uptimePercent()).isEqualTo(new BigDecimal("35.42"));
            assertThat(week.outageCount()).isEqualTo(1);
            assertThat(week.longestOutage()).isEqualTo(Duration.ofMinutes(7 * 60 + 45));

            WindowFigures day = timeline.window(UptimeWindow.LAST_DAY);
            assertThat(day.outageCount()).isEqualTo(1);
            assertThat(day.longestOutage()).isEqualTo(Duration.ofMinutes(105)); // clipped to the day
            assertThat(day.uptimePercent()).isEqualTo(new BigDecimal("70.83"));

            WindowFigures hour = timeline.window(UptimeWindow.LAST_HOUR);
            assertThat(hour.outageCount()).isZero();
            assertThat(hour.uptimePercent()).isEqualTo(new BigDecimal("100.00"));
        }

        @Test
        void carryForwardHoldsEachStatusUntilTheNextPoll() {
            StoreTimeline timeline = timeline(Extrapolation.CARRY_FORWARD);
            assertThat(timeline.segments()).containsExactly(
                    new StatusSegment(interval("2024-03-25T02:00:00Z", "2024-03-25T03:00:00Z"), false),
                    new StatusSegment(interval("2024-03-30T21:00:00Z", "2024-03-31T02:00:00Z"), false),
                    new StatusSegment(interval("2024-03-31T20:00:00Z", "2024-03-31T23:00:00Z"), false),
                    new StatusSegment(interval("2024-03-31T23:00:00Z", "2024-04-01T02:00:00Z"), true));
            assertThat(timeline.outages()).singleElement().satisfies(o -> {
                assertThat(o.span()).isEqualTo(interval("2024-03-25T02:00:00Z", "2024-03-31T23:00:00Z"));
                assertThat(o.duration()).isEqualTo(Duration.ofHours(9));
            });
            assertThat(timeline.window(UptimeWindow.LAST_WEEK).uptimePercent()).isEqualTo(new BigDecimal("25.00"));
        }

        @Test
        void aClosedTimePollIsIgnoredAndSaysWhy() {
            assertThat(timeline(Extrapolation.NEAREST_POLL).polls()).extracting(TimelinePoll::verdict).containsExactly(
                    PollVerdict.COUNTED, PollVerdict.COUNTED, PollVerdict.OUTSIDE_BUSINESS_HOURS, PollVerdict.COUNTED,
                    PollVerdict.COUNTED);
        }
    }

    /** An up run between two down runs splits them; the fall-back night is 25 hours long in local terms. */
    @Nested
    class UpBetweenDownRunsAcrossTheFallBack {
        @Test
        void twoOutages() {
            // America/New_York open 24h on Sunday 2024-11-03 (the clocks go back at 02:00): 04:00Z to 05:00Z+1d
            StoreDataSet data = StoreDataSet.builder().timeZone("n", ZoneId.of("America/New_York"))
                    .openingPeriod("n", OpeningPeriod.of(DayOfWeek.SUNDAY, LocalTime.of(0, 0), LocalTime.of(0, 0)))
                    .poll("n", at("2024-11-03T06:00:00Z"), PollStatus.INACTIVE)
                    .poll("n", at("2024-11-03T12:00:00Z"), PollStatus.ACTIVE)
                    .poll("n", at("2024-11-03T18:00:00Z"), PollStatus.INACTIVE)
                    .build();
            StoreTimeline timeline = UptimeEngine.create().timeline(data, "n", at("2024-11-04T06:00:00Z")).orElseThrow();
            assertThat(timeline.businessIntervals()).containsExactly(interval("2024-11-03T04:00:00Z", "2024-11-04T05:00:00Z"));
            assertThat(timeline.outages()).extracting(Outage::span).containsExactly(
                    interval("2024-11-03T04:00:00Z", "2024-11-03T09:00:00Z"),
                    interval("2024-11-03T15:00:00Z", "2024-11-04T05:00:00Z"));
            assertThat(timeline.window(UptimeWindow.LAST_WEEK).longestOutage()).isEqualTo(Duration.ofHours(14));
            assertThat(timeline.window(UptimeWindow.LAST_HOUR).uptimePercent()).isNull(); // closed all hour
            assertThat(timeline.window(UptimeWindow.LAST_HOUR).outageCount()).isZero();
        }
    }

    @Nested
    class PollVerdicts {
        private final Store store = Store.of("d", ZoneId.of("UTC"),
                BusinessHours.of(OpeningPeriod.of(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))));
        private final Instant now = at("2024-01-08T17:00:00Z"); // a Monday

        @Test
        void duplicatesLookbackAndHoursEachSayWhy() {
            PollSeries polls = new PollBuffer()
                    .add(at("2023-12-30T10:00:00Z"), PollStatus.ACTIVE)     // before now - 7d - 24h
                    .add(at("2023-12-30T10:00:00Z"), PollStatus.INACTIVE)   // same instant again
                    .add(at("2024-01-08T08:00:00Z"), PollStatus.ACTIVE)     // before opening
                    .add(at("2024-01-08T10:00:00Z"), PollStatus.INACTIVE)
                    .add(at("2024-01-08T10:00:00Z"), PollStatus.ACTIVE)     // duplicate of a counted poll
                    .add(at("2024-01-08T16:00:00Z"), PollStatus.ACTIVE)
                    .add(at("2024-01-08T17:00:00Z"), PollStatus.INACTIVE);  // at now, but the store closed
            StoreTimeline timeline = UptimeEngine.create().timeline(new StoreProfile(store, false), polls, now);
            assertThat(timeline.polls()).extracting(TimelinePoll::verdict).containsExactly(
                    PollVerdict.OUTSIDE_LOOKBACK, PollVerdict.DUPLICATE, PollVerdict.OUTSIDE_BUSINESS_HOURS,
                    PollVerdict.COUNTED, PollVerdict.DUPLICATE, PollVerdict.COUNTED,
                    PollVerdict.OUTSIDE_BUSINESS_HOURS);
            assertThat(timeline.polls().get(4).verdict().reason()).isEqualTo("duplicate");
            assertThat(timeline.polls().get(3).verdict().reason()).isNull();
            // the first of the two 10:00 polls decides: down until the midpoint 13:00
            assertThat(timeline.segments()).containsExactly(
                    new StatusSegment(interval("2024-01-08T09:00:00Z", "2024-01-08T13:00:00Z"), false),
                    new StatusSegment(interval("2024-01-08T13:00:00Z", "2024-01-08T17:00:00Z"), true));
            assertThat(timeline.uptime()).isEqualTo(UptimeEngine.create().compute(store, polls, now));
        }

        @Test
        void withoutACountedPollThereAreNoSegmentsAndNoPercentages() {
            PollSeries polls = new PollBuffer().add(at("2024-01-08T08:00:00Z"), PollStatus.ACTIVE);
            StoreTimeline timeline = UptimeEngine.create().timeline(new StoreProfile(store, true), polls, now);
            assertThat(timeline.segments()).isEmpty();
            assertThat(timeline.outages()).isEmpty();
            assertThat(timeline.businessIntervals()).hasSize(1);
            for (UptimeWindow w : UptimeWindow.values()) {
                assertThat(timeline.window(w).uptimePercent()).isNull();
            }
            assertThat(timeline.profile().zoneDefaulted()).isTrue();
        }

        @Test
        void anUnknownStoreHasNoTimeline() {
            StoreDataSet data = StoreDataSet.builder().store("x").build();
            assertThat(UptimeEngine.create().timeline(data, "y", now)).isEmpty();
            assertThat(UptimeEngine.create().timeline(data, "x", now)).isPresent();
        }
    }

    @Test
    void percentRoundsHalfUp() {
        assertThat(StoreTimeline.percent(Duration.ofSeconds(1), Duration.ofSeconds(7))).isEqualTo(new BigDecimal("12.50"));
        assertThat(StoreTimeline.percent(Duration.ofMillis(2), Duration.ofMillis(29997)))
                .isEqualTo(new BigDecimal("0.01")); // 0.00667 %
        assertThat(StoreTimeline.percent(Duration.ZERO, Duration.ZERO)).isNull();
        assertThat(List.of(StoreTimeline.percent(Duration.ZERO, Duration.ofHours(1)))).containsExactly(new BigDecimal("0.00"));
    }
}
