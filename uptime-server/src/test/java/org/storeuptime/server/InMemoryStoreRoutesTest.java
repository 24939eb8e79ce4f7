package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.storeuptime.server.reports.ReportService;
import org.storeuptime.server.reports.ReportServiceBuilder;

/** The store routes on an in-memory server, and mounted under a prefix in a host application. */
class InMemoryStoreRoutesTest extends AbstractStoreRoutesTest {

    @Override
    UptimeServer server(String token) {
        return UptimeServer.builder(ReportService.builder().source(DATA).build()).port(0).apiToken(token).build()
                .start();
    }

    @Test
    void surroundingBlanksOfAPathsStoreIdAreRemovedAsFromTheInput() {
        org.storeuptime.core.StoreDataSet dots = org.storeuptime.core.StoreDataSet.builder()
                .timeZone("..", java.time.ZoneId.of("Europe/Paris"))
                .poll("..", java.time.Instant.parse("2023-01-25T12:00:00Z"), org.storeuptime.core.PollStatus.ACTIVE)
                .build();
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(dots).build()).port(0).build()
                .start()) {
            Http http = new Http(server.url());
            // what the web page sends for the id "..", which a browser would otherwise resolve as a directory step
            Http.Response store = http.get("/stores/%20..");
            assertThat(store.status()).as(store.text()).isEqualTo(200);
            assertThat(store.json().get("store_id").asText()).isEqualTo("..");
            assertThat(http.get("/stores/%20../timeline").json().get("store_id").asText()).isEqualTo("..");
        }
    }

    @Test
    void mountedUnderAPrefix() {
        Javalin app = Javalin.create(config -> UptimeRoutes.register(config, "/uptime",
                ReportService.builder().source(DATA).build())).start("127.0.0.1", 0);
        try {
            Http host = new Http("http://127.0.0.1:" + app.port());
            assertThat(host.get("/uptime/stores?limit=2").json().get("stores")).hasSize(2);
            assertThat(host.get("/uptime/stores/" + WITH_HOURS).json().get("store_id").asText()).isEqualTo(WITH_HOURS);
            assertThat(host.get("/uptime/stores/" + WITH_HOURS + "/timeline?days=2").json().get("days").asInt())
                    .isEqualTo(2);
            assertThat(host.get("/stores").status()).isEqualTo(404);
        } finally {
            app.stop();
        }
    }

    @Test
    void aSourceThatCannotLookUpStoresSaysSo() {
        DelegatingSource plain = new DelegatingSource(DATA) {
            @Override
            public void forEachStore(java.time.Instant from, java.time.Instant to, StoreConsumer consumer) {
                delegate.forEachStore(from, to, consumer);
            }
        };
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(plain).build()).port(0)
                .build().start()) {
            Http.Response r = new Http(server.url()).get("/stores");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("error").asText()).contains("ReportServiceBuilder.stores");
        }
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(plain).stores(DATA).build())
                .port(0).build().start()) {
            assertThat(new Http(server.url()).get("/stores").json().get("total").asInt()).isEqualTo(24);
        }
    }
}
