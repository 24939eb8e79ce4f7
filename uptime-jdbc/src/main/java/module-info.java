/**
 * Store Uptime on PostgreSQL (TimescaleDB when installed): the versioned schema, the COPY import, the streaming
 * report source, the store views, retention and the report repository, all reached through
 * {@link org.storeuptime.jdbc.UptimeDatabase}.
 *
 * <p>Only {@code org.storeuptime.jdbc} is exported. The jOOQ classes generated from the migration scripts
 * ({@code org.storeuptime.jdbc.schema..}) are internal; they are opened to jOOQ alone, which creates their
 * records reflectively.
 */
module org.storeuptime.jdbc {
    requires transitive org.storeuptime.core;
    requires transitive java.sql;
    requires org.jooq;
    requires org.postgresql.jdbc;
    // jOOQ's settings classes carry JAXB annotations; compiler and Javadoc read them, nothing does at run time
    requires static jakarta.xml.bind;
    // nullness annotations (@NullMarked, @Nullable): read by the compiler and tools, not needed at run time
    requires static org.jspecify;

    exports org.storeuptime.jdbc;

    opens org.storeuptime.jdbc.schema to org.jooq;
    opens org.storeuptime.jdbc.schema.tables to org.jooq;
    opens org.storeuptime.jdbc.schema.tables.records to org.jooq;
}
