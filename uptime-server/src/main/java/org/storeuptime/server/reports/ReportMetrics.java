package org.storeuptime.server.reports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportRepository;
import org.storeuptime.core.reports.ReportState;

/**
 * The report service's meters ({@link StoreUptimeMetrics} names them). {@link #NONE} records nothing and costs
 * nothing, not even the queue's count in the repository.
 */
final class ReportMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(ReportMetrics.class);

    /** Records nothing: the service without a registry. */
    static final ReportMetrics NONE = new ReportMetrics(null);

    /**
     * The duration histogram's buckets: from a small in-memory report to a slow one on a busy database. Explicit
     * buckets keep the scrape short (a percentile histogram would add some 70 series per outcome).
     */
    private static final Duration[] DURATION_BUCKETS = {
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
        Duration.ofMinutes(10)};

    private final MeterRegistry registry;
    private final Counter triggeredByApi;
    private final Counter triggeredBySchedule;
    private final Counter completed;
    private final Counter failed;
    private final Counter retriedAfterDatabaseFailure;
    private final Counter restarted;
    private final Timer completedDuration;
    private final Timer failedDuration;
    private final DistributionSummary stores;
    /** Pending reports as last counted: a gauge must not query a database on every scrape. */
    private final AtomicLong queue = new AtomicLong();

    private ReportMetrics(MeterRegistry registry) {
        this.registry = registry;
        if (registry == null) {
            triggeredByApi = triggeredBySchedule = completed = failed = retriedAfterDatabaseFailure = restarted = null;
            completedDuration = failedDuration = null;
            stores = null;
            return;
        }
        triggeredByApi = triggered(registry, "api");
        triggeredBySchedule = triggered(registry, "schedule");
        completed = Counter.builder(StoreUptimeMetrics.REPORTS_COMPLETED)
                .description("Reports this process computed and stored").register(registry);
        failed = Counter.builder(StoreUptimeMetrics.REPORTS_FAILED)
                .description("Reports this process marked failed").register(registry);
        retriedAfterDatabaseFailure = retried(registry, "database");
        restarted = retried(registry, "restart");
        completedDuration = duration(registry, "completed");
        failedDuration = duration(registry, "failed");
        stores = DistributionSummary.builder(StoreUptimeMetrics.REPORT_STORES)
                .description("Stores in each completed report").register(registry);
        Gauge.builder(StoreUptimeMetrics.REPORT_QUEUE, queue, AtomicLong::get)
                .description("Reports triggered and waiting for a worker (pending)").register(registry);
    }

    /** The meters on {@code registry}; {@link #NONE} for {@code null}. */
    static ReportMetrics on(MeterRegistry registry) {
        return registry == null ? NONE : new ReportMetrics(registry);
    }

    private static Counter triggered(MeterRegistry registry, String trigger) {
        return Counter.builder(StoreUptimeMetrics.REPORTS_TRIGGERED).description("Reports accepted by a trigger")
                .tag("trigger", trigger).register(registry);
    }

    private static Counter retried(MeterRegistry registry, String reason) {
        return Counter.builder(StoreUptimeMetrics.REPORTS_RETRIED).description("Reports run again")
                .tag("reason", reason).register(registry);
    }

    private static Timer duration(MeterRegistry registry, String outcome) {
        return Timer.builder(StoreUptimeMetrics.REPORT_DURATION)
                .description("How long a report ran, to completion or failure")
                .tag("outcome", outcome)
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry);
    }

    /** Whether anything is recorded. */
    boolean enabled() {
        return registry != null;
    }

    /** A running time, measured on the registry's clock (monotonic, unlike the reports' {@code Clock}). */
    Timer.Sample startTimer() {
        return registry == null ? null : Timer.start(registry);
    }

    void triggered(boolean scheduled) {
        if (registry != null) {
            (scheduled ? triggeredBySchedule : triggeredByApi).increment();
        }
    }

    void completed(Timer.Sample started, int storeCount) {
        if (registry != null) {
            completed.increment();
            started.stop(completedDuration);
            stores.record(storeCount);
        }
    }

    /** A report that ran and failed. */
    void failed(Timer.Sample started) {
        if (registry != null) {
            failed.increment();
            started.stop(failedDuration);
        }
    }

    /** A report failed without running (a full queue, a stop before it started or finished). */
    void failedWithoutRun() {
        if (registry != null) {
            failed.increment();
        }
    }

    void retriedAfterDatabaseFailure() {
        if (registry != null) {
            retriedAfterDatabaseFailure.increment();
        }
    }

    void restarted() {
        if (registry != null) {
            restarted.increment();
        }
    }

    /**
     * Counts the pending reports in {@code repository} for the queue gauge; called where the number changes in this
     * process (trigger, start, failure) and by the database service's sweep. A failure keeps the last count. One
     * count at a time, so that a slow count cannot overwrite a later one with an older number.
     */
    synchronized void countQueue(ReportRepository repository) {
        if (registry == null) {
            return;
        }
        try {
            long pending = 0;
            for (ReportRecord r : repository.unfinished()) {
                if (r.state() == ReportState.PENDING) {
                    pending++;
                }
            }
            queue.set(pending);
        } catch (RuntimeException e) {
            LOG.debug("counting the pending reports failed; the queue gauge keeps {}: {}", queue.get(), e.getMessage());
        }
    }
}
