package org.storeuptime.core;

import java.time.Duration;
import java.util.Objects;

/**
 * One row of a report: how long a store was up and down during its business hours in each window.
 *
 * @param storeId the store
 * @param uptimeLastHour active business time in the last hour
 * @param uptimeLastDay active business time in the last 24 hours
 * @param uptimeLastWeek active business time in the last 7 days
 * @param downtimeLastHour inactive business time in the last hour
 * @param downtimeLastDay inactive business time in the last 24 hours
 * @param downtimeLastWeek inactive business time in the last 7 days
 */
public record StoreUptime(
        String storeId,
        Duration uptimeLastHour,
        Duration uptimeLastDay,
        Duration uptimeLastWeek,
        Duration downtimeLastHour,
        Duration downtimeLastDay,
        Duration downtimeLastWeek) {

    public StoreUptime {
        Objects.requireNonNull(storeId, "storeId");
        requireNonNegative(uptimeLastHour, "uptimeLastHour");
        requireNonNegative(uptimeLastDay, "uptimeLastDay");
        requireNonNegative(uptimeLastWeek, "uptimeLastWeek");
        requireNonNegative(downtimeLastHour, "downtimeLastHour");
        requireNonNegative(downtimeLastDay, "downtimeLastDay");
        requireNonNegative(downtimeLastWeek, "downtimeLastWeek");
    }

    /** A row with all six figures zero: a store without any considered poll. */
    public static StoreUptime unknown(String storeId) {
        return new StoreUptime(storeId, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ZERO);
    }

    /** Active business time in {@code window}. */
    public Duration uptime(UptimeWindow window) {
        return switch (window) {
            case LAST_HOUR -> uptimeLastHour;
            case LAST_DAY -> uptimeLastDay;
            case LAST_WEEK -> uptimeLastWeek;
        };
    }

    /** Inactive business time in {@code window}. */
    public Duration downtime(UptimeWindow window) {
        return switch (window) {
            case LAST_HOUR -> downtimeLastHour;
            case LAST_DAY -> downtimeLastDay;
            case LAST_WEEK -> downtimeLastWeek;
        };
    }

    private static void requireNonNegative(Duration d, String field) {
        Objects.requireNonNull(d, field);
        if (d.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative: " + d);
        }
    }
}
