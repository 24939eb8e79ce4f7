package org.storeuptime.core;

/**
 * A report could not be computed or written for a reason other than bad input or the database (a full disk, a
 * broken output stream, an interrupted job). The message says what was being done.
 */
public class ReportFailedException extends UptimeException {

    /** A failed report, as {@code message} says. */
    public ReportFailedException(String message) {
        super(message);
    }

    /** A failed report, as {@code message} says, because of {@code cause}. */
    public ReportFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
