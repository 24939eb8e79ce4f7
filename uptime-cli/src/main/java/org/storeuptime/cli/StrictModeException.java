package org.storeuptime.cli;

import org.storeuptime.core.InvalidInputException;
import org.storeuptime.core.csv.RejectedRowsException;

/**
 * A strict run met rejected rows, which are printed above its one line already: the message gives their count
 * alone, and the core's exception, with the rows, is the cause.
 */
final class StrictModeException extends InvalidInputException {

    StrictModeException(RejectedRowsException rejected) {
        super("strict mode: " + rejected.rejectedCount() + (rejected.rejectedCount() == 1 ? " row was" : " rows were")
                + " rejected (see above), nothing was loaded", rejected);
    }
}
