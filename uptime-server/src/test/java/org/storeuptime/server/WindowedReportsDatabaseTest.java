package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportState;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.server.reports.ReportService;

/** A report's windows kept in PostgreSQL: a report made by one service is run, and answered, by the next. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WindowedReportsDatabaseTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> WINDOWS = List.of("2023-01", "30d", "2023-01-20/2023-01-25",
            "2023-01-24T00:00:00Z/2023-01-25T12:30:00.5Z");

    private final StoreDataSet data = TestData.stores(20);

    @BeforeAll
    void load() {
        DatabaseLoader.load(DB.dataSource(), DB.schema(), data);
    }

    private static ReportService service() {
        return ReportService.builder().database(DB.uptimeDatabase()).pollingInterval(Duration.ofMillis(200)).build();
    }

    @Test
    void aPendingWindowedReportIsRunWithItsWindowsAfterARestart() {
        ReportRequest request = ReportRequest.parse("2023-01-25T18:00:00Z", "PT12H", "carry-forward", WINDOWS);
        ReportRecord pending;
        // triggered on a service that never starts its workers, then stopped: the report waits in the database
        try (ReportService stopped = service()) {
            pending = stopped.trigger(request);
        }
        assertThat(pending.state()).isEqualTo(ReportState.PENDING);

        UptimeServer server = UptimeServer.builder(service()).port(0).build().start();
        try {
            Http http = new Http(server.url());
            String id = pending.id().toString();
            byte[] csv = http.awaitReport("", id, TIMEOUT).bytes();
            assertThat(csv).isEqualTo(ReportCsv.toBytes(UptimeEngine.create().report(data, request)));
            JsonNode meta = http.get("/reports/" + id).json();
            assertThat(texts(meta.get("options").get("windows"))).isEqualTo(WINDOWS);
            assertThat(meta.get("options").get("lookback").asText()).isEqualTo("PT12H");
            assertThat(meta.get("options").get("extrapolation").asText()).isEqualTo("carry-forward");
        } finally {
            server.stop();
        }
    }

    @Test
    void aCompleteWindowedReportKeepsItsWindowsAndCsvAcrossARestart() {
        String id;
        byte[] csv;
        UptimeServer first = UptimeServer.builder(service()).port(0).build().start();
        try {
            Http http = new Http(first.url());
            Http.Response created = http.post("/reports", "{\"windows\": [\"previous-month\", \"month\", \"6h\"]}");
            assertThat(created.status()).as(created.text()).isEqualTo(202);
            id = created.json().get("id").asText();
            csv = http.awaitReport("", id, TIMEOUT).bytes();
            assertThat(csv).isEqualTo(ReportCsv.toBytes(UptimeEngine.create().report(data,
                    ReportRequest.parse(null, null, null, List.of("previous-month", "month", "6h")))));
            Http.Response classic = http.post("/reports", "");
            http.awaitReport("", classic.json().get("id").asText(), TIMEOUT);
            assertThat(http.get("/reports/" + classic.json().get("id").asText()).json().get("options")
                    .has("windows")).isFalse();
        } finally {
            first.stop();
        }
        UptimeServer second = UptimeServer.builder(service()).port(0).build().start();
        try {
            Http http = new Http(second.url());
            JsonNode meta = http.get("/reports/" + id).json();
            assertThat(meta.get("state").asText()).isEqualTo("complete");
            assertThat(texts(meta.get("options").get("windows"))).containsExactly("previous-month", "month", "6h");
            assertThat(http.get("/reports/" + id + "/csv").bytes()).isEqualTo(csv);
        } finally {
            second.stop();
        }
    }

    @Test
    void badWindowsMakeNoReportInTheDatabase() {
        UptimeServer server = UptimeServer.builder(service()).port(0).build().start();
        try {
            Http http = new Http(server.url());
            int before = http.get("/reports?limit=500").json().get("reports").size();
            Http.Response r = http.post("/trigger_report", "{\"windows\": [\"30d\", \"0h\"]}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("windows");
            assertThat(http.get("/reports?limit=500").json().get("reports")).hasSize(before);
        } finally {
            server.stop();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
