package org.storeuptime.core;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
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

    /**
     * The database failure among {@code failure} and its causes, as one exception: {@code action} (what was being
     * done, e.g. "reading the polls") and a description for users of what went wrong, transient for SQLState
     * class 08 (connection), 57P01-57P03 (shutdown, crash, starting up), 40001 and 40P01 (serialization failure,
     * deadlock), a pool's connection timeout or a broken socket. {@code failure} itself when it already is one.
     */
    public static DatabaseException of(String action, Throwable failure) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(failure, "failure");
        if (failure instanceof DatabaseException known) {
            return known;
        }
        SQLException found = null;
        Kind kind = null;
        boolean io = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException known) {
                return known;
            }
            io |= t instanceof IOException;
            if (t instanceof SQLException sql) {
                Kind k = Kind.of(sql);
                // the outermost definite answer wins; OTHER may be a wrapper around a more precise cause
                if (kind == null || kind == Kind.OTHER) {
                    kind = k;
                    found = sql;
                }
            }
        }
        if (kind == null) {
            kind = io ? Kind.CONNECTION_LOST : Kind.OTHER;
        } else if (kind == Kind.OTHER && io) {
            // pgjdbc reports a broken socket as an SQLException around the IOException
            kind = Kind.CONNECTION_LOST;
        }
        return new DatabaseException(action + " failed: " + kind.description, kind.transientFailure,
                found == null ? null : found.getSQLState(), failure);
    }

    /**
     * The driver's own words for logs: the innermost SQL exception's message among this exception's causes, else
     * the root cause's, else this message.
     */
    public String detail() {
        String sql = null;
        Throwable root = this;
        for (Throwable t = getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                sql = t.getMessage();
            }
            root = t;
        }
        if (sql != null) {
            return sql;
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private enum Kind {
        CONNECTION_LOST(true, "database unavailable (connection lost or refused)"),
        SERVER_SHUTDOWN(true, "database unavailable (shutting down, restarting or not accepting connections)"),
        CONFLICT(true, "database conflict (serialization failure or deadlock)"),
        OTHER(false, "database error");

        final boolean transientFailure;
        final String description;

        Kind(boolean transientFailure, String description) {
            this.transientFailure = transientFailure;
            this.description = description;
        }

        static Kind of(SQLException e) {
            String state = e.getSQLState();
            if (state != null) {
                if (state.startsWith("08")) {
                    return CONNECTION_LOST;
                }
                if (state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return SERVER_SHUTDOWN;
                }
                if (state.equals("40001") || state.equals("40P01")) {
                    return CONFLICT;
                }
            }
            if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                    || e instanceof SQLRecoverableException) {
                // e.g. HikariCP's "connection is not available, request timed out", which may carry no SQLState
                return CONNECTION_LOST;
            }
            return OTHER;
        }
    }
}
