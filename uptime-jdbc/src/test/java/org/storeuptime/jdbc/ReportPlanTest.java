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
 * The decisive plans of a report stay as designed (issue 8): no statement but the poll query reads
 * {@code store_status}, and the poll query reads only the report's range: on TimescaleDB no chunk outside it, on
 * plain PostgreSQL primary key probes and no sequential scan or full sort. 40 days of hourly polls of 150 stores,
 * in chunks of one day on TimescaleDB.
 */
class ReportPlanTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension(false);

    private static final Instant FIRST = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("2024-02-09T23:00:00Z");
    private static final Pattern RELATION = Pattern.compile("\"Relation Name\": \"([^\"]+)\"");
    private static final Pattern NODE = Pattern.compile("\"Node Type\": \"([^\"]+)\"");

    private static UptimeDatabase db;
    private static JdbcReportSource source;

    @BeforeAll
    static void hourlyPolls() throws SQLException {
        db = UptimeDatabase.builder(DB.dataSource()).schema(DB.schema()).chunkInterval(Duration.ofDays(1)).build();
        db.migrate();
        source = (JdbcReportSource) db.reportSource();
        try (Connection c = DB.dataSource().getConnection(); Statement s = c.createStatement()) {
            String schema = new SchemaContext(db.dataSource(), db.schema()).quotedSchema();
            s.execute("insert into " + schema + ".store_status select 'store-' || lpad(i::text, 4, '0'), t,"
                    + " case when (i + extract(hour from t)::int) % 7 = 0 then 'inactive' else 'active' end"
                    + " from generate_series(1, 150) i, generate_series(timestamptz '" + FIRST + "', timestamptz '"
                    + LAST + "', interval '1 hour') t");
            s.execute("insert into " + schema + ".store select 'store-' || lpad(i::text, 4, '0')"
                    + " from generate_series(1, 150) i");
            s.execute("analyze " + schema + ".store_status");
        }
        // the direct INSERT left the summary stale: the first read rebuilds it
        assertThat(source.latestPollTime()).contains(LAST);
        assertThat(source.storeCount()).isEqualTo(150);
    }

    private static String plan(String sql) throws SQLException {
        try (Connection c = DB.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("explain (format json) " + sql)) {
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
        for (String sql : List.of(source.latestPollQuery(true), source.storeIdsQuery(true))) {
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
            chunked = source.chunked(c);
        }
        assertThat(chunked).isEqualTo(db.timescaleAvailable());
        String plan = plan(source.pollQuery(from, to, true, chunked));
        List<String> relations = all(RELATION, plan);
        List<String> nodes = all(NODE, plan);
        assertThat(nodes).as(plan).doesNotContain("Seq Scan", "Sort", "Hash Join");
        if (chunked) {
            // Chunks of one day: those overlapping [from, to] (9), of the 40 there are.
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
            assertThat(chunks).isEqualTo(40);
            assertThat(inRange).hasSizeBetween(8, 10);
            assertThat(relations).as(plan).containsExactlyInAnyOrderElementsOf(inRange);
            assertThat(nodes).contains("Merge Append");
        } else {
            assertThat(relations).as(plan).containsOnly("store_poll_summary", "store_status");
            assertThat(plan).contains("\"Index Name\": \"store_status_pk\"");
            assertThat(nodes).contains("Nested Loop");
        }
    }
}
