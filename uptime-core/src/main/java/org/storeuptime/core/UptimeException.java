package org.storeuptime.core;

/**
 * An operational failure of the uptime library (unreadable input, an unavailable database, a failed
 * report). Bad arguments throw the JDK's exceptions instead.
 */
public class UptimeException extends RuntimeException {

    /** A failure described by {@code message}. */
    public UptimeException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public UptimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
