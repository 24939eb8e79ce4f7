package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.storeuptime.core.OpeningPeriod;

/**
 * Changes one store's business hours or time zone while the service runs; each change is one transaction,
 * durable when the method returns, and creates the store when it is new. Reached through
 * {@link UptimeDatabase#stores()}.
 *
 * <p>The rows are those an import of the same store's hours or zone leaves: the store's hours are exactly the
 * periods given (no rows: open 24/7), its zone the one given by id. Like the polls, under the import's lock in
 * shared mode.
 */
public final class StoreWriter {

    private static final Comparator<OpeningPeriod> ORDER = Comparator.comparingInt(OpeningPeriod::dayIndex)
            .thenComparing(OpeningPeriod::start).thenComparing(OpeningPeriod::end);

    private final SchemaContext context;

    StoreWriter(SchemaContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** Replaces all of {@code storeId}'s business hours by {@code periods} (empty: open 24/7). */
    public void replaceHours(String storeId, Collection<OpeningPeriod> periods) {
        requireStoreId(storeId);
        Objects.requireNonNull(periods, "periods");
        TreeSet<OpeningPeriod> distinct = new TreeSet<>(ORDER);
        for (OpeningPeriod period : periods) {
            Objects.requireNonNull(period, "period");
            distinct.add(OpeningPeriod.of(period.day(), micros(period.start()), micros(period.end())));
        }
        LiveWrite.inTransaction(context, "replacing the business hours of store " + storeId, connection -> {
            LiveWrite.createStores(connection, context, new String[] {storeId});
            LiveWrite.lockStores(connection, context, new String[] {storeId});
            String schema = context.quotedSchema();
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from " + schema + ".store_business_hour where store_id = ?")) {
                delete.setString(1, storeId);
                delete.executeUpdate();
            }
            if (!distinct.isEmpty()) {
                insertHours(connection, schema, storeId, distinct);
            }
            refreshDigest(connection, storeId);
            return null;
        });
    }

    private static void insertHours(Connection connection, String schema, String storeId,
            Collection<OpeningPeriod> periods) throws SQLException {
        int size = periods.size();
        Short[] days = new Short[size];
        String[] starts = new String[size];
        String[] ends = new String[size];
        int i = 0;
        for (OpeningPeriod period : periods) {
            days[i] = (short) period.dayIndex();
            starts[i] = period.start().toString();
            ends[i] = period.end().toString();
            i++;
        }
        // Plain SQL binding arrays: all of a store's hours in one statement.
        try (PreparedStatement insert = connection.prepareStatement("insert into " + schema
                + ".store_business_hour (store_id, day_of_week, start_time_local, end_time_local)"
                + " select ?, * from unnest(?::smallint[], ?::time[], ?::time[])")) {
            insert.setString(1, storeId);
            insert.setArray(2, connection.createArrayOf("int2", days));
            insert.setArray(3, connection.createArrayOf("varchar", starts));
            insert.setArray(4, connection.createArrayOf("varchar", ends));
            insert.executeUpdate();
        }
    }

    /** Replaces {@code storeId}'s time zone. */
    public void replaceTimeZone(String storeId, ZoneId zone) {
        requireStoreId(storeId);
        Objects.requireNonNull(zone, "zone");
        LiveWrite.inTransaction(context, "replacing the time zone of store " + storeId, connection -> {
            LiveWrite.createStores(connection, context, new String[] {storeId});
            LiveWrite.lockStores(connection, context, new String[] {storeId});
            try (PreparedStatement upsert = connection.prepareStatement("insert into " + context.quotedSchema()
                    + ".store_timezone (store_id, timezone_str) values (?, ?) on conflict (store_id)"
                    + " do update set timezone_str = excluded.timezone_str"
                    + " where store_timezone.timezone_str <> excluded.timezone_str")) {
                upsert.setString(1, storeId);
                upsert.setString(2, zone.getId());
                upsert.executeUpdate();
            }
            refreshDigest(connection, storeId);
            return null;
        });
    }

    /** New hours or a new zone change which of the store's polls count: its whole digest is computed again. */
    private void refreshDigest(Connection connection, String storeId) throws SQLException {
        new PollDigestTable(context.quotedSchema()).refresh(connection,
                Map.of(storeId, PollDigestTable.Extent.ALL));
    }

    private static void requireStoreId(String storeId) {
        Objects.requireNonNull(storeId, "storeId");
        if (storeId.isBlank()) {
            throw new IllegalArgumentException("store id must not be empty");
        }
    }

    /** A local time as PostgreSQL's {@code time} keeps it, to the microsecond. */
    private static LocalTime micros(LocalTime time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }
}
