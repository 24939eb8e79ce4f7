package org.storeuptime.core;

import java.time.Duration;
import java.time.Instant;

/**
 * The three report windows. Each ends at the report's {@code now} and is an absolute duration:
 * a day is always 24 hours, whatever the store's time zone does.
 */
public enum UptimeWindow {
    /** {@code [now - 1h, now)}, reported in minutes. */
    LAST_HOUR(Duration.ofHours(1)),
    /** {@code [now - 24h, now)}, reported in hours. */
    LAST_DAY(Duration.ofHours(24)),
    /** {@code [now - 7d, now)}, reported in hours. */
    LAST_WEEK(Duration.ofDays(7));

    private final Duration length;

    UptimeWindow(Duration length) {
        this.length = length;
    }

    /** How long the window is. */
    public Duration length() {
        return length;
    }

    /** The window ending at {@code now}. */
    public TimeInterval endingAt(Instant now) {
        return TimeInterval.endingAt(now, length);
    }
}
