package org.storeuptime.core;

/**
 * An operational failure of the uptime library (unreadable input, an unavailable database, a failed
 * report). Bad arguments throw the JDK's exceptions instead.
 */
public class UptimeException extends RuntimeException {

    public UptimeException(String message) {
        super(message);
    }

    public UptimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
