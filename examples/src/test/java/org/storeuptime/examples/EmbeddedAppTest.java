package org.storeuptime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.server.reports.ReportService;

class EmbeddedAppTest {

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void uptimeApiAnswersUnderItsPrefixBesideTheHostsRoutes() throws Exception {
        StoreDataSet data = SampleData.load(20);
        Javalin app = EmbeddedApp.create(ReportService.builder().source(data).build()).start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + app.port();
            assertThat(send("GET", base + "/").body()).isEqualTo("the host application");
            assertThat(send("GET", base + "/orders").body()).isEqualTo("[{\"order\": 1}]");
            assertThat(send("POST", base + "/trigger_report").statusCode()).isEqualTo(404);

            HttpResponse<String> trigger = send("POST", base + "/uptime/trigger_report");
            assertThat(trigger.statusCode()).isEqualTo(202);
            String id = trigger.body().replaceAll(".*\"report_id\":\"([^\"]+)\".*", "$1");
            assertThat(trigger.headers().firstValue("Location")).hasValue("/uptime/get_report?report_id=" + id);

            HttpResponse<String> report = send("GET", base + "/uptime/get_report/" + id);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (report.headers().firstValue("X-Report-Status").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                report = send("GET", base + "/uptime/get_report/" + id);
            }
            assertThat(report.headers().firstValue("X-Report-Status")).hasValue("Complete");
            assertThat(report.body()).isEqualTo(new String(ReportCsv.toBytes(UptimeEngine.create().report(data)),
                    java.nio.charset.StandardCharsets.UTF_8));
            assertThat(send("GET", base + "/uptime/health").statusCode()).isEqualTo(200);
        } finally {
            app.stop();
        }
    }
}
