package org.storeuptime.server.reports;

import io.micrometer.core.instrument.Timer;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.core.ProgressListener;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.UptimeReport;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportRepository;
import org.storeuptime.core.reports.ReportRetention;
import org.storeuptime.core.reports.ReportState;

/**
 * Runs one report, idempotently: schedulers run a job at least once, so running it again after it completed does
 * nothing, and running it again while it is marked running (its worker died) starts it over. A database failure
 * that may pass is tried again ({@link ReportRetry}); the report fails for good only after the last try.
 */
final class ReportJob {

    private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

    /** What a run did. */
    enum Outcome {
        /** Computed and stored by this run. */
        COMPLETED,
        /** Failed; the error is recorded. */
        FAILED,
        /** Nothing to do: unknown, already finished, or finished by another worker meanwhile. */
        SKIPPED
    }

    private final ReportRepository repository;
    private final ReportSource source;
    private final Clock clock;
    private final @Nullable ReportsDirectory reportsDirectory;
    private final long progressIntervalNanos;
    private final ReportRetry retry;
    private final ReportRetention retention;
    private final ReportMetrics metrics;
    private final boolean databaseSource;

    /** A job reading {@code source}, a source of the caller's (which throws a {@link DatabaseException} itself). */
    ReportJob(ReportRepository repository, ReportSource source, Clock clock, @Nullable ReportsDirectory reportsDirectory,
            long progressIntervalNanos, ReportRetry retry, ReportRetention retention, ReportMetrics metrics) {
        this(repository, source, false, clock, reportsDirectory, progressIntervalNanos, retry, retention, metrics);
    }

