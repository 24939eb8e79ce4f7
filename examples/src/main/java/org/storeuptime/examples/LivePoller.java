package org.storeuptime.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * A platform's poller sending what it sees to {@code uptime serve}: batches of polls as NDJSON to
 * {@code POST /polls} with the ingest token, using only {@code java.net.http} (and Jackson to read the answer).
 * Copy it into your poller.
 *
 * <p>How it retries, as docs/server.md advises: {@code 503} (database unavailable) and {@code 429} (too many
 * batches in flight) mean "nothing of this batch was stored, send it again": it waits the answer's
 * {@code Retry-After} and sends the same batch. A lost connection is retried the same way with backoff (0.5 s
 * doubling, at most 30 s). Sending a batch twice is safe: a poll already stored is a duplicate. Any other answer
 * ({@code 400} wrong header, {@code 401}/{@code 403} token, {@code 413} too large) will not get better by
 * retrying and is thrown.
 *
 * <p>Run it against a server started with {@code UPTIME_INGEST_TOKEN=secret uptime serve --jdbc-url ...}:
 * <pre>
 * UPTIME_INGEST_TOKEN=secret mvn -q -pl examples -am test-compile exec:java \
 *     -Dexec.mainClass=org.storeuptime.examples.LivePoller -Dexec.args="http://localhost:8080 20 3"
 * </pre>
 */
public final class LivePoller {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI polls;
    private final String token;
    private final HttpClient client;
    private final Duration giveUpAfter;

    /**
     * A poller posting to {@code server}'s {@code /polls} with {@code token}, trying a batch again for at most
     * {@code giveUpAfter}.
     */
    public LivePoller(URI server, String token, HttpClient client, Duration giveUpAfter) {
        this.polls = Objects.requireNonNull(server, "server").resolve("/polls");
        this.token = Objects.requireNonNull(token, "token");
        this.client = Objects.requireNonNull(client, "client");
        this.giveUpAfter = Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    }

    /** A poller with a client of its own that tries a batch again for up to ten minutes. */
    public static LivePoller of(URI server, String token) {
        return new LivePoller(server, token,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofMinutes(10));
    }

    /**
     * One status seen by the poller.
     *
     * @param storeId the store
     * @param active whether it was open for orders
     * @param timestamp when it was seen
     */
    public record Reading(String storeId, boolean active, Instant timestamp) {
        public Reading {
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(timestamp, "timestamp");
        }
    }

    /**
     * What the server said of a batch.
     *
     * @param stored polls stored now
     * @param duplicates polls it had already (sent before, or twice in the batch)
     * @param rejected rows it refused (their reasons are in the answer's {@code rejected} list)
     * @param attempts how many times the batch was sent
     */
    public record Answer(long stored, long duplicates, long rejected, int attempts) {
    }

    /** The server refused a batch for a reason that trying again does not change. */
    public static final class RefusedException extends RuntimeException {
        private final int status;

        RefusedException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status of the answer. */
        public int status() {
            return status;
        }
    }

    /**
     * Sends {@code readings} as one batch, again while the server says 503/429 or cannot be reached, until it is
     * stored (durable) or {@code giveUpAfter} has passed.
     *
     * @throws RefusedException when the server refuses the batch (4xx other than 429)
     * @throws IOException when the server stayed unreachable or unavailable for {@code giveUpAfter}
     */
    public Answer send(List<Reading> readings) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(polls)
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(ndjson(readings)))
                .build();
        long giveUpAt = System.nanoTime() + giveUpAfter.toNanos();
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            String why;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    JsonNode body = JSON.readTree(response.body());
                    return new Answer(body.path("stored").asLong(), body.path("duplicates").asLong(),
                            body.path("rejected_count").asLong(), attempt);
                }
                if (status != 503 && status != 429) {
                    throw new RefusedException(status, "POST " + polls + " answered " + status + ": "
                            + error(response.body()));
                }
                // nothing of the batch was stored: the server says when to come back
                wait = retryAfter(response).orElse(backoff);
                why = status + " " + error(response.body());
            } catch (IOException e) {
                wait = backoff;
                why = "unreachable: " + e;
            }
            if (System.nanoTime() + wait.toNanos() - giveUpAt > 0) {
                throw new IOException("gave up on a batch of " + readings.size() + " polls after " + attempt
                        + " attempts; last: " + why);
            }
            Thread.sleep(wait.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF
                    : backoff.multipliedBy(2);
        }
    }

    /** The batch as NDJSON: one object per line with the columns of {@code store_status.csv}. */
    static String ndjson(List<Reading> readings) {
        StringBuilder body = new StringBuilder(readings.size() * 96);
        for (Reading reading : readings) {
            body.append(JSON.createObjectNode()
                    .put("store_id", reading.storeId())
                    .put("status", reading.active() ? "active" : "inactive")
                    .put("timestamp_utc", reading.timestamp().toString()))
                    .append('\n');
        }
        return body.toString();
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: our server never sends one; use the backoff
            }
        });
    }

    private static String error(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.isMissingNode() ? body : error.asText();
        } catch (IOException e) {
            return body;
        }
    }

    /**
     * Pretends to poll {@code stores} stores once a minute for {@code rounds} rounds (0: until stopped) and sends
     * each round as a batch. Arguments: server URL (default http://localhost:8080), stores (10), rounds (0); the
     * token comes from {@code UPTIME_INGEST_TOKEN}.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        URI server = URI.create(args.length > 0 ? args[0] : "http://localhost:8080");
        int stores = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        String token = System.getenv("UPTIME_INGEST_TOKEN");
        if (token == null || token.isBlank()) {
            System.err.println("set UPTIME_INGEST_TOKEN to the server's ingest token");
            System.exit(2);
        }
        LivePoller poller = LivePoller.of(server, token.strip());
        Clock clock = Clock.systemUTC();
        Random random = new Random();
        for (int round = 1; rounds == 0 || round <= rounds; round++) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            List<Reading> readings = new ArrayList<>(stores);
            for (int store = 1; store <= stores; store++) {
                readings.add(new Reading("pretend-store-" + store, random.nextInt(10) != 0, now));
            }
            Answer answer = poller.send(readings);
            System.out.println(now + ": " + answer.stored() + " stored, " + answer.duplicates() + " duplicate, "
                    + answer.rejected() + " rejected (" + answer.attempts() + " attempt"
                    + (answer.attempts() == 1 ? "" : "s") + ")");
            if (rounds == 0 || round < rounds) {
                Thread.sleep(Duration.ofMinutes(1).toMillis());
            }
        }
    }
}
