package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Business time on the UTC axis" of docs/rules.md: one row per rule and per time-zone trap. Expected instants
 * are worked out by hand from the zone's published offsets, never by calling java.time in the test.
 */
class BusinessHoursTest {

    /**
     * Cases: name, zone, rows ({@code "dayIndex start end"}, comma separated; empty for none), range
     * ({@code from/to}), expected intervals ({@code start/end}, comma separated; empty for none).
     */
    static Stream<Arguments> rules() {
        return Stream.of(
                // 2023-01-23 and 2024-01-01 are Mondays.
                rule("same day: open from d start to d end", "America/Chicago", "0 09:00 12:00",
                        "2023-01-22T00:00:00Z/2023-01-29T00:00:00Z", "2023-01-23T15:00:00Z/2023-01-23T18:00:00Z"),
                rule("overnight: end before start runs into the next day", "UTC", "4 22:00 02:00",
                        "2024-01-01T00:00:00Z/2024-01-08T00:00:00Z", "2024-01-05T22:00:00Z/2024-01-06T02:00:00Z"),
                rule("overnight row of the day before the range reaches into it", "UTC", "4 22:00 02:00",
                        "2024-01-06T00:00:00Z/2024-01-07T00:00:00Z", "2024-01-06T00:00:00Z/2024-01-06T02:00:00Z"),
                rule("overnight from Sunday into Monday wraps around the week", "UTC", "6 20:00 04:00",
                        "2024-01-01T00:00:00Z/2024-01-08T00:00:00Z",
                        "2024-01-01T00:00:00Z/2024-01-01T04:00:00Z, 2024-01-07T20:00:00Z/2024-01-08T00:00:00Z"),
                rule("end == start: 24 hours from start", "UTC", "2 10:00 10:00",
                        "2024-01-01T00:00:00Z/2024-01-08T00:00:00Z", "2024-01-03T10:00:00Z/2024-01-04T10:00:00Z"),
                rule("end == start at 00:00: the whole day", "UTC", "2 00:00 00:00",
                        "2024-01-01T00:00:00Z/2024-01-08T00:00:00Z", "2024-01-03T00:00:00Z/2024-01-04T00:00:00Z"),
                rule("end 23:59:59 means midnight of the next day", "UTC", "1 18:00 23:59:59",
                        "2024-01-01T00:00:00Z/2024-01-08T00:00:00Z", "2024-01-02T18:00:00Z/2024-01-03T00:00:00Z"),
                rule("end later than 23:59:59 means midnight too", "UTC", "1 18:00 23:59:59.999",
                        "2024-01-01T00:00:00Z/2024-01-08T00:00:00Z", "2024-01-02T18:00:00Z/2024-01-03T00:00:00Z"),
                rule("end 23:59:58 is taken literally", "UTC", "1 18:00 23:59:58",
                        "2024-01-01T00:00:00Z/2024-01-08T00:00:00Z", "2024-01-02T18:00:00Z/2024-01-02T23:59:58Z"),
                rule("start == end == 23:59:59 is 24 hours, not midnight", "UTC", "1 23:59:59 23:59:59",
                        "2024-01-01T00:00:00Z/2024-01-08T00:00:00Z", "2024-01-02T23:59:59Z/2024-01-03T23:59:59Z"),
                rule("23:59:59 end in a zone: local midnight", "America/Chicago", "0 20:00 23:59:59",
                        "2023-01-22T00:00:00Z/2023-01-29T00:00:00Z", "2023-01-24T02:00:00Z/2023-01-24T06:00:00Z"),
                rule("three rows on one day: overlapping and adjacent merge", "UTC",
                        "0 09:00 12:00, 0 11:00 14:00, 0 14:00 16:00",
                        "2024-01-01T00:00:00Z/2024-01-08T00:00:00Z", "2024-01-01T09:00:00Z/2024-01-01T16:00:00Z"),
                rule("three rows on one day: contained row vanishes, gap stays", "UTC",
                        "0 12:00 13:00, 0 09:00 11:00, 0 10:00 10:30",
                        "2024-01-01T00:00:00Z/2024-01-08T00:00:00Z",
                        "2024-01-01T09:00:00Z/2024-01-01T11:00:00Z, 2024-01-01T12:00:00Z/2024-01-01T13:00:00Z"),
                rule("overnight row merges with the next day's row", "UTC", "0 20:00 02:00, 1 01:00 05:00",
                        "2024-01-01T00:00:00Z/2024-01-08T00:00:00Z", "2024-01-01T20:00:00Z/2024-01-02T05:00:00Z"),
                rule("midnight end abuts the next day's midnight start", "UTC", "0 20:00 23:59:59, 1 00:00 02:00",
                        "2024-01-01T00:00:00Z/2024-01-08T00:00:00Z", "2024-01-01T20:00:00Z/2024-01-02T02:00:00Z"),
                rule("every day 00:00-00:00 is one interval", "Europe/Berlin",
                        "0 00:00 00:00, 1 00:00 00:00, 2 00:00 00:00, 3 00:00 00:00, 4 00:00 00:00, 5 00:00 00:00, "
                                + "6 00:00 00:00",
                        "2024-03-25T00:00:00Z/2024-04-05T00:00:00Z", "2024-03-25T00:00:00Z/2024-04-05T00:00:00Z"),
                rule("clipped to the range", "UTC", "0 09:00 17:00",
                        "2024-01-01T10:00:00Z/2024-01-01T12:00:00Z", "2024-01-01T10:00:00Z/2024-01-01T12:00:00Z"),
                rule("empty range", "UTC", "0 09:00 17:00", "2024-01-01T10:00:00Z/2024-01-01T10:00:00Z", ""),

                // US spring forward: Sunday 2024-03-10 02:00 EST (-5) jumps to 03:00 EDT (-4).
                rule("New York 01:00-03:30 on the day before and the day of spring forward", "America/New_York",
                        "5 01:00 03:30, 6 01:00 03:30", "2024-03-09T00:00:00Z/2024-03-11T00:00:00Z",
                        "2024-03-09T06:00:00Z/2024-03-09T08:30:00Z, 2024-03-10T06:00:00Z/2024-03-10T07:30:00Z"),
                rule("spring-forward gap: start moves later by the gap", "America/New_York", "6 02:30 04:00",
                        "2024-03-10T00:00:00Z/2024-03-11T00:00:00Z", "2024-03-10T07:30:00Z/2024-03-10T08:00:00Z"),
                rule("spring-forward gap: both ends move later", "America/New_York", "6 02:15 02:45",
                        "2024-03-10T00:00:00Z/2024-03-11T00:00:00Z", "2024-03-10T07:15:00Z/2024-03-10T07:45:00Z"),
                rule("spring-forward gap: an interval whose end is not after its start is empty", "America/New_York",
                        "6 02:00 03:00", "2024-03-10T00:00:00Z/2024-03-11T00:00:00Z", ""),
                rule("spring-forward gap: overnight end moves later", "America/New_York", "5 23:00 02:30",
                        "2024-03-09T00:00:00Z/2024-03-11T00:00:00Z", "2024-03-10T04:00:00Z/2024-03-10T07:30:00Z"),
                rule("spring-forward night: 24-hour row lasts 23 hours", "America/New_York", "5 12:00 12:00",
                        "2024-03-09T00:00:00Z/2024-03-11T00:00:00Z", "2024-03-09T17:00:00Z/2024-03-10T16:00:00Z"),

                // US fall back: Sunday 2024-11-03 02:00 EDT (-4) goes back to 01:00 EST (-5).
                rule("New York 01:00-03:30 on the day before and the day of fall back", "America/New_York",
                        "5 01:00 03:30, 6 01:00 03:30", "2024-11-02T00:00:00Z/2024-11-04T00:00:00Z",
                        "2024-11-02T05:00:00Z/2024-11-02T07:30:00Z, 2024-11-03T05:00:00Z/2024-11-03T08:30:00Z"),
                rule("fall-back overlap: both ends take the earlier offset", "America/New_York", "6 01:30 01:45",
                        "2024-11-03T00:00:00Z/2024-11-04T00:00:00Z", "2024-11-03T05:30:00Z/2024-11-03T05:45:00Z"),
                rule("fall-back overlap: end takes the earlier offset", "America/New_York", "6 00:00 01:30",
                        "2024-11-03T00:00:00Z/2024-11-04T00:00:00Z", "2024-11-03T04:00:00Z/2024-11-03T05:30:00Z"),
                rule("fall-back overlap: start takes the earlier offset", "America/New_York", "6 01:30 02:00",
                        "2024-11-03T00:00:00Z/2024-11-04T00:00:00Z", "2024-11-03T05:30:00Z/2024-11-03T07:00:00Z"),
                rule("fall-back night: 24-hour row lasts 25 hours", "America/New_York", "5 12:00 12:00",
                        "2024-11-02T00:00:00Z/2024-11-04T00:00:00Z", "2024-11-02T16:00:00Z/2024-11-03T17:00:00Z"),

                // Lord Howe: +11:00 in summer, +10:30 in winter; 2024-04-07 02:00 goes back to 01:30,
                // 2024-10-06 02:00 jumps to 02:30.
                rule("Lord Howe 30-minute fall back: 01:00-03:00 is 2.5 h", "Australia/Lord_Howe",
                        "5 01:00 03:00, 6 01:00 03:00", "2024-04-05T00:00:00Z/2024-04-07T00:00:00Z",
                        "2024-04-05T14:00:00Z/2024-04-05T16:00:00Z, 2024-04-06T14:00:00Z/2024-04-06T16:30:00Z"),
                rule("Lord Howe overlap takes the earlier offset", "Australia/Lord_Howe", "6 01:40 01:50",
                        "2024-04-06T00:00:00Z/2024-04-07T00:00:00Z", "2024-04-06T14:40:00Z/2024-04-06T14:50:00Z"),
                rule("Lord Howe 30-minute spring forward: 01:00-03:00 is 1.5 h", "Australia/Lord_Howe",
                        "5 01:00 03:00, 6 01:00 03:00", "2024-10-04T00:00:00Z/2024-10-06T00:00:00Z",
                        "2024-10-04T14:30:00Z/2024-10-04T16:30:00Z, 2024-10-05T14:30:00Z/2024-10-05T16:00:00Z"),
                rule("Lord Howe gap moves times 30 minutes later", "Australia/Lord_Howe", "6 02:10 02:20",
                        "2024-10-05T00:00:00Z/2024-10-06T00:00:00Z", "2024-10-05T15:40:00Z/2024-10-05T15:50:00Z"),

                rule("Kathmandu +05:45", "Asia/Kathmandu", "0 09:00 17:00",
                        "2024-01-15T00:00:00Z/2024-01-16T00:00:00Z", "2024-01-15T03:15:00Z/2024-01-15T11:15:00Z"),
                rule("Chatham +13:45 in January: the local Monday starts on the UTC Sunday", "Pacific/Chatham",
                        "0 09:00 17:00", "2024-01-14T00:00:00Z/2024-01-16T00:00:00Z",
                        "2024-01-14T19:15:00Z/2024-01-15T03:15:00Z"),
                rule("fixed offset -03:30", "-03:30", "0 09:00 17:00",
                        "2024-01-01T00:00:00Z/2024-01-02T00:00:00Z", "2024-01-01T12:30:00Z/2024-01-01T20:30:00Z"),
                rule("no rows: open 24/7, the whole range", "America/New_York", "",
                        "2024-03-09T13:14:15Z/2024-03-11T00:00:00Z", "2024-03-09T13:14:15Z/2024-03-11T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void projectsLocalRowsOntoTheUtcAxis(String name, ZoneId zone, BusinessHours hours, TimeInterval range,
            List<TimeInterval> expected) {
        assertThat(hours.utcIntervals(zone, range)).containsExactlyElementsOf(expected);
    }

    @Test
    void springForwardOpeningIsOneAndAHalfHoursAndFallBackOpeningThreeAndAHalf() {
        BusinessHours hours = BusinessHours.of(OpeningPeriod.of(6, LocalTime.of(1, 0), LocalTime.of(3, 30)));
        ZoneId newYork = ZoneId.of("America/New_York");

        assertThat(total(hours.utcIntervals(newYork, range("2024-03-10T00:00:00Z/2024-03-11T00:00:00Z"))))
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(total(hours.utcIntervals(newYork, range("2024-03-03T00:00:00Z/2024-03-04T00:00:00Z"))))
                .isEqualTo(Duration.ofMinutes(150));
        assertThat(total(hours.utcIntervals(newYork, range("2024-11-03T00:00:00Z/2024-11-04T00:00:00Z"))))
                .isEqualTo(Duration.ofMinutes(210));
    }

    @Test
    void noPeriodsMeansAlwaysOpen() {
        assertThat(BusinessHours.of(List.of())).isSameAs(BusinessHours.alwaysOpen());
        assertThat(BusinessHours.alwaysOpen().isAlwaysOpen()).isTrue();
        assertThat(BusinessHours.of(OpeningPeriod.of(0, LocalTime.NOON, LocalTime.MIDNIGHT)).isAlwaysOpen()).isFalse();
    }

    @Test
    void keepsThePeriodsAsGiven() {
        OpeningPeriod b = OpeningPeriod.of(3, LocalTime.of(9, 0), LocalTime.of(10, 0));
        OpeningPeriod a = OpeningPeriod.of(1, LocalTime.of(9, 0), LocalTime.of(10, 0));
        BusinessHours hours = BusinessHours.of(b, a);
        assertThat(hours.periods()).containsExactly(b, a);
        assertThat(hours).isEqualTo(BusinessHours.of(List.of(b, a))).hasSameHashCodeAs(BusinessHours.of(b, a));
    }

    private static Arguments rule(String name, String zone, String rows, String range, String expected) {
        List<OpeningPeriod> periods = new ArrayList<>();
        for (String row : split(rows)) {
            String[] f = row.split(" ");
            periods.add(OpeningPeriod.of(Integer.parseInt(f[0]), LocalTime.parse(f[1]), LocalTime.parse(f[2])));
        }
        List<TimeInterval> intervals = split(expected).stream().map(BusinessHoursTest::range).toList();
        return Arguments.of(name, ZoneId.of(zone), BusinessHours.of(periods), range(range), intervals);
    }

    private static List<String> split(String list) {
        return list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(String::strip).toList();
    }

    static TimeInterval range(String text) {
        String[] ends = text.split("/");
        return TimeInterval.of(Instant.parse(ends[0]), Instant.parse(ends[1]));
    }

    private static Duration total(List<TimeInterval> intervals) {
        return intervals.stream().map(TimeInterval::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * Over two years in zones with DST (where only the days around each change go through java.time's resolution),
     * the intervals are those of every local day resolved by {@code ZonedDateTime.of}, as the rules define them.
     */
    @ParameterizedTest
    @MethodSource("longRangeZones")
    void aLongRangeIsEveryLocalDayResolvedByJavaTime(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        java.util.SplittableRandom random = new java.util.SplittableRandom(zoneId.hashCode());
        for (int round = 0; round < 20; round++) {
            List<OpeningPeriod> periods = new ArrayList<>();
            for (int day = 0; day < 7; day++) {
                for (int rows = random.nextInt(3); rows > 0; rows--) {
                    periods.add(OpeningPeriod.of(day, LocalTime.of(random.nextInt(24), 15 * random.nextInt(4)),
                            random.nextInt(6) == 0 ? LocalTime.of(23, 59, 59)
                                    : LocalTime.of(random.nextInt(24), 15 * random.nextInt(4))));
                }
            }
            if (periods.isEmpty()) {
                continue;
            }
            BusinessHours hours = BusinessHours.of(periods);
            long from = EpochMicros.of(Instant.parse("2023-01-01T00:00:00Z")) + random.nextInt(86_400) * 1_000_000L;
            long to = from + 730L * 86_400_000_000L;
            // every local day of the two years (and a few around them), each period resolved by java.time
            long[] pairs = new long[0];
            for (java.time.LocalDate day = java.time.LocalDate.of(2022, 12, 25); day.isBefore(
                    java.time.LocalDate.of(2025, 1, 10)); day = day.plusDays(1)) {
                for (OpeningPeriod p : periods) {
                    if (p.day().getValue() - 1 != day.getDayOfWeek().getValue() - 1) {
                        continue;
                    }
                    java.time.LocalDateTime start = day.atTime(p.start());
                    java.time.LocalDateTime end;
                    if (p.start().isBefore(p.end()) && !p.end().isBefore(OpeningPeriod.END_OF_DAY)) {
                        end = day.plusDays(1).atStartOfDay();
                    } else if (p.end().isAfter(p.start())) {
                        end = day.atTime(p.end());
                    } else if (p.end().isBefore(p.start())) {
                        end = day.plusDays(1).atTime(p.end());
                    } else {
                        end = day.plusDays(1).atTime(p.start());
                    }
                    long s = Math.max(from, EpochMicros.of(java.time.ZonedDateTime.of(start, zone).toInstant()));
                    long e = Math.min(to, EpochMicros.of(java.time.ZonedDateTime.of(end, zone).toInstant()));
                    if (e > s) {
                        pairs = Arrays.copyOf(pairs, pairs.length + 2);
                        pairs[pairs.length - 2] = s;
                        pairs[pairs.length - 1] = e;
                    }
                }
            }
            long[] expected = Intervals.sortAndMerge(pairs, pairs.length);
            assertThat(hours.utcIntervalsMicros(zone, from, to)).as(zoneId + " " + periods).containsExactly(expected);
        }
    }

    static Stream<String> longRangeZones() {
        return Stream.of("America/Chicago", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago",
                "Africa/Casablanca", "America/Havana", "Pacific/Apia", "Asia/Kolkata", "UTC");
    }
}
