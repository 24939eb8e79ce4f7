package org.storeuptime.core.csv.internal;

import org.storeuptime.core.OpeningPeriod;

/** Receives a valid business-hours row, in file order. */
@FunctionalInterface
public interface HoursRowHandler {

    /**
     * One row.
     *
     * @param line the 1-based line number of the row in its file
     * @param storeId the store id, surrounding blanks removed, never empty
     * @param period the opening period
     */
    void accept(long line, String storeId, OpeningPeriod period);
}
