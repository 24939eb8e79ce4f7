package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.Closure;

/**
 * Reads the planned closures of {@code store_closure}. Plain JDBC like the report's other statements (see
 * {@link JdbcReportSource}); the table is small, one statement reads all a report needs.
 */
final class StoredClosures {

    static final String TABLE = "store_closure";

    private StoredClosures() {
    }

    /**
     * The closures in {@code quotedSchema}, ordered by store and bounds: all of them for a {@code null} store,
     * else the store's own and those of every store.
     */
    static List<Closure> read(Connection connection, String quotedSchema, @Nullable String storeId) throws SQLException {
        String sql = "select store_id, start_local, end_local, reason from " + quotedSchema + "." + TABLE
                + (storeId == null ? "" : " where store_id in (?, ?)")
                + " order by store_id, start_local, end_local";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (storeId != null) {
                statement.setString(1, storeId);
                statement.setString(2, Closure.ALL_STORES);
            }
            List<Closure> closures = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    closures.add(closure(rows.getString(1), rows.getObject(2, LocalDateTime.class),
                            rows.getObject(3, LocalDateTime.class), rows.getString(4)));
                }
            }
            return closures;
        }
    }

    private static Closure closure(String storeId, LocalDateTime start, LocalDateTime end, String reason) {
        try {
            return Closure.of(storeId, start, end, reason);
        } catch (IllegalArgumentException e) {
            // only rows written by hand get here: the table's check refuses an end not after the start
            throw new StoredDataException(TABLE, "store '" + storeId + "' has a closure from " + start + " to " + end
                    + " in table " + TABLE + " that no closures file could bring in: " + e.getMessage(), e);
        }
    }
}
