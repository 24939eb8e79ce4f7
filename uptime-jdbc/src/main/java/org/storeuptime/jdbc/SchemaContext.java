package org.storeuptime.jdbc;

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
import org.storeuptime.core.UptimeException;
import org.storeuptime.jdbc.schema.Public;

/**
 * The caller's {@link DataSource} and the schema our tables live in. The generated classes belong to schema
 * {@code public}; jOOQ's render mapping writes the caller's schema into every statement instead, so pooled
 * connections are used as they come and their {@code search_path} is never touched.
 */
final class SchemaContext {

    private final DataSource dataSource;
    private final String schema;
    private final Settings settings;

    SchemaContext(DataSource dataSource, String schema) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = validSchemaName(schema);
        this.settings = new Settings()
                .withRenderMapping(new RenderMapping().withSchemata(
                        new MappedSchema().withInput(Public.PUBLIC.getName()).withOutput(this.schema)))
                .withExecuteLogging(false);
    }

    static String validSchemaName(String schema) {
        Objects.requireNonNull(schema, "schema");
        if (schema.isBlank() || schema.length() > 63 || schema.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("schema name must be 1 to 63 characters without NUL: '" + schema + "'");
        }
        return schema;
    }

    DataSource dataSource() {
        return dataSource;
    }

    String schema() {
        return schema;
    }

    /** A context that takes a connection from the data source for every statement. */
    DSLContext dsl() {
        return DSL.using(dataSource, SQLDialect.POSTGRES, settings);
    }

    /** A context on one connection the caller manages (transactions, cursors, COPY). */
    DSLContext dsl(Connection connection) {
        return DSL.using(connection, SQLDialect.POSTGRES, settings);
    }

    /** Runs {@code work}, turning jOOQ's database failures into the library's exception. */
    <T> T run(String action, Function<DSLContext, T> work) {
        try {
            return work.apply(dsl());
        } catch (DataAccessException e) {
            throw failure(action, e);
        }
    }

    UptimeException failure(String action, Exception cause) {
        return new UptimeException(action + " failed (schema " + schema + "): " + cause.getMessage(), cause);
    }
}
