package org.storeuptime.core;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One store of a {@link StorePage}.
 *
 * @param storeId the store
 * @param zone its time zone ({@link Store#DEFAULT_ZONE} when none was given)
 * @param zoneDefaulted whether no time zone was given
 * @param pollCount its polls in the page's poll range
 * @param lastPoll its latest poll of all ("last seen"), whatever the page's poll range; {@code null} without polls
 */
public record StoreSummary(String storeId, ZoneId zone, boolean zoneDefaulted, long pollCount,
        @Nullable Instant lastPoll) {

    public StoreSummary {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(zone, "zone");
        if (pollCount < 0) {
            throw new IllegalArgumentException("pollCount must not be negative: " + pollCount);
        }
    }

    /**
     * A store not known to have polls beyond {@code pollCount}'s: no last poll.
     *
     * @deprecated since the listing names each store's last poll; use the canonical constructor
     */
    @Deprecated
    public StoreSummary(String storeId, ZoneId zone, boolean zoneDefaulted, long pollCount) {
        this(storeId, zone, zoneDefaulted, pollCount, null);
    }

    /** The latest poll of all, empty without polls. */
    public Optional<Instant> lastSeen() {
        return Optional.ofNullable(lastPoll);
    }
}
