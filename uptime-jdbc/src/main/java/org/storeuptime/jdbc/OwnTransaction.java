package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * Maintenance that a reader does on the side (rebuilding the poll summary or the digests, folding live batches in):
 * a transaction of its own on the reader's connection in auto-commit mode, committed unless it fails, and given up
 * quietly when this database user may not write, since the reader can then read the raw polls instead.
 */
final class OwnTransaction {

    /** insufficient_privilege, read_only_sql_transaction: a user that may not write here. */
    private static final Set<String> CANNOT_WRITE = Set.of("42501", "25006");

    /** The work of the transaction. */
    @FunctionalInterface
    interface Work {
        void run() throws SQLException;
    }

    private OwnTransaction() {
    }

    /**
     * Runs {@code work} in a transaction of its own on {@code connection} (in auto-commit mode, which it is again
     * afterwards).
     *
     * @return false when it failed because this user may not write (nothing is changed then)
     */
    static boolean run(Connection connection, Work work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
            return true;
        } catch (SQLException e) {
            connection.rollback();
            if (CANNOT_WRITE.contains(e.getSQLState())) {
                return false;
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
