package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.jdbc.DatabaseSchemaExtension;

/**
 * kill -9 of a server while clients stream batches at {@code POST /polls}: every batch the server acknowledged (200)
 * is stored whole, and no batch is stored in part. Each batch is the polls of a store of its own, so the database
 * tells which batches went in and how much of each.
 */
class IngestCrashTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private static final String TOKEN = "crash-ingest";
    private static final int ROWS = 400;
    private static final int CLIENTS = 3;

    @Test
    void aKilledServerLosesNoAcknowledgedBatchAndLeavesNoHalfStoredOne() throws Exception {
        Process server = start();
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        try {
            URI polls = URI.create("http://127.0.0.1:" + CrashRecoveryTest.awaitPort(server) + "/polls");
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<Void>> clients = new java.util.ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(CompletableFuture.runAsync(() -> {
                    while (true) {
                        int batch = next.getAndIncrement();
                        try {
                            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(polls)
                                    .header("Content-Type", "text/csv").header("Authorization", "Bearer " + TOKEN)
                                    .timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofString(batch(batch))).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() == 200) {
                                acknowledged.add(batch);
                            }
                        } catch (IOException e) {
                            return; // the server is gone
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.size() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(acknowledged).as("batches acknowledged before the kill").hasSizeGreaterThanOrEqualTo(10);
            server.destroyForcibly(); // SIGKILL while batches are in flight
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            server.destroyForcibly();
        }

        Map<String, Integer> stored = DSL.using(DB.dataSource(), SQLDialect.POSTGRES).resultQuery(
                "select store_id, count(*)::int from " + DB.schema() + ".store_status group by store_id")
                .fetch().stream().collect(Collectors.toMap(r -> r.get(0, String.class), r -> r.get(1, Integer.class)));
        for (int batch : acknowledged) {
            assertThat(stored.get(store(batch))).as("acknowledged batch " + batch).isEqualTo(ROWS);
        }
        assertThat(stored.values()).as("no batch stored in part").containsOnly(ROWS);
        assertThat(stored.size()).as("batches stored: the acknowledged ones, and any committed as it died")
                .isBetween(acknowledged.size(), next.get());
    }

    private static String store(int batch) {
        return "crash-" + batch;
    }

    private static String batch(int batch) {
        StringBuilder body = new StringBuilder("store_id,status,timestamp_utc\n");
        Instant start = Instant.parse("2024-10-01T00:00:00Z");
        for (int i = 0; i < ROWS; i++) {
            body.append(store(batch)).append(i % 7 == 0 ? ",inactive," : ",active,")
                    .append(start.plusSeconds(60L * i)).append('\n');
        }
        return body.toString();
    }

    private static Process start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                CrashTestServerMain.class.getName(), DB.database().urlWithSettings(), DB.schema(), "0", TOKEN));
        pb.redirectErrorStream(true);
        return pb.start();
    }
}
