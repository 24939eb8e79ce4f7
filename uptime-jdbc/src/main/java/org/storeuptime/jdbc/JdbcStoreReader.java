package org.storeuptime.jdbc;

import static org.storeuptime.jdbc.schema.Tables.STORE;
import static org.storeuptime.jdbc.schema.Tables.STORE_BUSINESS_HOUR;
import static org.storeuptime.jdbc.schema.Tables.STORE_POLL_SUMMARY;
import static org.storeuptime.jdbc.schema.Tables.STORE_POLL_SUMMARY_STATE;
import static org.storeuptime.jdbc.schema.Tables.STORE_STATUS;
import static org.storeuptime.jdbc.schema.Tables.STORE_TIMEZONE;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.storeuptime.core.BusinessHours;
import org.storeuptime.core.Closure;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.PollBuffer;
import org.storeuptime.core.PollSeries;
import org.storeuptime.core.PollStatus;
import org.storeuptime.core.Store;
import org.storeuptime.core.StorePage;
import org.storeuptime.core.StoreProfile;
import org.storeuptime.core.StoreReader;
import org.storeuptime.core.StoreSummary;

/**
 * A {@link StoreReader} on the database: one store's zone, hours and polls by primary key (a few index probes,
 * milliseconds whatever the table sizes), and the store listing from the {@code store} table (which every import
 * fills with the ids of all three files) in primary key order.
 *
 * <p>Why the listing's filter is {@code strpos(lower(store_id), ...)} and not an index: a substring can only
 * use a trigram index (pg_trgm, an extension we do not require). The {@code store} table holds one short row
 * per store, so the filter reads a few hundred kilobytes for thousands of stores; the page itself then comes in
 * primary key order without a sort. {@code lower()} on the "C" collation folds ASCII letters only, and the
 * in-memory reader does the same.
 */
final class JdbcStoreReader implements StoreReader {

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final SchemaContext context;
    private final JdbcReportSource reportSource;

    JdbcStoreReader(SchemaContext context) {
        this.context = Objects.requireNonNull(context, "context");
        // the latest poll comes from the per-store summary the import keeps, as the report's default now does
        this.reportSource = new JdbcReportSource(context, Optional.empty(), false);
    }

    @Override
    public Optional<StoreProfile> profile(String storeId) {
        Objects.requireNonNull(storeId, "storeId");
        return context.run("reading store '" + storeId + "'", dsl -> {
            // zone and hours in one round trip: a row per business-hours row, or one row of nulls without any
            Field<String> zoneName = DSL.field(DSL.select(STORE_TIMEZONE.TIMEZONE_STR).from(STORE_TIMEZONE)
                    .where(STORE_TIMEZONE.STORE_ID.eq(storeId)));
            Result<Record4<String, Short, Long, Long>> rows = dsl
                    .select(zoneName, STORE_BUSINESS_HOUR.DAY_OF_WEEK, micros(STORE_BUSINESS_HOUR.START_TIME_LOCAL),
                            micros(STORE_BUSINESS_HOUR.END_TIME_LOCAL))
                    .from(DSL.selectOne().asTable("one"))
                    .leftJoin(STORE_BUSINESS_HOUR).on(STORE_BUSINESS_HOUR.STORE_ID.eq(storeId))
                    .orderBy(STORE_BUSINESS_HOUR.DAY_OF_WEEK, STORE_BUSINESS_HOUR.START_TIME_LOCAL,
                            STORE_BUSINESS_HOUR.END_TIME_LOCAL)
                    .fetch();
            String zoneId = rows.get(0).value1();
            List<OpeningPeriod> periods = new ArrayList<>();
            for (Record4<String, Short, Long, Long> row : rows) {
                if (row.value2() != null) {
                    periods.add(period(row));
                }
            }
            if (zoneId == null && periods.isEmpty() && !known(dsl, storeId)) {
                return Optional.empty();
            }
            ZoneId zone = zoneId == null ? Store.DEFAULT_ZONE : zone(storeId, zoneId);
            return Optional.of(new StoreProfile(Store.of(storeId, zone, BusinessHours.of(periods)), zoneId == null));
        });
    }

    /** Whether a store without zone and hours appears in the store list or has polls. */
    private static boolean known(DSLContext dsl, String storeId) {
        return dsl.fetchExists(DSL.selectOne().from(STORE).where(STORE.STORE_ID.eq(storeId)))
                || dsl.fetchExists(DSL.selectOne().from(STORE_STATUS).where(STORE_STATUS.STORE_ID.eq(storeId)));
    }

    /** Times as microseconds of the day: PostgreSQL's 24:00:00 end is a whole day. */
    private static Field<Long> micros(Field<LocalTime> time) {
        return DSL.field("cast(extract(epoch from {0}) * 1000000 as bigint)", Long.class, time);
    }

    private static OpeningPeriod period(Record4<String, Short, Long, Long> row) {
        long end = row.value4();
        return OpeningPeriod.of(row.value2(), time(row.value3()), end == MICROS_PER_DAY ? LocalTime.MAX : time(end));
    }

    private static LocalTime time(long micros) {
        return LocalTime.ofNanoOfDay(micros % MICROS_PER_DAY * 1000);
    }

    private static ZoneId zone(String storeId, String zoneName) {
        try {
            return ZoneId.of(zoneName.strip());
        } catch (DateTimeException e) {
            throw new StoredDataException("store_timezone", "store '" + storeId + "' has an unknown time zone '" + zoneName
                    + "' in table store_timezone: " + e.getMessage(), e);
        }
    }

