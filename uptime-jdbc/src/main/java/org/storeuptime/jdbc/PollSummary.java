package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The table {@code store_poll_summary} (per store with polls, its latest poll), which spares every report a walk
 * through the poll history. The import and the prune keep it up to date in their own transactions; any other
 * write to {@code store_status} marks it stale through a statement trigger (see {@code V3__poll_summary.sql}),
 * and the next report rebuilds it here once.
 *
 * <p>Plain SQL with the schema quoted as an identifier, like the rest of the report path.
 */
final class PollSummary {

    /** The setting by which a writer of {@code store_status} says it keeps the summary itself. */
    static final String KEPT_SETTING = "uptime.poll_summary_kept";

    private final String schema;

    /** @param schema the schema, already quoted as an identifier */
    PollSummary(String schema) {
        this.schema = schema;
    }

    /**
     * The summary's state as a scalar subquery, for the select list of a statement that asks more at once: true
     * when stale, NULL without a state row; read it with {@link #fresh(ResultSet, int)}.
     */
    String staleExpression() {
        return "(select stale from " + schema + ".store_poll_summary_state)";
    }

    /**
     * Whether column {@code column} of the current row, a {@link #staleExpression()}, vouches for the summary: a
     * missing state row (someone deleted it) does not.
     */
    static boolean fresh(ResultSet rows, int column) throws SQLException {
        boolean stale = rows.getBoolean(column);
        return !rows.wasNull() && !stale;
    }

    /** Whether the summary is out of date, as seen by the connection's current snapshot. */
    boolean stale(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select " + staleExpression())) {
            rows.next();
            return !fresh(rows, 1);
        }
    }

    /**
     * Rebuilds the summary from {@code store_status} if it is stale, in its own transaction on {@code connection}.
     *
     * @return true when the summary is up to date now; false when it is stale and cannot be rebuilt here: this
     *     database user may not write, or the connection is inside the caller's transaction (which we must not
     *     commit). The caller then reads the poll history itself.
     */
    boolean refreshIfStale(Connection connection) throws SQLException {
        if (!connection.getAutoCommit() || connection.isReadOnly()) {
            return !stale(connection);
        }
        if (!stale(connection)) {
            return true;
        }
        return OwnTransaction.run(connection, () -> {
            try (Statement statement = connection.createStatement()) {
                // The lock orders us with writers: their trigger's UPDATE waits for our commit and marks it stale
                // again if their polls came too late for our scan.
                boolean stale;
                try (ResultSet rows = statement.executeQuery(
                        "select stale from " + schema + ".store_poll_summary_state for update")) {
                    stale = !rows.next() || rows.getBoolean(1);
                }
                if (stale) {
                    statement.execute("delete from " + schema + ".store_poll_summary");
                    statement.execute("insert into " + schema + ".store_poll_summary (store_id, latest_poll)"
                            + " select store_id, max(timestamp_utc) from " + schema + ".store_status group by store_id");
                    statement.execute("insert into " + schema + ".store_poll_summary_state (singleton, stale)"
                            + " values (true, false) on conflict (singleton) do update set stale = false");
                }
            }
        });
    }
}
