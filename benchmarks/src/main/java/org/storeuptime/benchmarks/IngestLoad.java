package org.storeuptime.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of bench/ingest.sh: CLIENTS clients post the rows of a {@code store_status.csv} to {@code POST /polls}
 * as CSV batches of BATCH rows, each client one batch after the other, and it prints the polls stored per second and
 * the batch latencies. The batches are cut before the clock starts, so the client's own work is only sending.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.storeuptime.benchmarks.IngestLoad URL TOKEN FILE CLIENTS BATCH</pre>
 */
public final class IngestLoad {

    private static final Pattern COUNT = Pattern.compile("\"(stored|duplicates|rejected_count)\"\\s*:\\s*(\\d+)");

    private IngestLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: IngestLoad URL TOKEN FILE CLIENTS BATCH");
            System.exit(2);
        }
        URI polls = URI.create(args[0]).resolve("/polls");
        String token = args[1];
        List<String> lines = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
        int clients = Integer.parseInt(args[3]);
        int batchRows = Integer.parseInt(args[4]);
        String header = lines.get(0) + "\n";
        List<byte[]> batches = new ArrayList<>();
        for (int from = 1; from < lines.size(); from += batchRows) {
            StringBuilder body = new StringBuilder(header);
            for (String line : lines.subList(from, Math.min(lines.size(), from + batchRows))) {
                body.append(line).append('\n');
            }
            batches.add(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        long rows = lines.size() - 1L;
        lines = null;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong stored = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong retried = new AtomicLong();
        long[] latencies = new long[batches.size()];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < batches.size(); ) {
                    HttpRequest request = HttpRequest.newBuilder(polls).header("Content-Type", "text/csv")
                            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(batches.get(i))).build();
                    long sent = System.nanoTime();
                    HttpResponse<String> response = send(http, request);
                    while (response.statusCode() == 429 || response.statusCode() == 503) {
                        // the server's bound on batches in flight: what a real client does is wait and resend
                        retried.incrementAndGet();
                        Thread.sleep(50);
                        response = send(http, request);
                    }
                    latencies[i] = System.nanoTime() - sent;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("batch " + i + ": " + response.statusCode() + " "
                                + response.body());
                    }
                    Matcher m = COUNT.matcher(response.body());
                    while (m.find()) {
                        long n = Long.parseLong(m.group(2));
                        switch (m.group(1)) {
                            case "stored" -> stored.addAndGet(n);
                            case "duplicates" -> duplicates.addAndGet(n);
                            default -> rejected.addAndGet(n);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        System.out.printf("rows %d, batches %d of %d rows, clients %d, seconds %.2f, polls/s %.0f, "
                + "p50 %.1f ms, p99 %.1f ms, stored %d, duplicates %d, rejected %d, resent after 429/503 %d%n",
                rows, batches.size(), batchRows, clients, seconds, rows / seconds,
                latencies[latencies.length / 2] / 1e6, latencies[(int) Math.min(latencies.length - 1,
                        Math.ceil(latencies.length * 0.99) - 1)] / 1e6,
                stored.get(), duplicates.get(), rejected.get(), retried.get());
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request)
            throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
