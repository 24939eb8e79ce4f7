package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.storeuptime.core.BusinessHours;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.PollBuffer;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.Store;
import org.storeuptime.core.UptimeException;

/**
 * A {@link ReportSource} reading the database: the stores' zones and hours (small) are loaded once per report,
 * the polls stream ordered by store and time through {@code COPY ... TO STDOUT} in binary, so a report never
 * holds more than one store's polls. Everything is read in one read-only, repeatable-read transaction: one
 * consistent snapshot even while an import runs.
 *
 * <p>Why not jOOQ and a cursor here, unlike the rest of the adapter: a report is usually the first and only
 * thing a command-line run does, and jOOQ's first statement in a JVM costs about half a second, a quarter of
 * the whole report. COPY streams without a round trip per batch, so the server's scan and our decoding run at
 * once, and its binary form sends a timestamp as the 8 bytes PostgreSQL stores instead of text to parse. The
 * SQL is plain, with the schema quoted as an identifier; the tests run it against the migration's tables.
 */
final class JdbcReportSource implements ReportSource {

    /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01 00:00 UTC. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /**
     * The most poll bytes (as COPY sends them, about 60 per poll) read ahead while the zones and hours load
     * concurrently: that load's time of the server's output, whatever the length of the history.
     */
    private static final long READ_AHEAD_LIMIT_BYTES = 64L << 20;

    private final SchemaContext context;
    private final String schema;
    private final PollSummary summary;
    private final boolean concurrentProfileRead;

    /**
     * @param concurrentProfileRead whether the zones, hours and store ids are read on a second connection while
     *     the polls stream ({@link UptimeDatabase.Builder#concurrentProfileRead})
     */
    JdbcReportSource(SchemaContext context, boolean concurrentProfileRead) {
        this.context = Objects.requireNonNull(context, "context");
        this.schema = context.quotedSchema();
        this.summary = new PollSummary(schema);
        this.concurrentProfileRead = concurrentProfileRead;
    }

    /**
     * The stores' time zones, one row per zone with its stores, for a binary COPY: a few dozen rows instead of a
     * row per store, and each zone looked up once.
     */
    private String zonesQuery() {
        return "select timezone_str, array_agg(store_id) from " + schema + ".store_timezone group by timezone_str";
    }

    /**
     * The business hours, one row per store with its days, starts and ends as three arrays, for a binary COPY,
     * which sends a {@code time} as the microseconds of the day PostgreSQL stores (24:00:00, an end of "24:00",
     * as a whole day) and a {@code smallint} as 2 bytes: nothing to parse here. A row per store rather than per
     * period (about 8 per store): the messages of a COPY, each handled on its own by the driver, cost this side
     * more than the grouping costs the server (an aggregate over the primary key, in its order).
     */
    private String hoursQuery() {
        return "select store_id, array_agg(day_of_week), array_agg(start_time_local), array_agg(end_time_local)"
                + " from " + schema + ".store_business_hour group by store_id";
    }

    /**
     * The latest poll: the maximum of the summary's few thousand rows, whatever the length of the history. Only
     * when the summary is stale and this connection may not rebuild it, a walk down the primary key, one probe
     * per store.
     */
    String latestPollQuery(boolean summaryFresh) {
        if (summaryFresh) {
            return "select max(latest_poll) from " + schema + ".store_poll_summary";
        }
        String status = schema + ".store_status";
        return "with recursive last_poll (store_id, timestamp_utc) as ("
                + "(select store_id, timestamp_utc from " + status + " order by store_id desc, timestamp_utc desc limit 1)"
                + " union all select earlier.store_id, earlier.timestamp_utc from last_poll cross join lateral"
                + " (select p.store_id, p.timestamp_utc from " + status + " p where p.store_id < last_poll.store_id"
                + " order by p.store_id desc, p.timestamp_utc desc limit 1) earlier)"
                + " select max(timestamp_utc) from last_poll";
    }

    /**
     * Every store id of any table, each once: the store tables and the summary's stores with polls (or, when the
     * summary is stale and cannot be rebuilt, the polls' store ids by a loose index scan of the primary key).
     */
    String storeIdsQuery(boolean summaryFresh) {
        return storeIdsQuery(summaryFresh, true);
    }

