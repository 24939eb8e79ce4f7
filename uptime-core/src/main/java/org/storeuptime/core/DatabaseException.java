package org.storeuptime.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The database failed: unreachable, shutting down, a conflict, a missing table or a malformed answer. Whether
 * trying again can help is decided once, where the failure is caught (from its SQLState), so that front ends map
 * it by type: a transient failure is HTTP 503 with {@code Retry-After}, any other 500.
 */
public class DatabaseException extends UptimeException {

    private final boolean transientFailure;
    private final String sqlState;

    /**
     * A database failure described by {@code message} (no SQL or driver text for end users), transient when the
     * same work may succeed a little later, with the driver's SQLState when there is one.
     */
    public DatabaseException(String message, boolean transientFailure, String sqlState, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.transientFailure = transientFailure;
        this.sqlState = sqlState;
    }

    /** A failure that is not transient, described by {@code message}, without a SQLState. */
    public DatabaseException(String message) {
        this(message, false, null, null);
    }

    /** Whether the same work may succeed when run again a little later (connection lost, restart, conflict). */
    public boolean isTransient() {
        return transientFailure;
    }

    /** The SQLState the driver gave, when it gave one. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}
