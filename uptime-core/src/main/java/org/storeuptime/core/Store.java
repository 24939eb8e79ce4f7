package org.storeuptime.core;

import java.time.ZoneId;
import java.util.Objects;

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

    public Store {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("store id must not be empty");
        }
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(hours, "hours");
    }

    /** A store with the given zone and hours. */
    public static Store of(String id, ZoneId zone, BusinessHours hours) {
        return new Store(id, zone, hours);
    }

    /** A store with unknown zone and hours: America/Chicago, open 24/7. */
    public static Store withDefaults(String id) {
        return new Store(id, DEFAULT_ZONE, BusinessHours.alwaysOpen());
    }
}
