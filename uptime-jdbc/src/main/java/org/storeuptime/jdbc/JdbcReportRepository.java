package org.storeuptime.jdbc;

import static org.storeuptime.jdbc.schema.Tables.STORE_REPORT;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.ReportWindow;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportRepository;
import org.storeuptime.core.reports.ReportRetention;
import org.storeuptime.core.reports.ReportState;

/**
 * Reports' state and CSVs in the {@code store_report} table, shared by every process using the schema. Each
 * state change is one conditional {@code UPDATE ... WHERE state = ...}, so of two workers claiming the same
 * report exactly one sees its update applied.
 */
final class JdbcReportRepository implements ReportRepository {

    /** UUIDs from here on have a negative most significant long: Java orders them before the others. */
    private static final UUID SIGN_BIT = new UUID(Long.MIN_VALUE, 0);

    private static final List<Field<?>> METADATA = List.of(STORE_REPORT.REPORT_ID, STORE_REPORT.STATE,
            STORE_REPORT.CREATED_AT, STORE_REPORT.STARTED_AT, STORE_REPORT.FINISHED_AT, STORE_REPORT.REQUESTED_NOW,
            STORE_REPORT.REPORT_NOW, STORE_REPORT.EXTRAPOLATION, STORE_REPORT.LOOKBACK, STORE_REPORT.STORES_DONE,
            STORE_REPORT.STORES_TOTAL, STORE_REPORT.STORE_COUNT, STORE_REPORT.ERROR, STORE_REPORT.REPORT_WINDOWS);

    /** Between two windows' texts in {@code report_windows}; no window's text has it. */
    private static final String WINDOW_SEPARATOR = " ";

    private final SchemaContext context;

    JdbcReportRepository(SchemaContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public ReportRecord create(UUID id, Instant createdAt, ReportRequest request) {
        Objects.requireNonNull(id, "id");
        ReportRecord record = ReportRecord.pending(id, createdAt, request);
        ReportOptions options = record.options();
        int inserted = context.run("creating report " + id, dsl -> dsl.insertInto(STORE_REPORT)
                .set(STORE_REPORT.REPORT_ID, id)
                .set(STORE_REPORT.STATE, ReportState.PENDING.apiName())
                .set(STORE_REPORT.CREATED_AT, utc(createdAt))
                .set(STORE_REPORT.REQUESTED_NOW, utc(record.requestedNow()))
                .set(STORE_REPORT.REPORT_WINDOWS, windowsColumn(record.windows()))
                .set(STORE_REPORT.EXTRAPOLATION, options.extrapolation().optionName())
                .set(STORE_REPORT.LOOKBACK, options.lookback().toString())
                .onConflictDoNothing()
                .execute());
        if (inserted == 0) {
            throw new IllegalArgumentException("report " + id + " exists already");
        }
        return record;
    }

    @Override
    public Optional<ReportRecord> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return context.run("reading report " + id, dsl -> dsl.select(METADATA).from(STORE_REPORT)
                .where(STORE_REPORT.REPORT_ID.eq(id))
                .fetchOptional(JdbcReportRepository::toRecord));
    }

    @Override
    public List<ReportRecord> list(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return context.run("listing reports", dsl -> dsl.select(METADATA).from(STORE_REPORT)
                .orderBy(javaUuidOrder(false))
                .limit(limit)
                .fetch(JdbcReportRepository::toRecord));
    }

    @Override
    public boolean claim(UUID id, Instant startedAt) {
        return start(id, ReportState.PENDING, startedAt);
    }

    @Override
    public boolean restart(UUID id, Instant startedAt) {
        return start(id, ReportState.RUNNING, startedAt);
    }

    private boolean start(UUID id, ReportState from, Instant startedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(startedAt, "startedAt");
        return context.run("starting report " + id, dsl -> dsl.update(STORE_REPORT)
                .set(STORE_REPORT.STATE, ReportState.RUNNING.apiName())
                .set(STORE_REPORT.STARTED_AT, utc(startedAt))
                .set(STORE_REPORT.FINISHED_AT, (OffsetDateTime) null)
                .set(STORE_REPORT.REPORT_NOW, (OffsetDateTime) null)
                .set(STORE_REPORT.STORES_DONE, 0)
                .set(STORE_REPORT.STORES_TOTAL, 0)
                .where(STORE_REPORT.REPORT_ID.eq(id), inState(from))
                .execute()) == 1;
    }

    @Override
    public void progress(UUID id, int storesDone, int storesTotal) {
        Objects.requireNonNull(id, "id");
        if (storesDone < 0 || storesTotal < 0) {
            throw new IllegalArgumentException("progress must not be negative: " + storesDone + "/" + storesTotal);
        }
        context.run("recording progress of report " + id, dsl -> dsl.update(STORE_REPORT)
                .set(STORE_REPORT.STORES_DONE, storesDone)
                .set(STORE_REPORT.STORES_TOTAL, storesTotal)
                .where(STORE_REPORT.REPORT_ID.eq(id), inState(ReportState.RUNNING))
                .execute());
    }

