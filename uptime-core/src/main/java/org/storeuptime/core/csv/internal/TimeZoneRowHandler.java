package org.storeuptime.core.csv.internal;

import java.time.ZoneId;

/** Receives a valid time-zone row, in file order. */
@FunctionalInterface
public interface TimeZoneRowHandler {

    /**
     * One row.
     *
     * @param line the 1-based line number of the row in its file
     * @param storeId the store id, surrounding blanks removed, never empty
     * @param zone the store's time zone
     */
    void accept(long line, String storeId, ZoneId zone);
}