    /**
     * A job reading {@code source}; {@code databaseSource} when it is the database's own, whose every failure is a
     * database failure.
     */
    ReportJob(ReportRepository repository, ReportSource source, boolean databaseSource, Clock clock,
            @Nullable ReportsDirectory reportsDirectory, long progressIntervalNanos, ReportRetry retry,
            ReportRetention retention, ReportMetrics metrics) {
        this.databaseSource = databaseSource;
        this.repository = Objects.requireNonNull(repository, "repository");
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reportsDirectory = reportsDirectory;
        this.progressIntervalNanos = progressIntervalNanos;
        this.retry = Objects.requireNonNull(retry, "retry");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The meters the job records into; the services record triggers and the queue there too. */
    ReportMetrics metrics() {
        return metrics;
    }

    /** Claims (or, after a dead worker, restarts), computes and stores report {@code id}. */
    Outcome run(UUID id) {
        Optional<ReportRecord> found = repository.find(id);
        if (found.isEmpty()) {
            LOG.warn("report {} is unknown; nothing to run", id);
            return Outcome.SKIPPED;
        }
        ReportRecord record = found.get();
        Instant startedAt = clock.instant();
        if (!start(record, startedAt)) {
            return Outcome.SKIPPED;
        }
        Timer.Sample running = metrics.startTimer();
        metrics.countQueue(repository);
        String trigger = ScheduledReports.isScheduled(id) ? "schedule" : "api";
        LOG.info("report {} started: trigger={}, now={}, options={}{}", id, trigger,
                record.requestedNow() == null ? "latest poll" : record.requestedNow(), record.options(),
                record.isClassic() ? "" : ", windows=" + record.windows());
        UptimeReport report;
        byte[] csv;
        int attempt = 1;
        while (true) {
            try {
                UptimeEngine engine = UptimeEngine.builder().options(record.options()).clock(clock).build();
                report = engine.report(source, record.request(), new ThrottledProgress(id));
                csv = ReportCsv.toBytes(report);
                break;
            } catch (RuntimeException e) {
                if (interrupted(e)) {
                    // the service is stopping: the report is not wrong, it is unfinished; left running, it is run
                    // again by the next worker on the database (in memory, the service has already marked it failed)
                    LOG.info("report {} was interrupted by a shutdown; left to be run again", id);
                    throw e;
                }
                DatabaseException failure = databaseFailure(e);
                if (failure != null && failure.isTransient() && attempt < retry.attempts()) {
                    Duration delay = retry.delayAfter(attempt);
                    LOG.warn("report {}: attempt {} of {} failed ({}: {}); trying again in {}", id, attempt,
                            retry.attempts(), failure.getMessage(), failure.detail(), delay);
                    pause(id, delay, e);
                    metrics.retriedAfterDatabaseFailure();
                    attempt++;
                    continue;
                }
                String error = userMessage(failure, attempt, e);
                Instant finishedAt = clock.instant();
                // the detail (driver text, SQL) goes to the log only; the report keeps a message for API users
                LOG.error("report {} failed: trigger={}, started={}, finished={}, duration={}, attempts={}, error={}",
                        id, trigger, startedAt, finishedAt, Duration.between(startedAt, finishedAt), attempt, error, e);
                if (repository.fail(id, error, finishedAt)) {
                    metrics.failed(running);
                }
                prune();
                return Outcome.FAILED;
            }
        }
        Instant finishedAt = clock.instant();
        if (!repository.complete(id, report.now(), report.storeCount(), csv, finishedAt)) {
            LOG.info("report {} was finished by another worker meanwhile", id);
            return Outcome.SKIPPED;
        }
        metrics.completed(running, report.storeCount());
        LOG.info("report {} complete: trigger={}, started={}, finished={}, duration={}, stores={}, now={}, attempts={}",
                id, trigger, startedAt, finishedAt, Duration.between(startedAt, finishedAt), report.storeCount(),
                report.now(), attempt);
        if (reportsDirectory != null) {
            reportsDirectory.write(id, csv);
        }
        prune();
        return Outcome.COMPLETED;
    }

    /**
     * Removes the finished reports the retention does not keep; a failure is logged, never the report's problem.
     *
     * @return how many were removed
     */
    int prune() {
        try {
            int removed = repository.prune(retention, clock.instant());
            if (removed > 0) {
                LOG.info("removed {} finished report(s) beyond the retention (keep {} for {})", removed,
                        retention.maxCount(), retention.maxAge());
            }
            return removed;
        } catch (RuntimeException e) {
            LOG.warn("removing old reports failed: {}", DatabaseException.of("removing old reports", e).detail(), e);
            return 0;
        }
    }

    private boolean start(ReportRecord record, Instant startedAt) {
        if (record.state().isFinished()) {
            return false;
        }
        if (record.state() == ReportState.PENDING && repository.claim(record.id(), startedAt)) {
            return true;
        }
        // Running: the worker that claimed it is gone (a scheduler only runs an execution again when its worker
        // stopped answering), so start it over with the same id.
        if (repository.restart(record.id(), startedAt)) {
            LOG.info("report {} was left running by a worker that stopped; running it again", record.id());
            metrics.restarted();
            return true;
        }
        return false;
    }

    /** Waits before the next attempt; a shutdown during the wait ends the run like an interrupted report. */
    private static void pause(UUID id, Duration delay, RuntimeException cause) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("report {} was interrupted by a shutdown while waiting to try again; left to be run again", id);
            cause.addSuppressed(e);
            throw cause;
        }
    }

    private static boolean interrupted(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database failure {@code e} is, if any: one the source threw as such, or, for the database's own source,
     * whatever it threw (its driver's and pool's exceptions, classified here where they are caught).
     */
    private @Nullable DatabaseException databaseFailure(RuntimeException e) {
        if (e instanceof DatabaseException known) {
            return known;
        }
        if (databaseSource) {
            return DatabaseException.of("reading the report's data", e);
        }
        return null;
    }

    /** The report's {@code error}: for users of the API, without driver or SQL text. */
    private static String userMessage(@Nullable DatabaseException failure, int attempts, RuntimeException e) {
        if (failure == null) {
            String message = e.getMessage();
            return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        }
        // the description, not the message: a message may hold the driver's words, which stay in the log
        String what = failure.summary();
        if (!failure.isTransient()) {
            return what + "; the server log has the details";
        }
        return "failed after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + what;
    }

    /** Records progress at most once per interval: the engine reports often, the database should not hear it all. */
    private final class ThrottledProgress implements ProgressListener {
        private final UUID id;
        private long lastWrite = System.nanoTime() - progressIntervalNanos;

        ThrottledProgress(UUID id) {
            this.id = id;
        }

        @Override
        public void progress(int storesDone, int storesTotal) {
            long now = System.nanoTime();
            if (now - lastWrite >= progressIntervalNanos) {
                lastWrite = now;
                repository.progress(id, storesDone, storesTotal);
            }
        }
    }
}
