package org.storeuptime.jdbc;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.storeuptime.core.BusinessHours;
import org.storeuptime.core.Store;

/**
 * What a report needs of every store besides its polls: zones and hours by store id, and all ids in "C" order
 * ({@link ReportQueries#sortInCollationC}).
 */
record StoreProfiles(Map<String, ZoneId> zoneById, Map<String, BusinessHours> hoursById, List<String> ids) {

    /** Store {@code id} with its zone and hours, or the defaults for what it lacks. */
    Store store(String id) {
        return Store.of(id, zoneById.getOrDefault(id, Store.DEFAULT_ZONE),
                hoursById.getOrDefault(id, BusinessHours.alwaysOpen()));
    }
}
