package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.core.csv.LoadedInput;
import org.storeuptime.server.reports.ReportService;
import org.storeuptime.server.reports.StoreUptimeMetrics;

/**
 * The meters: scraped from a standalone server's {@code GET /metrics} in the Prometheus text format after real
 * reports (complete, failed, queued) and requests, and recorded into an embedding host's own registry.
 */
class MetricsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TOKEN = "s3cret";
    private static final int STORES = 12;

    @Test
    void theStandaloneServerServesReportsQueueAndRequestsAtMetrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ControlledSource source = new ControlledSource(TestData.stores(STORES));
        ReportService service = ReportService.builder().source(source).workers(1).meterRegistry(registry).build();
        try (UptimeServer server = UptimeServer.builder(service).port(0).apiToken(TOKEN)
                .meterRegistry(registry).metricsEndpoint(registry::scrape).build().start()) {
            Http anonymous = new Http(server.url());
            Http http = anonymous.withHeader("Authorization", "Bearer " + TOKEN);

            // one complete, one failed
            String complete = http.post("/trigger_report", "").json().get("report_id").asText();
            assertThat(http.awaitReport("", complete, TIMEOUT).header("X-Report-Status")).isEqualTo("Complete");
            source.failNext("polls file vanished");
            String failed = http.post("/reports", "").json().get("id").asText();
            assertThat(http.awaitReport("", failed, TIMEOUT).json().get("status").asText()).isEqualTo("Failed");

            // one held running on the only worker, one waiting behind it: the queue holds one
            source.holdNext();
            String held = http.post("/reports", "").json().get("id").asText();
            awaitState(http, held, "running");
            String waiting = http.post("/api/trigger_report", "").json().get("report_id").asText();
            assertThat(value(scrape(http), "uptime_report_queue")).isEqualTo(1.0);
            source.open();
            http.awaitReport("", held, TIMEOUT);
            http.awaitReport("", waiting, TIMEOUT);
            awaitState(http, waiting, "complete");
            // a worker counts a report right after storing its state, which clients may see a moment earlier
            awaitValue(http, "uptime_reports_completed_total", 3.0);

            // requests whose series must carry the template, never the raw path
            String unknown = UUID.randomUUID().toString();
            assertThat(http.get("/reports/" + unknown).status()).isEqualTo(404);
            assertThat(http.get("/no/such/path").status()).isEqualTo(404);
            assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
            assertThat(http.send("DELETE", "/reports", null).status()).isEqualTo(405);

            Http.Response scraped = http.get("/metrics");
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            Map<String, Double> m = parse(scraped.text());

            assertThat(value(m, "uptime_reports_triggered_total", "trigger", "api")).isEqualTo(4.0);
            assertThat(value(m, "uptime_reports_triggered_total", "trigger", "schedule")).isZero();
            assertThat(value(m, "uptime_reports_completed_total")).isEqualTo(3.0);
            assertThat(value(m, "uptime_reports_failed_total")).isEqualTo(1.0);
            assertThat(value(m, "uptime_reports_retried_total", "reason", "database")).isZero();
            assertThat(value(m, "uptime_report_queue")).isZero();

            // the duration histogram: cumulative buckets ending in +Inf = count, per outcome
            assertThat(value(m, "uptime_report_duration_seconds_count", "outcome", "completed")).isEqualTo(3.0);
            assertThat(value(m, "uptime_report_duration_seconds_count", "outcome", "failed")).isEqualTo(1.0);
            assertThat(value(m, "uptime_report_duration_seconds_bucket", "outcome", "completed", "le", "+Inf"))
                    .isEqualTo(3.0);
            assertThat(value(m, "uptime_report_duration_seconds_bucket", "outcome", "completed", "le", "600.0"))
                    .isEqualTo(3.0);
            List<Double> buckets = series(m, "uptime_report_duration_seconds_bucket", "outcome", "completed");
            assertThat(buckets).hasSize(14).isSorted();
            assertThat(value(m, "uptime_report_duration_seconds_sum", "outcome", "completed")).isPositive();

            assertThat(value(m, "uptime_report_stores_count")).isEqualTo(3.0);
            assertThat(value(m, "uptime_report_stores_sum")).isEqualTo(3.0 * STORES);
            assertThat(value(m, "uptime_report_stores_max")).isEqualTo(STORES);

            assertThat(value(m, "http_server_requests_seconds_count",
                    "method", "POST", "route", "/trigger_report", "status", "202")).isEqualTo(1.0);
            assertThat(value(m, "http_server_requests_seconds_count",
                    "method", "POST", "route", "/reports", "status", "202")).isEqualTo(2.0);
            assertThat(value(m, "http_server_requests_seconds_count",
                    "method", "POST", "route", "/api/trigger_report", "status", "202")).isEqualTo(1.0);
            assertThat(value(m, "http_server_requests_seconds_count",
                    "method", "GET", "route", "/reports/{id}", "status", "404")).isEqualTo(1.0);
            assertThat(value(m, "http_server_requests_seconds_count",
                    "method", "GET", "route", "NOT_FOUND", "status", "404")).isEqualTo(1.0);
            assertThat(value(m, "http_server_requests_seconds_count",
                    "method", "GET", "route", "/metrics", "status", "401")).isEqualTo(1.0);
            assertThat(value(m, "http_server_requests_seconds_count",
                    "method", "DELETE", "route", "/reports", "status", "405")).isEqualTo(1.0);
            assertThat(value(m, "http_server_requests_seconds_count",
                    "method", "GET", "route", "/get_report", "status", "200")).isGreaterThanOrEqualTo(4.0);
            assertThat(m.keySet()).as("no series names a raw path or id")
                    .noneMatch(k -> k.contains(unknown) || k.contains(complete) || k.contains("/no/such/path"));
        }
    }

    @Test
    void anEmbeddingHostsOwnRegistryReceivesTheMetersUnderItsPrefix() {
        SimpleMeterRegistry host = new SimpleMeterRegistry();
        StoreDataSet data = TestData.stores(STORES);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/hello", ctx -> ctx.result("hello"));
            UptimeRoutes.register(config, "/uptime",
                    ReportService.builder().source(data).meterRegistry(host).build(), null, host);
        }).start("127.0.0.1", 0);
        try {
            Http http = new Http("http://127.0.0.1:" + app.port());
            String id = http.post("/uptime/trigger_report", "").json().get("report_id").asText();
            assertThat(http.awaitReport("/uptime", id, TIMEOUT).status()).isEqualTo(200);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (host.get(StoreUptimeMetrics.REPORTS_COMPLETED).counter().count() < 1) {
                assertThat(System.nanoTime()).as("the report is counted").isLessThan(deadline);
                sleep();
            }
            assertThat(http.get("/hello").text()).isEqualTo("hello");
            assertThat(http.get("/uptime/").status()).isEqualTo(200);

            assertThat(host.get(StoreUptimeMetrics.REPORTS_TRIGGERED).tag("trigger", "api").counter().count())
                    .isEqualTo(1);
            assertThat(host.get(StoreUptimeMetrics.REPORTS_COMPLETED).counter().count()).isEqualTo(1);
            assertThat(host.get(StoreUptimeMetrics.REPORT_STORES).summary().totalAmount()).isEqualTo(STORES);
            assertThat(host.get(StoreUptimeMetrics.REPORT_DURATION).tag("outcome", "completed").timer().count())
                    .isEqualTo(1);
            assertThat(host.get(StoreUptimeMetrics.HTTP_REQUESTS).tags("route", "/uptime/trigger_report",
                    "method", "POST", "status", "202").timer().count()).isEqualTo(1);
            assertThat(host.get(StoreUptimeMetrics.HTTP_REQUESTS).tags("route", "/uptime/", "method", "GET",
                    "status", "200").timer().count()).isEqualTo(1);
            // the host's own routes are its own business
            assertThat(host.find(StoreUptimeMetrics.HTTP_REQUESTS).tag("route", "/hello").timers()).isEmpty();
            assertThat(host.find(StoreUptimeMetrics.HTTP_REQUESTS).tag("route", HttpMetrics.UNMATCHED_ROUTE)
                    .timers()).isEmpty();
        } finally {
            app.stop();
        }
    }

    @Test
    void madeUpMethodsFromClientsWithoutTheTokenShareOneSeries() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ReportService service = ReportService.builder().source(TestData.stores(3)).build();
        try (UptimeServer server = UptimeServer.builder(service).port(0).apiToken(TOKEN)
                .meterRegistry(registry).metricsEndpoint(registry::scrape).build().start()) {
            Http anonymous = new Http(server.url());
            for (int i = 0; i < 40; i++) {
                String method = String.format("X%05dQ", i);
                // refused for the missing token before the method is looked at
                assertThat(anonymous.send(method, "/reports", null).status()).isEqualTo(401);
                assertThat(anonymous.send(method, "/no/such/path", null).status()).isIn(404, 405);
            }
            assertThat(anonymous.send("PATCH", "/reports", null).status()).isEqualTo(401);
            List<String> methods = registry.find(StoreUptimeMetrics.HTTP_REQUESTS).timers().stream()
                    .map(t -> t.getId().getTag("method")).distinct().sorted().toList();
            assertThat(methods).containsExactly("OTHER", "PATCH");
            assertThat(registry.find(StoreUptimeMetrics.HTTP_REQUESTS).tag("method", "OTHER")
                    .tag("route", "/reports").timer().count()).isEqualTo(40);
            assertThat(registry.find(StoreUptimeMetrics.HTTP_REQUESTS).timers()).hasSizeLessThanOrEqualTo(4);
        }
    }

    @Test
    void withoutARegistryTheRoutesRecordNothingAndServeNoMetrics() {
        SimpleMeterRegistry unused = new SimpleMeterRegistry();
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(TestData.stores(3)).build())
                .port(0).build().start()) {
            Http http = new Http(server.url());
            String id = http.post("/trigger_report", "").json().get("report_id").asText();
            http.awaitReport("", id, TIMEOUT);
            assertThat(http.get("/metrics").status()).isEqualTo(404);
        }
        assertThat(unused.getMeters()).isEmpty();
    }

    @Test
    void inputRowsAreCountedByOutcome(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(InputFiles.STATUS_FILE), """
                store_id,status,timestamp_utc
                1,active,2023-01-25 18:13:22.47922 UTC
                1,active,2023-01-25 18:13:22.47922 UTC
                1,sleeping,2023-01-25 19:13:22.47922 UTC
                2,inactive,2023-01-25 18:00:00 UTC
                """, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(InputFiles.HOURS_FILE), "store_id,dayOfWeek,start_time_local,end_time_local\n"
                + "1,0,09:00:00,17:00:00\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(InputFiles.TIMEZONES_FILE), "store_id,timezone_str\n1,Asia/Kolkata\n",
                StandardCharsets.UTF_8);
        LoadedInput loaded = InputLoader.load(InputFiles.inDirectory(dir), LoadOptions.LENIENT);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StoreUptimeMetrics.recordImport(registry, loaded.summaries());
        StoreUptimeMetrics.recordImport(registry, loaded.summaries());

        Map<String, Double> m = parse(registry.scrape());
        // twice: 4 + 1 + 1 rows read, of which 1 duplicate and 1 rejected poll
        assertThat(value(m, "uptime_import_rows_total", "outcome", "read")).isEqualTo(12.0);
        assertThat(value(m, "uptime_import_rows_total", "outcome", "loaded")).isEqualTo(8.0);
        assertThat(value(m, "uptime_import_rows_total", "outcome", "duplicate")).isEqualTo(2.0);
        assertThat(value(m, "uptime_import_rows_total", "outcome", "rejected")).isEqualTo(2.0);
    }

    private static void awaitState(Http http, String id, String state) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!http.get("/reports/" + id).json().get("state").asText().equals(state)) {
            assertThat(System.nanoTime()).as("report " + id + " reaches " + state).isLessThan(deadline);
            sleep();
        }
    }

    private static void awaitValue(Http http, String name, double expected) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (value(scrape(http), name) != expected) {
            assertThat(System.nanoTime()).as(name + " reaches " + expected).isLessThan(deadline);
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Double> scrape(Http http) {
        Http.Response r = http.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        return parse(r.text());
    }

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** The samples of a Prometheus text exposition, keyed {@code name{a="1",b="2"}} with labels sorted by name. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line: " + line).isTrue();
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.put(key(sample.group(1), labels), Double.parseDouble(sample.group(3)));
        }
        return samples;
    }

    private static String key(String name, Map<String, String> labels) {
        StringBuilder k = new StringBuilder(name).append('{');
        labels.forEach((n, v) -> k.append(n).append("=\"").append(v).append("\","));
        return k.append('}').toString();
    }

    /** The value of the sample {@code name} with exactly the labels {@code nameValuePairs}. */
    static double value(Map<String, Double> samples, String name, String... nameValuePairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            labels.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        String key = key(name, labels);
        assertThat(samples).as("scraped series").containsKey(key);
        return samples.get(key);
    }

    /** The values of every sample {@code name} with at least the labels given, in the scrape's order. */
    private static List<Double> series(Map<String, Double> samples, String name, String... nameValuePairs) {
        List<Double> values = new ArrayList<>();
        samples.forEach((key, v) -> {
            boolean match = key.startsWith(name + "{");
            for (int i = 0; i < nameValuePairs.length && match; i += 2) {
                match = key.contains(nameValuePairs[i] + "=\"" + nameValuePairs[i + 1] + "\"");
            }
            if (match) {
                values.add(v);
            }
        });
        return values;
    }
}