    @Override
    public boolean complete(UUID id, Instant now, int storeCount, byte[] csv, Instant finishedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (storeCount < 0) {
            throw new IllegalArgumentException("store count must not be negative: " + storeCount);
        }
        return context.run("completing report " + id, dsl -> dsl.update(STORE_REPORT)
                .set(STORE_REPORT.STATE, ReportState.COMPLETE.apiName())
                .set(STORE_REPORT.REPORT_NOW, utc(now))
                .set(STORE_REPORT.STORE_COUNT, storeCount)
                .set(STORE_REPORT.STORES_DONE, storeCount)
                .set(STORE_REPORT.STORES_TOTAL, storeCount)
                .set(STORE_REPORT.CSV, csv)
                .set(STORE_REPORT.FINISHED_AT, utc(finishedAt))
                .where(STORE_REPORT.REPORT_ID.eq(id), inState(ReportState.RUNNING))
                .execute()) == 1;
    }

    @Override
    public boolean fail(UUID id, String error, Instant finishedAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(finishedAt, "finishedAt");
        return context.run("failing report " + id, dsl -> dsl.update(STORE_REPORT)
                .set(STORE_REPORT.STATE, ReportState.FAILED.apiName())
                .set(STORE_REPORT.ERROR, error)
                .set(STORE_REPORT.FINISHED_AT, utc(finishedAt))
                .where(STORE_REPORT.REPORT_ID.eq(id), inState(ReportState.PENDING, ReportState.RUNNING))
                .execute()) == 1;
    }

    @Override
    public Optional<byte[]> csv(UUID id) {
        Objects.requireNonNull(id, "id");
        return context.run("reading the CSV of report " + id, dsl -> dsl.select(STORE_REPORT.CSV).from(STORE_REPORT)
                .where(STORE_REPORT.REPORT_ID.eq(id), inState(ReportState.COMPLETE))
                .fetchOptional(STORE_REPORT.CSV));
    }

    @Override
    public List<ReportRecord> unfinished() {
        return context.run("listing unfinished reports", dsl -> dsl.select(METADATA).from(STORE_REPORT)
                .where(inState(ReportState.PENDING, ReportState.RUNNING))
                .orderBy(javaUuidOrder(true))
                .fetch(JdbcReportRepository::toRecord));
    }

    @Override
    public int prune(ReportRetention retention, Instant now) {
        Objects.requireNonNull(retention, "retention");
        Condition finished = inState(ReportState.COMPLETE, ReportState.FAILED);
        // one statement: the rows beyond the newest maxCount finished ones, or finished before the cut-off
        return context.run("removing old reports", dsl -> dsl.deleteFrom(STORE_REPORT)
                .where(finished)
                .and(STORE_REPORT.FINISHED_AT.lt(utc(retention.cutoff(now)))
                        .or(STORE_REPORT.REPORT_ID.in(DSL.select(STORE_REPORT.REPORT_ID).from(STORE_REPORT)
                                .where(finished)
                                .orderBy(javaUuidOrder(false))
                                .offset(retention.maxCount()))))
                .execute());
    }

    private static Condition inState(ReportState... states) {
        return STORE_REPORT.STATE.in(java.util.Arrays.stream(states).map(ReportState::apiName).toList());
    }

    /**
     * Creation time, then id as {@link UUID#compareTo} orders them (signed longs, unlike PostgreSQL's byte
     * order), so that ties order the same as in the in-memory repository.
     */
    private static List<SortField<?>> javaUuidOrder(boolean ascending) {
        Field<Boolean> nonNegative = DSL.field(STORE_REPORT.REPORT_ID.lt(SIGN_BIT));
        return ascending
                ? List.of(STORE_REPORT.CREATED_AT.asc(), nonNegative.asc(), STORE_REPORT.REPORT_ID.asc())
                : List.of(STORE_REPORT.CREATED_AT.desc(), nonNegative.desc(), STORE_REPORT.REPORT_ID.desc());
    }

    private static ReportRecord toRecord(Record r) {
        ReportOptions options = new ReportOptions(Duration.parse(r.get(STORE_REPORT.LOOKBACK)),
                Extrapolation.parse(r.get(STORE_REPORT.EXTRAPOLATION)));
        return new ReportRecord(
                r.get(STORE_REPORT.REPORT_ID),
                ReportState.parse(r.get(STORE_REPORT.STATE)),
                instant(r.get(STORE_REPORT.CREATED_AT)),
                instant(r.get(STORE_REPORT.STARTED_AT)),
                instant(r.get(STORE_REPORT.FINISHED_AT)),
                instant(r.get(STORE_REPORT.REQUESTED_NOW)),
                instant(r.get(STORE_REPORT.REPORT_NOW)),
                options,
                windows(r.get(STORE_REPORT.REPORT_WINDOWS)),
                r.get(STORE_REPORT.STORES_DONE),
                r.get(STORE_REPORT.STORES_TOTAL),
                r.get(STORE_REPORT.STORE_COUNT),
                r.get(STORE_REPORT.ERROR));
    }

    private static @Nullable String windowsColumn(List<ReportWindow> windows) {
        return windows.isEmpty() ? null
                : windows.stream().map(ReportWindow::text).collect(Collectors.joining(WINDOW_SEPARATOR));
    }

    private static List<ReportWindow> windows(@Nullable String column) {
        return column == null ? List.of() : ReportWindow.parseAll(List.of(column.split(WINDOW_SEPARATOR)));
    }

    static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
