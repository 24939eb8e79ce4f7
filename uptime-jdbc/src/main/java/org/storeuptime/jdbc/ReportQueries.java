package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.storeuptime.core.PollBuffer;
import org.storeuptime.core.TimeInterval;

/**
 * The SQL of a database report ({@link JdbcReportSource}): plain statements with the schema quoted as an
 * identifier, for binary COPY where they stream, and the "C" order of store ids they come in.
 */
final class ReportQueries {

    private final String schema;

    /** @param schema the schema, already quoted as an identifier */
    ReportQueries(String schema) {
        this.schema = schema;
    }

    /**
     * The stores' time zones, one row per zone with its stores, for a binary COPY: a few dozen rows instead of a
     * row per store, and each zone looked up once.
     */
    String zonesQuery() {
        return "select timezone_str, array_agg(store_id) from " + schema + ".store_timezone group by timezone_str";
    }

    /**
     * The business hours, one row per store with its days, starts and ends as three arrays, for a binary COPY,
     * which sends a {@code time} as the microseconds of the day PostgreSQL stores (24:00:00, an end of "24:00",
     * as a whole day) and a {@code smallint} as 2 bytes: nothing to parse here. A row per store rather than per
     * period (about 8 per store): the messages of a COPY, each handled on its own by the driver, cost this side
     * more than the grouping costs the server (an aggregate over the primary key, in its order).
     */
    String hoursQuery() {
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
    String storeIdsQuery(boolean summaryFresh, boolean profileTables) {
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
                    ids.sort(ReportQueries::compareInCollationC);
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

    /**
     * The polls of a report's range from the stores' poll digests ({@code store_poll_digest}, see
     * {@link PollDigestTable}), in the form of {@link #pollQuery}: one primary key probe per store of the summary
     * with polls in or after the range, reading the kept polls that end a run (from the partial index of the run ends)
     * and, near the windows' edges ({@code bucketEnds}, {@link org.storeuptime.core.PollDigest#bucketEndRanges}),
     * those that end a bucket (from the key); the arrays are in time order within each part, and the reader sorts
     * them ({@link PollBuffer#sortByTime()}). A store whose live batches are not folded into its digest yet
     * ({@code store_poll_digest_pending}) gives its raw polls of the range instead. The
     * digest is a plain table on TimescaleDB too: it holds a few percent of the polls, and its probes read only the
     * range's kept polls, whatever the length of the history.
     *
     * <p>{@code pending}: whether the report's snapshot holds pending extents at all. Usually it holds none (the
     * report folded them just before), and the query leaves the per-store test out: evaluated for every kept row, it
     * cost a third of a year's query (measured: 170 against 100 ms for 4,500 stores).
     */
    String digestQuery(Instant from, Instant to, List<TimeInterval> bucketEnds, boolean pending) {
        String digest = schema + ".store_poll_digest where store_id = s.store_id and timestamp_utc between ";
        StringBuilder kept = new StringBuilder("select timestamp_utc, active from " + digest + literal(from) + " and "
                + literal(to));
        // bucket ends read over the whole range (a short report): every kept poll, in one probe
        boolean whole = bucketEnds.size() == 1 && !bucketEnds.get(0).start().isAfter(from)
                && !bucketEnds.get(0).end().isBefore(to);
        if (!whole) {
            kept.append(" and run_end");
            for (TimeInterval edge : bucketEnds) {
                Instant a = edge.start().isBefore(from) ? from : edge.start();
                Instant b = edge.end().isAfter(to) ? to : edge.end();
                if (!b.isBefore(a)) {
                    kept.append(" union all select timestamp_utc, active from ").append(digest).append(literal(a))
                            .append(" and ").append(literal(b)).append(" and not run_end");
                }
            }
        }
        String rows;
        if (pending) {
            // a store with live batches not folded into its digest yet: its raw polls of the range
            String pendingFor = "exists (select 1 from " + schema + ".store_poll_digest_pending w where w.store_id"
                    + " = s.store_id)";
            rows = "select * from (" + kept + ") d where not " + pendingFor
                    + " union all select timestamp_utc, status = 'active' from " + schema + ".store_status where "
                    + pendingFor + " and store_id = s.store_id and timestamp_utc between " + literal(from) + " and "
                    + literal(to);
        } else {
            rows = kept.toString();
        }
        return "select s.store_id, p.times, p.active from " + schema + ".store_poll_summary s"
                + " cross join lateral (select array_agg(timestamp_utc) times, array_agg(active) active from ("
                + rows + ") k) p"
                + " where s.latest_poll >= " + literal(from) + " and p.times is not null"
                + " order by s.store_id";
    }

    /** Whether the table named by parameter 1 has child tables, as an SQL expression. */
    static final String CHUNKED =
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
}
