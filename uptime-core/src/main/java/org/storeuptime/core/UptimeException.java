package org.storeuptime.core;

/**
 * An operational failure of the uptime library. Its kinds say what went wrong, so that front ends map them by
 * type: {@link InvalidInputException} (the data is wrong), {@link DatabaseException} (the database failed, maybe
 * transiently), {@link UnknownStoreException}, {@link ReportFailedException} (anything else while computing or
 * writing a report). Bad arguments throw the JDK's exceptions ({@link IllegalArgumentException},
 * {@link NullPointerException}) instead.
 */
public abstract class UptimeException extends RuntimeException {

    /** A failure described by {@code message}. */
    protected UptimeException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    protected UptimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
