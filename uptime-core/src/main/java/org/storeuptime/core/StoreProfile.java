package org.storeuptime.core;

import java.util.Objects;

/**
 * A store as its inputs describe it.
 *
 * @param store its id, zone and hours, with the rules' defaults filled in
 * @param zoneDefaulted whether no time zone was given and {@link Store#DEFAULT_ZONE} stands in
 */
public record StoreProfile(Store store, boolean zoneDefaulted) {

    public StoreProfile {
        Objects.requireNonNull(store, "store");
    }
}
