package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.storeuptime.core.DatabaseException;

/**
 * One transaction of a live writer ({@link PollWriter}, {@link StoreWriter}, {@link ClosureWriter}): durable on
 * return ({@code synchronous_commit = on}), under the import's write lock in shared mode, so that live writes do
 * not wait for each other but an import (or a prune) runs between them, never beside them. The writer keeps
 * {@code store_poll_summary} itself, so the trigger on {@code store_status} leaves it alone.
 */
final class LiveWrite {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private LiveWrite() {
    }

    /**
     * Runs {@code work} in one transaction on a connection of {@code context}'s data source; any failure rolls it
     * back and becomes a {@link DatabaseException} for {@code action} (transient when the connection was lost).
     */
    static <T> T inTransaction(SchemaContext context, String action, Work<T> work) {
        String described = action + " (schema " + context.schema() + ")";
        try (Connection connection = context.dataSource().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                begin(connection, context);
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Throwable e) {
                // Errors too: the connection must not go back to the caller's pool mid-transaction.
                rollback(connection, e);
                throw e;
            } finally {
                restore(connection, autoCommit);
            }
        } catch (SQLException | RuntimeException e) {
            throw DatabaseException.of(described, e);
        }
    }

    private static void begin(Connection connection, SchemaContext context) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local synchronous_commit = on");
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "select pg_advisory_xact_lock_shared(?), set_config(?, 'on', true)")) {
            statement.setLong(1, JdbcImporter.writeLockKey(context.schema()));
            statement.setString(2, PollSummary.KEPT_SETTING);
            statement.execute();
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restore(Connection connection, boolean autoCommit) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            // the connection is broken; the pool will find out
        }
    }

    /** Creates the stores {@code storeIds} (sorted, so concurrent writers lock their keys in one order). */
    static void createStores(Connection connection, SchemaContext context, String[] storeIds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("insert into " + context.quotedSchema()
                + ".store (store_id) select * from unnest(?::varchar[]) on conflict do nothing")) {
            statement.setArray(1, connection.createArrayOf("varchar", storeIds));
            statement.executeUpdate();
        }
    }
}
