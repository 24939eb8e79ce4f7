package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportState;
import org.storeuptime.server.reports.ReportService;

/** The drop-in routes' parsing, status names, progress states and URLs under a prefix and behind a proxy. */
class LegacyApiRoutesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2023-01-25 18:13:22.47922 UTC       | 2023-01-25T18:13:22.479220Z",
        "2023-01-25 18:13:22 UTC             | 2023-01-25T18:13:22Z",
        "2023-01-25 18:13:22.479220utc       | 2023-01-25T18:13:22.479220Z",
        "2023-01-25 18:13:22.479220+00:00    | 2023-01-25T18:13:22.479220Z",
        "2023-01-25 18:13:22                 | 2023-01-25T18:13:22Z",
        "2023-01-25T18:13:22.479220Z         | 2023-01-25T18:13:22.479220Z",
        "2023-01-25T18:13Z                   | 2023-01-25T18:13:00Z",
        "2023-01-25T12:13:22-06:00           | 2023-01-25T18:13:22Z",
        "2023-01-25T18:13:22                 | 2023-01-25T18:13:22Z",
        "' 2023-01-25 18:13:22 UTC '         | 2023-01-25T18:13:22Z",
    })
    void acceptsTheFormsTheReplacedSystemsClientsSend(String text, String expected) {
        assertThat(LegacyApiRoutes.parseTimestamp(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2023-02-30 10:00:00 UTC", "2023-01-25", "yesterday", "2023-01-25 25:00:00 UTC", "UTC",
        "2023-01-25 18:13:22 CET", "1674670402",
    })
    void refusesOtherTexts(String text) {
        assertThatThrownBy(() -> LegacyApiRoutes.parseTimestamp(text))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("timestamp_utc: '" + text + "'");
    }

    @Test
    void statusNamesAreThoseOfTheReplacedSystem() {
        ReportRecord pending = ReportRecord.pending(UUID.randomUUID(), Instant.EPOCH, null, ReportOptions.DEFAULTS);
        assertThat(LegacyApiRoutes.status(pending)).isEqualTo("pending");
        assertThat(LegacyApiRoutes.status(with(pending, ReportState.RUNNING, null))).isEqualTo("running");
        assertThat(LegacyApiRoutes.status(with(pending, ReportState.COMPLETE, null))).isEqualTo("completed");
        assertThat(LegacyApiRoutes.status(with(pending, ReportState.FAILED, "polls file vanished")))
                .isEqualTo("failed: polls file vanished");
    }

    private static ReportRecord with(ReportRecord r, ReportState state, String error) {
        return new ReportRecord(r.id(), state, r.createdAt(), null, null, null, null, r.options(), 0, 0, null, error);
    }

    @Test
    void aRunningReportIsRunningWithoutAUrl() throws Exception {
        GatedSource source = new GatedSource(TestData.stores(12));
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(source).build())
                .port(0).build().start()) {
            Http http = new Http(server.url());
            Http.Response trigger = http.post("/api/trigger_report", "");
            assertThat(trigger.status()).isEqualTo(202);
            String id = trigger.json().get("report_id").asText();
            assertThat(trigger.header("Location")).isEqualTo("/api/get_report/" + id);
            assertThat(source.reachedGate.await(10, TimeUnit.SECONDS)).isTrue();

            JsonNode running = http.get("/api/get_report/" + id).json();
            assertThat(running.get("status").asText()).isEqualTo("running");
            assertThat(running.get("report_file_url").isNull()).isTrue();
            source.open();
            assertThat(http.awaitReport("", id, TIMEOUT).header("X-Report-Status")).isEqualTo("Complete");
            assertThat(http.get("/api/get_report/" + id).json().get("status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void theUrlFollowsThePrefixTheTokenAndAProxy() {
        StoreDataSet data = TestData.stores(5);
        io.javalin.Javalin app = io.javalin.Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            UptimeRoutes.register(config, "/uptime", ReportService.builder().source(data).build(), "s3cret", null,
                    true);
        }).start("127.0.0.1", 0);
        try {
            Http anonymous = new Http("http://127.0.0.1:" + app.port());
            assertThat(anonymous.post("/uptime/api/trigger_report", "").status()).isEqualTo(401);
            Http http = anonymous.withHeader("Authorization", "Bearer s3cret");
            String id = http.post("/uptime/api/trigger_report", "").json().get("report_id").asText();
            http.awaitReport("/uptime", id, TIMEOUT);
            assertThat(anonymous.get("/uptime/api/get_report/" + id).status()).isEqualTo(401);

            JsonNode direct = http.get("/uptime/api/get_report/" + id).json();
            assertThat(direct.get("report_file_url").asText())
                    .isEqualTo("http://127.0.0.1:" + app.port() + "/uptime/reports/" + id + "/csv");
            JsonNode proxied = http.get("/uptime/api/get_report/" + id,
                    "X-Forwarded-Proto", "https", "X-Forwarded-Host", "uptime.example.com").json();
            assertThat(proxied.get("report_file_url").asText())
                    .isEqualTo("https://uptime.example.com/uptime/reports/" + id + "/csv");
            // only http/https and a valid host, even from a trusted proxy
            String own = "http://127.0.0.1:" + app.port() + "/uptime/reports/" + id + "/csv";
            assertThat(http.get("/uptime/api/get_report/" + id, "X-Forwarded-Proto", "javascript",
                    "X-Forwarded-Host", "evil.example").json().get("report_file_url").asText())
                    .isEqualTo("http://evil.example/uptime/reports/" + id + "/csv");
            assertThat(http.get("/uptime/api/get_report/" + id, "X-Forwarded-Host", "a\"b c.example")
                    .json().get("report_file_url").asText()).isEqualTo(own);
            assertThat(http.get("/uptime/api/get_report/" + id, "X-Forwarded-Host", "[::1]:8443",
                    "X-Forwarded-Proto", "HTTPS").json().get("report_file_url").asText())
                    .isEqualTo("https://[::1]:8443/uptime/reports/" + id + "/csv");
        } finally {
            app.stop();
        }
    }

    @Test
    void forwardedHeadersAreIgnoredUnlessTrusted() {
        StoreDataSet data = TestData.stores(5);
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(data).build()).port(0)
                .build().start()) {
            Http http = new Http(server.url());
            String id = http.post("/api/trigger_report", "").json().get("report_id").asText();
            http.awaitReport("", id, TIMEOUT);
            JsonNode answer = http.get("/api/get_report/" + id, "X-Forwarded-Proto", "javascript",
                    "X-Forwarded-Host", "evil.example").json();
            assertThat(answer.get("report_file_url").asText())
                    .isEqualTo(server.url() + "/reports/" + id + "/csv");
        }
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(data).build()).port(0)
                .trustForwardedHeaders(true).build().start()) {
            Http http = new Http(server.url());
            String id = http.post("/api/trigger_report", "").json().get("report_id").asText();
            http.awaitReport("", id, TIMEOUT);
            JsonNode answer = http.get("/api/get_report/" + id, "X-Forwarded-Proto", "https",
                    "X-Forwarded-Host", "uptime.example.com").json();
            assertThat(answer.get("report_file_url").asText())
                    .isEqualTo("https://uptime.example.com/reports/" + id + "/csv");
        }
    }

    @Test
    void aFailedReportSaysWhy() {
        org.storeuptime.core.ReportSource broken = new org.storeuptime.core.ReportSource() {
            @Override
            public java.util.Optional<Instant> latestPollTime() {
                return java.util.Optional.of(Instant.parse("2023-01-25T00:00:00Z"));
            }

            @Override
            public int storeCount() {
                return 3;
            }

            @Override
            public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
                throw new org.storeuptime.core.ReportFailedException("polls file vanished");
            }
        };
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(broken).build())
                .port(0).build().start()) {
            Http http = new Http(server.url());
            String id = http.post("/api/trigger_report", "").json().get("report_id").asText();
            http.awaitReport("", id, TIMEOUT);
            JsonNode failed = http.get("/api/get_report/" + id).json();
            assertThat(failed.get("status").asText()).isEqualTo("failed: polls file vanished");
            assertThat(failed.get("report_file_url").isNull()).isTrue();
        }
    }
}
