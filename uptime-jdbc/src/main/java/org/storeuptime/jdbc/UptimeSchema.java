package org.storeuptime.jdbc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.DatabaseException;

/**
 * The database schema: versioned SQL scripts shipped in this jar under
 * {@code org/storeuptime/jdbc/migration/} (Flyway names, so a user may apply them with their own tool) and a
 * one-call migration that applies the missing ones.
 *
 * <pre>{@code
 * List<Integer> applied = UptimeSchema.migrate(dataSource, "uptime");
 * }</pre>
 */
public final class UptimeSchema {

    /** Where the scripts are on the class path. */
    public static final String SCRIPT_LOCATION = "org/storeuptime/jdbc/migration/";

    /** The scripts in version order; a test checks this against the files. */
    static final List<String> SCRIPTS = List.of("V1__uptime_schema.sql", "V2__db_scheduler.sql", "V3__poll_summary.sql",
            "V4__covering_poll_key.sql", "V5__store_closure.sql", "V6__report_windows.sql",
            "V7__poll_digest.sql");

    /** The setting V3 reads for the hypertable's chunk interval, e.g. {@code SET uptime.chunk_interval = '1 day'}. */
    public static final String CHUNK_INTERVAL_SETTING = "uptime.chunk_interval";

    /** The table in the caller's schema recording which versions were applied. */
    public static final String HISTORY_TABLE = "uptime_schema_history";

    private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    /** Namespace of the advisory lock key, so that other applications' locks do not collide with ours. */
    private static final long LOCK_NAMESPACE = 0x5570_7469_6d65L << 32;

    private UptimeSchema() {
    }

    /** One script: its version, description and content. */
    record Script(int version, String description, String fileName, String sql) {
        Script {
            Objects.requireNonNull(sql, "sql");
        }

        long checksum() {
            CRC32 crc = new CRC32();
            crc.update(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return crc.getValue();
        }
    }

    /** The latest schema version these scripts create. */
    public static int latestVersion() {
        return scripts().get(scripts().size() - 1).version();
    }

    static List<Script> scripts() {
        List<Script> scripts = new ArrayList<>(SCRIPTS.size());
        for (String fileName : SCRIPTS) {
            Matcher m = SCRIPT_NAME.matcher(fileName);
            if (!m.matches()) {
                throw new IllegalStateException("migration script name does not follow V<n>__<name>.sql: " + fileName);
            }
            scripts.add(new Script(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), fileName,
                    read(SCRIPT_LOCATION + fileName)));
        }
        return scripts;
    }

    private static String read(String resource) {
        try (InputStream in = UptimeSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the class path: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration script " + resource, e);
        }
    }

    /**
     * Creates {@code schema} when missing and applies every script not yet recorded in its
     * {@value #HISTORY_TABLE}, in one transaction under an advisory lock, so that concurrent processes
     * migrate once. Running it again is a no-op.
     *
     * @return the versions applied now (empty when the schema was up to date)
     * @throws DatabaseException when the database fails
     * @throws StoredDataException when an applied script differs from the shipped one
     */
    public static List<Integer> migrate(DataSource dataSource, String schema) {
        return migrate(dataSource, schema, null);
    }

