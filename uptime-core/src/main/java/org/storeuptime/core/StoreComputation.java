package org.storeuptime.core;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * The per-store computation behind both a report row ({@link UptimeEngine#compute}) and a
 * {@link StoreTimeline}: one code path, so the timeline's figures are the report's to the microsecond.
 *
 * <p>A report passes no {@link Trace} and runs the tight loop it always ran (the {@code trace != null} checks
 * are predictable branches); a timeline passes one and is told every poll's verdict and every extrapolated
 * piece of business time as the loop produces it.
 */
final class StoreComputation {

    static final long HOUR = 3_600_000_000L;
    static final long DAY = 24 * HOUR;
    static final long WEEK = 7 * DAY;
    /**
     * The considered range from which a report's windows measure business time ({@link BusinessTime}) instead of
     * listing its intervals: past a few weeks, where the intervals' number starts to count.
     */
    static final long MEASURED_RANGE = 21 * DAY;

    private StoreComputation() {
    }

    /** What the computation saw, for a timeline. Times are epoch microseconds. */
    interface Trace {
        /** The store's business time from the considered range's start up to and including now. */
        void businessTime(long[] intervals);

        /** One poll of the series, in series order, with whether it counted and, if not, why. */
        void poll(long micros, boolean active, PollVerdict verdict);

        /** A piece {@code [from, to)} of business time in the last week with its extrapolated status. */
        void segment(long from, long to, boolean up);
    }

    /**
     * The row of {@code store} whose polls (in time order) are {@code polls}, for windows ending at {@code now}.
     *
     * @param trace told what the computation saw; {@code null} for a plain report row
     */
    static StoreUptime compute(Store store, PollSeries polls, long now, ReportOptions options, long[] closed,
            @Nullable Trace trace) {
        long weekStart = now - WEEK;
        long rangeStart = weekStart - options.lookback().toNanos() / 1_000L;
        // business time up to and including the instant now, since a poll at now counts
        long[] business = Intervals.subtract(store.hours().utcIntervalsMicros(store.zone(), rangeStart, now + 1),
                closed);
        if (trace != null) {
            trace.businessTime(business);
        }

        long[] pollMicros = polls.rawMicros();
        boolean[] pollActive = polls.rawActive();
        int first = polls.rawOffset();
        int last = first + polls.size();
        long[] times = new long[polls.size()];
        boolean[] active = new boolean[polls.size()];
        int n = 0;
        int b = 0;
        for (int i = first; i < last; i++) {
            long t = pollMicros[i];
            // same instant as the poll before: the first one read wins (it had the same verdict otherwise)
            boolean duplicate = i > first && pollMicros[i - 1] == t;
            if (t < rangeStart || t > now) {
                if (trace == null) {
                    if (t > now) {
                        break;
                    }
                    continue;
                }
                trace.poll(t, pollActive[i], duplicate ? PollVerdict.DUPLICATE : PollVerdict.OUTSIDE_LOOKBACK);
                continue;
            }
            if (duplicate) {
                if (trace != null) {
                    trace.poll(t, pollActive[i], PollVerdict.DUPLICATE);
                }
                continue;
            }
            while (b < business.length && business[b + 1] <= t) {
                b += 2;
            }
            if (b >= business.length || t < business[b]) {
                // outside business hours: says nothing about them
                if (trace != null) {
                    trace.poll(t, pollActive[i], closedVerdict(closed, t));
                }
                continue;
            }
            times[n] = t;
            active[n] = pollActive[i];
            n++;
            if (trace != null) {
                trace.poll(t, pollActive[i], PollVerdict.COUNTED);
            }
        }
        if (n == 0) {
            return StoreUptime.unknown(store.id());
        }

        boolean nearest = options.extrapolation() == Extrapolation.NEAREST_POLL;
        long[] up = new long[3];
        long[] down = new long[3];
        int segment = 0;
        for (int i = 0; i < business.length; i += 2) {
            long start = Math.max(business[i], weekStart);
            long end = Math.min(business[i + 1], now);
            if (end <= start) {
                continue;
            }
            while (segmentEnd(times, n, segment, nearest) <= start) {
                segment++;
            }
            long from = start;
            while (from < end) {
                long to = Math.min(end, segmentEnd(times, n, segment, nearest));
                accumulate(active[segment] ? up : down, from, to, now);
                if (trace != null) {
                    trace.segment(from, to, active[segment]);
                }
                from = to;
                if (from < end) {
                    segment++;
                }
            }
        }
        return new StoreUptime(store.id(), micros(up[0]), micros(up[1]), micros(up[2]), micros(down[0]),
                micros(down[1]), micros(down[2]));
    }

    /** Why a poll outside business time did not count: a planned closure, or the store's hours. */
    private static PollVerdict closedVerdict(long[] closed, long t) {
        return Intervals.contains(closed, t) ? PollVerdict.CLOSED : PollVerdict.OUTSIDE_BUSINESS_HOURS;
    }

    /**
     * The figures of {@code windows} for {@code store}, each on its own: a window {@code W} considers the polls at
     * {@code min(start(W), now - 7d) - lookback <= t <= min(end(W) + lookback, now)} inside business time, whatever
     * the other windows are.
     *
     * @param ranges each window's instants for this store, cut at now, in epoch microseconds {@code start, end}
     * @param traces one per window, told what that window's computation saw; {@code null} entries (or array) for
     *     none
     */
    static long[][] computeWindows(Store store, PollSeries polls, long now, ReportOptions options, long[] closed,
            long[][] ranges, @Nullable Trace @Nullable [] traces) {
        long lookback = options.lookback().toNanos() / 1_000L;
        int count = ranges.length;
        long[] from = new long[count];
        long[] to = new long[count];
        long unionFrom = Long.MAX_VALUE;
        long unionTo = Long.MIN_VALUE;
        for (int w = 0; w < count; w++) {
            from[w] = Math.min(ranges[w][0], now - WEEK) - lookback;
            to[w] = Math.min(saturatedAdd(ranges[w][1], lookback), now);
            unionFrom = Math.min(unionFrom, from[w]);
            unionTo = Math.max(unionTo, to[w]);
        }
        long[][] figures = new long[count][];
        if (count == 0) {
            return figures;
        }
        if (traces == null && unionTo - unionFrom > MEASURED_RANGE) {
            // a long range: business time measured in closed form rather than listed interval by interval
            BusinessTime business = new BusinessTime(store, closed);
            long[] times = new long[polls.size()];
            boolean[] active = new boolean[polls.size()];
            boolean nearest = options.extrapolation() == Extrapolation.NEAREST_POLL;
            for (int w = 0; w < count; w++) {
                figures[w] = measuredWindow(business, polls, from[w], to[w], ranges[w][0], ranges[w][1], nearest,
                        times, active);
            }
            return figures;
        }
        // business time up to and including the last instant considered, since a poll there counts
        long[] business = Intervals.subtract(
                store.hours().utcIntervalsMicros(store.zone(), unionFrom, unionTo + 1), closed);
        long[] times = new long[polls.size()];
        boolean[] active = new boolean[polls.size()];
        boolean nearest = options.extrapolation() == Extrapolation.NEAREST_POLL;
        for (int w = 0; w < count; w++) {
            @Nullable Trace trace = traces == null ? null : traces[w];
            if (trace != null) {
                trace.businessTime(clip(business, ranges[w][0], ranges[w][1]));
            }
            figures[w] = window(business, closed, polls, from[w], to[w], ranges[w][0], ranges[w][1], nearest, times,
                    active, trace);
        }
        return figures;
    }

    /** Up and down time {@code {up, down}} in {@code [start, end)} from the polls considered in {@code [from, to]}. */
    private static long[] window(long[] business, long[] closed, PollSeries polls, long from, long to, long start,
            long end, boolean nearest, long[] times, boolean[] active, @Nullable Trace trace) {
        long[] pollMicros = polls.rawMicros();
        boolean[] pollActive = polls.rawActive();
        int first = polls.rawOffset();
        int last = first + polls.size();
        int n = 0;
        int b = 0;
        for (int i = lowerBound(pollMicros, first, last, from); i < last; i++) {
            long t = pollMicros[i];
            if (t > to) {
                break;
            }
            if (i > first && pollMicros[i - 1] == t) {
                if (trace != null) {
                    trace.poll(t, pollActive[i], PollVerdict.DUPLICATE);
                }
                continue;
            }
            while (b < business.length && business[b + 1] <= t) {
                b += 2;
            }
            if (b >= business.length || t < business[b]) {
                if (trace != null) {
                    trace.poll(t, pollActive[i], closedVerdict(closed, t));
                }
                continue;
            }
            times[n] = t;
            active[n] = pollActive[i];
            n++;
            if (trace != null) {
                trace.poll(t, pollActive[i], PollVerdict.COUNTED);
            }
        }
        long up = 0;
        long down = 0;
        if (n == 0) {
            return new long[] {0, 0};
        }
        int segment = 0;
        for (int i = 0; i < business.length; i += 2) {
            long s = Math.max(business[i], start);
            long e = Math.min(business[i + 1], end);
            if (e <= s) {
                continue;
            }
            while (segmentEnd(times, n, segment, nearest) <= s) {
                segment++;
            }
            long f = s;
            while (f < e) {
                long t = Math.min(e, segmentEnd(times, n, segment, nearest));
                if (active[segment]) {
                    up += t - f;
                } else {
                    down += t - f;
                }
                if (trace != null) {
                    trace.segment(f, t, active[segment]);
                }
                f = t;
                if (f < e) {
                    segment++;
                }
            }
        }
        return new long[] {up, down};
    }

    /**
     * {@link #window} for a report (no trace) with {@link BusinessTime}: the same sums, each status segment's
     * business time measured at once instead of interval by interval.
     */
    static long[] measuredWindow(BusinessTime business, PollSeries polls, long from, long to, long start, long end,
            boolean nearest, long[] times, boolean[] active) {
        long[] pollMicros = polls.rawMicros();
        boolean[] pollActive = polls.rawActive();
        int first = polls.rawOffset();
        int last = first + polls.size();
        int n = 0;
        for (int i = lowerBound(pollMicros, first, last, from); i < last; i++) {
            long t = pollMicros[i];
            if (t > to) {
                break;
            }
            if (i > first && pollMicros[i - 1] == t) {
                continue;
            }
            if (business.contains(t)) {
                times[n] = t;
                active[n] = pollActive[i];
                n++;
            }
        }
        if (n == 0 || end <= start) {
            return new long[] {0, 0};
        }
        long up = 0;
        long down = 0;
        int segment = 0;
        while (segmentEnd(times, n, segment, nearest) <= start) {
            segment++;
        }
        long f = start;
        while (f < end) {
            long t = Math.min(end, segmentEnd(times, n, segment, nearest));
            long measured = business.measure(f, t);
            if (active[segment]) {
                up += measured;
            } else {
                down += measured;
            }
            f = t;
            segment++;
        }
        return new long[] {up, down};
    }

    /** The parts of the sorted, merged {@code intervals} inside {@code [start, end)}. */
    static long[] clip(long[] intervals, long start, long end) {
        long[] out = new long[intervals.length];
        int n = 0;
        for (int i = 0; i < intervals.length; i += 2) {
            long s = Math.max(intervals[i], start);
            long e = Math.min(intervals[i + 1], end);
            if (e > s) {
                out[n++] = s;
                out[n++] = e;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The first index in {@code [lo, hi)} whose value is {@code >= key}. */
    private static int lowerBound(long[] sorted, int lo, int hi, long key) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** Where the status of considered poll {@code j} stops holding. */
    private static long segmentEnd(long[] times, int n, int j, boolean nearest) {
        if (j >= n - 1) {
            return Long.MAX_VALUE;
        }
        return nearest ? times[j] + (times[j + 1] - times[j]) / 2 : times[j + 1];
    }

    /** Adds {@code [from, to)} (which ends at or before now) to the hour, day and week sums. */
    private static void accumulate(long[] sums, long from, long to, long now) {
        sums[0] += Math.max(0, to - Math.max(from, now - HOUR));
        sums[1] += Math.max(0, to - Math.max(from, now - DAY));
        sums[2] += Math.max(0, to - Math.max(from, now - WEEK));
    }

    private static Duration micros(long micros) {
        return Duration.of(micros, ChronoUnit.MICROS);
    }
}
