package org.storeuptime.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A store's figures in one {@link ReportWindow}.
 *
 * @param window the window as asked for
 * @param range its instants for this store (local windows differ per zone), cut at the report's {@code now}
 * @param uptime active business time in the window
 * @param downtime inactive business time in the window
 */
public record WindowUptime(ReportWindow window, TimeInterval range, Duration uptime, Duration downtime) {

    public WindowUptime {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(uptime, "uptime");
        Objects.requireNonNull(downtime, "downtime");
        if (uptime.isNegative() || downtime.isNegative()) {
            throw new IllegalArgumentException("uptime and downtime must not be negative: " + uptime + ", " + downtime);
        }
    }

    /**
     * {@code uptime / (uptime + downtime) * 100}, half-up to 2 decimals; empty when both are zero (no business
     * time in the window, or no considered poll).
     */
    public Optional<BigDecimal> uptimePercent() {
        return Optional.ofNullable(StoreTimeline.percent(uptime, downtime));
    }
}
