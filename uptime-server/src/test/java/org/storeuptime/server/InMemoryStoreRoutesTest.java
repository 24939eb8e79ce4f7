package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import org.junit.jupiter.api.Test;

/** The store routes on an in-memory server, and mounted under a prefix in a host application. */
class InMemoryStoreRoutesTest extends AbstractStoreRoutesTest {

    @Override
    UptimeServer server(String token) {
        return UptimeServer.builder(ReportService.builder().source(DATA).build()).port(0).apiToken(token).build()
                .start();
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
