package org.storeuptime.jdbc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;
import static org.storeuptime.jdbc.schema.Tables.STORE;
import static org.storeuptime.jdbc.schema.Tables.STORE_BUSINESS_HOUR;
import static org.storeuptime.jdbc.schema.Tables.STORE_CLOSURE;
import static org.storeuptime.jdbc.schema.Tables.STORE_POLL_SUMMARY;
import static org.storeuptime.jdbc.schema.Tables.STORE_STATUS;
import static org.storeuptime.jdbc.schema.Tables.STORE_TIMEZONE;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.storeuptime.core.Closure;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.core.csv.FileSummary;
import org.storeuptime.core.csv.internal.InputCsv;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.core.csv.ReadCounts;
import org.storeuptime.core.csv.ReadProgress;
import org.storeuptime.core.csv.RejectedRow;
import org.storeuptime.core.csv.RejectedRowsException;

/**
 * Imports the three input files, and the planned closures when given, into the database, idempotently and in one
 * transaction.
 *
 * <p>Rows are validated by the engine's own CSV readers (same messages, same counts) and streamed through
 * {@code COPY ... FROM STDIN} into temporary staging tables while the files are read; then one set-based
 * statement per table moves them: polls already in the database are kept (the first imported wins, and
 * within a file the first read wins); a store's business hours and time zone in the files replace its rows
 * in the database; closures are added (one with the same store and bounds as a stored one, or an earlier line's,
 * is a duplicate and the first reason stays) and never removed. Importing the same files twice changes nothing. In strict mode any rejected row rolls
 * everything back and throws {@link RejectedRowsException}. Imports into one schema run one at a time (an
 * advisory lock); reports may read meanwhile and see the data before or after, never half of it. After the
 * commit, an import that added polls vacuums them ({@code VACUUM (ANALYZE)}), so that reports read them from the
 * primary key alone.
 */
public final class JdbcImporter {

    private static final long LOCK_NAMESPACE = 0x696d_706fL << 32;
    /** How long the VACUUM after an import waits for older transactions that keep it from marking pages. */
    static final Duration OLDER_TRANSACTIONS_WAIT = Duration.ofSeconds(30);

    private static final Field<Long> LINE = field(name("line"), SQLDataType.BIGINT.nullable(false));
    private static final Field<String> STORE_ID = field(name("store_id"), SQLDataType.VARCHAR.nullable(false));
    private static final Field<OffsetDateTime> TS = field(name("ts"), SQLDataType.TIMESTAMPWITHTIMEZONE(6).nullable(false));
    private static final Field<Boolean> ACTIVE = field(name("active"), SQLDataType.BOOLEAN.nullable(false));
    private static final Field<Short> DAY = field(name("day_of_week"), SQLDataType.SMALLINT.nullable(false));
    private static final Field<LocalTime> START = field(name("start_time_local"), SQLDataType.LOCALTIME.nullable(false));
    private static final Field<LocalTime> END = field(name("end_time_local"), SQLDataType.LOCALTIME.nullable(false));
    private static final Field<String> ZONE = field(name("timezone_str"), SQLDataType.VARCHAR.nullable(false));
    private static final Field<LocalDateTime> START_LOCAL = field(name("start_local"),
            SQLDataType.LOCALDATETIME(6).nullable(false));
    private static final Field<LocalDateTime> END_LOCAL = field(name("end_local"),
            SQLDataType.LOCALDATETIME(6).nullable(false));
    private static final Field<String> REASON = field(name("reason"), SQLDataType.VARCHAR.nullable(false));

    private static final Table<Record> STAGED_POLLS = table(name("uptime_staging_status"));
    private static final Table<Record> STAGED_HOURS = table(name("uptime_staging_hours"));
    private static final Table<Record> STAGED_ZONES = table(name("uptime_staging_timezones"));
    private static final Table<Record> STAGED_CLOSURES = table(name("uptime_staging_closures"));
    /** Each staged store's earliest and latest staged poll: one pass over the staged polls for three uses. */
    private static final Table<Record> STAGED_EXTENTS = table(name("uptime_staging_extents"));
    private static final Field<OffsetDateTime> FIRST_TS = field(name("first_ts"),
            SQLDataType.TIMESTAMPWITHTIMEZONE(6).nullable(false));
    private static final Field<OffsetDateTime> LAST_TS = field(name("last_ts"),
            SQLDataType.TIMESTAMPWITHTIMEZONE(6).nullable(false));

