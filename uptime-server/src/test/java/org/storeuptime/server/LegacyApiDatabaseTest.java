package org.storeuptime.server;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.server.reports.ReportService;

/** The drop-in routes on the database-backed server (reports in PostgreSQL, run by db-scheduler). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyApiDatabaseTest extends LegacyApiContract {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private final StoreDataSet data = TestData.stores(25);
    private UptimeServer server;

    @BeforeAll
    void start() {
        DatabaseLoader.load(DB.dataSource(), DB.schema(), data);
        ReportService service = ReportService.builder().database(DB.uptimeDatabase())
                .pollingInterval(Duration.ofMillis(200)).build();
        server = UptimeServer.builder(service).port(0).build().start();
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
