package org.storeuptime.jdbc;

import static org.storeuptime.jdbc.schema.Tables.STORE;
import static org.storeuptime.jdbc.schema.Tables.STORE_BUSINESS_HOUR;
import static org.storeuptime.jdbc.schema.Tables.STORE_STATUS;
import static org.storeuptime.jdbc.schema.Tables.STORE_TIMEZONE;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Collation;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.storeuptime.core.BusinessHours;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.PollSeries;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.Store;
import org.storeuptime.core.UptimeException;
import org.storeuptime.jdbc.schema.tables.StoreStatus;

/**
 * A {@link ReportSource} reading the database: the stores' zones and hours (small) are loaded once per report,
 * the polls stream through a server-side cursor ordered by store and time, so a report never holds more than
 * one store's polls. Everything is read in one read-only, repeatable-read transaction: one consistent
 * snapshot even while an import runs.
 */
public final class JdbcReportSource implements ReportSource {

    /** Rows per round trip of the cursor: large enough to stream fast, small enough for a small heap. */
    static final int FETCH_SIZE = 10_000;
    /** Byte order, the order of the polls' primary key; see the migration script. */
    private static final Collation BYTE_ORDER = DSL.collation(DSL.name("C"));
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final SchemaContext context;

    JdbcReportSource(SchemaContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Optional<Instant> latestPollTime() {
        OffsetDateTime latest = context.run("reading the latest poll time",
                dsl -> dsl.select(DSL.max(STORE_STATUS.TIMESTAMP_UTC)).from(STORE_STATUS).fetchOne().value1());
        return Optional.ofNullable(latest).map(OffsetDateTime::toInstant);
    }

    @Override
    public int storeCount() {
        return context.run("counting stores",
                dsl -> dsl.fetchCount(storeIds(dsl)));
    }

    /** Every store id of any table, each once. */
    private static Select<Record1<String>> storeIds(DSLContext dsl) {
        // The polls' store ids by a loose index scan of the primary key: one probe per store instead of
        // reading every poll (about five times faster on 2 million polls).
        Name pollStores = DSL.name("poll_stores");
        Field<String> pollStore = DSL.field(DSL.name("poll_stores", "store_id"), SQLDataType.VARCHAR);
        StoreStatus later = STORE_STATUS.as("later");
        CommonTableExpression<Record1<String>> distinctPollStores = pollStores.fields("store_id").as(
                DSL.select(DSL.min(STORE_STATUS.STORE_ID)).from(STORE_STATUS)
                        .unionAll(DSL.select(DSL.field(DSL.select(DSL.min(later.STORE_ID)).from(later)
                                        .where(later.STORE_ID.gt(pollStore))))
                                .from(DSL.table(pollStores))
                                .where(pollStore.isNotNull())));
        return dsl.withRecursive(distinctPollStores)
                .select(pollStore).from(distinctPollStores).where(pollStore.isNotNull())
                .union(dsl.select(STORE.STORE_ID).from(STORE))
                .union(dsl.select(STORE_TIMEZONE.STORE_ID).from(STORE_TIMEZONE))
                .union(dsl.select(STORE_BUSINESS_HOUR.STORE_ID).from(STORE_BUSINESS_HOUR));
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
            // A cursor needs a transaction; the caller's pooled connection gets its settings back afterwards.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                stream(context.dsl(connection), from, to, consumer);
            } finally {
                connection.rollback();
                connection.setTransactionIsolation(isolation);
                connection.setReadOnly(readOnly);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException | DataAccessException e) {
            throw context.failure("reading stores and polls", e);
        }
    }

