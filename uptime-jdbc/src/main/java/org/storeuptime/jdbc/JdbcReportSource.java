package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.storeuptime.core.BusinessHours;
import org.storeuptime.core.Closure;
import org.storeuptime.core.ConsideredPolls;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.core.PollDigest;
import org.storeuptime.core.ReportFailedException;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.TimeInterval;

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

    /**
     * The most poll bytes (as COPY sends them, about 60 per poll) read ahead while the zones and hours load
     * concurrently: that load's time of the server's output, whatever the length of the history.
     */
    private static final long READ_AHEAD_LIMIT_BYTES = 64L << 20;

    private final SchemaContext context;
    private final String schema;
    private final ReportQueries queries;
    private final PollSummary summary;
    private final PollDigestTable digest;
    /** Whether reports that may read the stores' poll digests do ({@link UptimeDatabase.Builder#pollDigests}). */
    private final boolean readDigests;
    /** Where the profiles are read while the polls stream; empty: they are read first, on the same connection. */
    private final Optional<Executor> concurrentProfileRead;

    /**
     * @param concurrentProfileRead the executor on which the zones, hours and store ids are read on a second
     *     connection while the polls stream ({@link UptimeDatabase.Builder#concurrentProfileRead}); empty to read
     *     them first on the report's own connection
     */
    JdbcReportSource(SchemaContext context, Optional<Executor> concurrentProfileRead, boolean readDigests) {
        this.context = Objects.requireNonNull(context, "context");
        this.schema = context.quotedSchema();
        this.queries = new ReportQueries(schema);
        this.summary = new PollSummary(schema);
        this.digest = new PollDigestTable(schema);
        this.readDigests = readDigests;
        this.concurrentProfileRead = Objects.requireNonNull(concurrentProfileRead, "concurrentProfileRead");
    }

    /** The statements of this source's reports. */
    ReportQueries queries() {
        return queries;
    }

    @Override
    public Optional<Instant> latestPollTime() {
        try (Connection connection = context.dataSource().getConnection()) {
            // Usually the summary is fresh: its state and its maximum in one round trip.
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select " + summary.staleExpression() + ", ("
                            + queries.latestPollQuery(true) + ")")) {
                rows.next();
                if (PollSummary.fresh(rows, 1)) {
                    OffsetDateTime latest = rows.getObject(2, OffsetDateTime.class);
                    return Optional.ofNullable(latest).map(OffsetDateTime::toInstant);
                }
            }
            boolean fresh = summary.refreshIfStale(connection);
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(queries.latestPollQuery(fresh))) {
                rows.next();
                OffsetDateTime latest = rows.getObject(1, OffsetDateTime.class);
                return Optional.ofNullable(latest).map(OffsetDateTime::toInstant);
            }
        } catch (SQLException e) {
            throw context.failure("reading the latest poll time", e);
        }
    }

    @Override
    public List<Closure> closures() {
        try (Connection connection = context.dataSource().getConnection()) {
            return StoredClosures.read(connection, schema, null);
        } catch (SQLException e) {
            throw context.failure("reading the planned closures", e);
        }
    }

    @Override
    public int storeCount() {
        try (Connection connection = context.dataSource().getConnection()) {
            boolean fresh = summary.refreshIfStale(connection);
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select count(*) from (" + queries.storeIdsQuery(fresh) + ") ids")) {
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
        forEachStore(new ConsideredPolls(from, to, Duration.ZERO, List.of()), consumer);
    }

    /**
     * Streams every store's polls or, when the report's windows all consider at least {@link PollDigest#BUCKET}
     * and the digests are up to date, every store's poll digest (its run ends, and its bucket ends near the windows'
     * edges): the same figures from a few percent of the rows.
     */
    @Override
    public void forEachStore(ConsideredPolls considered, StoreConsumer consumer) {
        Objects.requireNonNull(considered, "considered");
        Objects.requireNonNull(consumer, "consumer");
        Instant from = considered.from();
        Instant to = considered.to();
        List<TimeInterval> bucketEnds = readDigests && PollDigest.serves(considered.shortestRange())
                ? PollDigest.bucketEndRanges(considered) : null;
        boolean fromDigests = bucketEnds != null;
        try (Connection connection = context.dataSource().getConnection()) {
            if (connection.getAutoCommit()) {
                // before the snapshot below, which must start with the isolation level set
                summary.refreshIfStale(connection);
                if (fromDigests) {
                    digest.refreshIfStale(connection, JdbcImporter.writeLockKey(context.schema()));
                    // the live batches since the last report: a refresh of their stores' last few polls
                    if (digest.hasPending(connection)) {
                        digest.foldPending(connection, context);
                    }
                }
            }
            // One snapshot for all queries; the caller's pooled connection gets its settings back afterwards.
            try (SnapshotTransaction snapshot = SnapshotTransaction.begin(connection)) {
                stream(connection, from, to, bucketEnds, consumer);
            }
        } catch (SQLException e) {
            throw context.failure("reading stores and polls", e);
        }
    }

    /** Reads the {@link StoreProfiles} on {@code connection}, in its transaction; {@code fresh}: the summary's state. */
    private StoreProfiles loadProfiles(Connection connection, boolean fresh) throws SQLException {
        Map<String, ZoneId> zoneById = ReportCopyDecoder.zones(connection, queries.zonesQuery());
        Map<String, BusinessHours> hoursById = ReportCopyDecoder.hours(connection, queries.hoursQuery());
        // The stores with zones or hours are known from loading them: the query adds the others only, and the
        // list is sorted here as the polls come ("C" order), rather than reading both profile tables once more.
        Set<String> idSet = new HashSet<>(zoneById.keySet());
        idSet.addAll(hoursById.keySet());
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(queries.storeIdsQuery(fresh, false))) {
            while (rows.next()) {
                idSet.add(rows.getString(1));
            }
        }
        List<String> ids = new ArrayList<>(idSet);
        ReportQueries.sortInCollationC(ids);
        return new StoreProfiles(zoneById, hoursById, ids);
    }

    /**
     * The {@link StoreProfiles}, read on a second connection of the data source in the snapshot {@code snapshot}
     * exported by the report's own transaction, on the executor; null when the executor takes no more work (the
     * report then reads them itself, one after the other).
     */
    private @Nullable FutureTask<StoreProfiles> loadProfilesConcurrently(String snapshot, boolean fresh) {
        FutureTask<StoreProfiles> task = new FutureTask<>(() -> {
            try (Connection connection = context.dataSource().getConnection();
                    SnapshotTransaction transaction = SnapshotTransaction.begin(connection)) {
                transaction.importSnapshot(snapshot);
                return loadProfiles(connection, fresh);
            }
        });
        try {
            concurrentProfileRead.orElseThrow().execute(task);
        } catch (RejectedExecutionException e) {
            return null;
        }
        return task;
    }

    /** The profiles loaded concurrently, once they are there; a failure to read them is the report's. */
    private static StoreProfiles await(FutureTask<StoreProfiles> profiles) throws SQLException {
        try {
            return profiles.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportFailedException("interrupted while reading the stores' zones and hours", e);
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
            throw new DatabaseException("reading the stores' zones and hours",
                    "reading the stores' zones and hours failed: " + cause, cause);
        }
    }

    /**
     * What the first statement of a report's transaction sets and learns, in one round trip.
     *
     * @param summaryFresh whether the summary is up to date in this snapshot
     * @param digestFresh whether the digests are up to date in this snapshot
     * @param digestPending whether this snapshot sees live batches not folded into the digests yet
     * @param chunked whether {@code store_status} has chunks ({@link ReportQueries#chunked(Connection)})
     * @param exportedSnapshot the snapshot exported for the concurrent profile read; null without one
     */
    private record TransactionStart(boolean summaryFresh, boolean digestFresh, boolean digestPending,
            boolean chunked, @Nullable String exportedSnapshot) {
    }

    /**
     * Starts the report's transaction: jit off for it (these plans stream a few index ranges; compiling them, when
     * the server has jit, cost 0.1 to 0.2 s per report, more than it could save), the summary's state as this
     * snapshot sees it (stale: a write after the refresh, or a user who may not rebuild it), whether the polls are
     * chunked, and the exported snapshot (none on a hot standby, which cannot export one).
     */
    private TransactionStart startTransaction(Connection connection) throws SQLException {
        String export = concurrentProfileRead.isPresent()
                ? "case when pg_catalog.pg_is_in_recovery() then null else pg_catalog.pg_export_snapshot() end"
                : "null";
        try (PreparedStatement statement = connection.prepareStatement("select pg_catalog.set_config('jit', 'off', true),"
                + " " + summary.staleExpression() + ", "
                + ReportQueries.CHUNKED + ", " + export + ", " + digest.staleExpression() + ", "
                + digest.pendingExpression())) {
            statement.setString(1, schema + ".store_status");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new TransactionStart(PollSummary.fresh(rows, 2), PollSummary.fresh(rows, 5), rows.getBoolean(6),
                        rows.getBoolean(3), rows.getString(4));
            }
        }
    }

    /** @param bucketEnds where the digests' bucket ends are read; null to read all polls instead of the digests */
    private void stream(Connection connection, Instant from, Instant to, @Nullable List<TimeInterval> bucketEnds,
            StoreConsumer consumer) throws SQLException {
        TransactionStart start = startTransaction(connection);
        boolean fresh = start.summaryFresh();
        String snapshot = start.exportedSnapshot();
        FutureTask<StoreProfiles> pending = snapshot == null ? null : loadProfilesConcurrently(snapshot, fresh);
        StoreProfiles profiles = pending == null ? loadProfiles(connection, fresh) : null;
        boolean chunked = start.chunked();

        // No String.format here: the schema name may hold a '%'.
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("copy (" + (bucketEnds != null && fresh && start.digestFresh()
                        ? queries.digestQuery(from, to, bucketEnds, start.digestPending())
                        : queries.pollQuery(from, to, fresh, chunked)) + ") to stdout (format binary)");
        try {
            ReadAheadCopyOut polls = new ReadAheadCopyOut(copy);
            if (pending != null) {
                // While the profiles load, keep the server sending: read its polls ahead, a bounded amount.
                polls.readAheadWhile(() -> !pending.isDone(), READ_AHEAD_LIMIT_BYTES);
                profiles = await(pending);
            }
            ReportCopyDecoder.readPolls(new BinaryCopyReader(polls), profiles, consumer);
        } catch (Throwable e) {
            // After a failure mid-stream the connection can neither roll back nor be reused before the COPY ends.
            ReportCopyDecoder.drain(copy, e);
            throw e;
        }
    }
}
