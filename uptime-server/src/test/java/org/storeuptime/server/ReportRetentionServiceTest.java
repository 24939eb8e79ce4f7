package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportRetention;
import org.storeuptime.core.reports.ReportState;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.server.reports.ReportService;
import org.storeuptime.server.reports.ReportServiceBuilder;

/** Both report services keep finished reports by count and age, and never remove unfinished ones. */
class ReportRetentionServiceTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final StoreDataSet data = TestData.stores(5);
    private final MovableClock clock = new MovableClock(Instant.parse("2024-03-10T06:00:00Z"));

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock stays in UTC");
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private ReportService service(String mode, ReportRetention retention) {
        ReportServiceBuilder builder = ReportService.builder().source(data).clock(clock).retention(retention);
        if (mode.equals("database")) {
            builder.database(DB.uptimeDatabase()).pollingInterval(Duration.ofMillis(200));
        }
        ReportService service = builder.build();
        service.start();
        return service;
    }

    private static ReportRecord awaitFinished(ReportService service, UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ReportRecord r = service.find(id).orElseThrow();
            if (r.state().isFinished()) {
                return r;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("report " + id + " did not finish within " + TIMEOUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "database"})
    void onlyTheNewestFinishedReportsAreKept(String mode) throws InterruptedException {
        try (ReportService service = service(mode, ReportRetention.of(2, Duration.ofDays(30)))) {
            UUID first = service.trigger(ReportOptions.DEFAULTS).id();
            awaitFinished(service, first);
            clock.advance(Duration.ofSeconds(1));
            UUID second = service.trigger(ReportOptions.DEFAULTS).id();
            awaitFinished(service, second);
            clock.advance(Duration.ofSeconds(1));
            UUID third = service.trigger(ReportOptions.DEFAULTS).id();
            assertThat(awaitFinished(service, third).state()).isEqualTo(ReportState.COMPLETE);

            // pruned right after the third finished, on the worker's thread
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (service.find(first).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(service.find(first)).isEmpty();
            assertThat(service.csv(first)).isEmpty();
            List<UUID> kept = service.list(50).stream().map(ReportRecord::id).toList();
            assertThat(kept).containsExactlyInAnyOrder(second, third);
            assertThat(service.csv(third)).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "database"})
    void aFinishedReportIsRemovedOnceOlderThanTheRetentionAndARunningOneIsNot(String mode) throws Exception {
        GatedSource gated = new GatedSource(data);
        ReportServiceBuilder builder = ReportService.builder().source(gated).clock(clock)
                .retention(ReportRetention.of(100, Duration.ofHours(1)));
        if (mode.equals("database")) {
            builder.database(DB.uptimeDatabase()).pollingInterval(Duration.ofMillis(200));
        }
        try (ReportService service = builder.build()) {
            service.start();
            // a report that stays running (held at the gate) for longer than the retention
            UUID running = service.trigger(ReportOptions.DEFAULTS).id();
            assertThat(gated.reachedGate.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            clock.advance(Duration.ofHours(5));
            gated.open();
            ReportRecord done = awaitFinished(service, running);
            assertThat(done.state()).isEqualTo(ReportState.COMPLETE);

            // a trigger prunes too, before it returns
            clock.advance(Duration.ofMinutes(30));
            UUID recent = service.trigger(ReportOptions.DEFAULTS).id();
            assertThat(service.find(running)).as("finished 30 minutes ago").isPresent();
            awaitFinished(service, recent);

            clock.advance(Duration.ofMinutes(31));
            UUID last = service.trigger(ReportOptions.DEFAULTS).id();
            assertThat(service.find(running)).as("finished 61 minutes ago").isEmpty();
            assertThat(service.csv(running)).isEmpty();
            assertThat(service.find(recent)).as("finished 31 minutes ago").isPresent();
            awaitFinished(service, last);
        }
    }
}
