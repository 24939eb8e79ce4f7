package org.storeuptime.examples.host;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.server.reports.ReportService;

/**
 * The host of {@link EmbeddedHostTest#libraryModulesWorkOnTheModulePath()}, run in its own JVM with uptime-server,
 * the core and their dependencies on the module path: triggers a report over HTTP, fetches it and the one-store
 * view, and exits 0 when both are right (the CSV equal to the engine's), else 1 with the reason on standard error.
 */
public final class ModulePathHost {

    private ModulePathHost() {
    }

    public static void main(String[] args) throws Exception {
        if (!ReportService.class.getModule().isNamed()) {
            fail("uptime-server is not a named module here: " + ReportService.class.getModule());
        }
        StoreDataSet data = EmbeddedHost.data(Instant.parse("2024-10-14T23:30:00Z"));
        Javalin app = EmbeddedHost.create(ReportService.builder().source(data).build(), null).start("127.0.0.1", 0);
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + app.port() + "/uptime";
            HttpResponse<String> trigger = client.send(HttpRequest.newBuilder(URI.create(base + "/trigger_report"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (trigger.statusCode() != 202) {
                fail("trigger_report answered " + trigger.statusCode() + ": " + trigger.body());
            }
            String id = trigger.body().replaceAll(".*\"report_id\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> report;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            do {
                Thread.sleep(50);
                report = client.send(HttpRequest.newBuilder(URI.create(base + "/get_report/" + id)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } while (report.headers().firstValue("X-Report-Status").isEmpty() && System.nanoTime() < deadline);
            String expected = new String(ReportCsv.toBytes(UptimeEngine.create().report(data)), StandardCharsets.UTF_8);
            if (!report.body().equals(expected)) {
                fail("get_report answered " + report.statusCode() + " " + report.headers().map() + ": " + report.body());
            }
            HttpResponse<String> store = client.send(HttpRequest.newBuilder(URI.create(base + "/stores/kathmandu"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (store.statusCode() != 200 || !store.body().contains("\"Asia/Kathmandu\"")) {
                fail("stores/kathmandu answered " + store.statusCode() + ": " + store.body());
            }
        } finally {
            app.stop();
        }
        System.out.println("ok: " + ReportService.class.getModule());
    }

    private static void fail(String reason) {
        System.err.println(reason);
        System.exit(1);
    }
}
