package org.storeuptime.core;

import java.util.Objects;

/**
 * A report request with a bad value: the message (one line) names the field, the value and the accepted forms,
 * and {@link #field()} names the field alone, for an HTTP answer or a command line's usage error.
 */
public final class InvalidRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /** A bad value of {@code field}; {@code message} already names it. */
    public InvalidRequestException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** A bad value of {@code field}; {@code message} already names it. */
    public InvalidRequestException(String field, String message) {
        this(field, message, null);
    }

    /** The field at fault: {@code now}, {@code lookback}, {@code extrapolation} or {@code window}. */
    public String field() {
        return field;
    }
}