    @Override
    public PollSeries polls(String storeId, Instant from, Instant to) {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return context.run("reading the polls of store '" + storeId + "'", dsl -> {
            PollBuffer series = new PollBuffer(256);
            for (Record2<OffsetDateTime, String> row : dsl.select(STORE_STATUS.TIMESTAMP_UTC, STORE_STATUS.STATUS)
                    .from(STORE_STATUS)
                    .where(STORE_STATUS.STORE_ID.eq(storeId))
                    .and(STORE_STATUS.TIMESTAMP_UTC.between(utc(from), utc(to)))
                    .orderBy(STORE_STATUS.TIMESTAMP_UTC)
                    .fetch()) {
                series.add(row.value1().toInstant(), PollStatus.parse(row.value2()));
            }
            return series;
        });
    }

    @Override
    public List<Closure> closures(String storeId) {
        Objects.requireNonNull(storeId, "storeId");
        try (Connection connection = context.dataSource().getConnection()) {
            return StoredClosures.read(connection, context.quotedSchema(), storeId);
        } catch (SQLException e) {
            throw context.failure("reading the planned closures of store '" + storeId + "'", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public Optional<Instant> latestPollTime() {
        return reportSource.latestPollTime();
    }

    @Override
    public Optional<Instant> lastPoll(String storeId) {
        Objects.requireNonNull(storeId, "storeId");
        return context.run("reading the last poll of store '" + storeId + "'",
                dsl -> Optional.ofNullable(lastPolls(dsl, List.of(storeId)).get(storeId)));
    }

    /**
     * The stores' last polls, from the poll summary that the import, the live writers and the prune keep in their
     * own transactions, so that the cost does not grow with history. When something else wrote polls (the
     * summary says it is stale, until the next report rebuilds it) they come from the polls themselves.
     */
    private static Map<String, Instant> lastPolls(DSLContext dsl, List<String> ids) {
        Map<String, Instant> last = new HashMap<>();
        if (ids.isEmpty()) {
            return last;
        }
        Boolean stale = dsl.select(STORE_POLL_SUMMARY_STATE.STALE).from(STORE_POLL_SUMMARY_STATE)
                .fetchOne(STORE_POLL_SUMMARY_STATE.STALE);
        if (Boolean.FALSE.equals(stale)) {
            dsl.select(STORE_POLL_SUMMARY.STORE_ID, STORE_POLL_SUMMARY.LATEST_POLL)
                    .from(STORE_POLL_SUMMARY)
                    .where(STORE_POLL_SUMMARY.STORE_ID.in(ids))
                    .forEach(r -> last.put(r.value1(), r.value2().toInstant()));
        } else {
            dsl.select(STORE_STATUS.STORE_ID, DSL.max(STORE_STATUS.TIMESTAMP_UTC))
                    .from(STORE_STATUS)
                    .where(STORE_STATUS.STORE_ID.in(ids))
                    .groupBy(STORE_STATUS.STORE_ID)
                    .forEach(r -> last.put(r.value1(), r.value2().toInstant()));
        }
        return last;
    }

    @Override
    public StorePage list(String idContains, int limit, int offset, Instant pollsFrom, Instant pollsTo) {
        StorePage.checkPaging(limit, offset);
        Objects.requireNonNull(pollsFrom, "pollsFrom");
        Objects.requireNonNull(pollsTo, "pollsTo");
        String needle = idContains == null ? "" : asciiLowerCase(idContains.strip());
        Condition matches = needle.isEmpty() ? DSL.noCondition()
                : DSL.position(DSL.lower(STORE.STORE_ID), DSL.val(needle)).gt(0);
        return context.run("listing stores", dsl -> {
            long total = dsl.fetchCount(STORE, matches);
            var rows = dsl.select(STORE.STORE_ID, STORE_TIMEZONE.TIMEZONE_STR)
                    .from(STORE)
                    .leftJoin(STORE_TIMEZONE).on(STORE_TIMEZONE.STORE_ID.eq(STORE.STORE_ID))
                    .where(matches)
                    .orderBy(STORE.STORE_ID)
                    .limit(limit)
                    .offset(offset)
                    .fetch();
            List<String> ids = rows.getValues(STORE.STORE_ID);
            Map<String, Long> counts = new HashMap<>();
            if (!ids.isEmpty()) {
                Field<Integer> count = DSL.count();
                // one index range per listed store: the primary key is (store_id, timestamp_utc)
                dsl.select(STORE_STATUS.STORE_ID, count)
                        .from(STORE_STATUS)
                        .where(STORE_STATUS.STORE_ID.in(ids))
                        .and(STORE_STATUS.TIMESTAMP_UTC.between(utc(pollsFrom), utc(pollsTo)))
                        .groupBy(STORE_STATUS.STORE_ID)
                        .fetch()
                        .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
            }
            Map<String, Instant> lastPolls = lastPolls(dsl, ids);
            List<StoreSummary> stores = new ArrayList<>(ids.size());
            for (var row : rows) {
                String id = row.value1();
                String zoneName = row.value2();
                stores.add(new StoreSummary(id, zoneName == null ? Store.DEFAULT_ZONE : zone(id, zoneName),
                        zoneName == null, counts.getOrDefault(id, 0L), lastPolls.get(id)));
            }
            return new StorePage(Math.max(total, stores.size()), stores);
        });
    }

    /** Lower case of ASCII letters only, as {@code lower()} does in the "C" collation of the id columns. */
    private static String asciiLowerCase(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }
}