    private final SchemaContext context;
    private final Clock clock;

    JdbcImporter(SchemaContext context, Clock clock) {
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Imports {@code files} leniently: rejected rows are reported and skipped. */
    public ImportResult importFiles(InputFiles files) {
        return importFiles(files, LoadOptions.LENIENT, ImportProgress.NONE);
    }

    /**
     * Imports {@code files}.
     *
     * @param options strict or lenient, how many rejected rows to keep, who hears of each rejected row
     * @param progress told of rows read
     * @throws org.storeuptime.core.csv.InputFileException when a file as a whole cannot be read (nothing loaded)
     * @throws RejectedRowsException in strict mode when any row was rejected (nothing loaded)
     * @throws DatabaseException when the database fails (nothing loaded)
     */
    public ImportResult importFiles(InputFiles files, LoadOptions options, ImportProgress progress) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        Instant started = clock.instant();
        try (Connection connection = context.dataSource().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            ImportResult result;
            String importXid = null;
            try {
                requireSynchronousCommit(connection);
                result = run(connection, files, options, progress, started);
                if (result.summaries().get(0).loaded() > 0) {
                    importXid = transactionId(connection);
                }
                connection.commit();
            } catch (Throwable e) {
                // Errors too: the connection must not go back to the caller's pool mid-transaction.
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            if (importXid == null) {
                return result;
            }
            vacuumPolls(connection, context, importXid);
            return new ImportResult(result.summaries(), result.rejectedRows(), result.rejectedCount(),
                    Duration.between(started, clock.instant()));
        } catch (SQLException | DataAccessException e) {
            throw context.failure("import", e);
        }
    }

    /**
     * Makes this transaction's commit wait for its WAL flush, whatever the server's {@code synchronous_commit}.
     * With asynchronous commit the VACUUM right after the import cannot mark the new pages all-visible (their
     * rows' commit is not yet known to be durable), so reports would read the heap instead of the index alone.
     */
    private static void requireSynchronousCommit(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local synchronous_commit = on");
        }
    }

