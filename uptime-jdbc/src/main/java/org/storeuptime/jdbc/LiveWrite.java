package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.DatabaseException;

/**
 * One transaction of a live writer ({@link PollWriter}, {@link StoreWriter}, {@link ClosureWriter}): durable on
 * return ({@code synchronous_commit = on}), under the import's write lock in shared mode, so that live writes do
 * not wait for each other but an import (or a prune) runs between them, never beside them. The writer keeps
 * {@code store_poll_summary} and {@code store_poll_digest} itself, so the triggers leave them alone; two writers
 * of one store refresh its digest one after the other ({@link #lockStores}).
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
                "select pg_advisory_xact_lock_shared(?), set_config(?, 'on', true), set_config(?, 'on', true)")) {
            statement.setLong(1, JdbcImporter.writeLockKey(context.schema()));
            statement.setString(2, PollSummary.KEPT_SETTING);
            statement.setString(3, PollDigestTable.KEPT_SETTING);
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

    /**
     * Locks the rows of the stores {@code storeIds} of the table {@code store} (in "C" order, so that concurrent
     * writers cannot deadlock) until the transaction ends: a writer that refreshes their digests then sees every
     * earlier writer's polls. {@code null} locks every store.
     *
     * @return the ids of the stores locked, those that exist
     */
    static List<String> lockStores(Connection connection, SchemaContext context, String @Nullable [] storeIds)
            throws SQLException {
        String sql = "select store_id from " + context.quotedSchema() + ".store"
                + (storeIds == null ? "" : " where store_id = any(?)") + " order by store_id for update";
        List<String> locked = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (storeIds != null) {
                statement.setArray(1, connection.createArrayOf("varchar", storeIds));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    locked.add(rows.getString(1));
                }
            }
        }
        return locked;
    }
}
