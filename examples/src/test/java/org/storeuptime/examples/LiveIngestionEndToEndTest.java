package org.storeuptime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.cli.CliEnvironment;
import org.storeuptime.cli.UptimeCli;
import org.storeuptime.examples.LivePoller.Answer;
import org.storeuptime.examples.LivePoller.Reading;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.jdbc.SharedData;

/**
 * What the README promises for live ingestion, end to end: {@code uptime serve --jdbc-url} with an ingest token
 * (a process of its own), the stores' hours and zones sent to its PUT routes, half of the polls posted by the
 * example {@link LivePoller} (some twice), the other half streamed by {@code uptime ingest}; then
 * {@code uptime report --jdbc-url} equals {@code uptime report --data} on the same files, byte for byte.
 */
class LiveIngestionEndToEndTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private static final Path DATA = SharedData.repositoryRoot().resolve("examples").resolve("data");
    private static final String TOKEN = "e2e-ingest-token";
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    @Test
    void pollsSentByTheExamplePollerAndByUptimeIngestGiveTheReportOfTheFiles() throws Exception {
        List<String> polls = Files.readAllLines(DATA.resolve("store_status.csv"));
        String header = polls.get(0);
        List<String> rows = polls.subList(1, polls.size());
        List<String> viaPoller = rows.subList(0, rows.size() / 2);
        List<String> viaIngest = rows.subList(rows.size() / 2, rows.size());

        Process server = startServer();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        try {
            URI base = URI.create(awaitUrl(server, output));
            HttpClient http = HttpClient.newHttpClient();
            sendHoursAndZones(http, base);

            LivePoller poller = LivePoller.of(base, TOKEN);
            long stored = 0;
            for (int from = 0; from < viaPoller.size(); from += 500) {
                List<Reading> batch = new ArrayList<>();
                for (String row : viaPoller.subList(from, Math.min(viaPoller.size(), from + 500))) {
                    String[] f = row.split(",");
                    batch.add(new Reading(f[0], f[1].equals("active"), parse(f[2])));
                }
                stored += poller.send(batch).stored();
                if (from == 0) {
                    // a batch whose answer was lost is sent again: nothing is stored twice
                    Answer again = poller.send(batch);
                    assertThat(again.stored()).isZero();
                    assertThat(again.duplicates()).isEqualTo(batch.size());
                }
            }
            // the file repeats a few polls (same store and instant): stored once, the rest are duplicates
            assertThat(stored).isEqualTo(distinct(viaPoller));
        } finally {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }

        String stream = header + "\n" + String.join("\n", viaIngest) + "\n";
        Run ingest = run(stream, "ingest", "--jdbc-url", DB.database().urlWithSettings(), "--schema", DB.schema(),
                "--batch", "700");
        assertThat(ingest.status()).as(ingest.err()).isZero();
        assertThat(ingest.err()).contains("ingested " + viaIngest.size() + " rows in ", " 0 rejected");

        assertThat(DSL.using(DB.dataSource(), SQLDialect.POSTGRES)
                .fetchCount(DSL.table(DSL.name(DB.schema(), "store_status")))).isEqualTo(distinct(rows));
        Run fromDatabase = run("", "report", "--jdbc-url", DB.database().urlWithSettings(), "--schema", DB.schema());
        Run fromFiles = run("", "report", "--data", DATA.toString());
        assertThat(fromDatabase.status()).as(fromDatabase.err()).isZero();
        assertThat(fromDatabase.out()).isEqualTo(fromFiles.out()).isNotEmpty();
    }

    private static long distinct(List<String> rows) {
        return rows.stream().map(row -> row.split(",")).map(f -> f[0] + "|" + parse(f[2])).distinct().count();
    }

    /** The polls' timestamps as the files write them ({@code 2024-10-14 20:45:24.55891 UTC}). */
    private static Instant parse(String text) {
        return Instant.parse(text.replace(" UTC", "Z").replace(' ', 'T'));
    }

    private static void sendHoursAndZones(HttpClient http, URI base) throws IOException, InterruptedException {
        Map<String, StringBuilder> hours = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(DATA.resolve("menu_hours.csv"));
        for (String row : lines.subList(1, lines.size())) {
            hours.computeIfAbsent(row.split(",")[0], id -> new StringBuilder(lines.get(0)).append('\n'))
                    .append(row).append('\n');
        }
        for (Map.Entry<String, StringBuilder> store : hours.entrySet()) {
            assertThat(put(http, base, "/stores/" + store.getKey() + "/hours", "text/csv", store.getValue().toString()))
                    .isEqualTo(200);
        }
        List<String> zones = Files.readAllLines(DATA.resolve("timezones.csv"));
        for (String row : zones.subList(1, zones.size())) {
            String[] f = row.split(",");
            assertThat(put(http, base, "/stores/" + f[0] + "/timezone", "application/json",
                    "{\"timezone_str\": \"" + f[1] + "\"}")).isEqualTo(200);
        }
    }

    private static int put(HttpClient http, URI base, String path, String type, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", type).header("Authorization", "Bearer " + TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.statusCode();
    }

    private static Process startServer() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UptimeCli.class.getName(), "serve", "--port", "0",
                "--jdbc-url", DB.database().urlWithSettings(), "--schema", DB.schema()).redirectErrorStream(true);
        pb.environment().remove("UPTIME_API_TOKEN");
        pb.environment().put("UPTIME_INGEST_TOKEN", TOKEN);
        return pb.start();
    }

    private static String awaitUrl(Process process, List<String> lines) throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        assertThat(line).contains("live ingestion on");
                        url.complete(m.group(1));
                    }
                }
                url.completeExceptionally(new AssertionError("serve ended without listening:\n" + lines));
            } catch (IOException | AssertionError e) {
                url.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return url.get(60, TimeUnit.SECONDS);
    }

    record Run(int status, String out, String err) {
    }

    private static Run run(String in, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Clock.systemUTC())
                .withIn(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)));
        int status = UptimeCli.run(env, args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
