package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/**
 * {@link BusinessTime} measures what {@link BusinessHours#utcIntervalsMicros} lists, minus the closures, to the
 * microsecond: on random hours (overnight rows, whole days, ends of day), zones with DST changes at midnight, half-hour
 * changes and a skipped day, random closures and ranges up to two years; and a report's windows computed through it
 * equal those computed interval by interval.
 */
class BusinessTimeTest {

    private static final List<String> ZONES = List.of("America/Chicago", "Europe/Berlin", "Australia/Lord_Howe",
            "America/Santiago", "America/Havana", "Africa/Casablanca", "Pacific/Apia", "Asia/Kathmandu", "UTC",
            "+05:30");
    private static final long DAY = 86_400_000_000L;

    @Property(tries = 300, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void measuresWhatTheIntervalsHold(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Store store = store(random);
        long[] closed = closed(random, store);
        BusinessTime business = new BusinessTime(store, closed);
        for (int i = 0; i < 20; i++) {
            long x = EpochMicros.of(Instant.parse("2010-01-01T00:00:00Z")) + random.nextLong(17 * 365 * DAY);
            long y = x + (random.nextBoolean() ? random.nextLong(3 * DAY) : random.nextLong(730 * DAY));
            long[] intervals = Intervals.subtract(store.hours().utcIntervalsMicros(store.zone(), x, y), closed);
            long expected = 0;
            for (int k = 0; k < intervals.length; k += 2) {
                expected += intervals[k + 1] - intervals[k];
            }
            assertThat(business.measure(x, y)).as("%s in [%d, %d)", store, x, y).isEqualTo(expected);
            long t = x + random.nextLong(Math.max(1, y - x));
            boolean inside = Intervals.contains(Intervals.subtract(
                    store.hours().utcIntervalsMicros(store.zone(), t - DAY, t + DAY), closed), t);
            assertThat(business.contains(t)).as("%s at %d", store, t).isEqualTo(inside);
        }
    }

    @Property(tries = 200, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void longWindowsEqualTheirIntervalByIntervalFigures(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Store store = store(random);
        long[] closed = closed(random, store);
        long now = EpochMicros.of(Instant.parse("2024-10-14T23:55:18Z")) - random.nextLong(400 * DAY);
        PollBuffer polls = new PollBuffer();
        long t = now - 420 * DAY;
        boolean up = true;
        while (t < now) {
            t += 1_000_000L * (60 + random.nextInt(random.nextInt(10) == 0 ? 20 * 86_400 : 7200));
            if (random.nextInt(12) == 0) {
                up = !up;
            }
            polls.add(Math.min(t, now), up);
        }
        long[][] ranges = new long[3][];
        for (int w = 0; w < ranges.length; w++) {
            long start = now - random.nextLong(400 * DAY);
            long end = Math.min(now, start + random.nextLong(400 * DAY));
            ranges[w] = new long[] {start, end};
        }
        ReportOptions options = new ReportOptions(Duration.ofMinutes(random.nextInt(3 * 24 * 60)),
                random.nextBoolean() ? Extrapolation.NEAREST_POLL : Extrapolation.CARRY_FORWARD);
        long[][] measured = StoreComputation.computeWindows(store, polls, now, options, closed, ranges, null);
        // with a (null) trace per window the computation lists the intervals, as a timeline does
        long[][] listed = StoreComputation.computeWindows(store, polls, now, options, closed, ranges,
                new StoreComputation.Trace[ranges.length]);
        for (int w = 0; w < ranges.length; w++) {
            assertThat(measured[w]).as("%s window %d", store, w).containsExactly(listed[w]);
        }
    }

    private static Store store(SplittableRandom random) {
        List<OpeningPeriod> periods = new ArrayList<>();
        if (random.nextInt(6) > 0) {
            for (int day = 0; day < 7; day++) {
                for (int rows = random.nextInt(3); rows > 0; rows--) {
                    LocalTime start = LocalTime.of(random.nextInt(24), 15 * random.nextInt(4));
                    LocalTime end = random.nextInt(6) == 0 ? LocalTime.of(23, 59, 59)
                            : random.nextInt(8) == 0 ? start : LocalTime.of(random.nextInt(24), 15 * random.nextInt(4));
                    periods.add(OpeningPeriod.of(day, start, end));
                }
            }
        }
        return Store.of("s", ZoneId.of(ZONES.get(random.nextInt(ZONES.size()))), BusinessHours.of(periods));
    }

    private static long[] closed(SplittableRandom random, Store store) {
        List<Closure> closures = new ArrayList<>();
        for (int c = random.nextInt(4); c > 0; c--) {
            LocalDateTime start = LocalDateTime.of(2010, 1, 1, 0, 0).plusHours(random.nextInt(17 * 365 * 24));
            closures.add(Closure.of("s", start, start.plusHours(1 + random.nextInt(24 * 40)), "planned"));
        }
        return ClosureIndex.micros(closures, store.zone());
    }
}
