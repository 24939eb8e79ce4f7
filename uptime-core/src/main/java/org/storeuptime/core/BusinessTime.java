package org.storeuptime.core;

import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A store's business time (its hours in its zone, minus its planned closures) as a measure on the UTC axis: how
 * much of {@code [x, y)} is business time, without listing its intervals. Where the zone's offset is constant the
 * week repeats, so the measure of a long range is whole weeks times the week's total plus two partial weeks; only
 * the days around an offset change are listed through {@link BusinessHours#utcIntervalsMicros}. A window of a year
 * then costs its store's status changes, not its 3,000 opening periods. The figures are those of the intervals,
 * to the microsecond.
 */
final class BusinessTime {

    private static final long DAY = 86_400_000_000L;
    private static final long WEEK = 7 * DAY;
    /**
     * How far from an offset change the week is taken to repeat: a period lasts at most a day (and a gap moves a
     * time later by at most a day), so every period overlapping a range 3 days from any change resolves with the
     * range's offset.
     */
    private static final long MARGIN = 3 * DAY;
    /** From the epoch (a Thursday) back to the Monday of its week. */
    private static final long MONDAY = 3 * DAY;

    private final BusinessHours hours;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final long[] closed;
    private final long[] weekly;
    /** {@code prefix[i]}: the business micros of the weekly intervals before interval {@code i}. */
    private final long[] prefix;
    private final long weekTotal;
    /**
     * The stretch {@code [stretchFrom, stretchTo)} last looked up: where the week repeats with offset
     * {@code stretchOffset} ({@code stretchRepeats}), or near a change; polls and segments come in time order, so
     * most lookups stay in it.
     */
    private long stretchFrom = Long.MAX_VALUE;
    private long stretchTo = Long.MIN_VALUE;
    private boolean stretchRepeats;
    private long stretchOffset;
    /**
     * Near a change: the stretch's business time (hours only) as java.time resolves it, listed once per stretch, and
     * {@code nearPrefix[i]} the micros of its intervals before interval {@code i}; a year's segments near its two
     * changes would otherwise resolve those days again for each segment.
     */
    private long[] near = new long[0];
    private long[] nearPrefix = new long[1];

    BusinessTime(Store store, long[] closed) {
        this.hours = store.hours();
        this.zone = store.zone();
        this.rules = zone.getRules();
        this.closed = closed;
        this.weekly = hours.weeklyLocalIntervals();
        this.prefix = new long[weekly.length / 2 + 1];
        for (int i = 0; i < weekly.length; i += 2) {
            prefix[i / 2 + 1] = prefix[i / 2] + weekly[i + 1] - weekly[i];
        }
        this.weekTotal = prefix[prefix.length - 1];
    }

    /** The business micros in {@code [x, y)}. */
    long measure(long x, long y) {
        if (y <= x) {
            return 0;
        }
        long total = hoursMeasure(x, y);
        for (int i = 0; i < closed.length; i += 2) {
            if (closed[i] >= y) {
                break;
            }
            total -= hoursMeasure(Math.max(x, closed[i]), Math.min(y, closed[i + 1]));
        }
        return total;
    }

    /** Whether {@code t} is business time. */
    boolean contains(long t) {
        if (Intervals.contains(closed, t)) {
            return false;
        }
        if (hours.isAlwaysOpen()) {
            return true;
        }
        stretch(t);
        if (!stretchRepeats) {
            return Intervals.contains(near, t);
        }
        return Intervals.contains(weekly, Math.floorMod(t + stretchOffset + MONDAY, WEEK));
    }

    /** The micros of the store's hours (closures not taken out) in {@code [x, y)}. */
    private long hoursMeasure(long x, long y) {
        if (y <= x) {
            return 0;
        }
        if (hours.isAlwaysOpen()) {
            return y - x;
        }
        long total = 0;
        long pos = x;
        while (pos < y) {
            stretch(pos);
            long end = Math.min(y, stretchTo);
            if (stretchRepeats) {
                total += local(end + stretchOffset) - local(pos + stretchOffset);
            } else {
                // near a change: the days as java.time resolves them
                total += before(near, nearPrefix, end) - before(near, nearPrefix, pos);
            }
            pos = end;
        }
        return total;
    }

    /** Makes the stretch hold {@code t}: where the week repeats with one offset, or the days around a change. */
    private void stretch(long t) {
        if (stretchFrom <= t && t < stretchTo) {
            return;
        }
        ZoneOffsetTransition next = rules.nextTransition(EpochMicros.toInstant(t - MARGIN));
        long change = next == null ? Long.MAX_VALUE : EpochMicros.of(next.getInstant());
        if (change <= t + MARGIN) {
            stretchFrom = change - MARGIN;
            stretchTo = change + MARGIN;
            stretchRepeats = false;
            if (!hours.isAlwaysOpen()) {
                near = hours.utcIntervalsMicros(zone, stretchFrom, stretchTo);
                nearPrefix = new long[near.length / 2 + 1];
                for (int i = 0; i < near.length; i += 2) {
                    nearPrefix[i / 2 + 1] = nearPrefix[i / 2] + near[i + 1] - near[i];
                }
            }
        } else {
            stretchFrom = t;
            stretchTo = change == Long.MAX_VALUE ? Long.MAX_VALUE : change - MARGIN;
            stretchRepeats = true;
            stretchOffset = rules.getOffset(EpochMicros.toInstant(t)).getTotalSeconds() * 1_000_000L;
        }
    }

    /** The micros of the repeating week's hours from the Monday of the epoch's week to local time {@code local}. */
    private long local(long local) {
        long sinceMonday = local + MONDAY;
        long weeks = Math.floorDiv(sinceMonday, WEEK);
        long u = Math.floorMod(sinceMonday, WEEK);
        long within = before(weekly, prefix, u);
        return weeks * weekTotal + within;
    }

    /**
     * The micros of the sorted, merged {@code intervals} before {@code t}, with {@code prefix[i]} the micros of the
     * intervals before interval {@code i}.
     */
    private static long before(long[] intervals, long[] prefix, long t) {
        // the last interval starting at or before t
        int lo = 0;
        int hi = intervals.length / 2;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (intervals[2 * mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == 0) {
            return 0;
        }
        int i = lo - 1;
        return prefix[i] + Math.min(t, intervals[2 * i + 1]) - intervals[2 * i];
    }
}
