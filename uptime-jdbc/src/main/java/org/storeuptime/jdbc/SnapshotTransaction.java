package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A read-only, repeatable-read transaction on a caller's connection: one consistent snapshot for all the
 * statements of a report. Closing it rolls back and gives the connection the settings it came with (auto-commit,
 * read-only, isolation), so that a pooled connection goes back as it was.
 *
 * <pre>{@code
 * try (SnapshotTransaction snapshot = SnapshotTransaction.begin(connection)) {
 *     ... statements on connection ...
 * }
 * }</pre>
 */
final class SnapshotTransaction implements AutoCloseable {

    private final Connection connection;
    private final boolean autoCommit;
    private final boolean readOnly;
    private final int isolation;

    private SnapshotTransaction(Connection connection) throws SQLException {
        this.connection = connection;
        this.autoCommit = connection.getAutoCommit();
        this.readOnly = connection.isReadOnly();
        this.isolation = connection.getTransactionIsolation();
    }

    /** Starts the transaction on {@code connection}; its first statement takes the snapshot. */
    static SnapshotTransaction begin(Connection connection) throws SQLException {
        SnapshotTransaction transaction = new SnapshotTransaction(connection);
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        return transaction;
    }

    /**
     * Makes this transaction see {@code snapshot}, one exported by another transaction
     * ({@code pg_export_snapshot()}); must come before any other statement.
     */
    void importSnapshot(String snapshot) throws SQLException {
        // SET TRANSACTION SNAPSHOT takes no parameter; the id comes from the server and is quoted anyway
        try (Statement statement = connection.createStatement()) {
            statement.execute("set transaction snapshot '" + snapshot.replace("'", "''") + "'");
        }
    }

    /** Rolls back (nothing was written) and restores the connection's settings. */
    @Override
    public void close() throws SQLException {
        connection.rollback();
        connection.setTransactionIsolation(isolation);
        connection.setReadOnly(readOnly);
        connection.setAutoCommit(autoCommit);
    }
}
