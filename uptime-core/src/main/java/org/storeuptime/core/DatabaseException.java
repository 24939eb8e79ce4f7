package org.storeuptime.core;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The database failed: unreachable, shutting down, a conflict, a missing table or a malformed answer. Whether
 * trying again can help is decided once, where the failure is caught (from its SQLState), so that front ends map
 * it by type: a transient failure is HTTP 503 with {@code Retry-After}, any other 500.
 */
public class DatabaseException extends UptimeException {

    private final Kind kind;
    private final @Nullable String sqlState;
    private final @Nullable String action;

    private DatabaseException(@Nullable String action, String message, Kind kind, @Nullable String sqlState,
            @Nullable Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.action = action;
        this.kind = kind;
        this.sqlState = sqlState;
    }

    /**
     * {@code action} (what was being done, e.g. "reading the polls (schema s)") failed as {@code message} says (it
     * may hold the driver's words, for operators), because of {@code cause}: transient or not, and its SQLState,
     * as {@link #of} decides from the causes.
     */
    public DatabaseException(String action, String message, Throwable cause) {
        this(Objects.requireNonNull(action, "action"), message, classify(Objects.requireNonNull(cause, "cause")),
                sqlStateOf(cause), cause);
    }

    /**
     * A database failure described by {@code message} (which may hold the driver's words, for operators), caused
     * by {@code cause}: transient or not, and its SQLState, as {@link #of} decides from the causes.
     */
    public DatabaseException(String message, Throwable cause) {
        this(null, message, classify(Objects.requireNonNull(cause, "cause")), sqlStateOf(cause), cause);
    }

    /** A failure that is not transient (a malformed answer, a schema too new), described by {@code message}. */
    public DatabaseException(String message) {
        this(null, message, Kind.OTHER, null, null);
    }

    /** Whether the same work may succeed when run again a little later (connection lost, restart, conflict). */
    public boolean isTransient() {
        return kind.transientFailure;
    }

    /** The SQLState the driver gave, when it gave one. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    /**
     * What went wrong in words for users of an API, with no driver or SQL text: "database unavailable
     * (connection lost or refused)", "database conflict (...)", "database error".
     */
    public String description() {
        return kind.description;
    }

    /**
     * For users of an API: "{@code <action>} failed: {@code <description>}" when the action is known, else the
     * description; never the driver's words.
     */
    public String summary() {
        return action == null ? kind.description : action + " failed: " + kind.description;
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
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException known) {
                return known;
            }
        }
        Kind kind = classify(failure);
        return new DatabaseException(action, action + " failed: " + kind.description, kind, sqlStateOf(failure),
                failure);
    }

    /** The kind of database failure among {@code failure} and its causes. */
    private static Kind classify(Throwable failure) {
        Kind kind = null;
        boolean io = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseException known) {
                return known.kind;
            }
            io |= t instanceof IOException;
            if (t instanceof SQLException sql && (kind == null || kind == Kind.OTHER)) {
                // the outermost definite answer wins; OTHER may be a wrapper around a more precise cause
                kind = Kind.of(sql);
            }
        }
        if (kind == null || kind == Kind.OTHER) {
            // pgjdbc reports a broken socket as an SQLException around the IOException
            return io ? Kind.CONNECTION_LOST : Kind.OTHER;
        }
        return kind;
    }

    /** The SQLState of the outermost SQL exception among {@code failure} and its causes that has one. */
    private static @Nullable String sqlStateOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
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
