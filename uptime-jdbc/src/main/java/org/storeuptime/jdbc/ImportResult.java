package org.storeuptime.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.storeuptime.core.csv.FileSummary;
import org.storeuptime.core.csv.RejectedRow;

/**
 * What an import did.
 *
 * @param summaries per file (status, hours, time zones): rows read, loaded, duplicate, rejected. For polls,
 *     duplicates include polls already in the database; for hours and zones, a store's rows in the file
 *     replace its rows in the database, and duplicates are repeats within the file
 * @param rejectedRows the first rejected rows (up to the options' limit), each with file, line and reason
 * @param rejectedCount how many rows were rejected in all
 * @param elapsed how long it took
 */
public record ImportResult(List<FileSummary> summaries, List<RejectedRow> rejectedRows, long rejectedCount,
        Duration elapsed) {

    public ImportResult {
        summaries = List.copyOf(summaries);
        rejectedRows = List.copyOf(rejectedRows);
        Objects.requireNonNull(elapsed, "elapsed");
        if (rejectedCount < rejectedRows.size()) {
            throw new IllegalArgumentException("rejected count " + rejectedCount + " is below the rows kept");
        }
    }

    /** Whether every row was read. */
    public boolean isClean() {
        return rejectedCount == 0;
    }
}
