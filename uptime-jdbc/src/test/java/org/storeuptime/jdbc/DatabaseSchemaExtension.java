package org.storeuptime.jdbc;

import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class its own fresh schema with a random name in the {@link TestDatabase} and drops it after
 * the class. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();
 * ... UptimeDatabase.builder(DB.dataSource()).schema(DB.schema()).build()
 * }</pre>
 */
public final class DatabaseSchemaExtension implements BeforeAllCallback, AfterAllCallback {

    private final boolean migrate;
    private TestDatabase database;
    private DataSource dataSource;
    private String schema;

    /** A schema with the uptime tables already migrated into it. */
    public DatabaseSchemaExtension() {
        this(true);
    }

    /** A schema, with or without the uptime tables. */
    public DatabaseSchemaExtension(boolean migrate) {
        this.migrate = migrate;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database = TestDatabase.get();
        dataSource = database.dataSource();
        schema = newSchemaName();
        DSL.using(dataSource, SQLDialect.POSTGRES).createSchema(DSL.name(schema)).execute();
        if (migrate) {
            UptimeSchema.migrate(dataSource, schema);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (schema != null) {
            DSL.using(dataSource, SQLDialect.POSTGRES).dropSchemaIfExists(DSL.name(schema)).cascade().execute();
        }
    }

    /** A random schema name that no other test uses. */
    public static String newSchemaName() {
        return "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    /** The test database. */
    public TestDatabase database() {
        return database;
    }

    /** A data source on the test database (session time zone {@value TestDatabase#SESSION_TIME_ZONE}). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** This class's schema. */
    public String schema() {
        return schema;
    }

    /** An {@link UptimeDatabase} on this class's schema. */
    public UptimeDatabase uptimeDatabase() {
        return UptimeDatabase.builder(dataSource).schema(schema).build();
    }
}
