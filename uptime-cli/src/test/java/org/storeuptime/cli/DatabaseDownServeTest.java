package org.storeuptime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.jdbc.TcpProxy;
import org.storeuptime.jdbc.UptimeDatabase;
import org.storeuptime.server.Http;
import org.storeuptime.server.UptimeServer;
import org.storeuptime.server.reports.ReportService;

/**
 * {@code serve}'s connection pool while the database is down (a {@link TcpProxy} the test cuts): every request
 * answers 503 within a few seconds, not after HikariCP's default 30 s, and the server recovers by itself.
 */
class DatabaseDownServeTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    /** Generous against the 2 s timeouts: this checks that a bound exists, it is not a speed benchmark. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    @Test
    void whileTheDatabaseIsDownEveryRequestAnswers503WithinSecondsAndItRecoversByItself() throws Exception {
        try (TcpProxy proxy = TcpProxy.to(DB.database());
                HikariDataSource pool = DatabaseOptions.pool(proxy.url(), null, null, 10)) {
            UptimeDatabase database = UptimeDatabase.builder(pool).schema(DB.schema()).build();
            UptimeServer server = UptimeServer.builder(ReportService.builder().database(database)
                    .pollingInterval(Duration.ofMillis(500)).build()).port(0).build().start();
            try {
                Http http = new Http(server.url());
                assertThat(http.get("/health").status()).isEqualTo(200);
                assertThat(http.get("/reports").status()).isEqualTo(200);

                proxy.cut();
                for (int round = 0; round < 2; round++) {
                    assertAnswers503Quickly(http, "GET", "/health");
                    assertAnswers503Quickly(http, "GET", "/reports");
                    assertAnswers503Quickly(http, "POST", "/trigger_report");
                }

                proxy.restore();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (http.get("/health").status() != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(http.get("/health").status()).isEqualTo(200);
                assertThat(http.get("/reports").status()).isEqualTo(200);
            } finally {
                server.stop();
            }
        }
    }

    private static void assertAnswers503Quickly(Http http, String method, String path) {
        long start = System.nanoTime();
        Http.Response response = http.send(method, path, method.equals("POST") ? "" : null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.status()).as(method + " " + path + ": " + response.text()).isEqualTo(503);
        assertThat(response.json().get("error").asText()).isNotBlank();
        assertThat(took).as(method + " " + path + " took " + took).isLessThan(BOUND);
    }
}
