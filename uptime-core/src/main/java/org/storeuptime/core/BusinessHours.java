package org.storeuptime.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A store's weekly business hours in its local wall clock time, and their projection onto the UTC time line.
 *
 * <p>Several periods per day are allowed and may overlap. A store without any period is open 24 hours, 7
 * days ({@link #alwaysOpen()}). Projection follows {@code ZonedDateTime.of(localDateTime, zone)}: a local
 * time in a spring-forward gap moves later by the gap's length, one in a fall-back overlap takes the earlier
 * offset, and an interval whose end is not after its start is empty.
 */
public final class BusinessHours {

    private static final BusinessHours ALWAYS_OPEN = new BusinessHours(List.of());
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final List<OpeningPeriod> periods;
    /** periods by {@code DayOfWeek.ordinal()}, for the projection's inner loop. */
    private final OpeningPeriod[][] byDay;
    /**
     * The periods as merged {@code start, end} pairs of local micros since Monday 00:00, within one week (a period
     * running past Sunday midnight wraps to Monday): the week that repeats wherever the zone's offset is constant.
     */
    private final long[] weekly;

    private BusinessHours(List<OpeningPeriod> periods) {
        this.periods = periods;
        // A loop, not a stream per day: a database report builds these for thousands of stores each time.
        int[] counts = new int[7];
        for (OpeningPeriod p : periods) {
            counts[p.day().ordinal()]++;
        }
        this.byDay = new OpeningPeriod[7][];
        for (int d = 0; d < 7; d++) {
            byDay[d] = new OpeningPeriod[counts[d]];
            counts[d] = 0;
        }
        for (OpeningPeriod p : periods) {
            int d = p.day().ordinal();
            byDay[d][counts[d]++] = p;
        }
        long week = 7 * MICROS_PER_DAY;
        long[] pairs = new long[4 * periods.size()];
        int n = 0;
        for (OpeningPeriod p : periods) {
            long start = p.day().ordinal() * MICROS_PER_DAY + microsOfDay(p.start());
            long end = p.day().ordinal() * MICROS_PER_DAY + localEndMicros(p);
            pairs[n++] = start;
            pairs[n++] = Math.min(end, week);
            if (end > week) {
                pairs[n++] = 0;
                pairs[n++] = end - week;
            }
        }
        this.weekly = Intervals.sortAndMerge(pairs, n);
    }

    /** The weekly local intervals ({@link #weekly}); not to be modified. */
    long[] weeklyLocalIntervals() {
        return weekly;
    }

    /** Open 24 hours, 7 days: the hours of a store without any business-hours row. */
    public static BusinessHours alwaysOpen() {
        return ALWAYS_OPEN;
    }

    /** Business hours made of {@code periods}; none means always open. */
    public static BusinessHours of(Collection<OpeningPeriod> periods) {
        Objects.requireNonNull(periods, "periods");
        return periods.isEmpty() ? ALWAYS_OPEN : new BusinessHours(List.copyOf(periods));
    }

    /** Business hours made of {@code periods}; none means always open. */
    public static BusinessHours of(OpeningPeriod... periods) {
        return of(Arrays.asList(periods));
    }

    /** The periods as given; empty for {@link #alwaysOpen()}. */
    public List<OpeningPeriod> periods() {
        return periods;
    }

    /** Whether the store is open all the time (no period given). */
    public boolean isAlwaysOpen() {
        return periods.isEmpty();
    }

    /**
     * The business time inside {@code range} on the UTC time line, as sorted, merged, non-empty half-open
     * intervals.
     */
    public List<TimeInterval> utcIntervals(ZoneId zone, TimeInterval range) {
        long[] micros = utcIntervalsMicros(zone, EpochMicros.of(range.start()), EpochMicros.of(range.end()));
        List<TimeInterval> result = new ArrayList<>(micros.length / 2);
        for (int i = 0; i < micros.length; i += 2) {
            result.add(TimeInterval.of(EpochMicros.toInstant(micros[i]), EpochMicros.toInstant(micros[i + 1])));
        }
        return result;
    }

    /**
     * The business time inside {@code [fromMicros, toMicros)} as pairs {@code start, end} of epoch
     * microseconds, sorted and merged.
     */
    long[] utcIntervalsMicros(ZoneId zone, long fromMicros, long toMicros) {
        if (toMicros <= fromMicros) {
            return new long[0];
        }
        if (periods.isEmpty()) {
            return new long[] {fromMicros, toMicros};
        }
        ZoneRules rules = zone.getRules();
        ZoneOffset fixed = offsetIfConstant(rules, fromMicros, toMicros);
        long firstDay = Math.floorDiv(fromMicros + offsetMicrosAt(zone, fromMicros), MICROS_PER_DAY) - 1;
        long lastDay = Math.floorDiv(toMicros + offsetMicrosAt(zone, toMicros), MICROS_PER_DAY);
        long[] buffer = new long[16];
        int n = 0;
        // The last local day whose periods all lie where the zone's offset is offsetMicros (no transition from 3
        // days before the day to 4 days after it): a long range in a zone with DST is plain arithmetic but for
        // the few days around each change.
        long constantUntil = fixed != null ? Long.MAX_VALUE : Long.MIN_VALUE;
        long offsetMicros = fixed != null ? fixed.getTotalSeconds() * 1_000_000L : 0;
        for (long epochDay = firstDay; epochDay <= lastDay; epochDay++) {
            if (epochDay > constantUntil && fixed == null) {
                long probe = (epochDay - 3) * MICROS_PER_DAY;
                ZoneOffsetTransition next = rules.nextTransition(EpochMicros.toInstant(probe));
                long nextMicros = next == null ? Long.MAX_VALUE : EpochMicros.of(next.getInstant());
                if (nextMicros - 4 * MICROS_PER_DAY > epochDay * MICROS_PER_DAY) {
                    offsetMicros = rules.getOffset(EpochMicros.toInstant(probe)).getTotalSeconds() * 1_000_000L;
                    constantUntil = next == null ? Long.MAX_VALUE
                            : Math.floorDiv(nextMicros - 4 * MICROS_PER_DAY - 1, MICROS_PER_DAY);
                }
            }
            boolean constant = epochDay <= constantUntil;
            // 1970-01-01 was a Thursday (ordinal 3 with Monday = 0)
            OpeningPeriod[] todays = byDay[(int) Math.floorMod(epochDay + 3, 7)];
            for (OpeningPeriod period : todays) {
                long start;
                long end;
                if (constant) {
                    // no offset change anywhere near: plain arithmetic, the common case
                    long dayStartUtc = epochDay * MICROS_PER_DAY - offsetMicros;
                    start = dayStartUtc + microsOfDay(period.start());
                    end = dayStartUtc + localEndMicros(period);
                } else {
                    LocalDate day = LocalDate.ofEpochDay(epochDay);
                    start = EpochMicros.of(ZonedDateTime.of(day.atTime(period.start()), zone).toInstant());
                    end = EpochMicros.of(ZonedDateTime.of(localEnd(day, period), zone).toInstant());
                }
                start = Math.max(fromMicros, start);
                end = Math.min(toMicros, end);
                if (end <= start) {
                    continue;
                }
                if (n + 2 > buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                buffer[n++] = start;
                buffer[n++] = end;
            }
        }
        return Intervals.sortAndMerge(buffer, n);
    }

    /**
     * The zone's offset when it cannot change for any local time projected in this range (local days reach at
     * most two days beyond it); {@code null} when a transition is near and java.time must resolve each time.
     */
    private static @Nullable ZoneOffset offsetIfConstant(ZoneRules rules, long fromMicros, long toMicros) {
        if (rules.isFixedOffset()) {
            return rules.getOffset(Instant.EPOCH);
        }
        Instant from = EpochMicros.toInstant(fromMicros - 3 * MICROS_PER_DAY);
        ZoneOffsetTransition next = rules.nextTransition(from);
        if (next != null && EpochMicros.of(next.getInstant()) <= toMicros + 3 * MICROS_PER_DAY) {
            return null;
        }
        return rules.getOffset(from);
    }

    private static long offsetMicrosAt(ZoneId zone, long micros) {
        return zone.getRules().getOffset(EpochMicros.toInstant(micros)).getTotalSeconds() * 1_000_000L;
    }

    private static long microsOfDay(LocalTime time) {
        return time.toNanoOfDay() / 1_000L;
    }

    /** The period's local end, in microseconds after the local midnight of its start day. */
    private static long localEndMicros(OpeningPeriod period) {
        LocalTime start = period.start();
        LocalTime end = period.end();
        if (start.isBefore(end) && !end.isBefore(OpeningPeriod.END_OF_DAY)) {
            return MICROS_PER_DAY;
        }
        if (end.isAfter(start)) {
            return microsOfDay(end);
        }
        if (end.isBefore(start)) {
            return MICROS_PER_DAY + microsOfDay(end);
        }
        return MICROS_PER_DAY + microsOfDay(start);
    }

    private static LocalDateTime localEnd(LocalDate day, OpeningPeriod period) {
        LocalTime start = period.start();
        LocalTime end = period.end();
        if (start.isBefore(end) && !end.isBefore(OpeningPeriod.END_OF_DAY)) {
            return day.plusDays(1).atStartOfDay();
        }
        if (end.isAfter(start)) {
            return day.atTime(end);
        }
        if (end.isBefore(start)) {
            return day.plusDays(1).atTime(end);
        }
        return day.plusDays(1).atTime(start);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusinessHours other && periods.equals(other.periods);
    }

    @Override
    public int hashCode() {
        return periods.hashCode();
    }

    @Override
    public String toString() {
        return periods.isEmpty() ? "BusinessHours[always open]" : "BusinessHours" + periods;
    }
}
