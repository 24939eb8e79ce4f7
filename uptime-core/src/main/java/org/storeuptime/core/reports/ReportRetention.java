package org.storeuptime.core.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long finished (complete or failed) reports are kept: at most {@code maxCount} of them, the newest by creation
 * time, and none that finished more than {@code maxAge} ago. Pending and running reports are never removed and do
 * not count. Applied with {@link ReportRepository#prune(ReportRetention, Instant)}.
 *
 * @param maxCount how many finished reports to keep at most; at least 1
 * @param maxAge how long after it finished a report is kept; positive
 */
public record ReportRetention(int maxCount, Duration maxAge) {

    /** The default: the newest 500 finished reports, each for 30 days. */
    public static final ReportRetention DEFAULT = new ReportRetention(500, Duration.ofDays(30));

    private static final Instant EARLIEST_CUTOFF = Instant.parse("0001-01-01T00:00:00Z");

    public ReportRetention {
        if (maxCount < 1) {
            throw new IllegalArgumentException("retention: the number of reports to keep must be at least 1: "
                    + maxCount);
        }
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("retention: how long to keep reports must be positive: " + maxAge);
        }
    }

    /** Keeps at most {@code maxCount} finished reports, none older than {@code maxAge} since it finished. */
    public static ReportRetention of(int maxCount, Duration maxAge) {
        return new ReportRetention(maxCount, maxAge);
    }

    /**
     * Reports that finished before this instant are removed when pruning at {@code now}. Never before the year 1,
     * so that every repository (and PostgreSQL's {@code timestamptz}) can compare with it.
     */
    public Instant cutoff(Instant now) {
        Objects.requireNonNull(now, "now");
        if (!now.isAfter(EARLIEST_CUTOFF) || maxAge.compareTo(Duration.between(EARLIEST_CUTOFF, now)) >= 0) {
            return EARLIEST_CUTOFF;
        }
        return now.minus(maxAge);
    }
}
