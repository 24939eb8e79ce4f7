package org.storeuptime.server;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * What kind of database failure broke a report, read from the exception's causes, and whether trying again can
 * help. The {@link #description()} is meant for the API's users: no driver or SQL text.
 */
enum DatabaseFailure {

    /** SQLState class 08, a pool's connection timeout, or an I/O error of the driver: the connection went away. */
    CONNECTION_LOST(true, "database unavailable (connection lost or refused)"),
    /** 57P01, 57P02, 57P03: the server shuts down, crashed or does not take connections yet. */
    SERVER_SHUTDOWN(true, "database unavailable (shutting down, restarting or not accepting connections)"),
    /** 40001, 40P01: a serialization failure or a deadlock; the same work succeeds when run again. */
    CONFLICT(true, "database conflict (serialization failure or deadlock)"),
    /** Any other SQL failure (a missing table, a permission): running it again gives the same answer. */
    OTHER(false, "database error while reading the report's data");

    private final boolean transientFailure;
    private final String description;

    DatabaseFailure(boolean transientFailure, String description) {
        this.transientFailure = transientFailure;
        this.description = description;
    }

    /** Whether the same work may succeed when run again a little later. */
    boolean isTransient() {
        return transientFailure;
    }

    /** A short description for users of the API. */
    String description() {
        return description;
    }

    /** The kind of database failure among {@code e} and its causes; {@code null} when no database was involved. */
    static DatabaseFailure of(Throwable e) {
        DatabaseFailure found = null;
        boolean io = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                io = true;
            }
            if (t instanceof SQLException sql) {
                DatabaseFailure kind = ofSqlException(sql);
                // the outermost definite answer wins; OTHER may be a wrapper around a more precise cause
                if (found == null || found == OTHER) {
                    found = kind;
                }
            }
        }
        if (found == OTHER && io) {
            // pgjdbc reports a broken socket as an SQLException around the IOException
            return CONNECTION_LOST;
        }
        return found;
    }

    /**
     * The most telling message among {@code e} and its causes, for logs: the innermost SQL exception's (the
     * driver's words), else the root cause's.
     */
    static String detail(Throwable e) {
        String sql = null;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
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

    private static DatabaseFailure ofSqlException(SQLException e) {
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
