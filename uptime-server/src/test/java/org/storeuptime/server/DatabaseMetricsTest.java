package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.reports.ReportState;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.server.reports.ReportService;
import org.storeuptime.server.reports.StoreUptimeMetrics;

/** The report meters with reports in PostgreSQL, run by db-scheduler: the same counts as in memory. */
class DatabaseMetricsTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int STORES = 9;

    @Test
    void completedFailedAndQueuedReportsAreCounted() throws InterruptedException {
        StoreDataSet data = TestData.stores(STORES);
        DatabaseLoader.load(DB.dataSource(), DB.schema(), data);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ControlledSource source = new ControlledSource(data);
        try (ReportService service = ReportService.builder().database(DB.uptimeDatabase()).source(source)
                .pollingInterval(Duration.ofMillis(200)).meterRegistry(meters).build()) {
            // triggered before the start: waiting in the database, as the gauge says
            UUID first = service.trigger(ReportOptions.DEFAULTS).id();
            assertThat(meters.get(StoreUptimeMetrics.REPORT_QUEUE).gauge().value()).isEqualTo(1);
            service.start();
            await(service, first, ReportState.COMPLETE,
                    () -> meters.get(StoreUptimeMetrics.REPORTS_COMPLETED).counter().count() == 1);

            source.failNext("polls table is missing");
            UUID second = service.trigger(ReportOptions.DEFAULTS).id();
            await(service, second, ReportState.FAILED,
                    () -> meters.get(StoreUptimeMetrics.REPORTS_FAILED).counter().count() == 1);

            assertThat(meters.get(StoreUptimeMetrics.REPORTS_TRIGGERED).tag("trigger", "api").counter().count())
                    .isEqualTo(2);
            assertThat(meters.get(StoreUptimeMetrics.REPORTS_COMPLETED).counter().count()).isEqualTo(1);
            assertThat(meters.get(StoreUptimeMetrics.REPORTS_FAILED).counter().count()).isEqualTo(1);
            assertThat(meters.get(StoreUptimeMetrics.REPORT_STORES).summary().totalAmount()).isEqualTo(STORES);
            assertThat(meters.get(StoreUptimeMetrics.REPORT_DURATION).tag("outcome", "failed").timer().count())
                    .isEqualTo(1);
            assertThat(meters.get(StoreUptimeMetrics.REPORT_QUEUE).gauge().value()).isZero();
        }
    }

    /** Waits for the report's state, and for the worker to have counted it (right after it stored the state). */
    private static void await(ReportService service, UUID id, ReportState state, BooleanSupplier counted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (service.find(id).orElseThrow().state() != state || !counted.getAsBoolean()) {
            assertThat(System.nanoTime()).as("report " + id + " reaches " + state + " and is counted")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
