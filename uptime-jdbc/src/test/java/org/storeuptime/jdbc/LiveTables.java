package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The contents of a schema's data tables, for comparing two schemas; and emptying them between tests. */
final class LiveTables {

    static final List<String> TABLES = List.of("store", "store_status", "store_poll_summary",
            "store_poll_summary_state", "store_timezone", "store_business_hour", "store_closure");

    private LiveTables() {
    }

    /** Every table's rows as text, in primary key order. */
    static Map<String, List<String>> contents(DataSource dataSource, String schema) throws SQLException {
        return contents(dataSource, schema, TABLES);
    }

    /** The rows of {@code tables} as text, in primary key order. */
    static Map<String, List<String>> contents(DataSource dataSource, String schema, List<String> names)
            throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // Instants as UTC text whatever the session's zone; SET LOCAL ends with the rollback below.
            connection.setAutoCommit(false);
            statement.execute("set local time zone 'UTC'");
            for (String table : names) {
                List<String> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery("select t::text from \"" + schema + "\"." + table
                        + " t order by 1")) {
                    while (result.next()) {
                        rows.add(result.getString(1));
                    }
                }
                tables.put(table, rows);
            }
            connection.rollback();
            connection.setAutoCommit(true);
        }
        return tables;
    }

    /** Empties the tables; the summary and the digests are fresh (and empty) afterwards. */
    static void empty(DataSource dataSource, String schema) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String q = "\"" + schema + "\".";
            statement.execute("truncate " + q + "store, " + q + "store_status, " + q + "store_poll_summary, " + q
                    + "store_timezone, " + q + "store_business_hour, " + q + "store_closure, " + q + "store_poll_digest, "
                    + q + "store_poll_digest_pending");
            statement.execute("update " + q + "store_poll_summary_state set stale = false");
            statement.execute("update " + q + "store_poll_digest_state set stale = false");
        }
    }

    /** A count of {@code table}'s rows. */
    static long count(DataSource dataSource, String schema, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select count(*) from \"" + schema + "\"." + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}
