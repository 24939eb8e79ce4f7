package org.storeuptime.jdbc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.StoreReader;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.core.reports.ReportRepository;

/**
 * The entry point of the PostgreSQL adapter: the caller's {@link DataSource} (pooled or not) and the schema
 * holding the tables.
 *
 * <pre>{@code
 * UptimeDatabase db = UptimeDatabase.builder(dataSource).schema("uptime").build();
 * db.migrate();
 * UptimeReport report = UptimeEngine.create().report(db.reportSource());
 * }</pre>
 *
 * <p>Statements name the schema explicitly; the connections' {@code search_path} is never changed.
 */
public final class UptimeDatabase {

    /** The schema used when none is given. */
    public static final String DEFAULT_SCHEMA = "public";

    /** The longest chunk interval accepted: far beyond any sensible one, a guard against unit mistakes. */
    public static final Duration MAX_CHUNK_INTERVAL = Duration.ofDays(3650);

    private final SchemaContext context;
    private final Clock clock;
    private final @Nullable Duration chunkInterval;
    private final boolean concurrentProfileRead;
    private final boolean pollDigests;
    private final Executor executor;

    private UptimeDatabase(Builder builder) {
        this.context = new SchemaContext(builder.dataSource, builder.schema);
        this.clock = builder.clock;
        this.chunkInterval = builder.chunkInterval;
        this.concurrentProfileRead = builder.concurrentProfileRead;
        this.pollDigests = builder.pollDigests;
        this.executor = builder.executor;
    }

    /** A builder for a database on {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The schema holding the tables. */
    public String schema() {
        return context.schema();
    }

    /** The caller's data source. */
    public DataSource dataSource() {
        return context.dataSource();
    }

    /**
     * Creates the schema if missing and applies the missing migration scripts; see
     * {@link UptimeSchema#migrate(DataSource, String)}.
     *
     * @return the versions applied now; empty when already up to date
     */
    public List<Integer> migrate() {
        return UptimeSchema.migrate(context.dataSource(), context.schema(), chunkInterval);
    }

