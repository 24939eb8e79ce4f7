package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.jdbc.TcpProxy;
import org.storeuptime.jdbc.UptimeDatabase;
import org.storeuptime.server.reports.ReportRetry;
import org.storeuptime.server.reports.ReportService;
import org.storeuptime.server.reports.ReportServiceBuilder;

/**
 * Reports read from PostgreSQL through a {@link TcpProxy} that the test cuts (a connection dropped in the middle of
 * the report's COPY, a database that stays away), and with the report's own backend terminated mid-COPY. Both report services: in memory on a database source, and
 * db-scheduler on the database (report state on a direct connection, polls through the proxy).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final StoreDataSet data = TestData.stores(30);
    private TcpProxy proxy;
    private ReportSource viaProxy;

    @BeforeAll
    void load() {
        DatabaseLoader.load(DB.dataSource(), DB.schema(), data);
        proxy = TcpProxy.to(DB.database());
        viaProxy = UptimeDatabase.builder(proxy.dataSource()).schema(DB.schema()).build().reportSource();
    }

    @AfterAll
    void closeProxy() {
        proxy.close();
    }

    private UptimeServer server(String mode, ReportSource source, ReportRetry retry) {
        ReportServiceBuilder builder = ReportService.builder().source(source).retry(retry);
        if (mode.equals("database")) {
            builder.database(DB.uptimeDatabase()).pollingInterval(Duration.ofMillis(200));
        }
        return UptimeServer.builder(builder.build()).port(0).build().start();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "database"})
    void aConnectionDroppedDuringTheCopyIsTriedAgainAndTheReportCompletes(String mode) {
        AtomicInteger reads = new AtomicInteger();
        ReportSource cutOnce = new DelegatingSource(viaProxy) {
            @Override
            public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
                boolean first = reads.incrementAndGet() == 1;
                int[] stores = {0};
                delegate.forEachStore(from, to, (store, polls) -> {
                    if (first && ++stores[0] == 1) {
                        // the COPY is running: drop it, and keep the database away for a moment
                        proxy.cut();
                        CompletableFuture.runAsync(proxy::restore,
                                CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
                    }
                    consumer.accept(store, polls);
                });
            }
        };
        UptimeServer server = server(mode, cutOnce, ReportRetry.of(5, Duration.ofMillis(200)));
        try {
            Http http = new Http(server.url());
            String id = http.post("/trigger_report", "").json().get("report_id").asText();
            Http.Response done = http.awaitReport("", id, TIMEOUT);

            assertThat(done.header("X-Report-Status")).as(done.text()).isEqualTo("Complete");
            assertThat(done.bytes()).isEqualTo(ReportCsv.toBytes(UptimeEngine.create().report(data)));
            assertThat(reads.get()).as("reads of the polls").isGreaterThanOrEqualTo(2);
        } finally {
            server.stop();
            proxy.restore();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "database"})
    void aDatabaseThatStaysDownFailsTheReportAfterTheLastAttemptSayingHowMany(String mode) {
        UptimeServer server = server(mode, viaProxy, ReportRetry.of(3, Duration.ofMillis(100)));
        proxy.cut();
        try {
            Http http = new Http(server.url());
            String id = http.post("/trigger_report", "").json().get("report_id").asText();
            Http.Response done = http.awaitReport("", id, TIMEOUT);

            JsonNode status = done.json();
            assertThat(status.get("status").asText()).isEqualTo("Failed");
            String expected = status.get("error").asText();
            // what was being read comes first: the adapter's words
            assertThat(expected).startsWith("failed after 3 attempts: ")
                    .endsWith(" failed: database unavailable (connection lost or refused)");
            JsonNode meta = http.get("/reports/" + id).json();
            assertThat(meta.get("state").asText()).isEqualTo("failed");
            assertThat(meta.get("error").asText()).isEqualTo(expected);
        } finally {
            proxy.restore();
            server.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "database"})
    void aReportWhoseBackendIsTerminatedDuringTheCopyIsTriedAgainAndCompletes(String mode) throws Exception {
        String applicationName = "uptime-outage-test-" + UUID.randomUUID();
        PGSimpleDataSource own = new PGSimpleDataSource();
        own.setUrl(DB.database().urlWithSettings());
        own.setApplicationName(applicationName);
        ReportSource direct = UptimeDatabase.builder(own).schema(DB.schema()).build().reportSource();
        AtomicInteger terminated = new AtomicInteger();
        ReportSource terminatedOnce = new DelegatingSource(direct) {
            @Override
            public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
                boolean first = terminated.get() == 0;
                int[] stores = {0};
                delegate.forEachStore(from, to, (store, polls) -> {
                    if (first && ++stores[0] == 1) {
                        terminated.addAndGet(terminateBackendsOf(applicationName));
                    }
                    consumer.accept(store, polls);
                });
            }
        };
        UptimeServer server = server(mode, terminatedOnce, ReportRetry.of(3, Duration.ofMillis(100)));
        try {
            Http http = new Http(server.url());
            String id = http.post("/trigger_report", "").json().get("report_id").asText();
            Http.Response done = http.awaitReport("", id, TIMEOUT);

            assertThat(terminated.get()).as("backends terminated").isEqualTo(1);
            assertThat(done.header("X-Report-Status")).as(done.text()).isEqualTo("Complete");
            assertThat(done.bytes()).isEqualTo(ReportCsv.toBytes(UptimeEngine.create().report(data)));
        } finally {
            server.stop();
        }
    }

    /** pg_terminate_backend on this test's own sessions only, found by their application name. */
    private static int terminateBackendsOf(String applicationName) {
        try (Connection c = DB.dataSource().getConnection();
                PreparedStatement terminate = c.prepareStatement("select count(*) filter (where "
                        + "pg_terminate_backend(pid)) from pg_stat_activity where application_name = ?")) {
            terminate.setString(1, applicationName);
            try (ResultSet rows = terminate.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pg_terminate_backend failed: " + e.getMessage(), e);
        }
    }
}
