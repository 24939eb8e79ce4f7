package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.storeuptime.core.BusinessHours;
import org.storeuptime.core.Closure;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.core.PollDigest;
import org.storeuptime.core.Store;

/**
 * The table {@code store_poll_digest}: each store's {@link PollDigest}, kept up to date by every writer in its own
 * transaction. A writer names what it changed as an extent of time per store ({@link #refresh}); the digest is then
 * recomputed between the kept polls around that extent only, from the raw polls there, so a live batch costs its
 * stores' last few polls, not their history.
 *
 * <p>Why a region is enough: a poll's membership depends on its considered neighbours only. Let {@code k1} be the
 * last kept poll before the extent and {@code k2} the first after it; every poll strictly between them is read
 * again and decided again, and {@code k1}, {@code k2} with them. The kept polls before {@code k1} ({@code k0}) and
 * after {@code k2} ({@code k3}) stand in for the neighbours of {@code k1} and {@code k2}: a dropped poll between
 * {@code k0} and {@code k1} has the status and the bucket of both, so either decides {@code k1} the same way. Outside
 * {@code [k1, k2]} nothing changes.
 *
 * <p>Plain SQL, like the report path: one COPY per group of stores, the stores and extents inlined as array
 * literals (COPY takes no parameters), and the times sent as the microseconds PostgreSQL stores.
 */
final class PollDigestTable {

    /** The setting by which a writer says it keeps the digest itself (the triggers of V7 then leave it alone). */
    static final String KEPT_SETTING = "uptime.poll_digest_kept";

    /** How many stores one refresh statement covers: bounds the memory of a rebuild. */
    private static final int STORES_PER_STATEMENT = 2_000;
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private final String schema;
    private final String table;
    private final String pending;

    /** @param schema the schema, already quoted as an identifier */
    PollDigestTable(String schema) {
        this.schema = schema;
        this.table = schema + ".store_poll_digest";
        this.pending = schema + ".store_poll_digest_pending";
    }

    /** An extent {@code [from, to]} of epoch microseconds; {@code null} for unbounded. */
    record Extent(@Nullable Long from, @Nullable Long to) {
        static final Extent ALL = new Extent(null, null);

        static Extent of(Instant from, Instant to) {
            return new Extent(micros(from), micros(to));
        }

        /** The smallest extent holding both (an extent from {@code Long.MAX_VALUE} to {@code MIN_VALUE} holds none). */
        /**
         * Around a closure: its local bounds read as UTC and two days more either way, which holds its instants in
         * any zone (offsets stay within 18 hours, a gap moves a time later by at most a day).
         */
        static Extent around(Closure closure) {
            return of(closure.start().minusDays(2).toInstant(ZoneOffset.UTC),
                    closure.end().plusDays(2).toInstant(ZoneOffset.UTC));
        }

        Extent union(Extent other) {
            return new Extent(from == null || other.from == null ? null : Math.min(from, other.from),
                    to == null || other.to == null ? null : Math.max(to, other.to));
        }
    }

    /** One store's recomputed stretch: delete its kept polls in {@code [from, to]}, then insert {@code kept}. */
    private record Region(String storeId, @Nullable Long from, @Nullable Long to, long[] micros, boolean[] active,
            boolean[] runEnd) {
    }

    /**
     * Adds to {@code extents} the extent {@link Extent#around} each closure, for its store or, for
     * {@link Closure#ALL_STORES}, for each of {@code everyStore}.
     */
    static void addClosures(Map<String, Extent> extents, List<Closure> closures, Collection<String> everyStore) {
        for (Closure closure : closures) {
            Extent extent = Extent.around(closure);
            for (String store : closure.storeId().equals(Closure.ALL_STORES) ? everyStore
                    : List.of(closure.storeId())) {
                extents.merge(store, extent, Extent::union);
            }
        }
    }

    /** The digest's state as a scalar subquery: true when stale, NULL without a state row. */
    String staleExpression() {
        return "(select stale from " + schema + ".store_poll_digest_state)";
    }

