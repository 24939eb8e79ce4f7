package org.storeuptime.cli.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.cli.CliEnvironment;
import org.storeuptime.cli.UptimeCli;
import org.storeuptime.jdbc.DatabaseSchemaExtension;

/** The connection a {@code report} or {@code store} run opens while its command line is read. */
class EarlyConnectionTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension(false);

    private static PrintStream sink() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts as the command line does, with the URL and credentials of {@code variables}. */
    private static EarlyConnection start(Map<String, String> variables, String command, String... args) {
        return EarlyConnection.start(command, args, variables.get("UPTIME_JDBC_URL"), variables.get("UPTIME_DB_USER"),
                variables.get("UPTIME_DB_PASSWORD"));
    }

    /** The test database's URL with an application name of its own, to find its connections by. */
    private static String taggedUrl(String tag) {
        String url = DB.database().urlWithSettings();
        return url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + tag;
    }

    private static int connectionsTagged(String tag) throws SQLException {
        try (Connection c = DriverManager.getConnection(DB.database().urlWithSettings());
                PreparedStatement s = c.prepareStatement(
                        "select count(*) from pg_stat_activity where application_name = ? and pid <> pg_backend_pid()")) {
            s.setString(1, tag);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** Waits (up to 10 s) for the server to see the tagged connections gone: a closed socket ends them at once. */
    private static int connectionsTaggedOnceSettled(String tag) throws SQLException, InterruptedException {
        int count = connectionsTagged(tag);
        for (int i = 0; i < 100 && count > 0; i++) {
            Thread.sleep(100);
            count = connectionsTagged(tag);
        }
        return count;
    }

    @Test
    void onlyADatabaseReadOfReportOrStoreConnectsEarly() {
        Map<String, String> env = Map.of();
        String url = "jdbc:postgresql://127.0.0.1:1/x";
        assertThat(start(env, "import", "import", "--jdbc-url", url, "--data", "d")).isNull();
        assertThat(start(env, "serve", "serve", "--jdbc-url", url)).isNull();
        assertThat(start(env, "report", "report", "--data", "d")).isNull();
        assertThat(start(env, "report", "report", "--jdbc-url", url, "--status=s")).isNull();
        assertThat(start(env, "report", "report", "--jdbc-url", url, "--help")).isNull();
        assertThat(start(env, "report", "report", "--jdbc-url", "jdbc:mysql://h/x")).isNull();
        assertThat(start(env, "report", "report", "--jdbc-url")).isNull();
        assertThat(start(env, "report", "report")).isNull();
        assertThat(start(env, null, "--help")).isNull();
        try (EarlyConnection early = start(env, "report", "report", "--jdbc-url=" + url)) {
            assertThat(early).isNotNull();
        }
        try (EarlyConnection early = start(Map.of("UPTIME_JDBC_URL", url), "store",
                "store", "s1")) {
            assertThat(early).isNotNull();
        }
    }

    @Test
    void theCommandTakesTheConnectionWhenItAsksForTheSameDatabase() throws Exception {
        String tag = "early-" + UUID.randomUUID();
        String url = taggedUrl(tag);
        try (EarlyConnection early = start(Map.of(), "report", "report", "--jdbc-url",
                url)) {
            List<Connection> later = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Connection> connections = new ArrayList<>(early.take(url, null, null, later::add));
            assertThat(connections).as("the first at least").isNotEmpty();
            for (int i = 0; i < 100 && connections.size() + later.size() < 2; i++) {
                Thread.sleep(50); // the second one opens after the first was taken
            }
            connections.addAll(later);
            assertThat(connections).as("one for the polls, one for zones and hours").hasSize(2);
            for (Connection connection : connections) {
                try (connection; ResultSet rows = connection.createStatement().executeQuery(
                        "select current_setting('application_name')")) {
                    rows.next();
                    assertThat(rows.getString(1)).isEqualTo(tag);
                }
            }
            assertThat(early.take(url, null, null, c -> { })).as("handed out once").isEmpty();
        }
        assertThat(connectionsTaggedOnceSettled(tag)).isZero();
    }

    @Test
    void aConnectionForOtherSettingsIsClosedAndNotHandedOut() throws Exception {
        String tag = "early-" + UUID.randomUUID();
        String url = taggedUrl(tag);
        try (EarlyConnection early = start(Map.of(), "report", "report", "--jdbc-url",
                url)) {
            assertThat(early.take(url, "someone-else", null, c -> { })).isEmpty();
            assertThat(early.take(url, null, null, c -> { })).isEmpty();
        }
        assertThat(connectionsTaggedOnceSettled(tag)).as("the connection opened early is closed").isZero();
    }

    @Test
    void aConnectionNeverAskedForIsClosedWhenTheRunEnds() throws Exception {
        String tag = "early-" + UUID.randomUUID();
        // a usage error after the URL: the command never asks for its connection
        int status = UptimeCli.run(new CliEnvironment(sink(), sink(), Map.of(), Clock.systemUTC()), "report", "--jdbc-url", taggedUrl(tag), "--no-such-option");
        assertThat(status).isEqualTo(UptimeCli.USAGE);
        assertThat(connectionsTaggedOnceSettled(tag)).isZero();
    }

    @Test
    void aReportReadsThroughTheEarlyConnectionAndLeavesNoneOpen() throws Exception {
        String tag = "early-" + UUID.randomUUID();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CliEnvironment env = new CliEnvironment(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), errStream, Map.of(), Clock.systemUTC());
        // a schema without tables: connected (through the early connection), then refused with the usual message
        int status = UptimeCli.run(env, "report", "--jdbc-url", taggedUrl(tag), "--schema", "early_none");
        assertThat(status).isEqualTo(UptimeCli.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds no uptime tables");
        assertThat(connectionsTaggedOnceSettled(tag)).isZero();
    }

    @Test
    void aFailureToConnectIsTheCommandsOneAttempt() {
        String url = "jdbc:postgresql://127.0.0.1:1/uptime";
        try (EarlyConnection early = start(Map.of(), "report", "report", "--jdbc-url",
                url)) {
            assertThatThrownBy(() -> early.take(url, null, null, c -> { })).isInstanceOf(SQLException.class)
                    .hasMessageContaining("refused");
        }
    }
}
