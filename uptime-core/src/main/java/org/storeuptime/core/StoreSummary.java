package org.storeuptime.core;

import java.time.ZoneId;
import java.util.Objects;

/**
 * One store of a {@link StorePage}.
 *
 * @param storeId the store
 * @param zone its time zone ({@link Store#DEFAULT_ZONE} when none was given)
 * @param zoneDefaulted whether no time zone was given
 * @param pollCount its polls in the page's poll range
 */
public record StoreSummary(String storeId, ZoneId zone, boolean zoneDefaulted, long pollCount) {

    public StoreSummary {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(zone, "zone");
        if (pollCount < 0) {
            throw new IllegalArgumentException("pollCount must not be negative: " + pollCount);
        }
    }
}