    /**
     * The store ids of {@link #storeIdsQuery(boolean)}; without {@code profileTables}, those of {@code store_timezone}
     * and {@code store_business_hour} are left out (a report has them from loading zones and hours already).
     */
    private String storeIdsQuery(boolean summaryFresh, boolean profileTables) {
        String withPolls;
        String prefix = "";
        if (summaryFresh) {
            withPolls = "select store_id from " + schema + ".store_poll_summary";
        } else {
            String status = schema + ".store_status";
            prefix = "with recursive poll_stores (store_id) as (select min(store_id) from " + status
                    + " union all select (select min(later.store_id) from " + status + " later"
                    + " where later.store_id > poll_stores.store_id) from poll_stores"
                    + " where poll_stores.store_id is not null) ";
            withPolls = "select store_id from poll_stores where store_id is not null";
        }
        return prefix + "select store_id from " + schema + ".store"
                + (profileTables ? " union select store_id from " + schema + ".store_timezone"
                        + " union select store_id from " + schema + ".store_business_hour" : "")
                + " union " + withPolls;
    }

    /**
     * Sorts store ids in PostgreSQL's "C" order ({@link #compareInCollationC}): by {@link String#compareTo}, which
     * is that order unless an id holds a character above U+FFFF, and much faster on a cold JVM (an intrinsic).
     */
    static void sortInCollationC(List<String> ids) {
        for (String id : ids) {
            for (int i = 0; i < id.length(); i++) {
                if (Character.isSurrogate(id.charAt(i))) {
                    ids.sort(JdbcReportSource::compareInCollationC);
                    return;
                }
            }
        }
        ids.sort(null);
    }