    /** This transaction's id, as the text of a 32-bit {@code xid} (PostgreSQL 12 has no xid8 functions). */
    static String transactionId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select (txid_current() % 4294967296)::text")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /**
     * {@code VACUUM (ANALYZE)} of the polls, after the import committed (VACUUM cannot run inside a transaction).
     * It marks the new polls' pages all-visible, so that a report's poll query reads them from the primary key
     * alone (an index-only scan, see V4__covering_poll_key.sql), sets their hint bits now rather than during the
     * first report, and refreshes the statistics. It skips pages already all-visible: its cost follows the polls
     * added, not the history. On TimescaleDB it vacuums every chunk the same way.
     *
     * <p>VACUUM may mark a page only when no transaction that began before the import committed can still see
     * the table without its polls: a report or another client's transaction under way keeps the new pages
     * unmarked. Then it waits for those transactions to end (at most {@link #OLDER_TRANSACTIONS_WAIT}) and
     * vacuums once more; reports are exact either way, only slower while pages stay unmarked.
     */
    static void vacuumPolls(Connection connection, SchemaContext context, String importXid) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try {
            vacuum(connection, context);
            if (!allPollPagesVisible(connection, context)) {
                awaitOlderTransactions(connection, importXid);
                vacuum(connection, context);
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void vacuum(Connection connection, SchemaContext context) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("vacuum (analyze) " + context.quotedSchema() + ".store_status, " + context.quotedSchema()
                    + ".store_poll_digest");
        } catch (SQLException e) {
            // The polls are in; an import is idempotent, so running it again finishes the job.
            throw SchemaContext.databaseFailure("the polls were imported, but VACUUM (ANALYZE) of " + context.quotedSchema()
                    + ".store_status failed afterwards (run the import again, or VACUUM it yourself): "
                    + e.getMessage(), e);
        }
    }

    /** Whether VACUUM left every page of the polls (of every chunk, on TimescaleDB) marked all-visible. */
    private static boolean allPollPagesVisible(Connection connection, SchemaContext context) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select coalesce(sum(relpages), 0)"
                + " = coalesce(sum(relallvisible), 0) from pg_catalog.pg_class where oid = to_regclass(?) or oid in"
                + " (select inhrelid from pg_catalog.pg_inherits where inhparent = to_regclass(?))")) {
            statement.setString(1, context.quotedSchema() + ".store_status");
            statement.setString(2, context.quotedSchema() + ".store_status");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /**
     * Waits until no other session of this database holds a snapshot from before the import's commit (its
     * {@code backend_xmin} is the import's transaction or older), or {@link #OLDER_TRANSACTIONS_WAIT} passed.
     * Sessions of other database users show no {@code backend_xmin} without {@code pg_read_all_stats}; then it
     * does not wait.
     */
    private static void awaitOlderTransactions(Connection connection, String importXid) throws SQLException {
        long deadline = System.nanoTime() + OLDER_TRANSACTIONS_WAIT.toNanos();
        try (PreparedStatement statement = connection.prepareStatement("select exists (select 1"
                + " from pg_catalog.pg_stat_activity where pid <> pg_backend_pid() and datname = current_database()"
                + " and backend_xmin is not null and age(backend_xmin) >= age(cast(? as xid)))")) {
            statement.setString(1, importXid);
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    if (!rows.getBoolean(1)) {
                        return;
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The transaction lock key that serialises the writers of a schema's polls: imports and prunes. */
    static long writeLockKey(String schema) {
        return LOCK_NAMESPACE | UptimeSchema.lockKey(schema) & 0xffff_ffffL;
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private ImportResult run(Connection connection, InputFiles files, LoadOptions options, ImportProgress progress,
            Instant started) throws SQLException {
        DSLContext dsl = context.dsl(connection);
        dsl.select(DSL.function(name("pg_advisory_xact_lock"), Object.class, val(writeLockKey(context.schema()))))
                .fetch();
        // Sorting a week of polls for DISTINCT ON is much faster in memory; SET LOCAL ends with the transaction.
        dsl.select(DSL.function(name("set_config"), String.class, val("work_mem"), val("256MB"), val(true))).fetch();
        createStagingTables(dsl);

        Rejections rejections = new Rejections(options);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        ReadCounts status = stagePolls(copy, files, rejections, progress);
        ReadCounts hours = stageHours(copy, files, rejections, progress);
        ReadCounts zones = stageZones(copy, files, rejections, progress);
        ReadCounts closures = files.closures().isPresent()
                ? stageClosures(copy, files.closures().get(), rejections, progress) : null;
        List<ReadCounts> counts = closures == null ? List.of(status, hours, zones)
                : List.of(status, hours, zones, closures);
        if (options.strict() && rejections.count > 0) {
            throw new RejectedRowsException(rejections.kept, rejections.count, counts);
        }

        progress.merging();
        // This transaction keeps store_poll_summary and store_poll_digest itself: the triggers leave them alone.
        dsl.select(DSL.function(name("set_config"), String.class, val(PollSummary.KEPT_SETTING), val("on"), val(true)),
                DSL.function(name("set_config"), String.class, val(PollDigestTable.KEPT_SETTING), val("on"), val(true)))
                .fetch();
        int polls = insertPolls(dsl);
        stageExtents(dsl);
        updatePollSummary(dsl);
        Set<String> newProfiles = new HashSet<>();
        int hourRows = replaceHours(dsl, newProfiles);
        List<String> newZones = replaceZones(dsl);
        newProfiles.addAll(newZones);
        int zoneRows = newZones.size();
        List<Closure> newClosures = closures == null ? List.of() : addClosures(dsl);
        int closureRows = newClosures.size();
        dsl.insertInto(STORE, STORE.STORE_ID)
                .select(dsl.select(STORE_ID).from(STAGED_EXTENTS)
                        .union(dsl.select(STORE_ID).from(STAGED_HOURS))
                        .union(dsl.select(STORE_ID).from(STAGED_ZONES)))
                .onConflictDoNothing()
                .execute();
        refreshDigests(connection, dsl, context.quotedSchema(), newProfiles, newClosures);
        // Statistics are refreshed by the VACUUM (ANALYZE) after the commit (importFiles).

        List<FileSummary> summaries = new ArrayList<>(List.of(
                new FileSummary(status.file(), status.read(), polls, status.accepted() - polls, status.rejected()),
                new FileSummary(hours.file(), hours.read(), hourRows, hours.accepted() - hourRows, hours.rejected()),
                new FileSummary(zones.file(), zones.read(), zoneRows, zones.accepted() - zoneRows, zones.rejected())));
        if (closures != null) {
            summaries.add(new FileSummary(closures.file(), closures.read(), closureRows,
                    closures.accepted() - closureRows, closures.rejected()));
        }
        return new ImportResult(summaries, rejections.kept, rejections.count, Duration.between(started, clock.instant()));
    }

    private static void createStagingTables(DSLContext dsl) {
        // Temporary, so invisible to other sessions and dropped at commit or rollback. Byte-order collation
        // like the target tables, so that the sorts below match their primary keys.
        Field<String> storeId = field(name("store_id"), SQLDataType.VARCHAR.nullable(false)
                .collation(DSL.collation(name("C"))));
        dsl.createTemporaryTable(STAGED_POLLS).columns(LINE, storeId, TS, ACTIVE).onCommitDrop().execute();
        dsl.createTemporaryTable(STAGED_HOURS).columns(LINE, storeId, DAY, START, END).onCommitDrop().execute();
        dsl.createTemporaryTable(STAGED_ZONES).columns(LINE, storeId, ZONE).onCommitDrop().execute();
        dsl.createTemporaryTable(STAGED_CLOSURES).columns(LINE, storeId, START_LOCAL, END_LOCAL, REASON).onCommitDrop()
                .execute();
    }

    private static ReadCounts stagePolls(CopyManager copy, InputFiles files, Rejections rejections,
            ImportProgress progress) throws SQLException {
        return stage(copy, "COPY uptime_staging_status (line, store_id, ts, active) FROM STDIN (FORMAT binary)",
                files.status(), rejections, progress, (out, counter, rejected) -> InputCsv.readStatus(files.status(),
                        (line, storeId, micros, active) -> {
                            out.row(4).int8(line).text(storeId).timestamp(micros).bool(active);
                            endRow(out);
                            counter.row();
                        }, rejected));
    }

    private static ReadCounts stageHours(CopyManager copy, InputFiles files, Rejections rejections,
            ImportProgress progress) throws SQLException {
        return stage(copy, "COPY uptime_staging_hours (line, store_id, day_of_week, start_time_local, end_time_local)"
                + " FROM STDIN (FORMAT binary)", files.hours(), rejections, progress, (out, counter, rejected) ->
                InputCsv.readHours(files.hours(), (line, storeId, period) -> {
                    out.row(5).int8(line).text(storeId).int2(period.dayIndex()).time(period.start())
                            .time(period.end());
                    endRow(out);
                    counter.row();
                }, rejected));
    }

    private static ReadCounts stageZones(CopyManager copy, InputFiles files, Rejections rejections,
            ImportProgress progress) throws SQLException {
        return stage(copy, "COPY uptime_staging_timezones (line, store_id, timezone_str) FROM STDIN (FORMAT binary)",
                files.timezones(), rejections, progress, (out, counter, rejected) ->
                InputCsv.readTimeZones(files.timezones(), (line, storeId, zone) -> {
                    out.row(3).int8(line).text(storeId).text(zone.getId());
                    endRow(out);
                    counter.row();
                }, rejected));
    }

    private static ReadCounts stageClosures(CopyManager copy, Path file, Rejections rejections,
            ImportProgress progress) throws SQLException {
        return stage(copy, "COPY uptime_staging_closures (line, store_id, start_local, end_local, reason)"
                + " FROM STDIN (FORMAT binary)", file, rejections, progress, (out, counter, rejected) ->
                InputCsv.readClosures(file, (line, closure) -> {
                    out.row(5).int8(line).text(closure.storeId()).timestamp(localMicros(closure.start()))
                            .timestamp(localMicros(closure.end())).text(closure.reason());
                    endRow(out);
                    counter.row();
                }, rejected));
    }

    /** A local date-time as binary COPY sends a timestamp without time zone: the same count as the UTC instant's. */
    private static long localMicros(LocalDateTime local) {
        return Math.addExact(Math.multiplyExact(local.toEpochSecond(ZoneOffset.UTC), 1_000_000L),
                local.getNano() / 1000);
    }

    /** Reads one input file into a staging table through {@code copySql}; the COPY is cancelled on failure. */
    private static ReadCounts stage(CopyManager copy, String copySql, Path path, Rejections rejections,
            ImportProgress progress, Staging staging) throws SQLException {
        String file = path.getFileName().toString();
        CopyWriter out = new CopyWriter(copy.copyIn(copySql));
        Counter counter = new Counter(file, progress);
        ReadCounts counts;
        try {
            counts = staging.read(out, counter, rejections.and(counter));
            out.finish();
        } catch (Throwable e) {
            out.cancel();
            throw e;
        }
        progress.rowsRead(file, counts.read());
        return counts;
    }

    /** Reads a file with one of the core readers, writing each accepted row to the COPY. */
    @FunctionalInterface
    private interface Staging {
        ReadCounts read(CopyWriter out, Counter counter, Consumer<RejectedRow> rejected);
    }

    private static void endRow(CopyWriter out) {
        try {
            out.endRow();
        } catch (SQLException e) {
            throw SchemaContext.databaseFailure("sending rows to the database failed: " + e.getMessage(), e);
        }
    }

    /**
     * New polls only: of equal (store, timestamp) in the files the first line wins, and polls already stored
     * stay. {@code NOT EXISTS} rather than {@code ON CONFLICT DO NOTHING}: the same result under the import
     * lock, at a third of the time for millions of rows.
     */
    private static int insertPolls(DSLContext dsl) {
        var stored = STORE_STATUS.as("stored");
        // Qualified: inside the NOT EXISTS an unqualified store_id would mean the stored poll's own.
        Field<String> storeId = staged(STAGED_POLLS, STORE_ID);
        Field<OffsetDateTime> ts = staged(STAGED_POLLS, TS);
        return dsl.insertInto(STORE_STATUS, STORE_STATUS.STORE_ID, STORE_STATUS.TIMESTAMP_UTC, STORE_STATUS.STATUS)
                .select(dsl.select(storeId, ts,
                                DSL.when(staged(STAGED_POLLS, ACTIVE), val("active")).otherwise(val("inactive")))
                        .distinctOn(storeId, ts)
                        .from(STAGED_POLLS)
                        .whereNotExists(DSL.selectOne().from(stored)
                                .where(stored.STORE_ID.eq(storeId), stored.TIMESTAMP_UTC.eq(ts)))
                        .orderBy(storeId, ts, staged(STAGED_POLLS, LINE)))
                .execute();
    }

    /**
     * {@code uptime_staging_extents}: each staged store's earliest and latest staged poll, for the summary, the store
     * list and the digests' extents (three passes over a year's 7 million staged polls took 3.3 s; this one 1.1 s).
     */
    private static void stageExtents(DSLContext dsl) {
        Field<String> storeId = field(name("store_id"), SQLDataType.VARCHAR.nullable(false)
                .collation(DSL.collation(name("C"))));
        dsl.createTemporaryTable(STAGED_EXTENTS).columns(storeId, FIRST_TS, LAST_TS).onCommitDrop().execute();
        Field<String> staged = staged(STAGED_POLLS, STORE_ID);
        Field<OffsetDateTime> ts = staged(STAGED_POLLS, TS);
        dsl.insertInto(STAGED_EXTENTS, storeId, FIRST_TS, LAST_TS)
                .select(dsl.select(staged, DSL.min(ts), DSL.max(ts)).from(STAGED_POLLS).groupBy(staged))
                .execute();
    }

    /**
     * Each staged store's latest poll into the summary, where it is later than the one recorded. Staged polls that
     * were already stored change nothing: they are not later than what the summary holds for them.
     */
    private static void updatePollSummary(DSLContext dsl) {
        dsl.insertInto(STORE_POLL_SUMMARY, STORE_POLL_SUMMARY.STORE_ID, STORE_POLL_SUMMARY.LATEST_POLL)
                .select(dsl.select(staged(STAGED_EXTENTS, STORE_ID), staged(STAGED_EXTENTS, LAST_TS)).from(STAGED_EXTENTS))
                .onConflict(STORE_POLL_SUMMARY.STORE_ID)
                .doUpdate()
                .set(STORE_POLL_SUMMARY.LATEST_POLL, DSL.excluded(STORE_POLL_SUMMARY.LATEST_POLL))
                .where(STORE_POLL_SUMMARY.LATEST_POLL.lt(DSL.excluded(STORE_POLL_SUMMARY.LATEST_POLL)))
                .execute();
    }

    /**
     * Brings the poll digests up to date with what this import changed: around each staged store's polls (from its
     * earliest to its latest staged poll), the whole history of stores with new hours or a new zone, and around each
     * new closure (its local bounds as if in UTC, two days more either way: its instants in any zone) of its store
     * or, for {@code *}, of every store. Stores are created first, so that every store is known.
     */
    private static void refreshDigests(Connection connection, DSLContext dsl, String quotedSchema, Set<String> newProfiles,
            List<Closure> newClosures) throws SQLException {
        Map<String, PollDigestTable.Extent> extents = new HashMap<>();
        dsl.select(staged(STAGED_EXTENTS, STORE_ID), staged(STAGED_EXTENTS, FIRST_TS), staged(STAGED_EXTENTS, LAST_TS))
                .from(STAGED_EXTENTS).forEach(r -> extents.put(
                r.value1(), PollDigestTable.Extent.of(r.value2().toInstant(), r.value3().toInstant())));
        List<String> everyStore = newClosures.stream().anyMatch(c -> c.storeId().equals(Closure.ALL_STORES))
                ? dsl.select(STORE.STORE_ID).from(STORE).fetch(STORE.STORE_ID) : List.of();
        PollDigestTable.addClosures(extents, newClosures, everyStore);
        for (String store : newProfiles) {
            extents.put(store, PollDigestTable.Extent.ALL);
        }
        new PollDigestTable(quotedSchema).refresh(connection, extents);
    }

    private static <T> Field<T> staged(Table<Record> table, Field<T> column) {
        return field(name(table.getName(), column.getName()), column.getDataType());
    }

    /**
     * The file's stores get exactly the file's rows: rows the file no longer has go, new rows come, and rows
     * already stored stay, so that importing the same file again loads (and counts) nothing.
     *
     * @return the rows added
     */
    private static int replaceHours(DSLContext dsl, Set<String> changedStores) {
        Field<String> storeId = staged(STAGED_HOURS, STORE_ID);
        Field<Short> day = staged(STAGED_HOURS, DAY);
        Field<LocalTime> start = staged(STAGED_HOURS, START);
        Field<LocalTime> end = staged(STAGED_HOURS, END);
        var stored = STORE_BUSINESS_HOUR;
        changedStores.addAll(dsl.deleteFrom(stored)
                .where(stored.STORE_ID.in(DSL.select(storeId).from(STAGED_HOURS)))
                .andNotExists(DSL.selectOne().from(STAGED_HOURS).where(storeId.eq(stored.STORE_ID),
                        day.eq(stored.DAY_OF_WEEK), start.eq(stored.START_TIME_LOCAL), end.eq(stored.END_TIME_LOCAL)))
                .returning(stored.STORE_ID)
                .fetch(stored.STORE_ID));
        List<String> added = dsl.insertInto(stored, stored.STORE_ID, stored.DAY_OF_WEEK, stored.START_TIME_LOCAL,
                        stored.END_TIME_LOCAL)
                .select(dsl.selectDistinct(storeId, day, start, end)
                        .from(STAGED_HOURS)
                        .whereNotExists(DSL.selectOne().from(stored).where(stored.STORE_ID.eq(storeId),
                                stored.DAY_OF_WEEK.eq(day), stored.START_TIME_LOCAL.eq(start),
                                stored.END_TIME_LOCAL.eq(end))))
                .returning(stored.STORE_ID)
                .fetch(stored.STORE_ID);
        changedStores.addAll(added);
        return added.size();
    }

    /**
     * The file's stores get the file's zone (of several, the first line's, as in the in-memory loader); a zone
     * that is already stored is left alone and counts as a duplicate.
     *
     * @return the stores whose zone was added or changed
     */
    private static List<String> replaceZones(DSLContext dsl) {
        Field<String> storeId = staged(STAGED_ZONES, STORE_ID);
        Field<String> zone = staged(STAGED_ZONES, ZONE);
        return dsl.insertInto(STORE_TIMEZONE, STORE_TIMEZONE.STORE_ID, STORE_TIMEZONE.TIMEZONE_STR)
                .select(dsl.select(storeId, zone).distinctOn(storeId).from(STAGED_ZONES)
                        .orderBy(storeId, staged(STAGED_ZONES, LINE)))
                .onConflict(STORE_TIMEZONE.STORE_ID)
                .doUpdate()
                .set(STORE_TIMEZONE.TIMEZONE_STR, DSL.excluded(STORE_TIMEZONE.TIMEZONE_STR))
                .where(STORE_TIMEZONE.TIMEZONE_STR.ne(DSL.excluded(STORE_TIMEZONE.TIMEZONE_STR)))
                .returning(STORE_TIMEZONE.STORE_ID)
                .fetch(STORE_TIMEZONE.STORE_ID);
    }

    /**
     * New closures only: of equal (store, bounds) in the file the first line wins, and closures already stored stay
     * with their reason. Closures do not create stores.
     *
     * @return the closures added
     */
    private static List<Closure> addClosures(DSLContext dsl) {
        Field<String> storeId = staged(STAGED_CLOSURES, STORE_ID);
        Field<LocalDateTime> start = staged(STAGED_CLOSURES, START_LOCAL);
        Field<LocalDateTime> end = staged(STAGED_CLOSURES, END_LOCAL);
        var stored = STORE_CLOSURE;
        return dsl.insertInto(stored, stored.STORE_ID, stored.START_LOCAL, stored.END_LOCAL, stored.REASON)
                .select(dsl.select(storeId, start, end, staged(STAGED_CLOSURES, REASON))
                        .distinctOn(storeId, start, end)
                        .from(STAGED_CLOSURES)
                        .whereNotExists(DSL.selectOne().from(stored).where(stored.STORE_ID.eq(storeId),
                                stored.START_LOCAL.eq(start), stored.END_LOCAL.eq(end)))
                        .orderBy(storeId, start, end, staged(STAGED_CLOSURES, LINE)))
                .returning(stored.STORE_ID, stored.START_LOCAL, stored.END_LOCAL, stored.REASON)
                .fetch(r -> Closure.of(r.getStoreId(), r.getStartLocal(), r.getEndLocal(), r.getReason()));
    }

    /** Counts rows read (accepted or rejected) and tells the progress listener now and then. */
    private static final class Counter {
        private final String file;
        private final ImportProgress progress;
        private long rows;

        Counter(String file, ImportProgress progress) {
            this.file = file;
            this.progress = progress;
        }

        void row() {
            if (++rows % ReadProgress.EVERY == 0) {
                progress.rowsRead(file, rows);
            }
        }
    }

    /** Rejected rows of all files: counted, the first ones kept, each passed to the caller's listener. */
    private static final class Rejections implements Consumer<RejectedRow> {
        private final LoadOptions options;
        private final List<RejectedRow> kept = new ArrayList<>();
        private long count;

        Rejections(LoadOptions options) {
            this.options = options;
        }

        @Override
        public void accept(RejectedRow row) {
            count++;
            if (kept.size() < options.keptRejectedRows()) {
                kept.add(row);
            }
            options.onRejected().accept(row);
        }

        Consumer<RejectedRow> and(Counter counter) {
            return row -> {
                accept(row);
                counter.row();
            };
        }
    }
}
