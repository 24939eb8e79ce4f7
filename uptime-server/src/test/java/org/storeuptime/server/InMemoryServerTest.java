package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.server.reports.ReportService;

/** The HTTP API over real HTTP against an in-memory server on a random port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InMemoryServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final StoreDataSet data = TestData.stores(40);
    private UptimeServer server;
    private Http http;

    @BeforeAll
    void start() {
        server = UptimeServer.builder(ReportService.builder().source(data).build()).port(0).build().start();
        http = new Http(server.url());
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    private byte[] expectedCsv(Instant now, ReportOptions options) {
        return ReportCsv.toBytes(UptimeEngine.builder().options(options).build().report(data, now));
    }

    @Test
    void triggerPollAndDownloadTheCsv() {
        Http.Response trigger = http.post("/trigger_report", "");
        assertThat(trigger.status()).isEqualTo(202);
        JsonNode body = trigger.json();
        String id = body.get("report_id").asText();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(body.get("status").asText()).isEqualTo("Running");
        assertThat(trigger.header("Location")).isEqualTo("/get_report?report_id=" + id);

        Http.Response done = http.awaitReport("", id, TIMEOUT);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.contentType()).startsWith("text/csv");
        assertThat(done.header("X-Report-Status")).isEqualTo("Complete");
        assertThat(done.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"store_report_" + id + ".csv\"");
        assertThat(done.bytes()).isEqualTo(expectedCsv(null, ReportOptions.DEFAULTS));
        assertThat(done.text()).startsWith("store_id,uptime_last_hour,uptime_last_day,uptime_last_week,"
                + "downtime_last_hour,downtime_last_day,downtime_last_week\n");

        Http.Response byPath = http.get("/get_report/" + id);
        assertThat(byPath.bytes()).isEqualTo(done.bytes());

        JsonNode asJson = http.get("/get_report?report_id=" + id, "Accept", "application/json").json();
        assertThat(asJson.get("report_id").asText()).isEqualTo(id);
        assertThat(asJson.get("status").asText()).isEqualTo("Complete");
        assertThat(asJson.get("csv_url").asText()).isEqualTo("/reports/" + id + "/csv");
        assertThat(asJson.get("store_count").asInt()).isEqualTo(40);
        assertThat(http.get(asJson.get("csv_url").asText()).bytes()).isEqualTo(done.bytes());
    }

    @Test
    void explicitNowAndOptionsAreUsed() {
        String body = "{\"now\": \"2023-01-24T12:00:00Z\", \"extrapolation\": \"carry-forward\", \"lookback\": \"PT6H\"}";
        String id = http.post("/trigger_report", body).json().get("report_id").asText();
        Http.Response done = http.awaitReport("", id, TIMEOUT);
        ReportOptions options = new ReportOptions(Duration.ofHours(6), Extrapolation.CARRY_FORWARD);
        assertThat(done.bytes()).isEqualTo(expectedCsv(Instant.parse("2023-01-24T12:00:00Z"), options));

        JsonNode meta = http.get("/reports/" + id).json();
        assertThat(meta.get("now").asText()).isEqualTo("2023-01-24T12:00:00Z");
        assertThat(meta.get("options").get("extrapolation").asText()).isEqualTo("carry-forward");
        assertThat(meta.get("options").get("lookback").asText()).isEqualTo("PT6H");
    }

    @Test
    void resourceStyleRoutesAgreeWithTheAssignmentRoutes() {
        Http.Response created = http.post("/reports", "{}");
        assertThat(created.status()).isEqualTo(202);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/reports/" + id);
        assertThat(created.json().get("state").asText()).isIn("pending", "running", "complete");

        Http.Response csv = http.awaitReport("", id, TIMEOUT);
        assertThat(http.get("/reports/" + id + "/csv").bytes()).isEqualTo(csv.bytes());
        assertThat(http.get("/reports/" + id + "/csv").header("X-Report-Status")).isEqualTo("Complete");

        JsonNode meta = http.get("/reports/" + id).json();
        assertThat(meta.get("id").asText()).isEqualTo(id);
        assertThat(meta.get("state").asText()).isEqualTo("complete");
        assertThat(meta.get("store_count").asInt()).isEqualTo(40);
        assertThat(meta.get("progress").get("stores_done").asInt()).isEqualTo(40);
        assertThat(meta.get("progress").get("stores_total").asInt()).isEqualTo(40);
        assertThat(meta.get("now").asText()).isEqualTo("2023-01-25T18:13:22.479220Z");
        assertThat(meta.get("error").isNull()).isTrue();
        for (String field : List.of("created_at", "started_at", "finished_at")) {
            assertThat(Instant.parse(meta.get(field).asText())).isNotNull();
        }

        String second = http.post("/reports", "").json().get("id").asText();
        JsonNode list = http.get("/reports?limit=2").json().get("reports");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asText()).isEqualTo(second);
        assertThat(list.get(1).get("id").asText()).isEqualTo(id);
        http.awaitReport("", second, TIMEOUT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET    | /get_report?report_id=not-a-uuid  | 400",
        "GET    | /get_report                       | 400",
        "GET    | /get_report/1-1-1-1-1             | 400",
        "GET    | /reports/xyz                      | 400",
        "GET    | /reports/xyz/csv                  | 400",
        "GET    | /reports?limit=abc                | 400",
        "GET    | /reports?limit=0                  | 400",
        "GET    | /reports?limit=501                | 400",
        "GET    | /get_report/6c2a7c7e-3d5b-4b8e-9f0a-2b1c3d4e5f60 | 404",
        "GET    | /reports/6c2a7c7e-3d5b-4b8e-9f0a-2b1c3d4e5f60     | 404",
        "GET    | /reports/6c2a7c7e-3d5b-4b8e-9f0a-2b1c3d4e5f60/csv | 404",
        "GET    | /no/such/path                     | 404",
        "GET    | /trigger_report                   | 405",
        "DELETE | /reports/6c2a7c7e-3d5b-4b8e-9f0a-2b1c3d4e5f60     | 405",
        "PUT    | /reports                          | 405",
        "POST   | /get_report                       | 405",
        "POST   | /health                           | 405",
    })
    void errorsAreJsonWithFittingStatus(String method, String path, int status) {
        Http.Response r = http.send(method, path, null);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().get("error").asText()).isNotBlank();
        if (status == 405) {
            assertThat(r.header("Allow")).isNotBlank();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"now\": \"2023-02-30T00:00:00Z\"}          | now",
        "{\"now\": \"yesterday\"}                     | now",
        "{\"now\": 12}                                | now",
        "{\"now\": \"2023-01-24T25:00:00Z\"}          | now",
        "{\"now\":                                    | JSON",
        "[1, 2]                                       | JSON object",
        "{\"when\": \"2023-01-24T12:00:00Z\"}         | when",
        "{\"extrapolation\": \"linear\"}              | extrapolation",
        "{\"lookback\": \"a day\"}                    | lookback",
        "{\"lookback\": \"-PT1H\"}                    | lookback",
        "{\"lookback\": \"PT999999H\"}                | lookback",
    })
    void badBodiesAreRefused(String body, String mentioned) {
        for (String path : List.of("/trigger_report", "/reports")) {
            Http.Response r = http.post(path, body, "Content-Type", "application/json");
            assertThat(r.status()).as(path + " " + body).isEqualTo(400);
            assertThat(r.json().get("error").asText()).contains(mentioned);
        }
    }

    @Test
    void healthAnswers() {
        Http.Response r = http.get("/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void tenConcurrentTriggersGiveTenCompleteIdenticalReports() throws Exception {
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
                assertThat(r.header("X-Report-Status")).isEqualTo("Complete");
                csvs.add(r.text());
            }
            assertThat(csvs).hasSize(1);
            assertThat(csvs.iterator().next().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(expectedCsv(null, ReportOptions.DEFAULTS));
        } finally {
            clients.shutdownNow();
            clients.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