    /**
     * Compares store ids as PostgreSQL's "C" collation does, byte by byte in UTF-8, which is the order of their
     * code points. {@link String#compareTo} compares UTF-16 units instead, which puts a character above U+FFFF
     * (a surrogate pair) before U+E000 to U+FFFF.
     */
    static int compareInCollationC(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean xSurrogate = Character.isSurrogate(x);
                // a surrogate (a code point above U+FFFF) is greater than any other unit; among themselves and
                // among the others, the unit order is the code point order
                return xSurrogate == Character.isSurrogate(y) ? Character.compare(x, y) : xSurrogate ? 1 : -1;
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /**
     * The polls of a report's range, one row per store in store order with its polls' times and statuses as two
     * arrays, as the report's COPY reads them; see docs/database.md for the plans measured at 70 and 365 days of
     * history. A row per store rather than per poll: the driver handles every message of a COPY on its own, and
     * those 600,000 messages of a report over 4,500 stores were most of a command-line report's time; the server
     * sends the same polls in a third of the bytes, and no store id more than once.
     *
     * <p>When {@code store_status} is split into chunks (a TimescaleDB hypertable): one range condition. The
     * planner excludes every chunk outside the range and merges the primary key scans of the two or three chunks
     * left, already in store order, into the grouping, so the cost is that of the range's chunks whatever the
     * length of the history.
     *
     * <p>On a plain table: one primary key probe per store with polls in or after the range (from the summary),
     * {@code store_id = s and timestamp_utc between a and b}. A single range condition over the whole table can
     * only be checked on the key's second column by reading every entry, so its cost grew with the history, and
     * after a few months the planner preferred a parallel sequential scan and an external sort (measured: 3 s
     * and 53 MB on disk at 365 days). The probes read the range's polls and a few index pages per store, for any
     * length of history. The status is part of the key (V4), so each probe is an index-only scan: it reads the
     * key's leaf pages of the range and not the table's pages, which lie scattered over the whole history. A store
     * of the summary without a poll in the range gives no row.
     *
     * <p>Within a store the polls come in time order with these plans; {@link PollBuffer#sortByTime()} puts them in
     * order should another plan ever not. Without a fresh
     * summary (stale and not rebuildable by this user), the plain range query, still correct.
     */
    String pollQuery(Instant from, Instant to, boolean summaryFresh, boolean chunked) {
        String range = " between " + literal(from) + " and " + literal(to);
        if (chunked || !summaryFresh) {
            // ordered by time too: the chunks' keys are merged in that order at no cost, where merged by store only
            // half the stores' arrays came out of time order, for the reader to sort
            return "select store_id, array_agg(timestamp_utc), array_agg(status = 'active') from (select store_id,"
                    + " timestamp_utc, status from " + schema + ".store_status where timestamp_utc" + range
                    + " order by store_id, timestamp_utc) p group by store_id order by store_id";
        }
        return "select s.store_id, p.times, p.active from " + schema + ".store_poll_summary s"
                + " cross join lateral (select array_agg(timestamp_utc) times, array_agg(status = 'active') active"
                + " from " + schema + ".store_status where store_id = s.store_id and timestamp_utc" + range + ") p"
                + " where s.latest_poll >= " + literal(from) + " and p.times is not null"
                + " order by s.store_id";
    }

    /** Whether the table named by parameter 1 has child tables, as an SQL expression. */
    private static final String CHUNKED =
            "exists (select 1 from pg_catalog.pg_inherits where inhparent = pg_catalog.to_regclass(?))";

    /** Whether {@code store_status} has child tables: TimescaleDB's chunks (or a user's own partitions). */
    boolean chunked(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + CHUNKED)) {
            statement.setString(1, schema + ".store_status");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    @Override
    public Optional<Instant> latestPollTime() {
        try (Connection connection = context.dataSource().getConnection()) {
            // Usually the summary is fresh: its state and its maximum in one round trip.
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select " + summary.staleExpression() + ", ("
                            + latestPollQuery(true) + ")")) {
                rows.next();
                if (PollSummary.fresh(rows, 1)) {
                    OffsetDateTime latest = rows.getObject(2, OffsetDateTime.class);
                    return Optional.ofNullable(latest).map(OffsetDateTime::toInstant);
                }
            }
            boolean fresh = summary.refreshIfStale(connection);
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(latestPollQuery(fresh))) {
                rows.next();
                OffsetDateTime latest = rows.getObject(1, OffsetDateTime.class);
                return Optional.ofNullable(latest).map(OffsetDateTime::toInstant);
            }
        } catch (SQLException e) {
            throw context.failure("reading the latest poll time", e);
        }
    }

    @Override
    public int storeCount() {
        try (Connection connection = context.dataSource().getConnection()) {
            boolean fresh = summary.refreshIfStale(connection);
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select count(*) from (" + storeIdsQuery(fresh) + ") ids")) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw context.failure("counting stores", e);
        }
    }

    @Override
    public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(consumer, "consumer");
        try (Connection connection = context.dataSource().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            boolean readOnly = connection.isReadOnly();
            int isolation = connection.getTransactionIsolation();
            if (autoCommit) {
                // before the snapshot below, which must start with the isolation level set
                summary.refreshIfStale(connection);
            }
            // One snapshot for all queries; the caller's pooled connection gets its settings back afterwards.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                stream(connection, from, to, consumer);
            } finally {
                connection.rollback();
                connection.setTransactionIsolation(isolation);
                connection.setReadOnly(readOnly);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw context.failure("reading stores and polls", e);
        }
    }

    /** What a report needs of every store besides its polls: zones, hours, and all ids in "C" order. */
    private record Profiles(Map<String, ZoneId> zoneById, Map<String, BusinessHours> hoursById, List<String> ids) {
        /** Store {@code id} with its zone and hours, or the defaults for what it lacks. */
        Store store(String id) {
            return Store.of(id, zoneById.getOrDefault(id, Store.DEFAULT_ZONE),
                    hoursById.getOrDefault(id, BusinessHours.alwaysOpen()));
        }
    }

    /** Reads the {@link Profiles} on {@code connection}, in its transaction; {@code fresh}: the summary's state. */
    private Profiles loadProfiles(Connection connection, boolean fresh) throws SQLException {
        Map<String, ZoneId> zoneById = loadZones(connection);
        Map<String, BusinessHours> hoursById = loadHours(connection);
        // The stores with zones or hours are known from loading them: the query adds the others only, and the
        // list is sorted here as the polls come ("C" order), rather than reading both profile tables once more.
        Set<String> idSet = new HashSet<>(zoneById.keySet());
        idSet.addAll(hoursById.keySet());
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(storeIdsQuery(fresh, false))) {
            while (rows.next()) {
                idSet.add(rows.getString(1));
            }
        }
        List<String> ids = new ArrayList<>(idSet);
        sortInCollationC(ids);
        return new Profiles(zoneById, hoursById, ids);
    }

    /**
     * The {@link Profiles}, read on a second connection of the data source in the snapshot {@code snapshot}
     * exported by the report's own transaction, on a thread of its own.
     */
    private FutureTask<Profiles> loadProfilesConcurrently(String snapshot, boolean fresh) {
        FutureTask<Profiles> task = new FutureTask<>(() -> {
            try (Connection connection = context.dataSource().getConnection()) {
                return inSnapshot(connection, snapshot, () -> loadProfiles(connection, fresh));
            }
        });
        Thread thread = new Thread(task, "uptime-report-profiles");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /**
     * Runs {@code read} on {@code connection} in a read-only repeatable-read transaction that sees the exported
     * {@code snapshot}, then gives the connection its settings back.
     */
    private static <T> T inSnapshot(Connection connection, String snapshot, SqlRead<T> read) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        boolean readOnly = connection.isReadOnly();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            // SET TRANSACTION SNAPSHOT takes no parameter; the id comes from the server and is quoted anyway
            try (Statement statement = connection.createStatement()) {
                statement.execute("set transaction snapshot '" + snapshot.replace("'", "''") + "'");
            }
            return read.read();
        } finally {
            connection.rollback();
            connection.setTransactionIsolation(isolation);
            connection.setReadOnly(readOnly);
            connection.setAutoCommit(autoCommit);
        }
    }

    /** A read that may fail with an {@link SQLException}. */
    @FunctionalInterface
    private interface SqlRead<T> {
        T read() throws SQLException;
    }

    /** The profiles loaded concurrently, once they are there; a failure to read them is the report's. */
    private static Profiles await(FutureTask<Profiles> profiles) throws SQLException {
        try {
            return profiles.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UptimeException("interrupted while reading the stores' zones and hours", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UptimeException("reading the stores' zones and hours failed: " + cause, cause);
        }
    }

    /**
     * What the first statement of a report's transaction sets and learns, in one round trip.
     *
     * @param summaryFresh whether the summary is up to date in this snapshot
     * @param chunked whether {@code store_status} has chunks ({@link #chunked(Connection)})
     * @param exportedSnapshot the snapshot exported for the concurrent profile read; null without one
     */
    private record TransactionStart(boolean summaryFresh, boolean chunked, String exportedSnapshot) {
    }

    /**
     * Starts the report's transaction: jit off for it (these plans stream a few index ranges; compiling them, when
     * the server has jit, cost 0.1 to 0.2 s per report, more than it could save), the summary's state as this
     * snapshot sees it (stale: a write after the refresh, or a user who may not rebuild it), whether the polls are
     * chunked, and the exported snapshot (none on a hot standby, which cannot export one).
     */
    private TransactionStart startTransaction(Connection connection) throws SQLException {
        String export = concurrentProfileRead
                ? "case when pg_catalog.pg_is_in_recovery() then null else pg_catalog.pg_export_snapshot() end"
                : "null";
        try (PreparedStatement statement = connection.prepareStatement("select pg_catalog.set_config('jit', 'off', true),"
                + " " + summary.staleExpression() + ", "
                + CHUNKED + ", " + export)) {
            statement.setString(1, schema + ".store_status");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new TransactionStart(PollSummary.fresh(rows, 2), rows.getBoolean(3), rows.getString(4));
            }
        }
    }

    private void stream(Connection connection, Instant from, Instant to, StoreConsumer consumer) throws SQLException {
        TransactionStart start = startTransaction(connection);
        boolean fresh = start.summaryFresh();
        String snapshot = start.exportedSnapshot();
        FutureTask<Profiles> pending = snapshot == null ? null : loadProfilesConcurrently(snapshot, fresh);
        Profiles profiles = pending == null ? loadProfiles(connection, fresh) : null;
        boolean chunked = start.chunked();

        // No String.format here: the schema name may hold a '%'.
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("copy (" + pollQuery(from, to, fresh, chunked) + ") to stdout (format binary)");
        PollBuffer series = new PollBuffer(1024);
        int next = 0;
        try {
            ReadAheadCopyOut polls = new ReadAheadCopyOut(copy);
            if (pending != null) {
                // While the profiles load, keep the server sending: read its polls ahead, a bounded amount.
                polls.readAheadWhile(() -> !pending.isDone(), READ_AHEAD_LIMIT_BYTES);
                profiles = await(pending);
            }
            BinaryCopyReader reader = new BinaryCopyReader(polls);
            long[] times = new long[256];
            List<String> ids = profiles.ids();
            int fields;
            while ((fields = reader.nextTuple()) != -1) {
                if (fields != 3) {
                    throw new UptimeException("binary COPY from the database: expected 3 fields, got " + fields);
                }
                if (reader.nextField() < 0) {
                    throw new UptimeException("binary COPY from the database: polls without a store id");
                }
                String storeId = reader.fieldText();
                // Both lists are in the same order, so stores before this one have no polls in range.
                while (next < ids.size() && !ids.get(next).equals(storeId)) {
                    series.clear();
                    consumer.accept(profiles.store(ids.get(next)), series);
                    next++;
                }
                if (next == ids.size()) {
                    throw new UptimeException("store '" + storeId + "' of the polls is missing from the store list,"
                            + " or the database orders store ids differently from the \"C\" collation");
                }
                // The times' bytes are only valid until the next field: copied out before the statuses are read.
                if (reader.nextField() < 0) {
                    throw new UptimeException("binary COPY from the database: store '" + storeId + "' without polls");
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
                    throw new UptimeException("binary COPY from the database: store '" + storeId
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
                throw new UptimeException("binary COPY from the database: data after the trailer");
            }
        } catch (Throwable e) {
            // After a failure mid-stream the connection can neither roll back nor be reused before the COPY
            // ends. Read to its end rather than cancel it: a cancel request travels on its own socket and may
            // land on the next statement instead, the rollback, hiding the original failure.
            drain(copy, e);
            throw e;
        }
        List<String> ids = profiles.ids();
        while (next < ids.size()) {
            series.clear();
            consumer.accept(profiles.store(ids.get(next)), series);
            next++;
        }
    }

    private static void drain(CopyOut copy, Throwable cause) {
        try {
            while (copy.isActive() && copy.readFromCopy() != null) {
                // discarded
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * An instant as a timestamptz literal (COPY takes no parameters), exact to the microsecond whatever the
     * session's time zone, years before 1 included.
     */
    static String literal(Instant instant) {
        OffsetDateTime t = instant.atOffset(ZoneOffset.UTC);
        int year = t.getYear();
        return String.format(Locale.ROOT, "timestamptz '%04d-%02d-%02d %02d:%02d:%02d.%06d+00%s'",
                year > 0 ? year : 1 - year, t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
                t.getSecond(), t.getNano() / 1000, year > 0 ? "" : " BC");
    }

    private Map<String, ZoneId> loadZones(Connection connection) throws SQLException {
        Map<String, ZoneId> zoneById = new HashMap<>();
        readCopy(connection, zonesQuery(), "store_timezone", (reader, fields) -> {
            if (fields != 2 || reader.nextField() < 0) {
                throw new UptimeException("binary COPY of store_timezone: expected 2 fields with a zone");
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
                throw new UptimeException("binary COPY of " + table + ": data after the trailer");
            }
        } catch (Throwable e) {
            drain(copy, e);
            throw e;
        }
    }

    /** The zone {@code zoneId} of a table row, checked by the CSV reader's own rule; {@code storeId} names one of its stores. */
    private static ZoneId zone(String storeId, String zoneId) {
        // so that the database accepts no zone a file could not bring in
        return Store.ianaZone(zoneId).orElseThrow(() -> new UptimeException("store '" + storeId
                + "' has an unknown time zone '" + zoneId + "' in table store_timezone (" + Store.ZONE_EXPECTATION + ")"));
    }

    /**
     * The business hours by store, each store's periods in the order of the table's key (day, start, end), as
     * they were read before this went through COPY. About 8 rows per store, read at every report: this took a
     * fifth of a warm server's report as a text query with a server-side sort. The aggregate gives them in the
     * key's order in practice; SQL does not promise it, so they are sorted here (one pass when in order).
     */
    private Map<String, BusinessHours> loadHours(Connection connection) throws SQLException {
        Map<String, BusinessHours> hoursById = new HashMap<>();
        // Per store: a period's day and start make one sort key (day * (micros per day + 1) + start), its end
        // breaks ties.
        long[][] keysAndEnds = {new long[16], new long[16]};
        List<OpeningPeriod> periods = new ArrayList<>(16);
        readCopy(connection, hoursQuery(), "store_business_hour", (reader, fields) -> {
            if (fields != 4 || reader.nextField() < 0) {
                throw new UptimeException("binary COPY of store_business_hour: expected 4 fields with a store id");
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
            throw new UptimeException("binary COPY of store_business_hour: arrays of " + expected + " and of " + length
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
