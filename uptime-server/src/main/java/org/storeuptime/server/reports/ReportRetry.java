package org.storeuptime.server.reports;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a report is tried when its database fails in a way that may pass (a lost connection, a server
 * shutting down, a serialization failure or deadlock): up to {@code attempts} tries in all, waiting
 * {@code initialDelay} before the second, then twice as long before each next one (at most a minute, or
 * {@code initialDelay} when that is longer). Other
 * failures end the report at once.
 *
 * @param attempts tries in all, at least 1 (1: no retry)
 * @param initialDelay the wait before the second try; not negative
 */
public record ReportRetry(int attempts, Duration initialDelay) {

    /** The default: 5 attempts, waiting 1, 2, 4 and 8 seconds between them. */
    public static final ReportRetry DEFAULT = new ReportRetry(5, Duration.ofSeconds(1));

    private static final Duration MAX_DELAY = Duration.ofMinutes(1);

    public ReportRetry {
        if (attempts < 1) {
            throw new IllegalArgumentException("retry: attempts must be at least 1: " + attempts);
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("retry: the initial delay must not be negative: " + initialDelay);
        }
    }

    /** Up to {@code attempts} tries, the first wait {@code initialDelay}, doubling after each. */
    public static ReportRetry of(int attempts, Duration initialDelay) {
        return new ReportRetry(attempts, initialDelay);
    }

    /** The wait after failed attempt {@code attempt} (1-based) before the next one. */
    public Duration delayAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
        }
        Duration cap = initialDelay.compareTo(MAX_DELAY) > 0 ? initialDelay : MAX_DELAY;
        Duration delay = initialDelay;
        for (int i = 1; i < attempt && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
