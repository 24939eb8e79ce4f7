package org.storeuptime.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.reports.ReportState;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.jdbc.UptimeDatabase;
import org.storeuptime.server.CapturedLogs;
import org.storeuptime.server.DatabaseLoader;
import org.storeuptime.server.SwitchableDataSource;
import org.storeuptime.server.TestData;

/**
 * While the database is away, db-scheduler's threads wait for it instead of logging a stack trace every polling
 * interval: one WARN line for the outage, its end at INFO, and the reports go on afterwards.
 */
class SchedulerOutageTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    @Test
    void anOutageIsOneWarningNotAStackTraceEveryPoll() throws Exception {
        DatabaseLoader.load(DB.dataSource(), DB.schema(), TestData.stores(6));
        SwitchableDataSource switchable = new SwitchableDataSource(DB.dataSource());
        UptimeDatabase db = UptimeDatabase.builder(switchable).schema(DB.schema()).build();
        try (ReportService service = ReportService.builder().database(db).pollingInterval(Duration.ofMillis(100))
                .heartbeatInterval(Duration.ofMillis(250)).build()) {
            service.start();
            UUID first = service.trigger(ReportOptions.DEFAULTS).id();
            awaitComplete(service, first);

            int before = CapturedLogs.events().size();
            switchable.setDown(true);
            // many polling intervals, heartbeats and sweeps of db-scheduler
            Thread.sleep(2_000);
            switchable.setDown(false);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (outage(before).stream().noneMatch(e -> e.contains("the database answers again"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<String> during = outage(before);
            assertThat(during).filteredOn(e -> e.startsWith("WARN") || e.startsWith("ERROR"))
                    .singleElement().satisfies(e -> assertThat(e).startsWith(
                            "WARN org.storeuptime.server.reports.SchedulerDataSource - the database is unavailable ("));
            assertThat(during).anyMatch(e -> e.startsWith("INFO org.storeuptime.server.reports.SchedulerDataSource"
                    + " - the database answers again"));

            UUID after = service.trigger(ReportOptions.DEFAULTS).id();
            awaitComplete(service, after);
        }
    }

    private static List<String> outage(int from) {
        List<String> events = CapturedLogs.events();
        return events.subList(Math.min(from, events.size()), events.size());
    }

    private static void awaitComplete(ReportService service, UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (service.find(id).orElseThrow().state() != ReportState.COMPLETE && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(service.find(id).orElseThrow().state()).isEqualTo(ReportState.COMPLETE);
    }
}
