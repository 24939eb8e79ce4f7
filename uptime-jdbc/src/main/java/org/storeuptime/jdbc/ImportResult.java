package org.storeuptime.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.storeuptime.core.csv.FileSummary;
import org.storeuptime.core.csv.RejectedRow;

/**
 * What an import did.
 *
 * @param summaries per file (status, hours, time zones): rows read, loaded, duplicate, rejected. Loaded rows
 *     are what the import changed: new polls; business hours and zones added or changed (a store's rows in
 *     the file replace its rows in the database). Duplicates are repeats within the file and rows already
 *     stored, so importing the same files again loads nothing
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
