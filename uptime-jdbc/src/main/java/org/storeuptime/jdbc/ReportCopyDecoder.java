package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.storeuptime.core.BusinessHours;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.PollBuffer;
import org.storeuptime.core.ReportSource.StoreConsumer;
import org.storeuptime.core.Store;

/**
 * Decodes the binary COPY answers of a database report ({@link ReportQueries}) into zones, business hours and
 * each store's polls. An answer of the wrong shape is a {@link DatabaseException}; a zone no input file could
 * bring in, a {@link StoredDataException}.
 */
final class ReportCopyDecoder {

    /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01 00:00 UTC. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private ReportCopyDecoder() {
    }

    /**
     * Reads the polls' COPY ({@link ReportQueries#pollQuery}: a row per store in "C" order, its times and statuses
     * as two arrays) and hands every store of {@code profiles} to {@code consumer} in that order, with its polls
     * or with none. The caller drains the COPY should this fail ({@link #drain}).
     */
    static void readPolls(BinaryCopyReader reader, StoreProfiles profiles, StoreConsumer consumer)
            throws SQLException {
        PollBuffer series = new PollBuffer(1024);
        int next = 0;
        long[] times = new long[256];
        List<String> ids = profiles.ids();
        int fields;
        while ((fields = reader.nextTuple()) != -1) {
            if (fields != 3) {
                throw new DatabaseException("binary COPY from the database: expected 3 fields, got " + fields);
            }
            if (reader.nextField() < 0) {
                throw new DatabaseException("binary COPY from the database: polls without a store id");
            }
            String storeId = reader.fieldText();
            // Both lists are in the same order, so stores before this one have no polls in range.
            while (next < ids.size() && !ids.get(next).equals(storeId)) {
                series.clear();
                consumer.accept(profiles.store(ids.get(next)), series);
                next++;
            }
            if (next == ids.size()) {
                throw new DatabaseException("store '" + storeId + "' of the polls is missing from the store list,"
                        + " or the database orders store ids differently from the \"C\" collation");
            }
            // The times' bytes are only valid until the next field: copied out before the statuses are read.
            if (reader.nextField() < 0) {
                throw new DatabaseException("binary COPY from the database: store '" + storeId + "' without polls");
            }
            int count = reader.startArray();
            if (times.length < count) {
                times = new long[Math.max(count, 2 * times.length)];
            }
            for (int i = 0; i < count; i++) {
                reader.nextElement();
                times[i] = reader.fieldLong() + POSTGRES_EPOCH_MICROS;
            }
            if (reader.nextField() < 0 || reader.startArray() != count) {
                throw new DatabaseException("binary COPY from the database: store '" + storeId
                        + "' with as many statuses as polls expected");
            }
            series.clear();
            for (int i = 0; i < count; i++) {
                reader.nextElement();
                series.addUnordered(times[i], reader.fieldBoolean());
            }
            series.sortByTime();
            consumer.accept(profiles.store(storeId), series);
            next++;
        }
        if (!reader.atEnd()) {
            throw new DatabaseException("binary COPY from the database: data after the trailer");
        }
        while (next < ids.size()) {
            series.clear();
            consumer.accept(profiles.store(ids.get(next)), series);
            next++;
        }
    }