    /**
     * {@link #migrate(DataSource, String)}, and with TimescaleDB, the chunk interval of {@code store_status} set
     * to {@code chunkInterval} (for chunks created from now on) unless it is null.
     */
    static List<Integer> migrate(DataSource dataSource, String schema, @Nullable Duration chunkInterval) {
        SchemaContext context = new SchemaContext(dataSource, schema);
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                List<Integer> applied = migrate(context, connection, chunkInterval);
                connection.commit();
                return applied;
            } catch (Throwable e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException | DataAccessException e) {
            throw context.failure("schema migration", e);
        }
    }

    private static List<Integer> migrate(SchemaContext context, Connection connection, @Nullable Duration chunkInterval)
            throws SQLException {
        String schema = context.schema();
        DSLContext dsl = DSL.using(connection, org.jooq.SQLDialect.POSTGRES);
        // Transaction-scoped: released by the commit or rollback, even if this process dies.
        dsl.select(DSL.function(name("pg_advisory_xact_lock"), Object.class, val(lockKey(schema)))).fetch();
        dsl.createSchemaIfNotExists(name(schema)).execute();
        // Scripts use unqualified names; SET LOCAL ends with this transaction, the pooled connection keeps its own path.
        dsl.select(DSL.function(name("set_config"), String.class,
                val("search_path"), val(dsl.render(name(schema))), val(true))).fetch();
        if (chunkInterval != null) {
            // read by V3 when it runs now; users running the files themselves SET it (see V3's header)
            dsl.select(DSL.function(name("set_config"), String.class,
                    val(CHUNK_INTERVAL_SETTING), val(interval(chunkInterval)), val(true))).fetch();
        }

        Name history = name(schema, HISTORY_TABLE);
        Field<Integer> version = field(name("version"), SQLDataType.INTEGER.nullable(false));
        Field<String> description = field(name("description"), SQLDataType.VARCHAR.nullable(false));
        Field<Long> checksum = field(name("checksum"), SQLDataType.BIGINT.nullable(false));
        Field<java.time.OffsetDateTime> installedAt = field(name("installed_at"),
                SQLDataType.TIMESTAMPWITHTIMEZONE(6).nullable(false));
        dsl.createTableIfNotExists(history)
                .columns(version, description, checksum, installedAt)
                .primaryKey(version)
                .execute();
        Table<Record> historyTable = table(history);
        Map<Integer, Long> done = dsl.select(version, checksum).from(historyTable).fetchMap(version, checksum);

        List<Integer> applied = new ArrayList<>();
        for (Script script : scripts()) {
            Long recorded = done.get(script.version());
            if (recorded != null) {
                if (recorded != script.checksum()) {
                    throw new StoredDataException(HISTORY_TABLE, "migration " + script.fileName() + " was applied to schema " + schema
                            + " with other content (checksum " + recorded + ", this jar's is " + script.checksum()
                            + "); the shipped scripts must not change once released");
                }
                continue;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(script.sql());
            } catch (SQLException e) {
                throw SchemaContext.databaseFailure("migration " + script.fileName() + " failed in schema " + schema + ": "
                        + e.getMessage(), e);
            }
            dsl.insertInto(historyTable, version, description, checksum, installedAt)
                    .values(val(script.version()), val(script.description()), val(script.checksum()),
                            DSL.currentOffsetDateTime())
                    .execute();
            applied.add(script.version());
        }
        if (chunkInterval != null) {
            setChunkInterval(dsl, schema, chunkInterval);
        }
        return applied;
    }

    /** A duration as a PostgreSQL interval literal. */
    static String interval(Duration duration) {
        return duration.toSeconds() + " seconds";
    }

    /**
     * Sets the chunk interval of a schema that was migrated before (V3 does it for a new one); nothing on plain
     * PostgreSQL.
     */
    private static void setChunkInterval(DSLContext dsl, String schema, Duration chunkInterval) {
        String extensionSchema = dsl.fetchOptional(
                "select n.nspname from pg_catalog.pg_extension e join pg_catalog.pg_namespace n on n.oid = e.extnamespace"
                        + " where e.extname = 'timescaledb'").map(r -> r.get(0, String.class)).orElse(null);
        if (extensionSchema == null || !dsl.fetchExists(dsl.selectOne()
                .from(table(name("timescaledb_information", "hypertables")))
                .where(field(name("hypertable_schema"), String.class).eq(schema),
                        field(name("hypertable_name"), String.class).eq("store_status")))) {
            return;
        }
        // Plain SQL: the function lives in the extension's schema and takes a regclass, which jOOQ cannot type.
        dsl.fetch("select {0}.set_chunk_time_interval(cast({1} as regclass), cast({2} as interval))",
                name(extensionSchema), val(dsl.render(name(schema, "store_status"))), val(interval(chunkInterval)));
    }

    /** The advisory lock key of a schema's migration. */
    static long lockKey(String schema) {
        CRC32 crc = new CRC32();
        crc.update(schema.getBytes(StandardCharsets.UTF_8));
        return LOCK_NAMESPACE | crc.getValue();
    }
}
