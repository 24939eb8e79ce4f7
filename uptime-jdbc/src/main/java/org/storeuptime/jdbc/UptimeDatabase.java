package org.storeuptime.jdbc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.impl.DSL;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.StoreReader;
import org.storeuptime.core.reports.ReportRepository;

/**
 * The entry point of the PostgreSQL adapter: the caller's {@link DataSource} (pooled or not) and the schema
 * holding the tables.
 *
 * <pre>{@code
 * UptimeDatabase db = UptimeDatabase.builder(dataSource).schema("uptime").build();
 * db.migrate();
 * UptimeReport report = UptimeEngine.create().report(db.reportSource());
 * }</pre>
 *
 * <p>Statements name the schema explicitly; the connections' {@code search_path} is never changed.
 */
public final class UptimeDatabase {

    /** The schema used when none is given. */
    public static final String DEFAULT_SCHEMA = "public";

    private final SchemaContext context;
    private final Clock clock;

    private UptimeDatabase(Builder builder) {
        this.context = new SchemaContext(builder.dataSource, builder.schema);
        this.clock = builder.clock;
    }

    /** A builder for a database on {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The schema holding the tables. */
    public String schema() {
        return context.schema();
    }

    /** The caller's data source. */
    public DataSource dataSource() {
        return context.dataSource();
    }

    /**
     * Creates the schema if missing and applies the missing migration scripts; see
     * {@link UptimeSchema#migrate(DataSource, String)}.
     *
     * @return the versions applied now; empty when already up to date
     */
    public List<Integer> migrate() {
        return UptimeSchema.migrate(context.dataSource(), context.schema());
    }

    /** Whether the {@code timescaledb} extension is installed in this database (polls are then a hypertable). */
    public boolean timescaleAvailable() {
        return context.run("looking for the timescaledb extension", dsl -> dsl.fetchExists(
                DSL.selectOne().from(table(name("pg_catalog", "pg_extension")))
                        .where(field(name("extname"), String.class).eq("timescaledb"))));
    }

    /** The stores, zones, hours and polls of this schema as the source of reports; it streams the polls. */
    public ReportSource reportSource() {
        return new JdbcReportSource(context);
    }

    /**
     * One store's zone, hours and polls by primary key, and the store listing: what store views and the
     * {@code /stores} routes read.
     */
    public StoreReader storeReader() {
        return new JdbcStoreReader(context);
    }

    /** Reports' state and CSVs in this schema. */
    public ReportRepository reportRepository() {
        return new JdbcReportRepository(context);
    }

    /** Imports the input files into this schema (fast, idempotent, one transaction). */
    public JdbcImporter importer() {
        return new JdbcImporter(context, clock);
    }

    SchemaContext context() {
        return context;
    }

    /** Configures an {@link UptimeDatabase}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String schema = DEFAULT_SCHEMA;
        private Clock clock = Clock.systemUTC();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The schema holding the tables (default {@value UptimeDatabase#DEFAULT_SCHEMA}); any name, used as is. */
        public Builder schema(String schema) {
            this.schema = SchemaContext.validSchemaName(schema);
            return this;
        }

        /** The clock timing imports (default the system clock in UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The database. */
        public UptimeDatabase build() {
            return new UptimeDatabase(this);
        }
    }
}
