package org.storeuptime.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.server.reports.ReportService;

/** The drop-in routes on the in-memory server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyApiInMemoryTest extends LegacyApiContract {

    private final StoreDataSet data = TestData.stores(25);
    private UptimeServer server;

    @BeforeAll
    void start() {
        server = UptimeServer.builder(ReportService.builder().source(data).build()).port(0).build().start();
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @Override
    String baseUrl() {
        return server.url();
    }

    @Override
    StoreDataSet data() {
        return data;
    }
}
