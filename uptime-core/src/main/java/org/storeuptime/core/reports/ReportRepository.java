package org.storeuptime.core.reports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;

/**
 * The port where reports' state and CSVs are kept: in memory ({@link InMemoryReportRepository}) or in the
 * database (the JDBC adapter). Every method is atomic and safe to call from several threads, and for the
 * database from several processes. Times are passed in by the caller, who owns the clock.
 *
 * <p>Life cycle: {@code create} (pending) → {@code claim} (running) → {@code progress}* → {@code complete}
 * or {@code fail}. A complete report's CSV never changes; a finished report may be removed by {@code prune}.
 */
public interface ReportRepository {

    /**
     * Records a new pending report of {@code request}: its {@code now} (if given), options and windows.
     *
     * @throws IllegalArgumentException when a report with this id exists
     */
    ReportRecord create(UUID id, Instant createdAt, ReportRequest request);

    /**
     * Records a new pending report with the classic three windows.
     *
     * @throws IllegalArgumentException when a report with this id exists
     */
    default ReportRecord create(UUID id, Instant createdAt, @Nullable Instant requestedNow, ReportOptions options) {
        ReportRequest.Builder request = ReportRequest.builder().options(options);
        if (requestedNow != null) {
            request.now(requestedNow);
        }
        return create(id, createdAt, request.build());
    }

    /** The report, if known. */
    Optional<ReportRecord> find(UUID id);

    /** Up to {@code limit} reports, newest first (by creation time, then id). */
    List<ReportRecord> list(int limit);

    /**
     * Moves a pending report to running. Of several callers claiming the same report, exactly one gets
     * {@code true}.
     */
    boolean claim(UUID id, Instant startedAt);

    /**
     * Starts a running report over, because the worker that ran it died: progress is reset and
     * {@code startedAt} set. {@code false} unless the report is running.
     */
    boolean restart(UUID id, Instant startedAt);

    /** Records progress of a running report; ignored unless running. */
    void progress(UUID id, int storesDone, int storesTotal);

    /**
     * Stores the finished CSV and moves a running report to complete, atomically. {@code false} (and nothing
     * changed) unless the report was running.
     */
    boolean complete(UUID id, Instant now, int storeCount, byte[] csv, Instant finishedAt);

    /** Moves a pending or running report to failed. {@code false} when it had already finished. */
    boolean fail(UUID id, String error, Instant finishedAt);

    /** The CSV of a complete report; empty otherwise. */
    Optional<byte[]> csv(UUID id);

    /** Reports still pending or running, oldest first: what a restarted service must (re)run. */
    List<ReportRecord> unfinished();

    /**
     * Removes finished (complete or failed) reports, with their CSVs, that {@code retention} does not keep at
     * {@code now}: those that finished before {@link ReportRetention#cutoff(Instant)}, and those beyond the newest
     * {@link ReportRetention#maxCount()} finished ones (newest as in {@link #list}). Pending and running reports
     * are never removed and do not count.
     *
     * @return how many reports were removed
     */
    int prune(ReportRetention retention, Instant now);
}
