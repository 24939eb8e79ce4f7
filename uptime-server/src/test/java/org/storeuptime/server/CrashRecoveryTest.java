package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportState;
import org.storeuptime.jdbc.DatabaseSchemaExtension;

/**
 * A server process is killed while its report runs; a new process on the same schema completes that same report
 * (db-scheduler sees the dead execution and runs it again).
 */
class CrashRecoveryTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void reportOfAKilledProcessIsCompletedByTheNextOne() throws Exception {
        StoreDataSet data = TestData.stores(30);
        DatabaseLoader.load(DB.dataSource(), DB.schema(), data);

        Process first = startServer(400);
        Process second = null;
        try {
            Http one = new Http("http://127.0.0.1:" + awaitPort(first));
            String id = one.post("/trigger_report", "").json().get("report_id").asText();
            JsonNode running = awaitRunning(one, id);
            Instant firstStart = Instant.parse(running.get("started_at").asText());

            first.destroyForcibly();
            assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
            ReportRecord leftBehind = DB.uptimeDatabase().reportRepository().find(UUID.fromString(id)).orElseThrow();
            assertThat(leftBehind.state()).isEqualTo(ReportState.RUNNING);

            second = startServer(0);
            Http two = new Http("http://127.0.0.1:" + awaitPort(second));
            Http.Response done = two.awaitReport("", id, TIMEOUT);
            assertThat(done.header("X-Report-Status")).as(done.text()).isEqualTo("Complete");
            assertThat(done.bytes()).isEqualTo(ReportCsv.toBytes(UptimeEngine.create().report(data)));

            JsonNode meta = two.get("/reports/" + id).json();
            assertThat(meta.get("state").asText()).isEqualTo("complete");
            assertThat(Instant.parse(meta.get("started_at").asText())).isAfter(firstStart);
            assertThat(two.get("/reports").json().get("reports")).hasSize(1);
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly();
                second.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static JsonNode awaitRunning(Http http, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode meta = http.get("/reports/" + id).json();
            if (meta.get("state").asText().equals("running") && meta.get("progress").get("stores_done").asInt() > 0) {
                return meta;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("report " + id + " did not start running");
    }

    private static Process startServer(long sleepPerStore) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Duser.timezone=Pacific/Chatham", CrashTestServerMain.class.getName(),
                DB.database().urlWithSettings(), DB.schema(), Long.toString(sleepPerStore)));
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /** Reads the process's output (echoed to this one's) until it says where it listens. */
    static int awaitPort(Process process) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println("[server " + process.pid() + "] " + line);
                    if (line.startsWith("LISTENING ")) {
                        port.complete(Integer.parseInt(line.substring("LISTENING ".length()).strip()));
                    }
                }
                port.completeExceptionally(new AssertionError("server process ended without listening"));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return port.get(60, TimeUnit.SECONDS);
    }
}
