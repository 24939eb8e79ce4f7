package org.storeuptime.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.storeuptime.cli.startup.ReusingDataSource;
import org.storeuptime.cli.startup.StartupConnections;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.jdbc.UptimeDatabase;
import org.storeuptime.jdbc.UptimeSchema;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The database of a command ({@code --jdbc-url}, {@code --schema}) with the environment's fallbacks: used as a
 * {@code @Mixin} by {@code import}, {@code report} and {@code serve}.
 *
 * <p>Credentials come from the URL or from {@value #USER_VARIABLE} / {@value #PASSWORD_VARIABLE};
 * {@value #URL_VARIABLE} stands in for {@code --jdbc-url}.
 */
final class DatabaseOptions {

    /** Stands in for {@code --jdbc-url}. */
    public static final String URL_VARIABLE = "UPTIME_JDBC_URL";
    /** The user name when the URL holds none. */
    public static final String USER_VARIABLE = "UPTIME_DB_USER";
    /** The password when the URL holds none. */
    public static final String PASSWORD_VARIABLE = "UPTIME_DB_PASSWORD";

    /** How long a request waits for a pooled connection before the database counts as unavailable. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** How long checking a pooled connection may take. */
    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://localhost:5432/uptime (default: $"
                    + URL_VARIABLE + "); credentials in the URL or in $" + USER_VARIABLE + " / $"
                    + PASSWORD_VARIABLE + ".")
    String jdbcUrl;

    @Option(names = "--schema", paramLabel = "NAME", defaultValue = UptimeDatabase.DEFAULT_SCHEMA,
            description = "Schema of the uptime tables (default: ${DEFAULT-VALUE}).")
    String schema;

    /** Whether {@code --jdbc-url} was given on the command line. */
    boolean urlGiven() {
        return jdbcUrl != null;
    }

    /** The URL of {@code --jdbc-url}, else of {@value #URL_VARIABLE}; null when neither is set. */
    String url(CliEnvironment env) {
        return jdbcUrl != null ? jdbcUrl : blankToNull(env.environment().get(URL_VARIABLE));
    }

    /** Whether {@code --schema} was given on the command line (not just defaulted). */
    static boolean schemaGiven(CommandSpec spec) {
        return spec.commandLine().getParseResult().hasMatchedOption("--schema");
    }

    /**
     * For commands that read either input files or a database: refuses {@code --jdbc-url} and {@code --schema}
     * beside the files, as a usage error.
     */
    void requireNoneBesideFiles(CommandSpec spec) {
        if (urlGiven()) {
            throw new ParameterException(spec.commandLine(),
                    "--jdbc-url and the input files (--data, or --status, --hours, --timezones) are mutually "
                            + "exclusive: give one");
        }
        if (schemaGiven(spec)) {
            throw new ParameterException(spec.commandLine(), "--schema needs a database (--jdbc-url)");
        }
    }

    /** {@code url} with any password replaced by {@code ***}, for messages. */
    static String redact(String url) {
        return PASSWORD.matcher(url).replaceAll("$1***");
    }

    /**
     * Checks the URL and schema name, connects once to report an unreachable database plainly, then opens a pool
     * of up to {@code poolSize} connections: for commands that use connections at once or for long ({@code serve},
     * {@code import}, {@code prune}).
     *
     * @throws ParameterException when the URL is not a PostgreSQL one or the schema name is not valid
     * @throws DatabaseException when the database cannot be reached (the message names the URL without password)
     */
    OpenDatabase open(CommandSpec spec, CliEnvironment env, String url, int poolSize) {
        checkUrl(spec, url);
        String user = blankToNull(env.environment().get(USER_VARIABLE));
        String password = blankToNull(env.environment().get(PASSWORD_VARIABLE));
        HikariDataSource pool = pool(url, user, password, poolSize);
        try {
            UptimeDatabase database = database(spec, env, pool);
            checkReachable(url, user, password);
            try {
                pool.getConnection().close(); // starts the pool here, where a failure has a plain message
            } catch (SQLException | RuntimeException e) {
                throw failure("cannot connect to the database " + redact(url) + ": " + rootMessage(e), e);
            }
            return new OpenDatabase(pool, database, redact(url), pool::close);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Like {@link #open} but without a pool, for a command that asks a few questions one after the other and exits
     * ({@code report}, {@code store}): one connection from the driver, handed out again whenever its user closes
     * it. Starting a pool (its classes, a housekeeping thread, connections filled in the background) costs such a
     * command more than it saves. The connections {@code startup} opened while the command line was read are used
     * when they are the ones asked for.
     */
    OpenDatabase openUnpooled(CommandSpec spec, CliEnvironment env, String url, StartupConnections startup) {
        checkUrl(spec, url);
        String user = blankToNull(env.environment().get(USER_VARIABLE));
        String password = blankToNull(env.environment().get(PASSWORD_VARIABLE));
        ReusingDataSource connections;
        try {
            connections = startup.dataSource(url, user, password);
        } catch (IllegalArgumentException e) {
            // the driver's message repeats the URL, password included
            throw new ParameterException(spec.commandLine(), "--jdbc-url " + redact(url) + ": not a valid JDBC URL");
        }
        UptimeDatabase database = database(spec, env, connections);
        try {
            connections.open();
        } catch (SQLException e) {
            throw failure("cannot connect to the database " + redact(url) + ": " + e.getMessage(), e);
        }
        return new OpenDatabase(connections, database, redact(url), connections::close);
    }

    /**
     * The start-up tuning of this run ({@link StartupConnections}) with the environment's URL and credentials:
     * connections opened while the command line is read, for a {@code report} or {@code store} run.
     */
    static StartupConnections startup(CliEnvironment env, String command, String... args) {
        return StartupConnections.start(command, args, blankToNull(env.environment().get(URL_VARIABLE)),
                blankToNull(env.environment().get(USER_VARIABLE)),
                blankToNull(env.environment().get(PASSWORD_VARIABLE)));
    }

    private static void checkUrl(CommandSpec spec, String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ParameterException(spec.commandLine(), "--jdbc-url " + redact(url)
                    + ": expected a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/uptime");
        }
    }

    private UptimeDatabase database(CommandSpec spec, CliEnvironment env, DataSource dataSource) {
        try {
            // A report reads the zones and hours on a second connection while the polls stream: the pools are
            // sized for it, and without a pool a second connection is just opened.
            return UptimeDatabase.builder(dataSource).schema(schema).clock(env.clock()).concurrentProfileRead(true)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--schema: " + e.getMessage());
        }
    }

    /**
     * A pool of up to {@code poolSize} connections that gives up quickly while the database is down: a request
     * waits at most {@link #CONNECTION_TIMEOUT} for a connection (HikariCP's default is 30 s), and a pooled
     * connection is checked within {@link #VALIDATION_TIMEOUT}, so that the server answers 503 in about two seconds
     * instead of hanging. Lazy: it connects on first use.
     */
    static HikariDataSource pool(String url, String user, String password, int poolSize) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        if (user != null) {
            pool.setUsername(user);
        }
        if (password != null) {
            pool.setPassword(password);
        }
        pool.setMaximumPoolSize(poolSize);
        pool.setPoolName("uptime");
        pool.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        pool.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        return pool;
    }

    /** One plain connection first: the pool would log the failure with a stack trace and retry for long. */
    private static void checkReachable(String url, String user, String password) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        try (Connection connection = new Driver().connect(url, properties)) {
            if (connection == null) {
                throw new DatabaseException("cannot connect to the database " + redact(url) + ": not a valid JDBC URL");
            }
        } catch (SQLException e) {
            throw failure("cannot connect to the database " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails unless {@code database}'s schema holds the uptime tables at this version (a report must not create
     * or change them). The schema name is compared exactly: JDBC's metadata lookups would take it as a LIKE
     * pattern, where {@code _} and {@code %} match other schemas.
     */
    static void requireMigrated(OpenDatabase open) {
        String schema = open.database().schema();
        int version = open.database().schemaVersion();
        if (version == 0) {
            throw new DatabaseException("schema " + schema + " of " + open.description()
                    + " holds no uptime tables; run 'uptime import' into it first");
        }
        if (version < UptimeSchema.latestVersion()) {
            throw new DatabaseException("schema " + schema + " of " + open.description() + " is at version " + version
                    + ", this uptime needs version " + UptimeSchema.latestVersion()
                    + "; run 'uptime import' (or 'uptime serve') on it once to upgrade it");
        }
    }

    /**
     * {@code e}, or when the database caused it a failure naming the database and the database's own first line
     * of the error (no SQL text, no stack trace).
     */
    static RuntimeException databaseFailure(OpenDatabase open, RuntimeException e) {
        return CliFailure.sqlCause(e)
                .<RuntimeException>map(sql -> failure("the database " + open.description() + " failed: "
                        + CliFailure.firstLine(sql.getMessage()), e))
                .orElse(e);
    }

    /**
     * The database failure {@code cause} under {@code message}, transient or not as {@link DatabaseException#of}
     * decides from its SQLState.
     */
    static DatabaseException failure(String message, Throwable cause) {
        return new DatabaseException(message, cause);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * The database of a command and what to release when done.
     *
     * @param dataSource the pool, or the one reused connection ({@link StartupConnections#dataSource})
     * @param database the uptime tables in the chosen schema
     * @param description the URL without password, for messages
     * @param release closes the pool or the reused connection
     */
    record OpenDatabase(DataSource dataSource, UptimeDatabase database, String description, Runnable release)
            implements AutoCloseable {
        @Override
        public void close() {
            release.run();
        }
    }
}
