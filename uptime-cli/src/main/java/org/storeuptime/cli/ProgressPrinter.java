package org.storeuptime.cli;

import java.io.PrintStream;
import java.time.Clock;
import org.storeuptime.core.ProgressListener;
import org.storeuptime.jdbc.ImportProgress;

/**
 * Progress of a long run on standard error: rows read (and sent to the database) per file, the merge of an
 * import, stores computed. Counting lines are throttled by a {@link ProgressThrottle}; the stage line of the
 * merge is printed once. Prints nothing when not {@code shown}.
 */
final class ProgressPrinter implements ImportProgress, ProgressListener {

    private final PrintStream err;
    private final boolean shown;
    private final ProgressThrottle throttle;

    ProgressPrinter(PrintStream err, Clock clock, boolean shown) {
        this.err = err;
        this.shown = shown;
        this.throttle = new ProgressThrottle(clock);
    }

    /** This printer when it prints, else {@link ProgressListener#NONE}: a report then need not count its stores. */
    ProgressListener orNone() {
        return shown ? this : ProgressListener.NONE;
    }

    @Override
    public void rowsRead(String file, long rowsRead) {
        if (shown && throttle.due()) {
            err.println(file + ": " + rowsRead + " rows read");
        }
    }

    @Override
    public void merging() {
        if (shown) {
            err.println("merging the new rows into the tables");
        }
    }

    @Override
    public void progress(int storesDone, int storesTotal) {
        if (shown && storesDone < storesTotal && throttle.due()) {
            err.println("computed " + storesDone + " of " + storesTotal + " stores");
        }
    }
}
