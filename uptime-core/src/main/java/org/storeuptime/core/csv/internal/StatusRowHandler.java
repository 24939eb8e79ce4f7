package org.storeuptime.core.csv.internal;

/** Receives a valid status poll, in file order. */
@FunctionalInterface
public interface StatusRowHandler {

    /**
     * One row.
     *
     * @param line the 1-based line number of the row in its file
     * @param storeId the store id, surrounding blanks removed, never empty
     * @param epochMicros the poll's time in microseconds since the epoch (UTC)
     * @param active whether the store was active
     */
    void accept(long line, String storeId, long epochMicros, boolean active);
}
