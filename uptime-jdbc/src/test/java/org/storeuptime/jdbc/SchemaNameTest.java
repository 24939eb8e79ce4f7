package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;

/** Any schema name PostgreSQL takes works, and only that one schema is ever meant. */
class SchemaNameTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension(false);

    private static final InputFiles EXAMPLES = InputFiles.inDirectory(
            SharedData.repositoryRoot().resolve("examples").resolve("data"));
    private static final List<String> CREATED = new ArrayList<>();

    @AfterAll
    static void dropSchemas() {
        for (String schema : CREATED) {
            DSL.using(DB.dataSource(), SQLDialect.POSTGRES).dropSchemaIfExists(DSL.name(schema)).cascade().execute();
        }
    }

    private static UptimeDatabase migrated(String schema) {
        CREATED.add(schema);
        UptimeDatabase db = UptimeDatabase.builder(DB.dataSource()).schema(schema).build();
        db.migrate();
        return db;
    }

    @Test
    void aSchemaNameWithPercentSignsImportsAndReports() {
        // '%s' and '%d' once reached String.format with the SQL and broke every database report
        UptimeDatabase db = migrated("100% %s %d " + DatabaseSchemaExtension.newSchemaName());
        db.importer().importFiles(EXAMPLES);
        UptimeEngine engine = UptimeEngine.create();
        assertThat(engine.report(db.reportSource()))
                .isEqualTo(engine.report(InputLoader.load(EXAMPLES, LoadOptions.LENIENT).data()));
    }

    @Test
    void theSchemaIsLookedUpByItsExactNameNotAsAPattern() {
        String name = DatabaseSchemaExtension.newSchemaName();
        UptimeDatabase real = migrated(name + "xa");
        assertThat(real.schemaVersion()).isEqualTo(UptimeSchema.latestVersion());
        // as LIKE patterns, both would match the schema above
        assertThat(UptimeDatabase.builder(DB.dataSource()).schema(name + "_a").build().schemaVersion()).isZero();
        assertThat(UptimeDatabase.builder(DB.dataSource()).schema(name + "%").build().schemaVersion()).isZero();
    }

    @Test
    void theLimitIsSixtyThreeBytesAsInPostgresqlNotSixtyThreeCharacters() {
        String twoByte = "é".repeat(32);
        assertThat(twoByte).hasSize(32);
        assertThatThrownBy(() -> UptimeDatabase.builder(DB.dataSource()).schema(twoByte))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 63 bytes").hasMessageContaining("has 64 bytes");

        // 63 bytes in 21 characters: accepted, and PostgreSQL keeps the whole name
        String longest = "€".repeat(21);
        UptimeDatabase db = migrated(longest);
        assertThat(DSL.using(DB.dataSource(), SQLDialect.POSTGRES).fetchExists(DSL.selectOne()
                .from(DSL.table(DSL.name("pg_catalog", "pg_namespace")))
                .where(DSL.field(DSL.name("nspname"), String.class).eq(longest)))).isTrue();
        assertThat(db.schemaVersion()).isEqualTo(UptimeSchema.latestVersion());
    }

    @Test
    void theSystemSchemasAreRefusedBeforeAnythingIsCreated() {
        // information_schema took the nine tables, which pg_dump then left out of every backup
        for (String reserved : List.of("information_schema", "pg_catalog", "pg_uptime", "pg_")) {
            assertThatThrownBy(() -> UptimeDatabase.builder(DB.dataSource()).schema(reserved))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("schema name '" + reserved + "' is reserved for PostgreSQL's system catalogs"
                            + " (pg_* and information_schema): choose another one");
        }
        // names are quoted, so only the exact lower-case names are PostgreSQL's
        UptimeDatabase db = migrated("PG_" + DatabaseSchemaExtension.newSchemaName());
        assertThat(db.schemaVersion()).isEqualTo(UptimeSchema.latestVersion());
        assertThatThrownBy(() -> UptimeSchema.migrate(DB.dataSource(), "information_schema"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
