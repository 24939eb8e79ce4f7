package org.storeuptime.core;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A store as a report sees it: its id, its time zone and its business hours.
 *
 * @param id the opaque store id (UUIDs and 64-bit integers both occur; kept as text)
 * @param zone the store's IANA time zone
 * @param hours its weekly business hours in local time
 */
public record Store(String id, ZoneId zone, BusinessHours hours) {

    /** The zone of a store whose time zone is unknown. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Chicago");

    /** What {@link #ianaZone} accepts, for messages about a zone it refused. */
    public static final String ZONE_EXPECTATION = "expected an IANA id like America/Chicago";

    private static final Set<String> IANA_ZONE_IDS = Set.copyOf(ZoneId.getAvailableZoneIds());

    public Store {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("store id must not be empty");
        }
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(hours, "hours");
    }

    /**
     * The IANA region zone named {@code id}, surrounding blanks ignored; empty for anything else. Every reader of
     * store zones (the CSV reader, the database) goes through here, so that both accept exactly the same ids:
     * java.time alone would also take offsets such as {@code GMT+3}, which means UTC+3 while the IANA id
     * {@code Etc/GMT+3} means UTC-3, a silent trap for a store's hours.
     */
    public static Optional<ZoneId> ianaZone(String id) {
        String stripped = Objects.requireNonNull(id, "id").strip();
        return IANA_ZONE_IDS.contains(stripped) ? Optional.of(ZoneId.of(stripped)) : Optional.empty();
    }

    /** A store with the given zone and hours. */
    public static Store of(String id, ZoneId zone, BusinessHours hours) {
        return new Store(id, zone, hours);
    }
}
