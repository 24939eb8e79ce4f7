package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.core.PollSeries;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.StorePage;
import org.storeuptime.core.StoreProfile;
import org.storeuptime.core.StoreReader;
import org.storeuptime.core.UnknownStoreException;
import org.storeuptime.server.reports.ReportService;

/** The status of a failure comes from its type: what a store reader throws reaches the client as its kind says. */
class ErrorResponsesTest {

    private final StoreDataSet data = TestData.stores(3);

    private Http.Response listingWhenTheReaderThrows(Supplier<RuntimeException> failure, String path) {
        StoreReader failing = new StoreReader() {
            @Override
            public Optional<StoreProfile> profile(String storeId) {
                throw failure.get();
            }

            @Override
            public PollSeries polls(String storeId, Instant from, Instant to) {
                throw failure.get();
            }

            @Override
            public Optional<Instant> lastPoll(String storeId) {
                throw failure.get();
            }

            @Override
            public Optional<Instant> latestPollTime() {
                throw failure.get();
            }

            @Override
            public StorePage list(String idContains, int limit, int offset, Instant pollsFrom, Instant pollsTo) {
                throw failure.get();
            }
        };
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(data).stores(failing).build())
                .port(0).build().start()) {
            return new Http(server.url()).get(path);
        }
    }

    @Test
    void aTransientDatabaseFailureIs503WithRetryAfter() {
        Http.Response r = listingWhenTheReaderThrows(() -> DatabaseException.of("listing the stores",
                new SQLException("Connection refused", "08001")), "/stores");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("5");
        assertThat(r.json().get("error").asText()).isEqualTo("the database is unavailable; try again later");
    }

    @Test
    void aDatabaseErrorThatTryingAgainWillNotMendIs500WithoutDetails() {
        Http.Response r = listingWhenTheReaderThrows(() -> DatabaseException.of("listing the stores",
                new SQLException("ERROR: relation \"s.store\" does not exist", "42P01")), "/stores");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("Retry-After")).isNull();
        assertThat(r.json().get("error").asText()).isEqualTo("database error; see the server log");
        assertThat(r.text()).doesNotContain("relation");
    }

    @Test
    void badArgumentsAre400AndAnUnknownStore404WithItsSimilarIds() {
        Http.Response bad = listingWhenTheReaderThrows(() -> new IllegalArgumentException("limit must be positive"),
                "/stores");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("limit must be positive");
        Http.Response unknown = listingWhenTheReaderThrows(() -> new UnknownStoreException("ab",
                java.util.List.of("abc", "abd")), "/stores/ab");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("store_id").asText()).isEqualTo("ab");
        assertThat(unknown.json().get("similar_ids").toString()).isEqualTo("[\"abc\",\"abd\"]");
    }
}
