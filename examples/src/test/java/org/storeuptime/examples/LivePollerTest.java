package org.storeuptime.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.storeuptime.examples.LivePoller.Answer;
import org.storeuptime.examples.LivePoller.Reading;

/**
 * The example poller against a scripted HTTP server: what it sends (NDJSON, the token), and how it retries (503 and
 * 429 honouring Retry-After, the same body again) or gives up (other refusals, or past its deadline). The poller
 * against the real server is in the end-to-end test of the CLI module.
 */
class LivePollerTest {

    private static final List<Reading> BATCH = List.of(
            new Reading("s1", true, Instant.parse("2024-10-14T10:00:00Z")),
            new Reading("s2", false, Instant.parse("2024-10-14T10:00:00.250Z")));

    private final Deque<int[]> script = new ArrayDeque<>(); // {status, retryAfter or -1}
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> headers = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private LivePoller poller(Duration giveUpAfter) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/polls", this::answer);
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new LivePoller(uri, "ingest-secret", HttpClient.newHttpClient(), giveUpAfter);
    }

    private void answer(HttpExchange exchange) throws IOException {
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        headers.add(exchange.getRequestHeaders().getFirst("Content-Type") + " | "
                + exchange.getRequestHeaders().getFirst("Authorization"));
        int[] next = script.isEmpty() ? new int[] {200, -1} : script.poll();
        String body = next[0] == 200 ? "{\"stored\":2,\"duplicates\":0,\"rejected\":[],\"rejected_count\":0}"
                : "{\"error\":\"scripted " + next[0] + "\"}";
        if (next[1] >= 0) {
            exchange.getResponseHeaders().add("Retry-After", Integer.toString(next[1]));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(next[0], bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sendsTheBatchAsNdjsonWithTheIngestToken() throws Exception {
        Answer answer = poller(Duration.ofSeconds(10)).send(BATCH);
        assertThat(answer).isEqualTo(new Answer(2, 0, 0, 1));
        assertThat(headers).containsExactly("application/x-ndjson | Bearer ingest-secret");
        assertThat(bodies).containsExactly(
                "{\"store_id\":\"s1\",\"status\":\"active\",\"timestamp_utc\":\"2024-10-14T10:00:00Z\"}\n"
                + "{\"store_id\":\"s2\",\"status\":\"inactive\",\"timestamp_utc\":\"2024-10-14T10:00:00.250Z\"}\n");
    }

    @Test
    void sendsTheSameBatchAgainAfter503And429HonouringRetryAfter() throws Exception {
        script.add(new int[] {503, 1});
        script.add(new int[] {429, 0});
        long start = System.nanoTime();
        Answer answer = poller(Duration.ofSeconds(30)).send(BATCH);
        assertThat(answer.attempts()).isEqualTo(3);
        assertThat(bodies).hasSize(3).containsOnly(bodies.get(0));
        // it waited the second the 503 asked for (a lower bound, not a speed check)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRefusalThatRetryingCannotMendIsThrownAtOnce() throws Exception {
        script.add(new int[] {403, -1});
        LivePoller poller = poller(Duration.ofSeconds(30));
        assertThatThrownBy(() -> poller.send(BATCH)).isInstanceOf(LivePoller.RefusedException.class)
                .hasMessageContaining("answered 403: scripted 403");
        assertThat(bodies).hasSize(1);
    }

    @Test
    void givesUpWhenTheServerStaysUnavailablePastItsDeadline() throws Exception {
        for (int i = 0; i < 10; i++) {
            script.add(new int[] {503, 1});
        }
        LivePoller poller = poller(Duration.ofMillis(1500));
        assertThatThrownBy(() -> poller.send(BATCH)).isInstanceOf(IOException.class)
                .hasMessageContaining("gave up on a batch of 2 polls after 2 attempts; last: 503 scripted 503");
    }
}
