package org.storeuptime.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Computes uptime reports exactly per the uptime rules: business hours projected onto UTC, polls considered
 * only inside business time and the lookback range, status extrapolated between them, and the three windows
 * ending at {@code now}.
 *
 * <p>Each store is computed in one pass over its time-ordered polls and its merged business intervals, so a
 * report streams store by store. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * UptimeEngine engine = UptimeEngine.create();
 * UptimeReport report = engine.report(dataSet);
 * }</pre>
 */
public final class UptimeEngine {

    /** The earliest {@code now} a report accepts. */
    public static final Instant EARLIEST_NOW = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest {@code now} a report accepts. */
    public static final Instant LATEST_NOW = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final long HOUR = 3_600_000_000L;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 7 * DAY;

    private final ReportOptions options;
    private final Clock clock;

    private UptimeEngine(Builder builder) {
        this.options = builder.options;
        this.clock = builder.clock;
    }

    /** An engine with the rules' defaults. */
    public static UptimeEngine create() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The options every report of this engine uses. */
    public ReportOptions options() {
        return options;
    }

    /** A report over {@code source} with the default {@code now} (the latest poll). */
    public UptimeReport report(ReportSource source) {
        return report(source, null, ProgressListener.NONE);
    }

    /** A report over {@code source} whose windows end at {@code now}. */
    public UptimeReport report(ReportSource source, Instant now) {
        return report(source, now, ProgressListener.NONE);
    }

    /**
     * A report over {@code source}.
     *
     * @param now where the windows end; {@code null} for the latest poll of any store (or the engine's clock
     *     when there is no poll at all)
     * @param progress told how many stores are done
     */
    public UptimeReport report(ReportSource source, Instant now, ProgressListener progress) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(progress, "progress");
        Instant reportNow = resolveNow(source, now);
        long nowMicros = EpochMicros.of(reportNow);
        int total = source.storeCount();
        int step = Math.max(1, total / 200);
        List<StoreUptime> rows = new ArrayList<>(Math.max(16, total));
        source.forEachStore(consideredFrom(reportNow), reportNow, (store, polls) -> {
            rows.add(compute(store, polls, nowMicros));
            int done = rows.size();
            if (done % step == 0 || done == total) {
                progress.progress(done, total);
            }
        });
        rows.sort(Comparator.comparing(StoreUptime::storeId));
        return new UptimeReport(reportNow, options, rows);
    }

    /**
     * The {@code now} a report uses: {@code explicitNow} when given, else the source's latest poll, else the
     * clock. Truncated to microseconds, the resolution of polls.
     *
     * @throws IllegalArgumentException when {@code explicitNow} is outside {@link #EARLIEST_NOW} to
     *     {@link #LATEST_NOW}
     */
    public Instant resolveNow(ReportSource source, Instant explicitNow) {
        if (explicitNow != null && (explicitNow.isBefore(EARLIEST_NOW) || explicitNow.isAfter(LATEST_NOW))) {
            throw new IllegalArgumentException("now " + explicitNow + " is outside the years 1 to 9999");
        }
        Instant now = explicitNow != null ? explicitNow : source.latestPollTime().orElseGet(clock::instant);
        return now.truncatedTo(ChronoUnit.MICROS);
    }

    /** The earliest poll timestamp a report ending at {@code now} considers: {@code now - 7d - lookback}. */
    public Instant consideredFrom(Instant now) {
        return now.minus(Duration.ofDays(7)).minus(options.lookback());
    }

    /** The row of one store whose polls (in time order) are {@code polls}, for windows ending at {@code now}. */
    public StoreUptime compute(Store store, PollSeries polls, Instant now) {
        return compute(store, polls, EpochMicros.of(now));
    }

    private StoreUptime compute(Store store, PollSeries polls, long now) {
        long weekStart = now - WEEK;
        long rangeStart = weekStart - options.lookback().toNanos() / 1_000L;
        // business time up to and including the instant now, since a poll at now counts
        long[] business = store.hours().utcIntervalsMicros(store.zone(), rangeStart, now + 1);

        long[] pollMicros = polls.rawMicros();
        boolean[] pollActive = polls.rawActive();
        int first = polls.rawOffset();
        int size = polls.size();
        long[] times = new long[size];
        boolean[] active = new boolean[size];
        int n = 0;
        int b = 0;
        for (int i = first; i < first + size; i++) {
            long t = pollMicros[i];
            if (t < rangeStart) {
                continue;
            }
            if (t > now) {
                break;
            }
            if (n > 0 && times[n - 1] == t) {
                continue; // same instant: the first one read wins
            }
            while (b < business.length && business[b + 1] <= t) {
                b += 2;
            }
            if (b >= business.length || t < business[b]) {
                continue; // outside business hours: says nothing about them
            }
            times[n] = t;
            active[n] = pollActive[i];
            n++;
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
                from = to;
                if (from < end) {
                    segment++;
                }
            }
        }
        return new StoreUptime(store.id(), micros(up[0]), micros(up[1]), micros(up[2]), micros(down[0]),
                micros(down[1]), micros(down[2]));
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

    /** Configures an {@link UptimeEngine}; every setting has a default. */
    public static final class Builder {
        private ReportOptions options = ReportOptions.DEFAULTS;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Lookback and extrapolation (default {@link ReportOptions#DEFAULTS}). */
        public Builder options(ReportOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The clock giving {@code now} when a source has no poll at all (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The engine. */
        public UptimeEngine build() {
            return new UptimeEngine(this);
        }
    }
}
