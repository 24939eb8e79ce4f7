package org.storeuptime.server.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.ReportFailedException;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.core.reports.InMemoryReportRepository;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportRepository;
import org.storeuptime.core.reports.ReportRetention;
import org.storeuptime.core.reports.ReportState;
import org.storeuptime.server.TestData;
import org.storeuptime.server.DelegatingSource;

/** A report job is idempotent: schedulers run it at least once. */
class ReportJobTest {

    private static final Instant T0 = Instant.parse("2024-03-10T06:59:59Z");
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final StoreDataSet data = TestData.stores(8);
    private final InMemoryReportRepository repository = new InMemoryReportRepository();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ReportMetrics metrics = ReportMetrics.on(meters);

    private ReportJob job(ReportSource source) {
        return new ReportJob(repository, source, clock, null, 0, ReportRetry.of(3, Duration.ofMillis(10)),
                ReportRetention.DEFAULT, metrics);
    }

    private double count(String name, String... tags) {
        return meters.get(name).tags(tags).counter().count();
    }

    private UUID pending() {
        UUID id = UUID.randomUUID();
        repository.create(id, T0, null, ReportOptions.DEFAULTS);
        return id;
    }

    @Test
    void runsAPendingReportOnceAndSkipsItAfterwards() {
        UUID id = pending();
        assertThat(job(data).run(id)).isEqualTo(ReportJob.Outcome.COMPLETED);
        byte[] csv = repository.csv(id).orElseThrow();
        assertThat(csv).isEqualTo(ReportCsv.toBytes(UptimeEngine.create().report(data)));
        assertThat(job(data).run(id)).isEqualTo(ReportJob.Outcome.SKIPPED);
        assertThat(repository.csv(id)).get().isEqualTo(csv);
        assertThat(job(data).run(UUID.randomUUID())).isEqualTo(ReportJob.Outcome.SKIPPED);

        // counted once, skips not at all
        assertThat(count(StoreUptimeMetrics.REPORTS_COMPLETED)).isEqualTo(1);
        assertThat(meters.get(StoreUptimeMetrics.REPORT_DURATION).tag("outcome", "completed").timer().count())
                .isEqualTo(1);
        assertThat(meters.get(StoreUptimeMetrics.REPORT_STORES).summary().totalAmount()).isEqualTo(8);
        assertThat(count(StoreUptimeMetrics.REPORTS_FAILED)).isZero();
        assertThat(meters.get(StoreUptimeMetrics.REPORT_QUEUE).gauge().value()).isZero();
    }

    @Test
    void aReportLeftRunningIsStartedOverUnderTheSameId() {
        UUID id = pending();
        repository.claim(id, T0.minusSeconds(600));
        repository.progress(id, 3, 8);
        assertThat(job(data).run(id)).isEqualTo(ReportJob.Outcome.COMPLETED);
        ReportRecord done = repository.find(id).orElseThrow();
        assertThat(done.state()).isEqualTo(ReportState.COMPLETE);
        assertThat(done.startedAt()).isEqualTo(T0);
        assertThat(done.storeCount()).isEqualTo(8);
        assertThat(count(StoreUptimeMetrics.REPORTS_RETRIED, "reason", "restart")).isEqualTo(1);
    }

    @Test
    void aBrokenSourceFailsTheReportWithItsMessage() {
        UUID id = pending();
        assertThat(job(source(() -> {
            throw new ReportFailedException("polls table is missing");
        })).run(id)).isEqualTo(ReportJob.Outcome.FAILED);
        assertThat(repository.find(id).orElseThrow().error()).isEqualTo("polls table is missing");
        assertThat(count(StoreUptimeMetrics.REPORTS_FAILED)).isEqualTo(1);
        assertThat(meters.get(StoreUptimeMetrics.REPORT_DURATION).tag("outcome", "failed").timer().count())
                .isEqualTo(1);
        assertThat(count(StoreUptimeMetrics.REPORTS_COMPLETED)).isZero();
    }

    @Test
    void anInterruptedReportIsLeftRunningToBeRunAgain() {
        UUID id = pending();
        ReportJob interrupted = job(source(() -> {
            throw new IllegalStateException(new InterruptedException("shutdown"));
        }));
        assertThatThrownBy(() -> interrupted.run(id)).isInstanceOf(IllegalStateException.class);
        assertThat(repository.find(id).orElseThrow().state()).isEqualTo(ReportState.RUNNING);
        assertThat(job(data).run(id)).isEqualTo(ReportJob.Outcome.COMPLETED);
    }