    /**
     * The schema version recorded in this schema's {@value UptimeSchema#HISTORY_TABLE}; 0 when the schema holds
     * no uptime tables (or does not exist). Names are compared exactly, never as patterns.
     */
    public int schemaVersion() {
        try (Connection connection = context.dataSource().getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement("select exists (select 1 from"
                    + " pg_catalog.pg_tables where schemaname = ? and tablename = ?)")) {
                exists.setString(1, context.schema());
                exists.setString(2, UptimeSchema.HISTORY_TABLE);
                try (ResultSet rows = exists.executeQuery()) {
                    rows.next();
                    if (!rows.getBoolean(1)) {
                        return 0;
                    }
                }
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select coalesce(max(version), 0) from "
                            + context.quotedSchema() + "." + UptimeSchema.HISTORY_TABLE)) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw context.failure("reading the schema version", e);
        }
    }

    /**
     * Removes polls older than {@code latest poll - keep}, where {@code keep} must cover a report with the default
     * lookback: see {@link #prune(Duration, Duration, boolean)}.
     */
    public PruneResult prune(Duration keep) {
        return prune(keep, ReportOptions.DEFAULTS.lookback(), false);
    }

    /**
     * Removes polls older than {@code latest poll - keep}. With TimescaleDB whole chunks go with
     * {@code drop_chunks} and the rest of the chunk holding the cut row by row; on plain PostgreSQL rows go in
     * batches of 50,000, each its own transaction, so that the table stays usable meanwhile. Reports with the
     * default {@code now} (the latest poll) and a lookback up to {@code longestLookback} are the same afterwards.
     * An interrupted prune leaves only polls older than the cut removed; running it again finishes it.
     *
     * @param keep how much history to keep before the latest poll
     * @param longestLookback the longest lookback of the reports that will run on this data (the default is 24 h)
     * @param force prune even when {@code keep} is shorter than a report needs
     * @throws IllegalArgumentException when {@code keep} is not positive, or shorter than
     *     {@link #minimumKeep(Duration) minimumKeep(longestLookback)} without {@code force}; nothing is changed
     * @throws DatabaseException when the database fails
     */
    public PruneResult prune(Duration keep, Duration longestLookback, boolean force) {
        return new Retention(context).prune(keep, longestLookback, force);
    }

    /**
     * Checks the arguments of {@link #prune(Duration, Duration, boolean)} without touching the database.
     *
     * @throws IllegalArgumentException as {@code prune} would, with a message saying what a report needs
     */
    public static void checkKeep(Duration keep, Duration longestLookback, boolean force) {
        Retention.check(keep, longestLookback, force);
    }

    /** The shortest {@code keep} a prune accepts without force: 7 days (a report's week) plus the lookback. */
    public static Duration minimumKeep(Duration longestLookback) {
        return Retention.minimumKeep(longestLookback);
    }

    /** Whether the {@code timescaledb} extension is installed in this database (polls are then a hypertable). */
    public boolean timescaleAvailable() {
        return context.run("looking for the timescaledb extension", dsl -> dsl.fetchExists(
                DSL.selectOne().from(table(name("pg_catalog", "pg_extension")))
                        .where(field(name("extname"), String.class).eq("timescaledb"))));
    }

    /** The stores, zones, hours and polls of this schema as the source of reports; it streams the polls. */
    public ReportSource reportSource() {
        return new JdbcReportSource(context, concurrentProfileRead ? Optional.of(executor) : Optional.empty(),
                pollDigests);
    }

    /**
     * Compares every store's poll digest (what reports of a week or more read instead of all polls, see
     * docs/database.md) with the rule applied to its raw polls, in one snapshot, after folding in the live batches
     * written since the last report (stores whose batches arrive meanwhile are left out). Reads the whole history:
     * an operator's check, not a report's.
     *
     * @throws DatabaseException when the database fails
     */
    public PollDigestCheck checkPollDigests() {
        try (Connection connection = context.dataSource().getConnection()) {
            PollDigestTable digests = new PollDigestTable(context.quotedSchema());
            if (connection.getAutoCommit()) {
                new PollSummary(context.quotedSchema()).refreshIfStale(connection);
                digests.foldPending(connection, context);
            }
            try (SnapshotTransaction snapshot = SnapshotTransaction.begin(connection)) {
                return digests.check(connection);
            }
        } catch (SQLException e) {
            throw context.failure("checking the poll digests", e);
        }
    }

    /**
     * Rebuilds every store's poll digest from all its polls in one transaction, under the import's lock (live writes
     * and imports wait meanwhile), and marks the digests up to date.
     *
     * @throws DatabaseException when the database fails, or this user may not write
     */
    public void rebuildPollDigests() {
        try (Connection connection = context.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            if (!new PollDigestTable(context.quotedSchema()).rebuild(connection,
                    JdbcImporter.writeLockKey(context.schema()), true)) {
                throw new DatabaseException("rebuilding the poll digests of schema " + context.schema()
                        + ": this database user may not write to it");
            }
        } catch (SQLException e) {
            throw context.failure("rebuilding the poll digests", e);
        }
    }

    /**
     * One store's zone, hours and polls by primary key, and the store listing: what store views and the
     * {@code /stores} routes read.
     */
    public StoreReader storeReader() {
        return new JdbcStoreReader(context);
    }

    /** Reports' state and CSVs in this schema. */
    public ReportRepository reportRepository() {
        return new JdbcReportRepository(context);
    }

    /** Imports the input files into this schema (fast, idempotent, one transaction). */
    public JdbcImporter importer() {
        return new JdbcImporter(context, clock);
    }

    /** Stores polls as they arrive (live ingestion), one batch per transaction. */
    public PollWriter polls() {
        return new PollWriter(context);
    }

    /** Replaces stores' business hours and time zones while the service runs. */
    public StoreWriter stores() {
        return new StoreWriter(context);
    }

    /** Adds and removes planned closures while the service runs. */
    public ClosureWriter closures() {
        return new ClosureWriter(context);
    }

    /** Configures an {@link UptimeDatabase}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String schema = DEFAULT_SCHEMA;
        private Clock clock = Clock.systemUTC();
        private @Nullable Duration chunkInterval;
        private boolean concurrentProfileRead;
        private boolean pollDigests = true;
        private Executor executor = Builder::daemonThread;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The schema holding the tables (default {@value UptimeDatabase#DEFAULT_SCHEMA}); any name, used as is. */
        public Builder schema(String schema) {
            this.schema = SchemaContext.validSchemaName(schema);
            return this;
        }

        /**
         * With TimescaleDB, the interval of {@code store_status}'s chunks, set by {@link UptimeDatabase#migrate()}
         * (for chunks created from then on). Default: TimescaleDB's, 7 days, which suits hourly polls of up to tens
         * of thousands of stores (see docs/database.md). Ignored on plain PostgreSQL.
         *
         * @throws IllegalArgumentException unless whole seconds, positive and at most {@link #MAX_CHUNK_INTERVAL}
         */
        public Builder chunkInterval(Duration chunkInterval) {
            Objects.requireNonNull(chunkInterval, "chunkInterval");
            if (chunkInterval.isNegative() || chunkInterval.isZero() || chunkInterval.getNano() != 0
                    || chunkInterval.compareTo(MAX_CHUNK_INTERVAL) > 0) {
                throw new IllegalArgumentException("chunk interval must be whole seconds, positive and at most "
                        + MAX_CHUNK_INTERVAL + ": " + chunkInterval);
            }
            this.chunkInterval = chunkInterval;
            return this;
        }

        /**
         * Whether a report reads the stores' zones, hours and ids on a second connection, on the {@link #executor},
         * while its first connection already streams the polls; both read one snapshot (an exported one). It saves
         * the time of reading those tables, a fifth of a report on thousands of stores, and takes two connections
         * of the data source at once per report: leave it off (the default) for a pool that may not have a second
         * one free. On a hot standby, where no snapshot can be exported, reports read one after the other anyway.
         */
        public Builder concurrentProfileRead(boolean concurrentProfileRead) {
            this.concurrentProfileRead = concurrentProfileRead;
            return this;
        }

        /**
         * Whether reports whose windows all consider a week or more (the classic three, rolling windows, months) read
         * the stores' poll digests instead of all polls (default true): the same figures, to the microsecond, from a
         * few percent of the rows. Off, every report reads all polls of its range, as before version 7 of the schema;
         * the digests are kept up to date either way. For comparing both paths side by side, and benchmarks.
         */
        public Builder pollDigests(boolean pollDigests) {
            this.pollDigests = pollDigests;
            return this;
        }

        /**
         * Where a report's {@link #concurrentProfileRead concurrent profile read} runs: the host's own executor, so
         * that its threads are the host's to name, bound and shut down. A report waits for that read before it
         * hands out its first store, so the executor must run it soon: a saturated pool delays the report, and
         * one that rejects the task makes the report read the profiles itself first. Default: a daemon thread of
         * its own per report, which ends with the read.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The default executor: a daemon thread per task, so that it never keeps a JVM alive. */
        private static void daemonThread(Runnable task) {
            Thread thread = new Thread(task, "uptime-report-profiles");
            thread.setDaemon(true);
            thread.start();
        }

        /** The clock timing imports (default the system clock in UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The database. */
        public UptimeDatabase build() {
            return new UptimeDatabase(this);
        }
    }
}
