package org.storeuptime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.jdbc.SharedData;
import org.storeuptime.server.Http;
import org.storeuptime.server.UptimeServer;
import org.storeuptime.server.reports.ReportService;

/**
 * One request, every path, the same bytes: the library, {@code uptime report --data}, {@code uptime import} then
 * {@code uptime report --jdbc-url}, {@code POST /reports} and {@code POST /trigger_report} on a server over the files
 * and on one over the database give the same CSV for the same windows, lookback, extrapolation and closures; and
 * {@code uptime store ID --json} gives the figures {@code GET /stores/{id}} gives. The Spark job's equality with
 * {@code uptime report} is checked in its own module (Spark is not on this module's class path).
 */
class AnyPeriodContractTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension(false);

    private static final Path EXAMPLES = SharedData.repositoryRoot().resolve("examples").resolve("data");
    private static final Clock FIXED = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path data;
    private static String renovatedStore;
    private static StoreDataSet dataSet;
    private static UptimeServer filesServer;
    private static UptimeServer databaseServer;

    /** The bundled sample with planned closures: one for every store, one overnight, two overlapping. */
    @BeforeAll
    static void importTheSampleWithClosures(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        data = tmp.resolve("data");
        Files.createDirectories(data);
        for (String f : List.of("store_status.csv", "menu_hours.csv", "timezones.csv")) {
            Files.copy(EXAMPLES.resolve(f), data.resolve(f));
        }
        List<String> ids = Files.readAllLines(EXAMPLES.resolve("timezones.csv")).stream().skip(1)
                .map(line -> line.substring(0, line.indexOf(','))).sorted().toList();
        Files.writeString(data.resolve("closures.csv"), "store_id,start_local,end_local,reason\n"
                + "*,2024-10-09,2024-10-10,a holiday everywhere\n"
                + ids.get(0) + ",2024-10-11 20:00,2024-10-12 09:30,overnight works\n"
                + ids.get(1) + ",2024-10-12 10:00,2024-10-13 10:00,renovation\n"
                + ids.get(1) + ",2024-10-13,2024-10-13 18:00,\"renovation, second part\"\n");
        renovatedStore = ids.get(1);
        dataSet = InputLoader.load(InputFiles.inDirectory(data), LoadOptions.STRICT).data();
        assertThat(cli("import", "--jdbc-url", url(), "--schema", DB.schema(), "--data", data.toString()).status)
                .isZero();
        filesServer = UptimeServer.builder(ReportService.builder().source(dataSet).stores(dataSet).build())
                .port(0).build().start();
        databaseServer = UptimeServer.builder(ReportService.builder().database(DB.uptimeDatabase()).build())
                .port(0).build().start();
    }

    @AfterAll
    static void stopTheServers() {
        if (filesServer != null) {
            filesServer.close();
        }
        if (databaseServer != null) {
            databaseServer.close();
        }
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("2024-10-14T23:55:18Z", null, null, List.of("30d", "month", "previous-month")),
                Arguments.of("2024-10-13T12:00:00Z", "PT6H", "carry-forward",
                        List.of("6h", "2024-10-10/2024-10-13", "2024-10-12T00:00:00Z/2024-10-13T12:00:00Z")),
                Arguments.of("2024-10-10T00:00:00Z", "P2D", "nearest-poll", List.of("2w", "day", "2024-10")),
                Arguments.of("2024-10-14T23:55:18Z", null, null, List.of()));
    }

    @ParameterizedTest(name = "now {0}, lookback {1}, {2}, windows {3}")
    @MethodSource("requests")
    void everyPathGivesTheSameBytes(String now, String lookback, String extrapolation, List<String> windows)
            throws Exception {
        ReportRequest request = ReportRequest.parse(now, lookback, extrapolation, windows);
        byte[] library = ReportCsv.toBytes(UptimeEngine.create().report(dataSet, request));
        assertThat(new String(library, StandardCharsets.UTF_8)).contains("\n");

        List<String> options = new ArrayList<>(List.of("--now", now));
        if (lookback != null) {
            options.addAll(List.of("--lookback", lookback));
        }
        if (extrapolation != null) {
            options.addAll(List.of("--extrapolation", extrapolation));
        }
        for (String w : windows) {
            options.addAll(List.of("--window", w));
        }
        assertThat(cli(concat(List.of("report", "--data", data.toString()), options)).out)
                .as("uptime report --data").isEqualTo(library);
        assertThat(cli(concat(List.of("report", "--jdbc-url", url(), "--schema", DB.schema()), options)).out)
                .as("uptime report --jdbc-url").isEqualTo(library);

        ObjectNode body = JSON.createObjectNode().put("now", now);
        if (lookback != null) {
            body.put("lookback", lookback);
        }
        if (extrapolation != null) {
            body.put("extrapolation", extrapolation);
        }
        if (!windows.isEmpty()) {
            ArrayNode list = body.putArray("windows");
            windows.forEach(list::add);
        }
        for (UptimeServer server : List.of(filesServer, databaseServer)) {
            Http http = new Http(server.url());
            Http.Response created = http.post("/reports", body.toString(), "Content-Type", "application/json");
            assertThat(created.status()).as(created.text()).isEqualTo(202);
            String id = created.json().get("id").asText();
            JsonNode metadata = awaitFinished(http, id);
            assertThat(metadata.get("state").asText()).as(metadata.toString()).isEqualTo("complete");
            List<String> echoed = new ArrayList<>();
            metadata.path("options").path("windows").forEach(w -> echoed.add(w.asText()));
            assertThat(echoed).as("windows echoed").isEqualTo(windows);
            assertThat(http.get("/reports/" + id + "/csv").bytes()).as("POST /reports on " + server.url())
                    .isEqualTo(library);

            Http.Response triggered = http.post("/trigger_report", body.toString(), "Content-Type", "application/json");
            assertThat(triggered.status()).as(triggered.text()).isEqualTo(202);
            String reportId = triggered.json().get("report_id").asText();
            Http.Response done = http.awaitReport("", reportId, Duration.ofSeconds(60));
            assertThat(done.bytes()).as("POST /trigger_report on " + server.url()).isEqualTo(library);
        }
    }

    @ParameterizedTest(name = "now {0}, lookback {1}, {2}, windows {3}")
    @MethodSource("requests")
    void theStoreViewIsTheSameFromTheCommandLineAndOverHttp(String now, String lookback, String extrapolation,
            List<String> windows) throws Exception {
        String store = renovatedStore;
        List<String> options = new ArrayList<>(List.of("--now", now));
        StringBuilder query = new StringBuilder("?now=" + now);
        if (lookback != null) {
            options.addAll(List.of("--lookback", lookback));
            query.append("&lookback=").append(lookback);
        }
        if (extrapolation != null) {
            options.addAll(List.of("--extrapolation", extrapolation));
            query.append("&extrapolation=").append(extrapolation);
        }
        for (String w : windows) {
            options.addAll(List.of("--window", w));
            query.append("&window=").append(URLEncoder.encode(w, StandardCharsets.UTF_8));
        }
        JsonNode fromFiles = JSON.readTree(cli(concat(List.of("store", store, "--json", "--data", data.toString()),
                options)).out);
        JsonNode fromDatabase = JSON.readTree(cli(concat(List.of("store", store, "--json", "--jdbc-url", url(),
                "--schema", DB.schema()), options)).out);
        assertThat(fromDatabase).isEqualTo(fromFiles);
        for (UptimeServer server : List.of(filesServer, databaseServer)) {
            Http.Response view = new Http(server.url()).get("/stores/" + store + query);
            assertThat(view.status()).as(view.text()).isEqualTo(200);
            assertThat(view.json()).as("GET /stores/{id} on " + server.url()).isEqualTo(fromFiles);
        }

        // the timeline of each window (and of the week without one) is the same on both servers, and draws the
        // figures of the store view
        String base = query.toString().replaceAll("&window=[^&]*", "");
        List<String> timelines = new ArrayList<>();
        windows.forEach(w -> timelines.add(base + "&window=" + URLEncoder.encode(w, StandardCharsets.UTF_8)));
        if (windows.isEmpty()) {
            timelines.add(base);
        }
        for (int i = 0; i < timelines.size(); i++) {
            String path = "/stores/" + store + "/timeline" + timelines.get(i);
            Http.Response inMemory = new Http(filesServer.url()).get(path);
            Http.Response database = new Http(databaseServer.url()).get(path);
            assertThat(inMemory.status()).as(inMemory.text()).isEqualTo(200);
            assertThat(database.status()).as(database.text()).isEqualTo(200);
            assertThat(database.json()).as("GET " + path + " on both servers").isEqualTo(inMemory.json());
            if (!windows.isEmpty()) {
                JsonNode timeline = inMemory.json();
                assertThat(timeline.get("window").asText()).isEqualTo(windows.get(i));
                assertThat(timeline.get("figures")).isEqualTo(fromFiles.get("windows").get(windows.get(i)));
                double segments = 0;
                for (JsonNode segment : timeline.get("segments")) {
                    segments += Duration.between(Instant.parse(segment.get("start").asText()),
                            Instant.parse(segment.get("end").asText())).toNanos() / 1e9;
                }
                JsonNode figures = timeline.get("figures");
                assertThat(segments).as(path).isCloseTo(figures.get("uptime_seconds").asDouble()
                        + figures.get("downtime_seconds").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    /** {@code GET /reports/{id}} once the report is no longer pending or running. */
    private static JsonNode awaitFinished(Http http, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode metadata = http.get("/reports/" + id).json();
            String state = metadata.path("state").asText();
            if (!(state.equals("pending") || state.equals("running")) || System.nanoTime() > deadline) {
                return metadata;
            }
            Thread.sleep(50);
        }
    }

    private record Run(int status, byte[] out, String err) {
    }

    private static Run cli(List<String> args) {
        return cli(args.toArray(String[]::new));
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), FIXED);
        int status = UptimeCli.run(env, args);
        assertThat(status).as(String.join(" ", args) + "\n" + err).isZero();
        return new Run(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String url() {
        return DB.database().urlWithSettings();
    }
}