    /**
     * Reads {@code copy} to its end after {@code cause}: the connection can neither roll back nor be reused
     * before a COPY ends. Read rather than cancelled: a cancel request travels on its own socket and may land on
     * the next statement instead, the rollback, hiding the original failure.
     */
    static void drain(CopyOut copy, Throwable cause) {
        try {
            while (copy.isActive() && copy.readFromCopy() != null) {
                // discarded
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The zones by store id, from the COPY of {@code query} ({@link ReportQueries#zonesQuery}). */
    static Map<String, ZoneId> zones(Connection connection, String query) throws SQLException {
        Map<String, ZoneId> zoneById = new HashMap<>();
        readCopy(connection, query, "store_timezone", (reader, fields) -> {
            if (fields != 2 || reader.nextField() < 0) {
                throw new DatabaseException("binary COPY of store_timezone: expected 2 fields with a zone");
            }
            String zoneName = reader.fieldText();
            reader.nextField();
            int stores = reader.startArray();
            ZoneId zone = null;
            for (int i = 0; i < stores; i++) {
                reader.nextElement();
                String storeId = reader.fieldText();
                if (zone == null) {
                    zone = zone(storeId, zoneName);
                }
                zoneById.put(storeId, zone);
            }
        });
        return zoneById;
    }

    /** Reads one tuple of a binary COPY, {@code fields} its number of fields. */
    @FunctionalInterface
    private interface TupleReader {
        void read(BinaryCopyReader reader, int fields) throws SQLException;
    }

    /**
     * Runs the binary COPY of {@code query} (rows of {@code table}) and hands every tuple to {@code tuples}; after a
     * failure the COPY is read to its end ({@link #drain}), so that the connection stays usable.
     */
    private static void readCopy(Connection connection, String query, String table, TupleReader tuples)
            throws SQLException {
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("copy (" + query + ") to stdout (format binary)");
        try {
            BinaryCopyReader reader = new BinaryCopyReader(copy);
            int fields;
            while ((fields = reader.nextTuple()) != -1) {
                tuples.read(reader, fields);
            }
            if (!reader.atEnd()) {
                throw new DatabaseException("binary COPY of " + table + ": data after the trailer");
            }
        } catch (Throwable e) {
            drain(copy, e);
            throw e;
        }
    }

    /** The zone {@code zoneId} of a table row, checked by the CSV reader's own rule; {@code storeId} names one of its stores. */
    private static ZoneId zone(String storeId, String zoneId) {
        // so that the database accepts no zone a file could not bring in
        return Store.ianaZone(zoneId).orElseThrow(() -> new StoredDataException("store_timezone", "store '" + storeId
                + "' has an unknown time zone '" + zoneId + "' in table store_timezone (" + Store.ZONE_EXPECTATION + ")"));
    }

    /**
     * The business hours by store, each store's periods in the order of the table's key (day, start, end), as
     * they were read before this went through COPY. About 8 rows per store, read at every report: this took a
     * fifth of a warm server's report as a text query with a server-side sort. The aggregate gives them in the
     * key's order in practice; SQL does not promise it, so they are sorted here (one pass when in order).
     */
    static Map<String, BusinessHours> hours(Connection connection, String query) throws SQLException {
        Map<String, BusinessHours> hoursById = new HashMap<>();
        // Per store: a period's day and start make one sort key (day * (micros per day + 1) + start), its end
        // breaks ties.
        long[][] keysAndEnds = {new long[16], new long[16]};
        List<OpeningPeriod> periods = new ArrayList<>(16);
        readCopy(connection, query, "store_business_hour", (reader, fields) -> {
            if (fields != 4 || reader.nextField() < 0) {
                throw new DatabaseException("binary COPY of store_business_hour: expected 4 fields with a store id");
            }
            String storeId = reader.fieldText();
            // Each array's bytes are only valid until the next field: each is copied out in turn.
            reader.nextField();
            int count = reader.startArray();
            if (keysAndEnds[0].length < count) {
                keysAndEnds[0] = new long[count];
                keysAndEnds[1] = new long[count];
            }
            long[] keys = keysAndEnds[0];
            long[] ends = keysAndEnds[1];
            for (int i = 0; i < count; i++) {
                reader.nextElement();
                keys[i] = reader.fieldShort() * (MICROS_PER_DAY + 1);
            }
            reader.nextField();
            requireLength(reader.startArray(), count);
            for (int i = 0; i < count; i++) {
                reader.nextElement();
                keys[i] += reader.fieldLong();
            }
            reader.nextField();
            requireLength(reader.startArray(), count);
            for (int i = 0; i < count; i++) {
                reader.nextElement();
                ends[i] = reader.fieldLong();
            }
            sortByKey(keys, ends, count);
            periods.clear();
            for (int i = 0; i < count; i++) {
                int day = (int) Math.floorDiv(keys[i], MICROS_PER_DAY + 1);
                long start = Math.floorMod(keys[i], MICROS_PER_DAY + 1);
                periods.add(OpeningPeriod.of(day, time(start),
                        ends[i] == MICROS_PER_DAY ? LocalTime.MAX : time(ends[i])));
            }
            hoursById.put(storeId, BusinessHours.of(periods));
        });
        return hoursById;
    }

    private static void requireLength(int length, int expected) {
        if (length != expected) {
            throw new DatabaseException("binary COPY of store_business_hour: arrays of " + expected + " and of " + length
                    + " elements");
        }
    }

    /**
     * Sorts a store's periods by (day and start, end), an insertion sort: a handful of periods, which the
     * aggregate gives in this order already (one pass then).
     */
    static void sortByKey(long[] keys, long[] ends, int count) {
        for (int i = 1; i < count; i++) {
            long key = keys[i];
            long end = ends[i];
            int j = i - 1;
            while (j >= 0 && (keys[j] > key || keys[j] == key && ends[j] > end)) {
                keys[j + 1] = keys[j];
                ends[j + 1] = ends[j];
                j--;
            }
            keys[j + 1] = key;
            ends[j + 1] = end;
        }
    }

    /** A time of day from microseconds of the day; 24:00:00 (only meaningful as an end) is midnight here. */
    private static LocalTime time(long micros) {
        return LocalTime.ofNanoOfDay(micros % MICROS_PER_DAY * 1000);
    }
}
