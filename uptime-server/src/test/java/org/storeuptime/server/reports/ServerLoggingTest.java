package org.storeuptime.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.ReportFailedException;
import org.storeuptime.server.TestData;
import org.storeuptime.server.DelegatingSource;
import org.storeuptime.server.CapturedLogs;
import org.storeuptime.server.Http;
import org.storeuptime.server.UptimeServer;

/** What the server logs: every report with its facts, every failure with its cause, requests at debug. */
class ServerLoggingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final StoreDataSet data = TestData.stores(12);

    private static List<String> eventsAbout(String id) {
        return CapturedLogs.events().stream().filter(e -> e.contains(id)).toList();
    }

    private static String awaitEvent(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String event : CapturedLogs.events()) {
                if (wanted.test(event)) {
                    return event;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such log event within " + TIMEOUT);
    }

    @Test
    void aReportTriggeredThroughTheApiIsLoggedWithItsFactsAndRequestsAtDebug() {
        UptimeServer server = UptimeServer.builder(ReportService.builder().source(data).build()).port(0).build().start();
        try {
            Http http = new Http(server.url());
            String id = http.post("/trigger_report", "").json().get("report_id").asText();
            assertThat(http.awaitReport("", id, TIMEOUT).header("X-Report-Status")).isEqualTo("Complete");

            List<String> events = eventsAbout(id);
            assertThat(events).anySatisfy(e -> assertThat(e)
                    .startsWith("INFO org.storeuptime.server.reports.ReportJob - report " + id + " started: trigger=api"));
            assertThat(events).anySatisfy(e -> assertThat(e)
                    .startsWith("INFO org.storeuptime.server.reports.ReportJob - report " + id + " complete: trigger=api, ")
                    .containsPattern("started=\\d{4}-\\d\\d-\\d\\dT[^,]+Z, finished=\\d{4}-[^,]+Z, duration=PT[^,]+S, ")
                    .contains("stores=12", "now=2023-01-25T18:13:22.479220Z", "attempts=1"));
            assertThat(events).anySatisfy(e -> assertThat(e)
                    .matches("DEBUG org\\.storeuptime\\.server\\.http - GET /get_report\\?report_id=" + id
                            + " -> 200 \\(\\d+\\.\\d ms\\)"));
            assertThat(CapturedLogs.events()).anySatisfy(e -> assertThat(e)
                    .startsWith("DEBUG org.storeuptime.server.http - POST /trigger_report -> 202 ("));
        } finally {
            server.stop();
        }
    }

    @Test
    void aFailedReportIsLoggedWithItsCause() {
        DelegatingSource broken = new DelegatingSource(data) {
            @Override
            public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
                throw new ReportFailedException("the polls are unreadable", new IllegalStateException("disk on fire"));
            }
        };
        UptimeServer server = UptimeServer.builder(ReportService.builder().source(broken).build()).port(0).build()
                .start();
        try {
            Http http = new Http(server.url());
            String id = http.post("/trigger_report", "").json().get("report_id").asText();
            assertThat(http.awaitReport("", id, TIMEOUT).json().get("status").asText()).isEqualTo("Failed");

            assertThat(eventsAbout(id)).anySatisfy(e -> assertThat(e)
                    .startsWith("ERROR org.storeuptime.server.reports.ReportJob - report " + id + " failed: trigger=api, ")
                    .contains("attempts=1", "error=the polls are unreadable",
                            "[org.storeuptime.core.ReportFailedException: the polls are unreadable]"));
        } finally {
            server.stop();
        }
    }

    @Test
    void aScheduledReportIsLoggedAsSuch() throws InterruptedException {
        ReportService service = ReportService.builder().source(data).schedule(ReportSchedule.cron("* * * * * *"))
                .build();
        service.start();
        try {
            String complete = awaitEvent(e -> e.startsWith("INFO org.storeuptime.server.reports.ReportJob - report ")
                    && e.contains(" complete: trigger=schedule, "));
            String id = complete.split(" ")[4];
            assertThat(ScheduledReports.isScheduled(java.util.UUID.fromString(id))).isTrue();
            assertThat(complete).contains("stores=12");
        } finally {
            service.close();
        }
    }
}
