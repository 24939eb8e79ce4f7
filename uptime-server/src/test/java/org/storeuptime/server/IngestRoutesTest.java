package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.jdbc.TcpProxy;
import org.storeuptime.jdbc.UptimeDatabase;
import org.storeuptime.server.reports.ReportService;
import org.storeuptime.server.reports.StoreUptimeMetrics;

/**
 * The live-ingestion routes on a real server and database: batches stored and answered after commit, a batch sent
 * twice stores nothing twice, rejected rows listed by line, field, value and reason while the good rows are stored,
 * the two tokens each opening only their routes, 413, 415, 400, 409, 429 and 503, the metrics, and the hours, zone
 * and closure routes.
 */
class IngestRoutesTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private static final String INGEST = "ingest-secret";
    private static final String API = "report-secret";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String HEADER = "store_id,status,timestamp_utc\n";

    private final List<UptimeServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(UptimeServer::stop);
    }

    private UptimeServer server(UptimeDatabase database) {
        return start(UptimeServer.builder(ReportService.builder().database(database).build()).port(0)
                .ingestToken(INGEST).ingestInto(LiveIngestion.into(database)).clock(CLOCK));
    }

    private UptimeServer start(UptimeServer.Builder builder) {
        UptimeServer server = builder.build().start();
        servers.add(server);
        return server;
    }

    private static Http ingest(UptimeServer server) {
        return new Http(server.url()).withHeader("Authorization", "Bearer " + INGEST);
    }

    private static DSLContext sql() {
        return DSL.using(DB.dataSource(), SQLDialect.POSTGRES);
    }

    private static int polls(String storePrefix) {
        return sql().fetchCount(DSL.table(DSL.name(DB.schema(), "store_status")),
                DSL.field(DSL.name("store_id"), String.class).startsWith(storePrefix));
    }

    @Test
    void csvAndNdjsonBatchesAreStoredAndTheSameBatchAgainStoresNothing() {
        Http http = ingest(server(DB.uptimeDatabase()));
        String csv = HEADER + "a1,active,2024-10-14 10:00:00 UTC\na1,inactive,2024-10-14 11:00:00.5 UTC\n"
                + "a2,active,2024-10-14T10:00:00Z\n";
        Http.Response first = http.post("/polls", csv, "Content-Type", "text/csv");
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().get("stored").asLong()).isEqualTo(3);
        assertThat(first.json().get("duplicates").asLong()).isZero();
        assertThat(first.json().get("rejected_count").asLong()).isZero();
        assertThat(polls("a")).isEqualTo(3);

        Http.Response again = http.post("/polls", csv, "Content-Type", "text/csv; charset=utf-8");
        assertThat(again.json().get("stored").asLong()).isZero();
        assertThat(again.json().get("duplicates").asLong()).isEqualTo(3);
        assertThat(polls("a")).isEqualTo(3);

        String ndjson = "{\"store_id\":\"a1\",\"status\":\"active\",\"timestamp_utc\":\"2024-10-14 10:00:00 UTC\"}\n"
                + "\n{\"store_id\":\"a3\",\"status\":\"inactive\",\"timestamp_utc\":\"2024-10-14T12:00:00Z\"}\n";
        Http.Response lines = http.post("/polls", ndjson, "Content-Type", "application/x-ndjson");
        assertThat(lines.status()).as(lines.text()).isEqualTo(200);
        assertThat(lines.json().get("stored").asLong()).isEqualTo(1);
        assertThat(lines.json().get("duplicates").asLong()).isEqualTo(1);
        assertThat(polls("a")).isEqualTo(4);
    }

    @Test
    void rejectedRowsAreListedByLineFieldValueAndReasonWhileTheGoodOnesAreStored() {
        Http http = ingest(server(DB.uptimeDatabase()));
        String csv = HEADER + "b1,active,2024-10-14 10:00:00 UTC\nb1,sleeping,2024-10-14 11:00:00 UTC\n"
                + "b1,active,2030-01-01 00:10:00 UTC\nb2,inactive,2024-10-14 12:00:00 UTC\n";
        Http.Response answer = http.post("/polls", csv, "Content-Type", "text/csv");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("stored").asLong()).isEqualTo(2);
        assertThat(body.get("rejected_count").asLong()).isEqualTo(2);
        JsonNode status = body.get("rejected").get(0);
        assertThat(status.get("line").asLong()).isEqualTo(3);
        assertThat(status.get("field").asText()).isEqualTo("status");
        assertThat(status.get("value").asText()).isEqualTo("sleeping");
        assertThat(status.get("reason").asText()).isNotBlank();
        JsonNode ahead = body.get("rejected").get(1);
        assertThat(ahead.get("line").asLong()).isEqualTo(4);
        assertThat(ahead.get("field").asText()).isEqualTo("timestamp_utc");
        assertThat(polls("b")).isEqualTo(2);
    }

    @Test
    void eachTokenOpensOnlyItsOwnRoutes() {
        UptimeServer both = start(UptimeServer.builder(ReportService.builder().database(DB.uptimeDatabase())
                .build()).port(0).apiToken(API).ingestToken(INGEST).ingestInto(LiveIngestion.into(DB.uptimeDatabase())).clock(CLOCK));
        Http none = new Http(both.url());
        String csv = HEADER + "t1,active,2024-10-14 10:00:00 UTC\n";
        assertThat(post(none, "/polls", csv, INGEST).status()).isEqualTo(200);
        assertThat(post(none, "/polls", csv, API).status()).isEqualTo(403);
        assertThat(post(none, "/polls", csv, "wrong").status()).isEqualTo(401);
        assertThat(none.post("/polls", csv, "Content-Type", "text/csv").status()).isEqualTo(401);
        assertThat(none.get("/reports", "Authorization", "Bearer " + API).status()).isEqualTo(200);
        assertThat(none.get("/reports", "Authorization", "Bearer " + INGEST).status()).isEqualTo(403);
        assertThat(none.get("/reports").status()).isEqualTo(401);
        assertThat(none.get("/health").status()).isEqualTo(200);

        // without an ingest token ingestion is off, whatever is sent
        UptimeServer off = start(UptimeServer.builder(ReportService.builder().database(DB.uptimeDatabase())
                .build()).port(0));
        Http.Response refused = post(new Http(off.url()), "/polls", csv, INGEST);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).isEqualTo("ingestion is off: set UPTIME_INGEST_TOKEN");
        assertThat(new Http(off.url()).get("/reports").status()).isEqualTo(200);
    }

    private static Http.Response post(Http http, String path, String body, String token) {
        return http.post(path, body, "Content-Type", "text/csv", "Authorization", "Bearer " + token);
    }

    @Test
    void wrongBodiesAreRefusedAndNothingIsStored() {
        Http http = ingest(server(DB.uptimeDatabase()));
        Http.Response type = http.post("/polls", HEADER + "c1,active,2024-10-14 10:00:00 UTC\n",
                "Content-Type", "text/plain");
        assertThat(type.status()).isEqualTo(415);
        assertThat(type.json().get("error").asText()).contains("text/csv", "application/x-ndjson");

        Http.Response header = http.post("/polls", "store,state,time\nc1,active,2024-10-14 10:00:00 UTC\n",
                "Content-Type", "text/csv");
        assertThat(header.status()).as(header.text()).isEqualTo(400);
        assertThat(header.json().get("error").asText()).contains("body");

        StringBuilder large = new StringBuilder(HEADER);
        String row = "c1,active,2024-10-14 10:00:00 UTC\n";
        while (large.length() <= IngestRoutes.MAX_BODY_BYTES) {
            large.append(row);
        }
        Http.Response tooLarge = http.post("/polls", large.toString(), "Content-Type", "text/csv");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(polls("c")).isZero();
    }

    @Test
    void withoutADatabaseTheIngestRoutesAnswer409() {
        UptimeServer files = start(UptimeServer.builder(ReportService.builder().source(TestData.stores(2)).build())
                .port(0).ingestToken(INGEST));
        Http.Response answer = ingest(files).post("/polls", HEADER, "Content-Type", "text/csv");
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("error").asText()).contains("database");
    }

    @Test
    void beyondTheBatchesInFlightTheAnswerIs429WithRetryAfter() throws Exception {
        UptimeServer server = start(UptimeServer.builder(ReportService.builder().database(DB.uptimeDatabase())
                .build()).port(0).ingestToken(INGEST).ingestInto(LiveIngestion.into(DB.uptimeDatabase())).clock(CLOCK)
                .maxIngestBatches(1));
        // a client that sent its headers and half its body holds the one batch in flight (a raw socket: nothing
        // between this test and the server buffers the body)
        String first = HEADER + "d1,active,2024-10-14 10:00:00 UTC\n";
        String rest = "d1,inactive,2024-10-14 11:00:00 UTC\n";
        byte[] body = (first + rest).getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(server.url());
        java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort());
        java.io.OutputStream feed = socket.getOutputStream();
        feed.write(("POST /polls HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Type: text/csv\r\n"
                + "Authorization: Bearer " + INGEST + "\r\nContent-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n" + first).getBytes(StandardCharsets.UTF_8));
        feed.flush();

        Http http = ingest(server);
        Http.Response busy = null;
        for (int i = 0; i < 100; i++) {
            busy = http.post("/polls", HEADER + "d2,active,2024-10-14 10:00:00 UTC\n", "Content-Type", "text/csv");
            if (busy.status() == 429) {
                break;
            }
            Thread.sleep(50); // the first request may not have reached its handler yet
        }
        assertThat(busy.status()).as(busy.text()).isEqualTo(429);
        assertThat(busy.header("Retry-After")).isEqualTo("1");

        feed.write(rest.getBytes(StandardCharsets.UTF_8));
        feed.flush();
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        socket.close();
        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(polls("d1")).isEqualTo(2);
        assertThat(http.post("/polls", HEADER + "d2,active,2024-10-14 10:00:00 UTC\n", "Content-Type", "text/csv")
                .status()).isEqualTo(200);
    }

    @Test
    void whileTheDatabaseIsUnreachableABatchIs503AndNothingOfItIsStored() throws IOException {
        try (TcpProxy proxy = TcpProxy.to(DB.database())) {
            UptimeDatabase viaProxy = UptimeDatabase.builder(proxy.dataSource()).schema(DB.schema()).build();
            UptimeServer server = start(UptimeServer.builder(ReportService.builder().source(TestData.stores(2))
                    .build()).port(0).ingestToken(INGEST).ingestInto(LiveIngestion.into(viaProxy)).clock(CLOCK));
            Http http = ingest(server);
            String csv = HEADER + "e1,active,2024-10-14 10:00:00 UTC\ne1,inactive,2024-10-14 11:00:00 UTC\n";
            proxy.cut();
            long start = System.nanoTime();
            Http.Response down = http.post("/polls", csv, "Content-Type", "text/csv");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(down.status()).as(down.text()).isEqualTo(503);
            assertThat(down.header("Retry-After")).isNotBlank();
            assertThat(took).as("a bound, not a benchmark").isLessThan(Duration.ofSeconds(10));
            assertThat(polls("e")).isZero();

            proxy.restore();
            Http.Response back = http.post("/polls", csv, "Content-Type", "text/csv");
            assertThat(back.status()).as(back.text()).isEqualTo(200);
            assertThat(polls("e")).isEqualTo(2);
        }
    }

    @Test
    void theMetricsCountStoredDuplicateAndRejectedPollsAndTimeTheBatches() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        UptimeServer server = start(UptimeServer.builder(ReportService.builder().database(DB.uptimeDatabase())
                .build()).port(0).ingestToken(INGEST).ingestInto(LiveIngestion.into(DB.uptimeDatabase())).clock(CLOCK)
                .meterRegistry(registry));
        Http http = ingest(server);
        String csv = HEADER + "f1,active,2024-10-14 10:00:00 UTC\nf1,nope,2024-10-14 11:00:00 UTC\n";
        assertThat(http.post("/polls", csv, "Content-Type", "text/csv").status()).isEqualTo(200);
        assertThat(http.post("/polls", csv, "Content-Type", "text/csv").status()).isEqualTo(200);
        assertThat(count(registry, "stored")).isEqualTo(1);
        assertThat(count(registry, "duplicate")).isEqualTo(1);
        assertThat(count(registry, "rejected")).isEqualTo(2);
        assertThat(registry.get(StoreUptimeMetrics.INGEST_BATCH).timer().count()).isEqualTo(2);
    }

    private static double count(SimpleMeterRegistry registry, String outcome) {
        return registry.get(StoreUptimeMetrics.INGEST_POLLS).tag("outcome", outcome).counter().count();
    }

    @Test
    void hoursZonesAndClosuresAreReplacedAddedAndRemoved() {
        Http http = ingest(server(DB.uptimeDatabase()));
        Http.Response hours = http.send("PUT", "/stores/g1/hours",
                "store_id,dayOfWeek,start_time_local,end_time_local\ng1,0,09:00:00,17:00:00\ng1,1,09:00,17:00\n",
                "Content-Type", "text/csv");
        assertThat(hours.status()).as(hours.text()).isEqualTo(200);
        assertThat(hours.json().get("periods").asInt()).isEqualTo(2);
        assertThat(rows("store_business_hour", "g1")).isEqualTo(2);

        Http.Response json = http.send("PUT", "/stores/g1/hours",
                "[{\"dayOfWeek\": 2, \"start_time_local\": \"10:00:00\", \"end_time_local\": \"12:00:00\"}]",
                "Content-Type", "application/json");
        assertThat(json.status()).as(json.text()).isEqualTo(200);
        assertThat(rows("store_business_hour", "g1")).isEqualTo(1);

        Http.Response bad = http.send("PUT", "/stores/g1/hours",
                "store_id,dayOfWeek,start_time_local,end_time_local\ng1,0,09:00:00,17:00:00\ng2,1,09:00,17:00\n",
                "Content-Type", "text/csv");
        assertThat(bad.status()).as(bad.text()).isEqualTo(400);
        assertThat(bad.json().get("rejected").get(0).get("field").asText()).isEqualTo("store_id");
        assertThat(rows("store_business_hour", "g1")).as("nothing replaced").isEqualTo(1);

        Http.Response zone = http.send("PUT", "/stores/g1/timezone", "{\"timezone_str\": \"Europe/Berlin\"}",
                "Content-Type", "application/json");
        assertThat(zone.status()).as(zone.text()).isEqualTo(200);
        assertThat(sql().fetchValue("select timezone_str from " + DB.schema() + ".store_timezone where store_id = 'g1'"))
                .isEqualTo("Europe/Berlin");
        assertThat(http.send("PUT", "/stores/g1/timezone", "{\"timezone_str\": \"Mars/Olympus\"}",
                "Content-Type", "application/json").status()).isEqualTo(400);

        String closures = "store_id,start_local,end_local,reason\ng1,2024-10-01,2024-10-02,renovation\n";
        Http.Response added = http.post("/closures", closures, "Content-Type", "text/csv");
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(added.json().get("stored").asLong()).isEqualTo(1);
        assertThat(http.post("/closures", closures, "Content-Type", "text/csv").json().get("duplicates").asLong())
                .isEqualTo(1);
        String delete = "/closures?store_id=g1&start_local=2024-10-01&end_local=2024-10-02%2000:00";
        assertThat(http.send("DELETE", delete, null).status()).isEqualTo(204);
        assertThat(http.send("DELETE", delete, null).status()).isEqualTo(404);
        assertThat(rows("store_closure", "g1")).isZero();
    }

    private static int rows(String table, String storeId) {
        return sql().fetchCount(DSL.table(DSL.name(DB.schema(), table)),
                DSL.field(DSL.name("store_id"), String.class).eq(storeId));
    }
}
