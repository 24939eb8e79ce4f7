package org.storeuptime.server;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeuptime.core.ProgressListener;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.UptimeReport;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportRepository;
import org.storeuptime.core.reports.ReportState;

/**
 * Runs one report, idempotently: schedulers run a job at least once, so running it again after it completed does
 * nothing, and running it again while it is marked running (its worker died) starts it over.
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
    private final ReportsDirectory reportsDirectory;
    private final long progressIntervalNanos;

    ReportJob(ReportRepository repository, ReportSource source, Clock clock, ReportsDirectory reportsDirectory,
            long progressIntervalNanos) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reportsDirectory = reportsDirectory;
        this.progressIntervalNanos = progressIntervalNanos;
    }

    /** Claims (or, after a dead worker, restarts), computes and stores report {@code id}. */
    Outcome run(UUID id) {
        Optional<ReportRecord> found = repository.find(id);
        if (found.isEmpty()) {
            LOG.warn("report {} is unknown; nothing to run", id);
            return Outcome.SKIPPED;
        }
        ReportRecord record = found.get();
        if (!start(record)) {
            return Outcome.SKIPPED;
        }
        UptimeReport report;
        byte[] csv;
        try {
            UptimeEngine engine = UptimeEngine.builder().options(record.options()).clock(clock).build();
            report = engine.report(source, record.requestedNow(), new ThrottledProgress(id));
            csv = ReportCsv.toBytes(report);
        } catch (RuntimeException e) {
            if (interrupted(e)) {
                // the service is stopping: the report is not wrong, it is unfinished; left running, it is run again
                // by the next worker on the database (in memory, the service has already marked it failed)
                LOG.info("report {} was interrupted by a shutdown; left to be run again", id);
                throw e;
            }
            String error = describe(e);
            LOG.warn("report {} failed: {}", id, error, e);
            repository.fail(id, error, clock.instant());
            return Outcome.FAILED;
        }
        if (!repository.complete(id, report.now(), report.rows().size(), csv, clock.instant())) {
            LOG.info("report {} was finished by another worker meanwhile", id);
            return Outcome.SKIPPED;
        }
        if (reportsDirectory != null) {
            reportsDirectory.write(id, csv);
        }
        return Outcome.COMPLETED;
    }

    private boolean start(ReportRecord record) {
        if (record.state().isFinished()) {
            return false;
        }
        if (record.state() == ReportState.PENDING && repository.claim(record.id(), clock.instant())) {
            return true;
        }
        // Running: the worker that claimed it is gone (a scheduler only runs an execution again when its worker
        // stopped answering), so start it over with the same id.
        if (repository.restart(record.id(), clock.instant())) {
            LOG.info("report {} was left running by a worker that stopped; running it again", record.id());
            return true;
        }
        return false;
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

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
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
