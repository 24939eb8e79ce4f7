package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;

/**
 * The drop-in {@code /api/...} routes driven exactly as the replaced Django system's clients drive them: a JSON
 * POST, then GETs until {@code "completed"}, then a GET of {@code report_file_url} as given. Run against the
 * in-memory and the database-backed server.
 */
abstract class LegacyApiContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    /** The server's base URL, e.g. {@code http://127.0.0.1:43210}. */
    abstract String baseUrl();

    /** The data the server reports on. */
    abstract StoreDataSet data();

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return MAPPER.readTree(response.body());
    }

    /** {@code requests.post(base + "/api/trigger_report", json=body)}: the id, after checking the answer. */
    private String trigger(String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/trigger_report"));
        b = body == null ? b.POST(HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<byte[]> response = send(b.build());
        assertThat(response.statusCode()).isBetween(200, 299);
        JsonNode answer = json(response);
        assertThat(answer.get("status").asText()).isEqualTo("Report generation initiated");
        return answer.get("report_id").asText();
    }

    /** Polls {@code /api/get_report/<id>} until it is no longer pending or running; the last answer. */
    private JsonNode awaitStatus(String id) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(
                    URI.create(baseUrl() + "/api/get_report/" + id)).GET().build());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode status = json(response);
            assertThat(status.has("report_file_url")).isTrue();
            String s = status.get("status").asText();
            if (!(s.equals("pending") || s.equals("running")) || System.nanoTime() > deadline) {
                return status;
            }
            assertThat(status.get("report_file_url").isNull()).isTrue();
            Thread.sleep(50);
        }
    }

    /** The whole client round trip: the CSV from {@code report_file_url}, checked against the other routes. */
    private byte[] roundTrip(String body) throws IOException, InterruptedException {
        String id = trigger(body);
        JsonNode done = awaitStatus(id);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        String url = done.get("report_file_url").asText();
        assertThat(url).isEqualTo(baseUrl() + "/reports/" + id + "/csv");

        HttpResponse<byte[]> file = send(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/csv"));
        byte[] resourceStyle = new Http(baseUrl()).get("/reports/" + id + "/csv").bytes();
        assertThat(file.body()).isEqualTo(resourceStyle);
        return file.body();
    }

    private byte[] expected(Instant now) {
        return ReportCsv.toBytes(UptimeEngine.create().report(data(), now));
    }

    @Test
    void theDataFilesTimestampFormIsTheReportsNow() throws Exception {
        byte[] csv = roundTrip("{\"timestamp_utc\": \"2023-01-24 18:13:22.47922 UTC\"}");
        assertThat(csv).isEqualTo(expected(Instant.parse("2023-01-24T18:13:22.479220Z")));
    }

    @Test
    void isoAndPythonTimestampsAreAccepted() throws Exception {
        assertThat(roundTrip("{\"timestamp_utc\": \"2023-01-23T06:00:00Z\"}"))
                .isEqualTo(expected(Instant.parse("2023-01-23T06:00:00Z")));
        assertThat(roundTrip("{\"timestamp_utc\": \"2023-01-22 09:30:00.250000+00:00\"}"))
                .isEqualTo(expected(Instant.parse("2023-01-22T09:30:00.250Z")));
    }

    @Test
    void withoutABodyTheReportEndsAtTheLatestPoll() throws Exception {
        byte[] defaultNow = expected(null);
        assertThat(roundTrip(null)).isEqualTo(defaultNow);
        assertThat(roundTrip("{}")).isEqualTo(defaultNow);
        assertThat(roundTrip("{\"timestamp_utc\": null, \"store_ids\": [\"ignored\"]}")).isEqualTo(defaultNow);
    }

    @Test
    void badRequestsAreJsonErrors() throws Exception {
        Http http = new Http(baseUrl());
        Http.Response badTime = http.post("/api/trigger_report", "{\"timestamp_utc\": \"2023-02-30 10:00:00 UTC\"}");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("error").asText()).startsWith("timestamp_utc: '2023-02-30 10:00:00 UTC'");
        assertThat(http.post("/api/trigger_report", "{\"timestamp_utc\": 1674670402}").json().get("error").asText())
                .isEqualTo("timestamp_utc: must be a string, not number");
        assertThat(http.post("/api/trigger_report", "[1]").status()).isEqualTo(400);
        assertThat(http.post("/api/trigger_report", "{").status()).isEqualTo(400);
        assertThat(http.get("/api/get_report/3f2b9c1e-8a4d-4e7b-9c2a-1d5e6f7a8b9c").status()).isEqualTo(404);
        assertThat(http.get("/api/get_report/42").status()).isEqualTo(400);
        Http.Response wrongMethod = http.get("/api/trigger_report");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
    }
}
