package org.storeuptime.core.csv;

import java.util.List;
import org.storeuptime.core.InvalidInputException;

/** A strict load met rejected rows, so nothing was loaded. The message lists the first rejected rows. */
public final class RejectedRowsException extends InvalidInputException {

    private static final int LISTED = 20;

    private final transient List<RejectedRow> rejectedRows;
    private final long rejectedCount;
    private final transient List<ReadCounts> counts;

    /**
     * A strict load failed.
     *
     * @param rejectedRows the rejected rows kept (the first ones)
     * @param rejectedCount how many rows were rejected in all
     * @param counts what was read of each file
     */
    public RejectedRowsException(List<RejectedRow> rejectedRows, long rejectedCount, List<ReadCounts> counts) {
        super(message(rejectedRows, rejectedCount));
        this.rejectedRows = List.copyOf(rejectedRows);
        this.rejectedCount = rejectedCount;
        this.counts = List.copyOf(counts);
    }

    private static String message(List<RejectedRow> rows, long count) {
        StringBuilder b = new StringBuilder("strict mode: " + count + (count == 1 ? " row was" : " rows were")
                + " rejected, nothing was loaded");
        for (int i = 0; i < Math.min(LISTED, rows.size()); i++) {
            b.append('\n').append(rows.get(i).message());
        }
        if (count > Math.min(LISTED, rows.size())) {
            b.append("\n... and ").append(count - Math.min(LISTED, rows.size())).append(" more");
        }
        return b.toString();
    }

    /** The rejected rows kept (up to the load's limit). */
    public List<RejectedRow> rejectedRows() {
        return rejectedRows;
    }

    /** How many rows were rejected in all. */
    public long rejectedCount() {
        return rejectedCount;
    }

    /** What was read of each file (nothing was loaded). */
    public List<ReadCounts> counts() {
        return counts;
    }
}
