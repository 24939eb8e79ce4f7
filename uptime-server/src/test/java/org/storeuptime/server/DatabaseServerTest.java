package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.jdbc.UptimeDatabase;
import org.storeuptime.server.reports.ReportService;

/** The HTTP API with reports in PostgreSQL and run by db-scheduler, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseServerTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final StoreDataSet data = TestData.stores(30);
    private SwitchableDataSource dataSource;
    private UptimeServer first;
    private UptimeServer second;

    private static UptimeServer server(UptimeDatabase database) {
        ReportService service = ReportService.builder().database(database)
                .pollingInterval(Duration.ofMillis(200)).build();
        return UptimeServer.builder(service).port(0).build().start();
    }

    @BeforeAll
    void start() {
        DatabaseLoader.load(DB.dataSource(), DB.schema(), data);
        dataSource = new SwitchableDataSource(DB.dataSource());
        first = server(UptimeDatabase.builder(dataSource).schema(DB.schema()).build());
        second = server(DB.uptimeDatabase());
    }

    @AfterAll
    void stop() {
        dataSource.setDown(false);
        first.stop();
        second.stop();
    }

    private byte[] expectedCsv() {
        return ReportCsv.toBytes(UptimeEngine.create().report(data));
    }

    @Test
    void triggerPollDownloadAndBothRouteStylesAgree() {
        Http http = new Http(first.url());
        Http.Response trigger = http.post("/trigger_report", "");
        assertThat(trigger.status()).isEqualTo(202);
        String id = trigger.json().get("report_id").asText();

        Http.Response done = http.awaitReport("", id, TIMEOUT);
        assertThat(done.header("X-Report-Status")).isEqualTo("Complete");
        assertThat(done.bytes()).isEqualTo(expectedCsv());
        assertThat(http.get("/get_report/" + id).bytes()).isEqualTo(done.bytes());
        assertThat(http.get("/reports/" + id + "/csv").bytes()).isEqualTo(done.bytes());

        JsonNode json = http.get("/get_report?report_id=" + id, "Accept", "application/json").json();
        assertThat(json.get("status").asText()).isEqualTo("Complete");
        assertThat(json.get("csv_url").asText()).isEqualTo("/reports/" + id + "/csv");

        JsonNode meta = http.get("/reports/" + id).json();
        assertThat(meta.get("state").asText()).isEqualTo("complete");
        assertThat(meta.get("store_count").asInt()).isEqualTo(30);
        assertThat(meta.get("now").asText()).isEqualTo("2023-01-25T18:13:22.479220Z");

        Http.Response created = http.post("/reports", "{\"now\": \"2023-01-24T00:00:00Z\"}");
        assertThat(created.status()).isEqualTo(202);
        String second = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/reports/" + second);
        assertThat(http.awaitReport("", second, TIMEOUT).bytes()).isEqualTo(ReportCsv.toBytes(
                UptimeEngine.create().report(data, java.time.Instant.parse("2023-01-24T00:00:00Z"))));
        JsonNode list = http.get("/reports?limit=500").json().get("reports");
        assertThat(list.get(0).get("id").asText()).isEqualTo(second);
    }

    @Test
    void errorsOverTheDatabase() {
        Http http = new Http(first.url());
        assertThat(http.get("/get_report?report_id=nope").status()).isEqualTo(400);
        assertThat(http.get("/reports/6c2a7c7e-3d5b-4b8e-9f0a-2b1c3d4e5f60").status()).isEqualTo(404);
        assertThat(http.post("/trigger_report", "{\"now\": \"2023-13-01T00:00:00Z\"}").status()).isEqualTo(400);
        assertThat(http.send("DELETE", "/reports", null).status()).isEqualTo(405);
    }

    @Test
    void aReportTriggeredOnOneServerIsServedByTheOther() {
        Http one = new Http(first.url());
        Http other = new Http(second.url());
        String id = one.post("/trigger_report", "").json().get("report_id").asText();
        Http.Response done = other.awaitReport("", id, TIMEOUT);
        assertThat(done.header("X-Report-Status")).isEqualTo("Complete");
        assertThat(done.bytes()).isEqualTo(expectedCsv());
        assertThat(one.get("/reports/" + id + "/csv").bytes()).isEqualTo(done.bytes());
    }

    @Test
    void tenConcurrentTriggersGiveTenCompleteIdenticalReports() throws Exception {
        Http http = new Http(second.url());
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> http.post("/trigger_report", "").json().get("report_id").asText());
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : clients.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertThat(new HashSet<>(ids)).hasSize(10);
            Set<String> csvs = new HashSet<>();
            for (String id : ids) {
                Http.Response r = http.awaitReport("", id, TIMEOUT);
                assertThat(r.header("X-Report-Status")).as(r.text()).isEqualTo("Complete");
                csvs.add(r.text());
            }
            assertThat(csvs).hasSize(1);
            assertThat(csvs.iterator().next().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(expectedCsv());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void healthIs503WhileTheDatabaseIsDown() {
        Http http = new Http(first.url());
        assertThat(http.get("/health").status()).isEqualTo(200);
        dataSource.setDown(true);
        try {
            Http.Response down = http.get("/health");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().get("error").asText()).isNotBlank();
            Http.Response read = http.get("/reports");
            assertThat(read.status()).isEqualTo(503);
            assertThat(read.header("Retry-After")).isEqualTo("5");
            assertThat(read.json().get("error").asText()).isNotBlank();
            assertThat(read.text()).doesNotContain("at org.");
        } finally {
            dataSource.setDown(false);
        }
        assertThat(http.get("/health").status()).isEqualTo(200);
    }
}
