package org.storeuptime.core.csv;

import java.util.List;
import java.util.Objects;
import org.storeuptime.core.StoreDataSet;

/**
 * The result of loading input files into memory.
 *
 * @param data the stores, hours, zones and polls loaded
 * @param summaries per file, in the order status, hours, time zones (and closures, when given)
 * @param rejectedRows the rejected rows kept (see {@link LoadOptions#keptRejectedRows()})
 * @param rejectedCount how many rows were rejected in all
 */
public record LoadedInput(StoreDataSet data, List<FileSummary> summaries, List<RejectedRow> rejectedRows,
        long rejectedCount) {

    public LoadedInput {
        Objects.requireNonNull(data, "data");
        summaries = List.copyOf(summaries);
        rejectedRows = List.copyOf(rejectedRows);
        if (rejectedCount < rejectedRows.size()) {
            throw new IllegalArgumentException("rejectedCount " + rejectedCount + " < kept rejected rows "
                    + rejectedRows.size());
        }
    }

    /** Whether every row of every file was read. */
    public boolean isClean() {
        return rejectedCount == 0;
    }
}