    private void stream(DSLContext dsl, Instant from, Instant to, StoreConsumer consumer) throws SQLException {
        Map<String, ZoneId> zones = loadZones(dsl);
        Map<String, BusinessHours> hours = loadHours(dsl);
        List<String> ids = dsl.select(DSL.field(DSL.name("store_id"), SQLDataType.VARCHAR))
                .from(storeIds(dsl).asTable("ids"))
                .orderBy(DSL.field(DSL.name("store_id"), SQLDataType.VARCHAR).collate(BYTE_ORDER))
                .fetch(Record1::value1);

        // Epoch microseconds computed by the server: exact, independent of the session's time zone, and a
        // long is much cheaper to read than a timestamp.
        Field<Long> micros = DSL.extract(STORE_STATUS.TIMESTAMP_UTC, org.jooq.DatePart.EPOCH)
                .mul(DSL.inline(MICROS_PER_SECOND)).cast(SQLDataType.BIGINT);
        Field<Boolean> active = STORE_STATUS.STATUS.eq("active");
        PollSeries series = new PollSeries(1024);
        int next = 0;
        try (ResultSet rows = dsl.select(STORE_STATUS.STORE_ID, micros, DSL.field(active))
                .from(STORE_STATUS)
                .where(STORE_STATUS.TIMESTAMP_UTC.between(JdbcReportRepository.utc(from), JdbcReportRepository.utc(to)))
                .orderBy(STORE_STATUS.STORE_ID.collate(BYTE_ORDER), STORE_STATUS.TIMESTAMP_UTC)
                .fetchSize(FETCH_SIZE)
                .fetchResultSet()) {
            String current = null;
            while (rows.next()) {
                String storeId = rows.getString(1);
                if (!storeId.equals(current)) {
                    if (current != null) {
                        consumer.accept(store(current, zones, hours), series);
                        next++;
                    }
                    // Both lists are in the same order, so stores before this one have no polls in range.
                    while (next < ids.size() && !ids.get(next).equals(storeId)) {
                        series.clear();
                        consumer.accept(store(ids.get(next), zones, hours), series);
                        next++;
                    }
                    if (next == ids.size()) {
                        throw new UptimeException("store '" + storeId + "' of the polls is missing from the store list,"
                                + " or the database orders store ids differently from the \"C\" collation");
                    }
                    current = storeId;
                    series.clear();
                }
                series.add(rows.getLong(2), rows.getBoolean(3));
            }
            if (current != null) {
                consumer.accept(store(current, zones, hours), series);
                next++;
            }
        }
        while (next < ids.size()) {
            series.clear();
            consumer.accept(store(ids.get(next), zones, hours), series);
            next++;
        }
    }

    private static Store store(String id, Map<String, ZoneId> zones, Map<String, BusinessHours> hours) {
        return Store.of(id, zones.getOrDefault(id, Store.DEFAULT_ZONE), hours.getOrDefault(id, BusinessHours.alwaysOpen()));
    }

    private static Map<String, ZoneId> loadZones(DSLContext dsl) {
        Map<String, ZoneId> zones = new HashMap<>();
        Map<String, ZoneId> known = new HashMap<>();
        dsl.select(STORE_TIMEZONE.STORE_ID, STORE_TIMEZONE.TIMEZONE_STR).from(STORE_TIMEZONE).fetchSize(FETCH_SIZE)
                .forEach(r -> zones.put(r.value1(), zone(r.value1(), r.value2(), known)));
        return zones;
    }

    private static ZoneId zone(String storeId, String zoneId, Map<String, ZoneId> known) {
        ZoneId zone = known.get(zoneId);
        if (zone == null) {
            try {
                zone = ZoneId.of(zoneId.strip());
            } catch (DateTimeException e) {
                throw new UptimeException("store '" + storeId + "' has an unknown time zone '" + zoneId
                        + "' in table store_timezone: " + e.getMessage(), e);
            }
            known.put(zoneId, zone);
        }
        return zone;
    }

    private static Map<String, BusinessHours> loadHours(DSLContext dsl) {
        Map<String, List<OpeningPeriod>> periods = new HashMap<>();
        // PostgreSQL's time 24:00:00 (an end of "24:00") reads as 00:00 in Java; it is the end of the day.
        Field<Boolean> endOfDay = DSL.field(DSL.extract(STORE_BUSINESS_HOUR.END_TIME_LOCAL, org.jooq.DatePart.HOUR).eq(24));
        dsl.select(STORE_BUSINESS_HOUR.STORE_ID, STORE_BUSINESS_HOUR.DAY_OF_WEEK, STORE_BUSINESS_HOUR.START_TIME_LOCAL,
                        STORE_BUSINESS_HOUR.END_TIME_LOCAL, endOfDay)
                .from(STORE_BUSINESS_HOUR)
                .orderBy(STORE_BUSINESS_HOUR.STORE_ID, STORE_BUSINESS_HOUR.DAY_OF_WEEK,
                        STORE_BUSINESS_HOUR.START_TIME_LOCAL, STORE_BUSINESS_HOUR.END_TIME_LOCAL)
                .fetchSize(FETCH_SIZE)
                .forEach(r -> periods.computeIfAbsent(r.value1(), id -> new ArrayList<>(4))
                        .add(OpeningPeriod.of(r.value2().intValue(), r.value3(),
                                Boolean.TRUE.equals(r.value5()) ? LocalTime.MAX : r.value4())));
        Map<String, BusinessHours> hours = new HashMap<>(periods.size() * 2);
        periods.forEach((id, list) -> hours.put(id, BusinessHours.of(list)));
        return hours;
    }
}