    @Test
    void progressIsThrottled() {
        AtomicInteger writes = new AtomicInteger();
        InMemoryReportRepository delegate = new InMemoryReportRepository();
        ReportRepository counting = (ReportRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ReportRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("progress")) {
                        writes.incrementAndGet();
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        UUID id = UUID.randomUUID();
        counting.create(id, T0, null, ReportOptions.DEFAULTS);
        StoreDataSet many = TestData.stores(400);
        new ReportJob(counting, many, clock, null, Duration.ofHours(1).toNanos(), ReportRetry.DEFAULT,
                ReportRetention.DEFAULT, ReportMetrics.NONE).run(id);
        assertThat(writes.get()).isEqualTo(1);
        writes.set(0);
        UUID second = UUID.randomUUID();
        counting.create(second, T0, null, ReportOptions.DEFAULTS);
        new ReportJob(counting, many, clock, null, 0, ReportRetry.DEFAULT, ReportRetention.DEFAULT,
                ReportMetrics.NONE).run(second);
        assertThat(writes.get()).isGreaterThan(100);
    }

    /** What the database's source throws when pgjdbc loses its connection. */
    private static DatabaseException databaseFailure(String sqlState) {
        return DatabaseException.of("reading stores and polls (schema s)",
                new SQLException("FATAL: terminating connection due to administrator command", sqlState));
    }

    @Test
    void aTransientDatabaseFailureIsTriedAgainUntilItPasses() {
        UUID id = pending();
        AtomicInteger reads = new AtomicInteger();
        ReportSource flaky = new DelegatingSource(data) {
            @Override
            public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
                if (reads.incrementAndGet() < 3) {
                    throw databaseFailure(reads.get() == 1 ? "57P01" : "08006");
                }
                delegate.forEachStore(from, to, consumer);
            }
        };
        assertThat(job(flaky).run(id)).isEqualTo(ReportJob.Outcome.COMPLETED);
        assertThat(reads.get()).isEqualTo(3);
        assertThat(count(StoreUptimeMetrics.REPORTS_RETRIED, "reason", "database")).isEqualTo(2);
        assertThat(count(StoreUptimeMetrics.REPORTS_COMPLETED)).isEqualTo(1);
        assertThat(repository.csv(id)).get().isEqualTo(ReportCsv.toBytes(UptimeEngine.create().report(data)));
    }

    @Test
    void aDatabaseThatStaysDownFailsTheReportAfterTheLastAttemptWithAMessageForUsers() {
        UUID id = pending();
        AtomicInteger reads = new AtomicInteger();
        assertThat(job(source(() -> {
            reads.incrementAndGet();
            throw databaseFailure("08006");
        })).run(id)).isEqualTo(ReportJob.Outcome.FAILED);
        assertThat(reads.get()).isEqualTo(3);
        String error = repository.find(id).orElseThrow().error();
        assertThat(error).isEqualTo("failed after 3 attempts: reading stores and polls (schema s) failed: "
                + "database unavailable (connection lost or refused)");
        assertThat(count(StoreUptimeMetrics.REPORTS_RETRIED, "reason", "database")).isEqualTo(2);
        assertThat(count(StoreUptimeMetrics.REPORTS_FAILED)).isEqualTo(1);
    }

    @Test
    void aPermanentDatabaseErrorFailsAtOnceWithoutDriverOrSqlText() {
        UUID id = pending();
        AtomicInteger reads = new AtomicInteger();
        assertThat(job(source(() -> {
            reads.incrementAndGet();
            throw DatabaseException.of("reading stores and polls (schema s)",
                    new SQLException("ERROR: relation \"s.store\" does not exist", "42P01"));
        })).run(id)).isEqualTo(ReportJob.Outcome.FAILED);
        assertThat(reads.get()).isEqualTo(1);
        String error = repository.find(id).orElseThrow().error();
        assertThat(error).isEqualTo("reading stores and polls (schema s) failed: database error; "
                + "the server log has the details");
    }

    private ReportSource source(Runnable onRead) {
        return new DelegatingSource(data) {
            @Override
            public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
                onRead.run();
            }
        };
    }
}
