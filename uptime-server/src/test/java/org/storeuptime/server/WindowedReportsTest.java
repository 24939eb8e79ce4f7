package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.storeuptime.core.Closure;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.StoreTimeline;
import org.storeuptime.core.StoreTimeline.ReportWindowFigures;
import org.storeuptime.core.TimeInterval;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.core.csv.ReportRow;
import org.storeuptime.server.reports.ReportService;

/**
 * Reports with other windows, a store's windows and its planned closures over real HTTP, in memory, against what
 * the engine computes from the same data and request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WindowedReportsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String NOW = "2023-01-25T18:00:00Z";
    private static final List<String> WINDOWS = List.of("30d", "2023-01", "month", "2023-01-20/2023-01-23", "6h");

    private final StoreDataSet data;
    private final String store;
    private UptimeServer server;
    private Http http;

    WindowedReportsTest() {
        StoreDataSet.Builder b = TestData.builder(12);
        StoreDataSet plain = TestData.stores(12);
        store = plain.storeIds().stream().skip(4).findFirst().orElseThrow();
        // a closure of every store, and one of this store alone that overlaps it and runs overnight
        b.closure(Closure.of(Closure.ALL_STORES, LocalDateTime.parse("2023-01-22T00:00"),
                LocalDateTime.parse("2023-01-23T00:00"), "stocktaking"));
        b.closure(Closure.of(store, LocalDateTime.parse("2023-01-22T20:00"), LocalDateTime.parse("2023-01-24T10:30"),
                "renovation"));
        data = b.build();
    }

    @BeforeAll
    void start() {
        server = UptimeServer.builder(ReportService.builder().source(data).build()).port(0).build().start();
        http = new Http(server.url());
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    private static String body(String now, List<String> windows) {
        StringBuilder json = new StringBuilder("{\"now\": \"" + now + "\", \"lookback\": \"PT6H\", \"windows\": [");
        for (int i = 0; i < windows.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(windows.get(i)).append('"');
        }
        return json.append("]}").toString();
    }

    private byte[] expectedCsv(ReportRequest request) {
        return ReportCsv.toBytes(UptimeEngine.create().report(data, request));
    }

    @Test
    void aReportWithWindowsHasTheirColumnsAndEchoesThem() {
        Http.Response created = http.post("/reports", body(NOW, WINDOWS));
        assertThat(created.status()).as(created.text()).isEqualTo(202);
        JsonNode meta = created.json();
        String id = meta.get("id").asText();
        assertThat(texts(meta.get("options").get("windows"))).isEqualTo(WINDOWS);
        assertThat(meta.get("options").get("lookback").asText()).isEqualTo("PT6H");

        byte[] csv = http.awaitReport("", id, TIMEOUT).bytes();
        ReportRequest request = ReportRequest.parse(NOW, "PT6H", null, WINDOWS);
        assertThat(csv).isEqualTo(expectedCsv(request));
        assertThat(new String(csv, java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("store_id,uptime_30d_hours,downtime_30d_hours,uptime_30d_percent,uptime_2023_01_hours,");
        assertThat(http.get("/reports/" + id + "/csv").bytes()).isEqualTo(csv);

        JsonNode done = http.get("/reports/" + id).json();
        assertThat(done.get("state").asText()).isEqualTo("complete");
        assertThat(done.get("now").asText()).isEqualTo(NOW);
        assertThat(done.get("store_count").asInt()).isEqualTo(12);
        assertThat(texts(done.get("options").get("windows"))).isEqualTo(WINDOWS);
        JsonNode listed = null;
        for (JsonNode r : http.get("/reports?limit=500").json().get("reports")) {
            if (r.get("id").asText().equals(id)) {
                listed = r;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(texts(listed.get("options").get("windows"))).isEqualTo(WINDOWS);
    }

    @Test
    void triggerReportTakesWindowsAndTheirOptions() {
        Http.Response trigger = http.post("/trigger_report",
                "{\"windows\": [\"previous-month\", \"2w\"], \"extrapolation\": \"carry-forward\"}");
        assertThat(trigger.status()).as(trigger.text()).isEqualTo(202);
        assertThat(texts(trigger.json().get("windows"))).containsExactly("previous-month", "2w");
        String id = trigger.json().get("report_id").asText();
        byte[] csv = http.awaitReport("", id, TIMEOUT).bytes();
        assertThat(csv).isEqualTo(expectedCsv(ReportRequest.parse(null, null, "carry-forward",
                List.of("previous-month", "2w"))));
        assertThat(http.get("/reports/" + id).json().get("options").get("extrapolation").asText())
                .isEqualTo("carry-forward");
    }

    @Test
    void withoutWindowsTheAnswersAndCsvAreTheClassicOnes() {
        Http.Response trigger = http.post("/trigger_report", "{\"now\": \"" + NOW + "\", \"windows\": []}");
        assertThat(trigger.status()).isEqualTo(202);
        assertThat(trigger.json().has("windows")).isFalse();
        String id = trigger.json().get("report_id").asText();
        assertThat(http.awaitReport("", id, TIMEOUT).bytes())
                .isEqualTo(ReportCsv.toBytes(UptimeEngine.create().report(data, Instant.parse(NOW))));
        JsonNode options = http.get("/reports/" + id).json().get("options");
        assertThat(options.has("windows")).isFalse();
        assertThat(options.size()).isEqualTo(2);
    }

    @Test
    void theDropInTriggerKeepsTheClassicShape() {
        Http.Response trigger = http.post("/api/trigger_report",
                "{\"timestamp_utc\": \"2023-01-25 18:00:00 UTC\", \"windows\": [\"30d\"]}");
        assertThat(trigger.status()).isEqualTo(202);
        String id = trigger.json().get("report_id").asText();
        assertThat(http.awaitReport("", id, TIMEOUT).bytes())
                .isEqualTo(ReportCsv.toBytes(UptimeEngine.create().report(data, Instant.parse(NOW))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"windows\": [\"0d\"]}                                  | window '0d'",
        "{\"windows\": [\"2024-13\"]}                             | window '2024-13'",
        "{\"windows\": [\"2024-09-10/2024-09-01\"]}               | window '2024-09-10/2024-09-01'",
        "{\"windows\": [\"fortnight\"]}                           | accepted forms",
        "{\"windows\": [\"3661d\"]}                               | 3,660 days",
        "{\"windows\": [\"30d\", \"30d\"]}                        | asked for twice",
        "{\"windows\": [\"2024-09\", \"2024_09\"]}                | window '2024_09'",
        "{\"windows\": \"30d\"}                                   | must be an array",
        "{\"windows\": [30]}                                      | must be a string",
        "{\"windows\": {}}                                        | must be an array",
    })
    void badWindowsAre400NamingTheFieldAndMakeNoReport(String body, String mentioned) {
        for (String path : List.of("/trigger_report", "/reports")) {
            int before = http.get("/reports?limit=500").json().get("reports").size();
            Http.Response r = http.post(path, body, "Content-Type", "application/json");
            assertThat(r.status()).as(path + " " + body).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("windows");
            assertThat(r.json().get("error").asText()).startsWith("windows: ").contains(mentioned);
            assertThat(http.get("/reports?limit=500").json().get("reports")).hasSize(before);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"now\": \"yesterday\", \"windows\": [\"30d\"]}        | now",
        "{\"lookback\": \"PT1H\", \"extrapolation\": \"x\"}      | extrapolation",
        "{\"lookback\": \"P3651D\"}                              | lookback",
    })
    void otherBadValuesNameTheirField(String body, String field) {
        Http.Response r = http.post("/reports", body, "Content-Type", "application/json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo(field);
        assertThat(r.json().get("error").asText()).startsWith(field + ": ");
    }

    @Test
    void aStoreAnswersPerWindowAsItsTimelineComputesThem() {
        ReportRequest request = ReportRequest.parse(NOW, null, null, WINDOWS);
        StoreTimeline expected = UptimeEngine.create().timeline(data, store, request).orElseThrow();
        JsonNode body = http.get("/stores/" + store + "?now=" + NOW + "&window=30d&window=2023-01&window=month"
                + "&window=2023-01-20/2023-01-23&window=6h").json();
        assertThat(texts(body.get("options").get("windows"))).isEqualTo(WINDOWS);
        assertThat(body.has("uptime_last_hour")).isFalse();
        List<String> keys = new ArrayList<>();
        body.get("windows").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(WINDOWS);
        boolean someOutage = false;
        for (ReportWindowFigures f : expected.windows()) {
            String label = f.window().label();
            assertThat(body.get("uptime_" + label + "_hours").decimalValue())
                    .isEqualByComparingTo(ReportRow.hours(f.uptime()));
            assertThat(body.get("downtime_" + label + "_hours").decimalValue())
                    .isEqualByComparingTo(ReportRow.hours(f.downtime()));
            JsonNode w = body.get("windows").get(f.window().text());
            assertThat(w.get("label").asText()).isEqualTo(label);
            assertThat(Instant.parse(w.get("start").asText())).isEqualTo(f.range().start());
            assertThat(Instant.parse(w.get("end").asText())).isEqualTo(f.range().end());
            assertThat(w.get("uptime_seconds").asDouble()).isEqualTo(StoreViewJson.seconds(f.uptime()));
            assertThat(w.get("downtime_seconds").asDouble()).isEqualTo(StoreViewJson.seconds(f.downtime()));
            assertThat(w.get("outage_count").asInt()).isEqualTo(f.outageCount());
            assertThat(w.get("longest_outage_seconds").asDouble()).isEqualTo(StoreViewJson.seconds(f.longestOutage()));
            if (f.uptimePercent() == null) {
                assertThat(w.get("uptime_percent").isNull()).isTrue();
                assertThat(body.get("uptime_" + label + "_percent").isNull()).isTrue();
            } else {
                assertThat(w.get("uptime_percent").decimalValue()).isEqualByComparingTo(f.uptimePercent());
                assertThat(body.get("uptime_" + label + "_percent").decimalValue())
                        .isEqualByComparingTo(f.uptimePercent());
            }
            someOutage |= f.outageCount() > 0;
        }
        assertThat(someOutage).as("the data has outages in some window").isTrue();
        // the store's row of the report with the same windows, to the column
        List<String> csv = List.of(new String(expectedCsv(request), java.nio.charset.StandardCharsets.UTF_8)
                .split("\n"));
        List<String> columns = List.of(csv.get(0).split(","));
        String row = csv.stream().filter(l -> l.startsWith(store + ",")).findFirst().orElseThrow();
        String[] values = row.split(",", -1);
        for (int i = 1; i < columns.size(); i++) {
            JsonNode value = body.get(columns.get(i));
            if (values[i].isEmpty()) {
                assertThat(value.isNull()).as(columns.get(i)).isTrue();
            } else {
                assertThat(value.decimalValue()).as(columns.get(i)).isEqualByComparingTo(new BigDecimal(values[i]));
            }
        }
    }

    @Test
    void aStoreWithoutWindowsAnswersTheClassicFigures() {
        JsonNode body = http.get("/stores/" + store + "?now=" + NOW).json();
        assertThat(body.has("uptime_last_hour")).isTrue();
        assertThat(body.get("options").has("windows")).isFalse();
        List<String> keys = new ArrayList<>();
        body.get("windows").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("last_hour", "last_day", "last_week");
    }

    @ParameterizedTest
    @CsvSource({"window=0d", "window=2024-13", "window=", "window=30d&window=30d", "window=2024-09-02/2024-09-01",
            "window=MONTH"})
    void badStoreWindowsAre400NamingWindow(String query) {
        Http.Response r = http.get("/stores/" + store + "?" + query);
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("window");
        assertThat(r.json().get("error").asText()).startsWith("window '");
    }

    @Test
    void anUnknownStoreWithWindowsIs404() {
        Http.Response r = http.get("/stores/no-such-store?window=30d");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("store_id").asText()).isEqualTo("no-such-store");
    }

    @Test
    void theTimelineShowsTheStoresPlannedClosures() {
        StoreTimeline expected = UptimeEngine.create().timeline(data, store, ReportRequest.parse(NOW, null, null,
                List.of())).orElseThrow();
        assertThat(expected.plannedClosures()).isNotEmpty();
        JsonNode body = http.get("/stores/" + store + "/timeline?now=" + NOW).json();
        List<TimeInterval> shown = new ArrayList<>();
        for (JsonNode c : body.get("planned_closures")) {
            shown.add(TimeInterval.of(Instant.parse(c.get("start").asText()), Instant.parse(c.get("end").asText())));
            assertThat(c.get("start_local").asText()).isNotBlank();
        }
        assertThat(shown).isEqualTo(expected.plannedClosures());
        // the merged closures: the fleet-wide day and this store's overnight renovation overlap
        assertThat(shown).hasSize(1);
        JsonNode twoDays = http.get("/stores/" + store + "/timeline?now=" + NOW + "&days=1").json();
        assertThat(twoDays.get("planned_closures")).isEmpty();
    }

    @Test
    void theStoreListingKeepsShowingTheNewestClassicReport() {
        String classic = http.post("/reports", "{\"now\": \"" + NOW + "\"}").json().get("id").asText();
        http.awaitReport("", classic, TIMEOUT);
        String windowed = http.post("/reports", body(NOW, List.of("30d"))).json().get("id").asText();
        http.awaitReport("", windowed, TIMEOUT);
        Http.Response listing = http.get("/stores");
        assertThat(listing.status()).as(listing.text()).isEqualTo(200);
        JsonNode report = listing.json().get("stores").get(0).get("report");
        assertThat(report.get("uptime_last_week").decimalValue()).isInstanceOf(BigDecimal.class);
        assertThat(report.get("report_id").asText()).isNotEqualTo(windowed);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
