package org.storeuptime.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.jdbc.schema.Public;

/**
 * The caller's {@link DataSource} and the schema our tables live in. The generated classes belong to schema
 * {@code public}; jOOQ's render mapping writes the caller's schema into every statement instead, so pooled
 * connections are used as they come and their {@code search_path} is never touched.
 */
final class SchemaContext {

    static {
        // jOOQ logs an ASCII logo and a "tip of the day" on first use: noise in the log of the host that embeds
        // this library. Both stay off unless the host set the properties itself (to "false" to see them).
        quietByDefault("org.jooq.no-logo");
        quietByDefault("org.jooq.no-tips");
    }

    private static void quietByDefault(String property) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, "true");
        }
    }

    private final DataSource dataSource;
    private final String schema;
    /**
     * Made on first use: the settings name the generated schema, whose loading pulls in much of jOOQ (a few hundred
     * classes, a fifth of a second in a fresh JVM), which the plain JDBC report path never needs.
     */
    private volatile Settings settings;

    SchemaContext(DataSource dataSource, String schema) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = validSchemaName(schema);
    }

    private Settings settings() {
        Settings made = settings;
        if (made == null) {
            made = new Settings()
                    .withRenderMapping(new RenderMapping().withSchemata(
                            new MappedSchema().withInput(Public.PUBLIC.getName()).withOutput(schema)))
                    .withExecuteLogging(false);
            settings = made; // threads racing here make equal settings: either will do
        }
        return made;
    }

    /** PostgreSQL's longest identifier, in bytes of the database encoding (UTF-8 here). */
    static final int MAX_NAME_BYTES = 63;

    /**
     * {@code schema} if PostgreSQL can hold it as a name: not blank, no NUL, at most {@value #MAX_NAME_BYTES} bytes
     * in UTF-8. PostgreSQL counts bytes, not characters, and silently truncates a longer name, so that two long
     * names could end up as one schema. Not a system schema either: PostgreSQL refuses to create {@code pg_*}
     * schemas, and tables created in {@code information_schema} are left out by {@code pg_dump}, so a backup
     * would silently lack them.
     */
    static String validSchemaName(String schema) {
        Objects.requireNonNull(schema, "schema");
        int bytes = schema.getBytes(StandardCharsets.UTF_8).length;
        if (schema.isBlank() || bytes > MAX_NAME_BYTES || schema.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("schema name must be 1 to " + MAX_NAME_BYTES
                    + " bytes in UTF-8, not blank and without NUL: '" + schema + "' has " + bytes + " bytes");
        }
        // Names are used quoted, so case matters as it does to PostgreSQL: "PG_x" is an ordinary schema.
        if (schema.startsWith(SYSTEM_PREFIX) || schema.equals(INFORMATION_SCHEMA)) {
            throw new IllegalArgumentException("schema name '" + schema + "' is reserved for PostgreSQL's system"
                    + " catalogs (" + SYSTEM_PREFIX + "* and " + INFORMATION_SCHEMA + "): choose another one");
        }
        return schema;
    }

    /** The prefix PostgreSQL reserves for its own schemas. */
    private static final String SYSTEM_PREFIX = "pg_";
    /** The SQL standard's catalog views; pg_dump leaves this schema out. */
    private static final String INFORMATION_SCHEMA = "information_schema";

    /** The schema as a quoted SQL identifier, for the plain SQL statements. */
    String quotedSchema() {
        return '"' + schema.replace("\"", "\"\"") + '"';
    }

    DataSource dataSource() {
        return dataSource;
    }

    String schema() {
        return schema;
    }

    /** A context that takes a connection from the data source for every statement. */
    DSLContext dsl() {
        return DSL.using(dataSource, SQLDialect.POSTGRES, settings());
    }

    /** A context on one connection the caller manages (transactions, cursors, COPY). */
    DSLContext dsl(Connection connection) {
        return DSL.using(connection, SQLDialect.POSTGRES, settings());
    }

    /** Runs {@code work}, turning jOOQ's database failures into the library's exception. */
    <T> T run(String action, Function<DSLContext, T> work) {
        try {
            return work.apply(dsl());
        } catch (DataAccessException e) {
            throw failure(action, e);
        }
    }

    /** {@code action} failed in this schema because of {@code cause}, with the driver's words for the log. */
    DatabaseException failure(String action, Exception cause) {
        return new DatabaseException(action + " (schema " + schema + ")",
                action + " failed (schema " + schema + "): " + cause.getMessage(), cause);
    }

    /**
     * The database failure {@code cause} as this adapter reports it, under {@code message}, transient or not as
     * {@link DatabaseException#of} decides from its SQLState.
     */
    static DatabaseException databaseFailure(String message, Throwable cause) {
        return new DatabaseException(message, cause);
    }
}
