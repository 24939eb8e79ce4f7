package org.storeuptime.server.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.StoreReader;
import org.storeuptime.core.ReportFailedException;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportRepository;

/**
 * Runs reports on a bounded pool of this process's threads. Same behaviour as the database-backed service short of
 * surviving a restart: reports still running when it stops are marked failed.
 */
final class InMemoryReportService extends RepositoryBackedReportService {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryReportService.class);
    private static final UUID HEALTH_PROBE_ID = new UUID(0, 0);

    private final ReportJob job;
    private final ReportMetrics metrics;
    private final Clock clock;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final Duration shutdownGrace;
    private final CronTrigger cron;
    /** Reports this service accepted and has not finished: failed on close if still there. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final List<UUID> waitingForStart = new ArrayList<>();
    private boolean started;
    private boolean closed;

    InMemoryReportService(ReportRepository repository, ReportJob job, Clock clock, ExecutorService executor,
            boolean ownsExecutor, Duration shutdownGrace, ReportSchedule schedule, StoreReader stores) {
        super(repository, stores);
        this.job = Objects.requireNonNull(job, "job");
        this.metrics = job.metrics();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ownsExecutor = ownsExecutor;
        this.shutdownGrace = Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        this.cron = schedule == null ? null : new CronTrigger(schedule, clock,
                fireTime -> triggerScheduled(fireTime, schedule.options()));
    }

    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the report service was closed");
        }
        if (started) {
            return;
        }
        started = true;
        job.prune();
        for (UUID id : waitingForStart) {
            submit(id);
        }
        waitingForStart.clear();
        if (cron != null) {
            cron.start();
        }
    }

    @Override
    ReportRecord queue(ReportRequest request) {
        return trigger(UUID.randomUUID(), request, false);
    }

    private ReportRecord trigger(UUID id, ReportRequest request, boolean scheduled) {
        Objects.requireNonNull(request, "request");
        synchronized (this) {
            if (closed) {
                throw new ReportFailedException("the report service is stopped");
            }
            // reports finish in the background; their expiry by age also happens here, so memory stays bounded
            // by the triggers themselves
            job.prune();
            ReportRecord record = repository.create(id, clock.instant(), request);
            metrics.triggered(scheduled);
            inFlight.add(id);
            try {
                if (started) {
                    submit(id);
                } else {
                    waitingForStart.add(id);
                }
            } finally {
                metrics.countQueue(repository);
            }
            return record;
        }
    }

    private void triggerScheduled(Instant fireTime, ReportOptions options) {
        UUID id = ScheduledReports.reportId(fireTime);
        if (repository.find(id).isPresent()) {
            return;
        }
        try {
            ReportRecord record = trigger(id, ReportRequest.builder().options(options).build(), true);
            LOG.info("scheduled report {} triggered for {}", record.id(), fireTime);
        } catch (RuntimeException e) {
            LOG.error("scheduled report for {} could not be triggered: {}", fireTime, e.getMessage(), e);
        }
    }

    private void submit(UUID id) {
        try {
            executor.execute(() -> runJob(id));
        } catch (RejectedExecutionException e) {
            inFlight.remove(id);
            String error = "not run: the report queue is full or stopped";
            if (repository.fail(id, error, clock.instant())) {
                metrics.failedWithoutRun();
            }
            throw new ReportFailedException("report " + id + " " + error + "; try again later", e);
        }
    }

    private void runJob(UUID id) {
        try {
            job.run(id);
        } catch (RuntimeException e) {
            LOG.error("report {} could not be run: {}", id, e.getMessage(), e);
        } finally {
            inFlight.remove(id);
        }
    }

    @Override
    public boolean healthy() {
        synchronized (this) {
            if (closed) {
                return false;
            }
        }
        try {
            // a cheap round trip to the repository (a caller's repository may be remote)
            repository.find(HEALTH_PROBE_ID);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("health check failed: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (cron != null) {
            cron.close();
        }
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        if (ownsExecutor) {
            executor.shutdown();
            try {
                executor.awaitTermination(shutdownGrace.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            // the caller owns the executor: only wait for our own reports
            while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        // record why before interrupting: a report cut short must say the server stopped, not what the interrupt broke
        for (UUID id : inFlight) {
            if (repository.fail(id, "the server stopped before the report finished", clock.instant())) {
                metrics.failedWithoutRun();
                LOG.warn("report {} was still running when the service stopped; marked failed", id);
            }
        }
        metrics.countQueue(repository);
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }
}
