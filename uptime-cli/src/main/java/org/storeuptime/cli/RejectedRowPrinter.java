package org.storeuptime.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;
import org.storeuptime.core.csv.FileSummary;
import org.storeuptime.core.csv.ReadCounts;
import org.storeuptime.core.csv.RejectedRow;
import org.storeuptime.core.csv.RejectedRowsException;

/**
 * Prints rejected input rows to standard error as they are met (the first {@value #PRINTED}, then a count), the
 * summary per file, and the closing line; shared by {@code report} from files and {@code import}.
 */
final class RejectedRowPrinter implements Consumer<RejectedRow> {

    /** Rejected rows printed one by one; the rest are only counted. */
    static final int PRINTED = 100;

    private final PrintStream err;
    private final PrintStream messages;
    private long seen;

    /** Prints rejected rows to {@code err}, the summaries to {@code messages}. */
    RejectedRowPrinter(PrintStream err, PrintStream messages) {
        this.err = err;
        this.messages = messages;
    }

    @Override
    public void accept(RejectedRow row) {
        if (seen++ < PRINTED) {
            err.println("rejected: " + row.message());
        }
    }

    /** Prints how many rejected rows were not printed, if any, then the summary of each file. */
    void finish(List<FileSummary> summaries) {
        printMore();
        for (FileSummary summary : summaries) {
            messages.println(summary.message());
        }
    }

    /**
     * After a strict run met rejected rows: prints the count not printed and what was read of each file, and
     * returns the failure to throw. Its message does not repeat the rows, which are printed above it already.
     */
    StrictModeException strictFailure(RejectedRowsException e) {
        printMore();
        for (ReadCounts counts : e.counts()) {
            err.println(counts.file() + ": " + counts.read() + " rows read, " + counts.rejected() + " rejected");
        }
        return new StrictModeException(e);
    }

    /** The closing line of a run that is done: plain, or saying that rows were left out. */
    static String doneLine(long rejected) {
        if (rejected == 0) {
            return "done";
        }
        return "done, but " + rejected + " input " + (rejected == 1 ? "row was" : "rows were")
                + " rejected and left out (see above; --strict makes this fail)";
    }

    private void printMore() {
        if (seen > PRINTED) {
            err.println("... and " + (seen - PRINTED) + " more rejected rows");
        }
    }
}
