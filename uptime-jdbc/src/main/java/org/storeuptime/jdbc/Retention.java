package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.storeuptime.core.ReportOptions;

/**
 * Removes polls older than {@code latest poll - keep}: whole chunks with TimescaleDB ({@code drop_chunks}), then
 * row by row in bounded batches, each its own short transaction, so that the table stays usable (reports read
 * on, imports wait at most one batch). Every transaction takes the import's lock and keeps the poll summary
 * itself; the summary's rows stay, so that a store whose polls all went still appears in reports, as it did
 * before.
 */
final class Retention {

    /** The week a report covers: no report needs polls older than this plus its lookback. */
    static final Duration REPORT_WEEK = Duration.ofDays(7);

    /** Polls deleted per transaction on a plain table. */
    static final int BATCH = 50_000;

    private final SchemaContext context;
    private final String schema;
    private final PollDigestTable digest;
    private final int batch;

    Retention(SchemaContext context) {
        this(context, BATCH);
    }

    /** With another batch size, for tests that need several batches. */
    Retention(SchemaContext context, int batch) {
        this.context = Objects.requireNonNull(context, "context");
        this.schema = context.quotedSchema();
        this.digest = new PollDigestTable(schema);
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive: " + batch);
        }
        this.batch = batch;
    }

    /** The shortest {@code keep} that leaves every report of the given lookback unchanged: a week plus it. */
    static Duration minimumKeep(Duration longestLookback) {
        Objects.requireNonNull(longestLookback, "longestLookback");
        return REPORT_WEEK.plus(longestLookback);
    }

    /**
     * Checks {@code keep}.
     *
     * @throws IllegalArgumentException when it is not positive, or shorter than {@link #minimumKeep} without
     *     {@code force}; the message says what a report needs
     */
    static void check(Duration keep, Duration longestLookback, boolean force) {
        Objects.requireNonNull(keep, "keep");
        new ReportOptions(longestLookback, ReportOptions.DEFAULTS.extrapolation()); // validates the lookback
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("keep must be positive: " + keep);
        }
        Duration minimum = minimumKeep(longestLookback);
        if (!force && keep.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("keep " + keep + " (" + days(keep) + ") is shorter than a report needs:"
                    + " 7 days (the report's week) plus the longest lookback in use (" + longestLookback + ") = "
                    + minimum + " (" + days(minimum) + "); keep at least that, or force it (reports would change)");
        }
    }

    /** Like {@code 8 days} or {@code 7.5 days}. */
    private static String days(Duration d) {
        double days = d.toSeconds() / 86_400.0;
        return (days == Math.rint(days) ? String.valueOf((long) days) : String.format(java.util.Locale.ROOT, "%.2f", days))
                + (days == 1 ? " day" : " days");
    }

    PruneResult prune(Duration keep, Duration longestLookback, boolean force) {
        check(keep, longestLookback, force);
        try (Connection connection = context.dataSource().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try {
                connection.setAutoCommit(true);
                return prune(connection, keep);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw context.failure("pruning polls", e);
        }
    }

    private PruneResult prune(Connection connection, Duration keep) throws SQLException {
        PollSummary summary = new PollSummary(schema);
        boolean fresh = summary.refreshIfStale(connection);
        Instant latest = latestPoll(connection, fresh);
        if (latest == null) {
            return new PruneResult(null, null, 0, 0, 0);
        }
        Instant cutoff = latest.minus(keep);
        OffsetDateTime cut = cutoff.atOffset(ZoneOffset.UTC);
        int chunks = 0;
        long inChunks = 0;
        String extension = timescaleSchema(connection);
        if (extension != null && hypertable(connection)) {
            connection.setAutoCommit(false);
            try {
                begin(connection);
                List<String> doomed = new ArrayList<>();
                try (PreparedStatement show = connection.prepareStatement("select c::text from "
                        + quote(extension) + ".show_chunks(to_regclass(?), older_than => ?) c")) {
                    show.setString(1, schema + ".store_status");
                    show.setObject(2, cut);
                    try (ResultSet rows = show.executeQuery()) {
                        while (rows.next()) {
                            doomed.add(rows.getString(1));
                        }
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    for (String chunk : doomed) {
                        try (ResultSet rows = statement.executeQuery("select count(*) from " + chunk)) {
                            rows.next();
                            inChunks += rows.getLong(1);
                        }
                    }
                }
                if (!doomed.isEmpty()) {
                    try (PreparedStatement drop = connection.prepareStatement("select " + quote(extension)
                            + ".drop_chunks(to_regclass(?), older_than => ?)")) {
                        drop.setString(1, schema + ".store_status");
                        drop.setObject(2, cut);
                        drop.execute();
                    }
                    // every store's digest before the cut: the dropped chunks' polls are gone
                    Map<String, PollDigestTable.Extent> extents = new HashMap<>();
                    for (String store : storesWithPolls(connection)) {
                        extents.put(store, new PollDigestTable.Extent(null, PollDigestTable.micros(cutoff)));
                    }
                    digest.refresh(connection, extents);
                }
                connection.commit();
                chunks = doomed.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        long deleted = deleteInBatches(connection, cut);
        return new PruneResult(latest, cutoff, chunks, inChunks, deleted);
    }

    /**
     * Deletes the polls before {@code cut} in primary key order, a batch per transaction, each batch
     * starting where the last one ended (a range of the primary key, not a scan from the start). With
     * TimescaleDB only the chunk holding the cut still has such polls, and the condition on the time excludes
     * all others.
     */
    private long deleteInBatches(Connection connection, OffsetDateTime cut) throws SQLException {
        String status = schema + ".store_status";
        String after = "(store_id, timestamp_utc) > (?, ?) and timestamp_utc < ?";
        String boundary = "select store_id, timestamp_utc from " + status + " where " + after
                + " order by store_id, timestamp_utc offset " + (batch - 1) + " limit 1";
        long deleted = 0;
        String lastStore = "";
        OffsetDateTime lastTime = OffsetDateTime.MIN;
        connection.setAutoCommit(false);
        try {
            while (true) {
                begin(connection);
                String boundaryStore = null;
                OffsetDateTime boundaryTime = null;
                try (PreparedStatement find = connection.prepareStatement(boundary)) {
                    bind(find, lastStore, lastTime, cut);
                    try (ResultSet rows = find.executeQuery()) {
                        if (rows.next()) {
                            boundaryStore = rows.getString(1);
                            boundaryTime = rows.getObject(2, OffsetDateTime.class);
                        }
                    }
                }
                // what went, per store, for the digests in the same transaction
                String delete = "with gone as (delete from " + status + " where " + after
                        + (boundaryStore == null ? "" : " and (store_id, timestamp_utc) <= (?, ?)")
                        + " returning store_id, timestamp_utc) select store_id, min(timestamp_utc), max(timestamp_utc),"
                        + " count(*) from gone group by store_id";
                Map<String, PollDigestTable.Extent> extents = new HashMap<>();
                try (PreparedStatement remove = connection.prepareStatement(delete)) {
                    bind(remove, lastStore, lastTime, cut);
                    if (boundaryStore != null) {
                        remove.setString(4, boundaryStore);
                        remove.setObject(5, boundaryTime);
                    }
                    try (ResultSet rows = remove.executeQuery()) {
                        while (rows.next()) {
                            extents.put(rows.getString(1), PollDigestTable.Extent.of(
                                    rows.getObject(2, OffsetDateTime.class).toInstant(),
                                    rows.getObject(3, OffsetDateTime.class).toInstant()));
                            deleted += rows.getLong(4);
                        }
                    }
                }
                digest.refresh(connection, extents);
                connection.commit();
                if (boundaryStore == null) {
                    return deleted;
                }
                lastStore = boundaryStore;
                lastTime = boundaryTime;
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void bind(PreparedStatement statement, String store, OffsetDateTime time, OffsetDateTime cut)
            throws SQLException {
        statement.setString(1, store);
        if (time.equals(OffsetDateTime.MIN)) {
            statement.setObject(2, "-infinity", java.sql.Types.OTHER);
        } else {
            statement.setObject(2, time);
        }
        statement.setObject(3, cut);
    }

    /** The stores with polls, from the summary (kept by the prune itself, so fresh here). */
    private List<String> storesWithPolls(Connection connection) throws SQLException {
        List<String> stores = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select store_id from " + schema + ".store_poll_summary")) {
            while (rows.next()) {
                stores.add(rows.getString(1));
            }
        }
        return stores;
    }

    /** Starts a writing transaction: the import's lock, and this writer keeps the summary and the digests itself. */
    private void begin(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select pg_advisory_xact_lock(?), set_config(?, 'on', true), set_config(?, 'on', true)")) {
            statement.setLong(1, JdbcImporter.writeLockKey(context.schema()));
            statement.setString(2, PollSummary.KEPT_SETTING);
            statement.setString(3, PollDigestTable.KEPT_SETTING);
            statement.execute();
        }
    }

    private Instant latestPoll(Connection connection, boolean fresh) throws SQLException {
        String sql = fresh ? "select max(latest_poll) from " + schema + ".store_poll_summary"
                : "select max(timestamp_utc) from " + schema + ".store_status";
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            OffsetDateTime latest = rows.getObject(1, OffsetDateTime.class);
            return latest == null ? null : latest.toInstant();
        }
    }

    private static String timescaleSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select n.nspname from pg_catalog.pg_extension e"
                        + " join pg_catalog.pg_namespace n on n.oid = e.extnamespace where e.extname = 'timescaledb'")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private boolean hypertable(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select exists (select 1 from"
                + " timescaledb_information.hypertables where hypertable_schema = ? and hypertable_name = 'store_status')")) {
            statement.setString(1, context.schema());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
