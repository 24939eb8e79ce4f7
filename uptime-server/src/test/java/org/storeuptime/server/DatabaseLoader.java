package org.storeuptime.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import javax.sql.DataSource;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.Poll;
import org.storeuptime.core.Store;
import org.storeuptime.core.StoreDataSet;

/** Writes a data set into a migrated schema with plain JDBC, so DB tests and in-memory expectations share data. */
public final class DatabaseLoader {

    private DatabaseLoader() {
    }

    public static void load(DataSource dataSource, String schema, StoreDataSet data) {
        String s = '"' + schema.replace("\"", "\"\"") + '"';
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement truncate = c.createStatement()) {
                truncate.execute("TRUNCATE " + s + ".store, " + s + ".store_timezone, " + s + ".store_business_hour, "
                        + s + ".store_status");
            }
            try (PreparedStatement store = c.prepareStatement("INSERT INTO " + s + ".store (store_id) VALUES (?)");
                    PreparedStatement zone = c.prepareStatement(
                            "INSERT INTO " + s + ".store_timezone (store_id, timezone_str) VALUES (?, ?)");
                    PreparedStatement hours = c.prepareStatement("INSERT INTO " + s
                            + ".store_business_hour (store_id, day_of_week, start_time_local, end_time_local) "
                            + "VALUES (?, ?, ?, ?)");
                    PreparedStatement poll = c.prepareStatement("INSERT INTO " + s
                            + ".store_status (store_id, timestamp_utc, status) VALUES (?, ?, ?)")) {
                for (String id : data.storeIds()) {
                    Store st = data.store(id);
                    store.setString(1, id);
                    store.addBatch();
                    zone.setString(1, id);
                    zone.setString(2, st.zone().getId());
                    zone.addBatch();
                    for (OpeningPeriod p : st.hours().periods()) {
                        hours.setString(1, id);
                        hours.setShort(2, (short) p.dayIndex());
                        hours.setTime(3, Time.valueOf(p.start()));
                        hours.setTime(4, Time.valueOf(p.end()));
                        hours.addBatch();
                    }
                    for (Poll p : data.polls(id)) {
                        poll.setString(1, id);
                        poll.setObject(2, java.time.OffsetDateTime.ofInstant(p.timestamp(), java.time.ZoneOffset.UTC));
                        poll.setString(3, p.status().csvValue());
                        poll.addBatch();
                    }
                }
                store.executeBatch();
                zone.executeBatch();
                hours.executeBatch();
                poll.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("loading test data failed: " + e.getMessage(), e);
        }
    }
}
