package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The decisive plans of a report stay as designed: no statement but the poll query reads
 * {@code store_status}, and the poll query reads only the report's range: on TimescaleDB no chunk outside it, on
 * plain PostgreSQL primary key probes; on both from the primary key alone (index-only scans that fetch no table
 * page, V4) and without any sort. A year of hourly polls of 40 stores, in chunks of 7 days on TimescaleDB.
 */
class ReportPlanTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension(false);

    private static final Instant FIRST = Instant.parse("2023-10-15T00:00:00Z");
    private static final Instant LAST = Instant.parse("2024-10-14T23:00:00Z");
    private static final int STORES = 40;
    private static final Pattern RELATION = Pattern.compile("\"Relation Name\": \"([^\"]+)\"");
    private static final Pattern NODE = Pattern.compile("\"Node Type\": \"([^\"]+)\"");
    private static final Pattern HEAP_FETCHES = Pattern.compile("\"Heap Fetches\": (\\d+)");

    private static UptimeDatabase db;
    private static JdbcReportSource source;

    @BeforeAll
    static void hourlyPolls() throws SQLException {
        db = UptimeDatabase.builder(DB.dataSource()).schema(DB.schema()).chunkInterval(Duration.ofDays(7)).build();
        db.migrate();
        source = (JdbcReportSource) db.reportSource();
        try (Connection c = DB.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            SchemaContext context = new SchemaContext(db.dataSource(), db.schema());
            String schema = context.quotedSchema();
            s.execute("insert into " + schema + ".store_status select 'store-' || lpad(i::text, 4, '0'), t,"
                    + " case when (i + extract(hour from t)::int) % 7 = 0 then 'inactive' else 'active' end"
                    + " from generate_series(1, " + STORES + ") i, generate_series(timestamptz '" + FIRST + "', timestamptz '"
                    + LAST + "', interval '1 hour') t");
            s.execute("insert into " + schema + ".store select 'store-' || lpad(i::text, 4, '0')"
                    + " from generate_series(1, " + STORES + ") i");
            String xid = JdbcImporter.transactionId(c);
            c.commit();
            // What the import does after it commits, waiting for transactions older than this one if needed: the
            // visibility map lets the poll query skip the table.
            JdbcImporter.vacuumPolls(c, context, xid);
            c.setAutoCommit(true);
        }
        // the direct INSERT left the summary stale: the first read rebuilds it
        assertThat(source.latestPollTime()).contains(LAST);
        assertThat(source.storeCount()).isEqualTo(STORES);
    }

    private static String plan(String sql) throws SQLException {
        return explain("explain (format json) ", sql);
    }

    /** The plan as run, with its counts (such as the table pages an index-only scan had to fetch). */
    private static String planAsRun(String sql) throws SQLException {
        return explain("explain (analyze, format json) ", sql);
    }

    private static String explain(String explain, String sql) throws SQLException {
        try (Connection c = DB.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(explain + sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static List<String> all(Pattern pattern, String plan) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(plan);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void latestPollAndStoreListReadNoPolls() throws SQLException {
        for (String sql : List.of(source.queries().latestPollQuery(true), source.queries().storeIdsQuery(true))) {
            String plan = plan(sql);
            assertThat(all(RELATION, plan)).as(sql).isNotEmpty()
                    .noneMatch(r -> r.equals("store_status") || r.startsWith("_hyper_"));
        }
    }

    @Test
    void thePollQueryReadsOnlyTheReportsRange() throws SQLException {
        Instant to = LAST;
        Instant from = to.minus(Duration.ofDays(8));
        boolean chunked;
        try (Connection c = DB.dataSource().getConnection()) {
            chunked = source.queries().chunked(c);
        }
        assertThat(chunked).isEqualTo(db.timescaleAvailable());
        String plan = planAsRun(source.queries().pollQuery(from, to, true, chunked));
        List<String> relations = all(RELATION, plan);
        List<String> nodes = all(NODE, plan);
        assertThat(nodes).as(plan).doesNotContain("Seq Scan", "Bitmap Heap Scan", "Sort", "Incremental Sort",
                "Hash Join");
        // Every scan of polls (store_status or a chunk) reads the primary key alone, and no table page.
        long pollScans = relations.stream().filter(r -> !r.equals("store_poll_summary")).count();
        assertThat(nodes.stream().filter("Index Only Scan"::equals).count()).as(plan).isEqualTo(pollScans);
        assertThat(all(HEAP_FETCHES, plan)).as(plan).hasSize((int) pollScans).containsOnly("0");
        if (chunked) {
            // Chunks of 7 days: those overlapping [from, to] (2 or 3), of the 53 or so of a year.
            Set<String> inRange = new HashSet<>();
            int chunks = 0;
            try (Connection c = DB.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("select chunk_name, range_start < timestamptz '" + to + "'"
                            + " and range_end > timestamptz '" + from + "' from timescaledb_information.chunks"
                            + " where hypertable_schema = '" + DB.schema() + "' and hypertable_name = 'store_status'")) {
                while (rows.next()) {
                    chunks++;
                    if (rows.getBoolean(2)) {
                        inRange.add(rows.getString(1));
                    }
                }
            }
            assertThat(chunks).isBetween(53, 54);
            assertThat(inRange).hasSizeBetween(2, 3);
            assertThat(relations).as(plan).containsExactlyInAnyOrderElementsOf(inRange);
            assertThat(nodes).contains("Merge Append");
        } else {
            assertThat(relations).as(plan).containsOnly("store_poll_summary", "store_status");
            assertThat(plan).contains("\"Index Name\": \"store_status_pk\"");
            assertThat(nodes).contains("Nested Loop");
        }
    }
}
