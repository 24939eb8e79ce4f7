package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UptimeSchemaTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension(false);

    private DSLContext dsl() {
        return DSL.using(DB.dataSource(), SQLDialect.POSTGRES);
    }

    private List<String> tables(String schema) {
        return dsl().select(DSL.field(DSL.name("table_name"), String.class))
                .from(DSL.table(DSL.name("information_schema", "tables")))
                .where(DSL.field(DSL.name("table_schema"), String.class).eq(schema))
                .orderBy(DSL.field(DSL.name("table_name")))
                .fetch(r -> r.value1());
    }

    private void dropAfter(String schema, Runnable test) {
        try {
            test.run();
        } finally {
            dsl().dropSchemaIfExists(DSL.name(schema)).cascade().execute();
        }
    }

    @Test
    void migrationCreatesTheTablesInTheGivenSchemaAndASecondRunIsANoOp() {
        UptimeDatabase db = DB.uptimeDatabase();
        assertThat(db.migrate()).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(tables(DB.schema())).containsExactly("scheduled_tasks", "store", "store_business_hour",
                "store_closure", "store_poll_digest", "store_poll_digest_pending", "store_poll_digest_state",
                "store_poll_summary",
                "store_poll_summary_state", "store_report", "store_status", "store_timezone",
                "uptime_schema_history");
        int historyRows = dsl().fetchCount(DSL.table(DSL.name(DB.schema(), UptimeSchema.HISTORY_TABLE)));

        assertThat(db.migrate()).isEmpty();
        assertThat(dsl().fetchCount(DSL.table(DSL.name(DB.schema(), UptimeSchema.HISTORY_TABLE)))).isEqualTo(historyRows);
        assertThat(UptimeSchema.latestVersion()).isEqualTo(7);
    }

    @Test
    void missingSchemaWithAnAwkwardNameIsCreatedAndNothingLeaksIntoPublic() {
        String schema = "Uptime \"Reports\" " + DatabaseSchemaExtension.newSchemaName();
        List<String> publicBefore = tables("public");
        dropAfter(schema, () -> {
            assertThat(UptimeSchema.migrate(DB.dataSource(), schema)).containsExactly(1, 2, 3, 4, 5, 6, 7);
            assertThat(tables(schema)).contains("store_status", "store_report");
            assertThat(tables("public")).isEqualTo(publicBefore);
            assertThat(UptimeSchema.migrate(DB.dataSource(), schema)).isEmpty();
        });
    }

    @Test
    void concurrentMigrationsApplyEachScriptOnce() throws Exception {
        String schema = DatabaseSchemaExtension.newSchemaName();
        dropAfter(schema, () -> {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                CountDownLatch start = new CountDownLatch(1);
                Callable<List<Integer>> migrate = () -> {
                    start.await();
                    return UptimeSchema.migrate(DB.dataSource(), schema);
                };
                List<Future<List<Integer>>> results = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    results.add(pool.submit(migrate));
                }
                start.countDown();
                List<Integer> applied = new ArrayList<>();
                for (Future<List<Integer>> f : results) {
                    applied.addAll(f.get());
                }
                assertThat(applied).containsExactly(1, 2, 3, 4, 5, 6, 7);
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                pool.shutdownNow();
            }
        });
    }

    @Test
    void connectionSearchPathIsLeftAlone() throws Exception {
        String schema = DatabaseSchemaExtension.newSchemaName();
        dropAfter(schema, () -> {
            try (var connection = DB.dataSource().getConnection()) {
                DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
                String before = dsl.fetchValue(DSL.field("current_setting('search_path')", String.class));
                UptimeSchema.migrate(new SingleConnectionDataSource(connection), schema);
                assertThat(dsl.fetchValue(DSL.field("current_setting('search_path')", String.class))).isEqualTo(before);
                assertThat(connection.getAutoCommit()).isTrue();
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void scriptListMatchesTheShippedFiles() throws IOException {
        Path dir = Path.of("src/main/resources", UptimeSchema.SCRIPT_LOCATION);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(UptimeSchema.SCRIPTS);
        }
        assertThat(UptimeSchema.scripts()).extracting(UptimeSchema.Script::version).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    /**
     * With {@value TestDatabase#EXPECT_TIMESCALE_VARIABLE}{@code =true} (the TimescaleDB leg of {@code .ci/run}) a
     * database without the extension fails here instead of quietly testing plain PostgreSQL again.
     */
    @Test
    void pollsAreAHypertableExactlyWhenTimescaleIsInstalled() {
        UptimeDatabase db = DB.uptimeDatabase();
        db.migrate();
        boolean timescale = db.timescaleAvailable();
        boolean extensionRow = dsl().fetchExists(DSL.selectOne().from(DSL.table(DSL.name("pg_catalog", "pg_extension")))
                .where(DSL.field(DSL.name("extname"), String.class).eq("timescaledb")));
        assertThat(timescale).isEqualTo(extensionRow);
        if (TestDatabase.timescaleExpected()) {
            assertThat(timescale).as(TestDatabase.EXPECT_TIMESCALE_VARIABLE + "=true, but the test database ("
                    + DB.database().origin() + ") has no timescaledb extension").isTrue();
        }
        if (timescale) {
            boolean hypertable = dsl().fetchExists(DSL.selectOne()
                    .from(DSL.table(DSL.name("timescaledb_information", "hypertables")))
                    .where(DSL.field(DSL.name("hypertable_schema"), String.class).eq(DB.schema()),
                            DSL.field(DSL.name("hypertable_name"), String.class).eq("store_status")));
            assertThat(hypertable).as("store_status is a hypertable").isTrue();
            String version = dsl().fetchOne("select extversion from pg_catalog.pg_extension where extname = 'timescaledb'")
                    .get(0, String.class);
            // .ci/run shows this line from the TimescaleDB leg's output.
            System.out.println("[timescaledb] store_status in schema " + DB.schema() + " is a hypertable: " + hypertable
                    + " (timescaledb " + version + ")");
        } else {
            // Plain PostgreSQL: an ordinary table with the primary key the reports rely on, and no other index
            // for imports to maintain.
            String kind = dsl().select(DSL.field(DSL.name("c", "relkind"), String.class))
                    .from(DSL.table(DSL.name("pg_catalog", "pg_class")).as("c"))
                    .join(DSL.table(DSL.name("pg_catalog", "pg_namespace")).as("n"))
                    .on(DSL.field(DSL.name("n", "oid")).eq(DSL.field(DSL.name("c", "relnamespace"))))
                    .where(DSL.field(DSL.name("n", "nspname"), String.class).eq(DB.schema()),
                            DSL.field(DSL.name("c", "relname"), String.class).eq("store_status"))
                    .fetchOne(r -> r.value1());
            assertThat(kind).isEqualTo("r");
            List<String> indexes = dsl().select(DSL.field(DSL.name("indexname"), String.class))
                    .from(DSL.table(DSL.name("pg_catalog", "pg_indexes")))
                    .where(DSL.field(DSL.name("schemaname"), String.class).eq(DB.schema()),
                            DSL.field(DSL.name("tablename"), String.class).eq("store_status"))
                    .fetch(r -> r.value1());
            assertThat(indexes).containsExactly("store_status_pk");
        }
    }
}