    /** Says, for the rest of the caller's transaction, that it keeps the digest itself. */
    static void keep(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select set_config(?, 'on', true)")) {
            statement.setString(1, KEPT_SETTING);
            statement.execute();
        }
    }

    /**
     * Brings the digest of the stores of {@code extents} up to date after a write that added, removed or changed the
     * considered polls inside each store's extent, in the caller's transaction. The caller has made sure that no
     * other transaction refreshes these stores at the same time (the import's lock, or the stores' rows locked).
     */
    void refresh(Connection connection, Map<String, Extent> extents) throws SQLException {
        if (extents.isEmpty()) {
            return;
        }
        extents = withPending(connection, extents);
        // a fold's placeholder for a store whose pending extents another writer folded first: nothing to do
        extents.values().removeIf(e -> e.from() != null && e.to() != null && e.from() > e.to());
        if (extents.isEmpty()) {
            return;
        }
        List<Closure> closures = StoredClosures.read(connection, schema, null);
        List<String> ids = new ArrayList<>(extents.keySet());
        ReportQueries.sortInCollationC(ids);
        for (int at = 0; at < ids.size(); at += STORES_PER_STATEMENT) {
            List<String> group = ids.subList(at, Math.min(ids.size(), at + STORES_PER_STATEMENT));
            apply(connection, regions(connection, group, extents, closures));
        }
    }

    /**
     * {@code extents} with the pending extents of the same stores (which it deletes): one region per store then
     * covers every change of it, whatever order the writers came in.
     */
    private Map<String, Extent> withPending(Connection connection, Map<String, Extent> extents) throws SQLException {
        Map<String, Extent> merged = new TreeMap<>(extents);
        try (PreparedStatement statement = connection.prepareStatement("delete from " + pending
                + " where store_id = any(?) returning store_id, from_utc, to_utc")) {
            statement.setArray(1, connection.createArrayOf("varchar", extents.keySet().toArray(String[]::new)));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    merged.merge(rows.getString(1), Extent.of(rows.getObject(2, OffsetDateTime.class).toInstant(),
                            rows.getObject(3, OffsetDateTime.class).toInstant()), Extent::union);
                }
            }
        }
        return merged;
    }

    /**
     * Records, in the caller's transaction, that polls were written inside each store's extent: a live batch's part,
     * a few hundred rows of plain inserts that no other batch waits for. {@link #foldPending} (the next report) brings
     * the digests up to date with them.
     */
    void addPending(Connection connection, Map<String, Extent> extents) throws SQLException {
        String[] ids = new String[extents.size()];
        String[] from = new String[extents.size()];
        String[] to = new String[extents.size()];
        int i = 0;
        for (Map.Entry<String, Extent> e : extents.entrySet()) {
            ids[i] = e.getKey();
            from[i] = text(Objects.requireNonNull(e.getValue().from()));
            to[i] = text(Objects.requireNonNull(e.getValue().to()));
            i++;
        }
        updateWithExtents(connection, "insert into " + pending
                + " (store_id, from_utc, to_utc) select u.id, u.x::timestamptz, u.y::timestamptz"
                + " from unnest(?::varchar[], ?::varchar[], ?::varchar[]) u(id, x, y)", ids, from, to);
    }

    /**
     * Runs {@code sql}, whose three parameters are the store ids and the extents' bounds (as timestamptz text),
     * each bound as one array: one statement for any number of stores.
     */
    private static void updateWithExtents(Connection connection, String sql, String[] ids, String[] from, String[] to)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("varchar", ids));
            statement.setArray(2, connection.createArrayOf("varchar", from));
            statement.setArray(3, connection.createArrayOf("varchar", to));
            statement.executeUpdate();
        }
    }

    /** The stores with pending extents of live batches. */
    private Set<String> pendingStores(Connection connection) throws SQLException {
        Set<String> stores = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select distinct store_id from " + pending)) {
            while (rows.next()) {
                stores.add(rows.getString(1));
            }
        }
        return stores;
    }

    /** Whether live batches left extents to fold, as an SQL expression. */
    String pendingExpression() {
        return "exists (select 1 from " + pending + ")";
    }

    /** Whether live batches left extents to fold, as seen by the connection's current snapshot. */
    boolean hasPending(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select " + pendingExpression())) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    /**
     * Folds the live batches' pending extents into the digests, in its own transaction on {@code connection} (in
     * auto-commit mode): under the import's lock in shared mode, with the stores' rows locked (as the live writers
     * that refresh digests lock them), so batches keep coming meanwhile; theirs are folded next time.
     *
     * @return false when this user may not write (reports then read those stores' raw polls)
     */
    boolean foldPending(Connection connection, SchemaContext context) throws SQLException {
        if (!connection.getAutoCommit() || connection.isReadOnly()) {
            return false;
        }
        return OwnTransaction.run(connection, () -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select pg_advisory_xact_lock_shared(?), set_config(?, 'on', true)")) {
                statement.setLong(1, JdbcImporter.writeLockKey(context.schema()));
                statement.setString(2, KEPT_SETTING);
                statement.execute();
            }
            List<String> stores = new ArrayList<>(pendingStores(connection));
            ReportQueries.sortInCollationC(stores);
            Map<String, Extent> extents = new TreeMap<>();
            for (String store : LiveWrite.lockStores(connection, context, stores.toArray(String[]::new))) {
                extents.put(store, new Extent(Long.MAX_VALUE, Long.MIN_VALUE));
            }
            // each store's pending extents (read now, under its lock) make its region
            refresh(connection, extents);
        });
    }

    /** Refreshes every store of the schema from all its polls. */
    void refreshAll(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("delete from " + table);
            statement.execute("delete from " + pending);
        }
        Map<String, Extent> all = new TreeMap<>();
        for (String id : allStores(connection)) {
            all.put(id, Extent.ALL);
        }
        refresh(connection, all);
    }

    /** Every store id: the store list and the stores with polls (a fresh summary holds them). */
    private List<String> allStores(Connection connection) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select store_id from " + schema + ".store union select"
                        + " store_id from " + schema + ".store_poll_summary")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** Marks the digest up to date, in the caller's transaction. */
    void markFresh(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("insert into " + schema + ".store_poll_digest_state (singleton, stale)"
                    + " values (true, false) on conflict (singleton) do update set stale = false");
        }
    }

    /** Whether the digest is up to date, as seen by the connection's current snapshot. */
    boolean fresh(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select " + staleExpression())) {
            rows.next();
            return PollSummary.fresh(rows, 1);
        }
    }

    /**
     * Rebuilds the digest if it is stale, in its own transaction on {@code connection}, as
     * {@link PollSummary#refreshIfStale} does for the summary (which must be fresh first).
     *
     * @return whether the digest is up to date now
     */
    boolean refreshIfStale(Connection connection, long writeLockKey) throws SQLException {
        if (!connection.getAutoCommit() || connection.isReadOnly()) {
            return fresh(connection);
        }
        if (fresh(connection)) {
            return true;
        }
        return rebuild(connection, writeLockKey, false);
    }

    /**
     * Rebuilds the digest of every store from all polls in its own transaction on {@code connection} (in auto-commit
     * mode), when stale or when {@code always}.
     *
     * @return whether the digest is up to date now; false when this user may not write
     */
    boolean rebuild(Connection connection, long writeLockKey, boolean always) throws SQLException {
        // every store with polls is in the summary once it is fresh
        if (!new PollSummary(schema).refreshIfStale(connection)) {
            return false;
        }
        return OwnTransaction.run(connection, () -> {
            // The import's lock: no writer refreshes a store while the whole digest is rebuilt.
            try (PreparedStatement statement = connection.prepareStatement(
                    "select pg_advisory_xact_lock(?), set_config(?, 'on', true), set_config(?, 'on', true)")) {
                statement.setLong(1, writeLockKey);
                statement.setString(2, KEPT_SETTING);
                statement.setString(3, PollSummary.KEPT_SETTING);
                statement.execute();
            }
            // The state row's lock orders us with other writers: their trigger's UPDATE waits for our commit and
            // marks the digest stale again if their rows came too late for our reads.
            boolean stale;
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "select stale from " + schema + ".store_poll_digest_state for update")) {
                stale = !rows.next() || rows.getBoolean(1);
            }
            if (stale || always) {
                refreshAll(connection);
                markFresh(connection);
            }
        });
    }

    /**
     * Where the stored digest differs from the rule applied to every store's raw polls: a kept poll missing, one
     * kept that the rule drops, or one kept with the other status. Read in the caller's transaction.
     */
    PollDigestCheck check(Connection connection) throws SQLException {
        List<Closure> closures = StoredClosures.read(connection, schema, null);
        List<String> ids = allStores(connection);
        // stores with live batches not folded yet: their digests are not meant to be up to date
        ids.removeAll(pendingStores(connection));
        ReportQueries.sortInCollationC(ids);
        Map<String, Extent> all = new TreeMap<>();
        for (String id : ids) {
            all.put(id, Extent.ALL);
        }
        List<PollDigestCheck.Difference> differences = new ArrayList<>();
        for (int at = 0; at < ids.size(); at += STORES_PER_STATEMENT) {
            List<String> group = ids.subList(at, Math.min(ids.size(), at + STORES_PER_STATEMENT));
            Map<String, Region> stored = new TreeMap<>();
            readCopy(connection, "select store_id, array_agg(timestamp_utc order by timestamp_utc),"
                    + " array_agg(active order by timestamp_utc), array_agg(run_end order by timestamp_utc) from "
                    + table + " where store_id = any(" + textArray(group) + ") group by store_id", reader -> {
                        String id = text(reader);
                        long[] micros = timestamps(reader);
                        boolean[] active = booleans(reader, micros.length);
                        stored.put(id, new Region(id, null, null, micros, active, booleans(reader, micros.length)));
                    });
            for (Region expected : regions(connection, group, all, closures)) {
                Region actual = stored.remove(expected.storeId());
                compare(expected, actual == null ? empty(expected.storeId()) : actual, differences);
            }
            for (Region extra : stored.values()) {
                compare(empty(extra.storeId()), extra, differences);
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select (select count(*) from " + table + "), (select count(*)"
                        + " from " + schema + ".store_status)")) {
            rows.next();
            return new PollDigestCheck(ids.size(), rows.getLong(1), rows.getLong(2), differences);
        }
    }

    private static Region empty(String storeId) {
        return new Region(storeId, null, null, new long[0], new boolean[0], new boolean[0]);
    }

    private static void compare(Region expected, Region actual, List<PollDigestCheck.Difference> differences) {
        int i = 0;
        int j = 0;
        while (i < expected.micros().length || j < actual.micros().length) {
            long e = i < expected.micros().length ? expected.micros()[i] : Long.MAX_VALUE;
            long a = j < actual.micros().length ? actual.micros()[j] : Long.MAX_VALUE;
            if (e == a) {
                if (expected.active()[i] != actual.active()[j]) {
                    differences.add(new PollDigestCheck.Difference(expected.storeId(), instant(e), "kept with the other status"));
                } else if (expected.runEnd()[i] != actual.runEnd()[j]) {
                    differences.add(new PollDigestCheck.Difference(expected.storeId(), instant(e), expected.runEnd()[i]
                            ? "kept as a bucket's end, but it ends a run" : "kept as a run's end, but it ends a bucket only"));
                }
                i++;
                j++;
            } else if (e < a) {
                differences.add(new PollDigestCheck.Difference(expected.storeId(), instant(e), "missing from the digest"));
                i++;
            } else {
                differences.add(new PollDigestCheck.Difference(expected.storeId(), instant(a), "kept, but the rule drops it"));
                j++;
            }
        }
    }

    /** Recomputes the regions of {@code group}'s extents from the kept polls around them and the raw polls between. */
    private List<Region> regions(Connection connection, List<String> group, Map<String, Extent> extents,
            List<Closure> closures) throws SQLException {
        StringBuilder from = new StringBuilder("array[");
        StringBuilder to = new StringBuilder("array[");
        for (int i = 0; i < group.size(); i++) {
            Extent extent = extents.get(group.get(i));
            from.append(i == 0 ? "" : ",").append(extent.from() == null ? "null" : literal(extent.from()));
            to.append(i == 0 ? "" : ",").append(extent.to() == null ? "null" : literal(extent.to()));
        }
        String ids = textArray(group);
        Map<String, ZoneId> zones = ReportCopyDecoder.zones(connection, "select timezone_str, array_agg(store_id) from "
                + schema + ".store_timezone where store_id = any(" + ids + ") group by timezone_str");
        Map<String, BusinessHours> hours = ReportCopyDecoder.hours(connection, "select store_id, array_agg(day_of_week),"
                + " array_agg(start_time_local), array_agg(end_time_local) from " + schema + ".store_business_hour"
                + " where store_id = any(" + ids + ") group by store_id");
        // Per store: the two kept polls before its extent and the two after (with their statuses), and the raw
        // polls between the nearest of them, each as arrays in time order.
        String keptPolls = "select array_agg(timestamp_utc order by timestamp_utc) k, array_agg(active order by"
                + " timestamp_utc) ka from (select timestamp_utc, active from " + table + " d where d.store_id = u.id";
        String query = "select u.id, b.k, b.ka, a.k, a.ka, r.times, r.active"
                + " from unnest(" + ids + ", " + from + "]::timestamptz[], " + to + "]::timestamptz[]) u(id, x, y)"
                + " cross join lateral (" + keptPolls + " and d.timestamp_utc < coalesce(u.x, '-infinity')"
                + " order by d.timestamp_utc desc limit 2) q) b"
                + " cross join lateral (" + keptPolls + " and d.timestamp_utc > coalesce(u.y, 'infinity')"
                + " order by d.timestamp_utc limit 2) q) a"
                // from an ordered subquery, which the key's scan gives in order, rather than aggregates that sort
                // their input (measured: half the time on a year of polls)
                + " cross join lateral (select array_agg(p.timestamp_utc) times, array_agg(p.status = 'active') active"
                + " from (select p.timestamp_utc, p.status from " + schema + ".store_status p where p.store_id = u.id"
                + " and p.timestamp_utc > coalesce(b.k[array_upper(b.k, 1)], '-infinity')"
                + " and p.timestamp_utc < coalesce(a.k[1], 'infinity') order by p.timestamp_utc) p) r";
        List<Region> regions = new ArrayList<>(group.size());
        readCopy(connection, query, reader -> {
            String id = text(reader);
            long[] before = timestamps(reader);
            boolean[] beforeActive = booleans(reader, before.length);
            long[] after = timestamps(reader);
            boolean[] afterActive = booleans(reader, after.length);
            long[] raw = timestamps(reader);
            boolean[] rawActive = booleans(reader, raw.length);
            for (int i = 1; i < raw.length; i++) {
                if (raw[i] <= raw[i - 1]) {
                    // the ordered subquery's order is the aggregate's; never write a digest from polls out of order
                    throw new IllegalStateException("the polls of store " + id + " came out of time order");
                }
            }
            Store store = Store.of(id, zones.getOrDefault(id, Store.DEFAULT_ZONE),
                    hours.getOrDefault(id, BusinessHours.alwaysOpen()));
            int considered = PollDigest.considered(store, closures, raw, rawActive, raw.length);
            int n = before.length + considered + after.length;
            long[] micros = new long[n];
            boolean[] active = new boolean[n];
            System.arraycopy(before, 0, micros, 0, before.length);
            System.arraycopy(beforeActive, 0, active, 0, before.length);
            System.arraycopy(raw, 0, micros, before.length, considered);
            System.arraycopy(rawActive, 0, active, before.length, considered);
            System.arraycopy(after, 0, micros, before.length + considered, after.length);
            System.arraycopy(afterActive, 0, active, before.length + considered, after.length);
            // decided: k1 (the last of those before), the raw polls and k2 (the first of those after)
            int decideFrom = Math.max(0, before.length - 1);
            int decideTo = n - Math.max(0, after.length - 1);
            boolean[] keep = PollDigest.keep(micros, active, n, decideFrom, decideTo);
            int kept = 0;
            for (boolean k : keep) {
                kept += k ? 1 : 0;
            }
            long[] keptMicros = new long[kept];
            boolean[] keptActive = new boolean[kept];
            boolean[] keptRunEnd = new boolean[kept];
            int out = 0;
            for (int i = decideFrom; i < decideTo; i++) {
                if (keep[i - decideFrom]) {
                    keptMicros[out] = micros[i];
                    keptActive[out] = active[i];
                    keptRunEnd[out] = PollDigest.runEnd(active, n, i);
                    out++;
                }
            }
            regions.add(new Region(id, before.length == 0 ? null : before[before.length - 1],
                    after.length == 0 ? null : after[0], keptMicros, keptActive, keptRunEnd));
        });
        return regions;
    }

    /** Deletes each region's kept polls and inserts the recomputed ones. */
    private void apply(Connection connection, List<Region> regions) throws SQLException {
        if (regions.isEmpty()) {
            return;
        }
        String[] ids = new String[regions.size()];
        String[] from = new String[regions.size()];
        String[] to = new String[regions.size()];
        for (int i = 0; i < regions.size(); i++) {
            Region region = regions.get(i);
            ids[i] = region.storeId();
            from[i] = region.from() == null ? "-infinity" : text(region.from());
            to[i] = region.to() == null ? "infinity" : text(region.to());
        }
        updateWithExtents(connection, "delete from " + table + " d using unnest("
                + "?::varchar[], ?::varchar[], ?::varchar[]) u(id, x, y) where d.store_id = u.id"
                + " and d.timestamp_utc >= u.x::timestamptz and d.timestamp_utc <= u.y::timestamptz", ids, from, to);
        // binary COPY: a rebuild writes hundreds of thousands of rows, each time as the 8 bytes stored
        CopyWriter out = new CopyWriter(connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (store_id, timestamp_utc, active, run_end) from stdin (format binary)"));
        try {
            for (Region region : regions) {
                for (int i = 0; i < region.micros().length; i++) {
                    out.row(4).text(region.storeId()).timestamp(region.micros()[i]).bool(region.active()[i])
                            .bool(region.runEnd()[i]);
                    out.endRow();
                }
            }
            out.finish();
        } catch (SQLException | RuntimeException e) {
            out.cancel();
            throw e;
        }
    }

    @FunctionalInterface
    private interface TupleReader {
        void read(BinaryCopyReader reader) throws SQLException;
    }

    private static void readCopy(Connection connection, String query, TupleReader tuples) throws SQLException {
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("copy (" + query + ") to stdout (format binary)");
        try {
            BinaryCopyReader reader = new BinaryCopyReader(copy);
            while (reader.nextTuple() != -1) {
                tuples.read(reader);
            }
            if (!reader.atEnd()) {
                throw new DatabaseException("binary COPY of store_poll_digest: data after the trailer");
            }
        } catch (Throwable e) {
            ReportCopyDecoder.drain(copy, e);
            throw e;
        }
    }

    private static String text(BinaryCopyReader reader) throws SQLException {
        if (reader.nextField() < 0) {
            throw new DatabaseException("binary COPY of store_poll_digest: a row without a store id");
        }
        return reader.fieldText();
    }

    /** The next field, an array of timestamps (NULL: none), as epoch microseconds. */
    private static long[] timestamps(BinaryCopyReader reader) throws SQLException {
        if (reader.nextField() < 0) {
            return new long[0];
        }
        long[] micros = new long[reader.startArray()];
        for (int i = 0; i < micros.length; i++) {
            reader.nextElement();
            micros[i] = reader.fieldLong() + POSTGRES_EPOCH_MICROS;
        }
        return micros;
    }

    /** The next field, an array of {@code count} booleans (NULL when {@code count} is 0). */
    private static boolean[] booleans(BinaryCopyReader reader, int count) throws SQLException {
        boolean[] values = new boolean[count];
        if (reader.nextField() < 0) {
            if (count > 0) {
                throw new DatabaseException("binary COPY of store_poll_digest: times without statuses");
            }
            return values;
        }
        if (reader.startArray() != count) {
            throw new DatabaseException("binary COPY of store_poll_digest: as many statuses as times expected");
        }
        for (int i = 0; i < count; i++) {
            reader.nextElement();
            values[i] = reader.fieldBoolean();
        }
        return values;
    }

    /** Store ids as an SQL array literal of type varchar[], each quoted whatever standard_conforming_strings is. */
    static String textArray(Collection<String> ids) {
        StringBuilder out = new StringBuilder("array[");
        boolean first = true;
        for (String id : ids) {
            out.append(first ? "" : ",").append("E'");
            first = false;
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if (c == '\'' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('\'');
        }
        return out.append("]::varchar[]").toString();
    }

    /** Epoch microseconds as a timestamptz literal. */
    private static String literal(long micros) {
        return ReportQueries.literal(instant(micros));
    }

    /** Epoch microseconds as timestamptz input text, exact whatever the session's time zone. */
    private static String text(long micros) {
        String literal = literal(micros);
        return literal.substring("timestamptz '".length(), literal.length() - 1);
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
