package org.storeuptime.server.reports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.StoreReader;
import org.storeuptime.core.reports.ReportRecord;

/**
 * Runs uptime reports in the background and answers for them: what the HTTP routes ({@link org.storeuptime.server.UptimeRoutes}) and a
 * caller's own code use. Built by {@link ReportServiceBuilder}, started with {@link #start()}, stopped with
 * {@link #close()}.
 *
 * <p>A trigger returns at once with a pending report; a worker claims it, computes it (progress visible through
 * {@link #find}) and stores its CSV atomically. A complete report's CSV never changes. A transient database failure
 * is tried again ({@link ReportRetry}); finished reports are kept as the
 * {@link org.storeuptime.core.reports.ReportRetention} says.
 *
 * <pre>{@code
 * ReportService service = ReportService.builder().source(dataSet).build();
 * service.start();
 * ReportRecord report = service.trigger(ReportOptions.DEFAULTS);
 * }</pre>
 */
public interface ReportService extends AutoCloseable {

    /** A builder: in memory by default, durable with {@link ReportServiceBuilder#database}. */
    static ReportServiceBuilder builder() {
        return new ReportServiceBuilder();
    }

    /**
     * Starts the workers (and the schedule, if any). Idempotent. Reports triggered before are run once started.
     */
    void start();

    /**
     * Records a new report whose windows end at the latest poll (as of when it runs) and queues it; returns at once.
     *
     * @param options lookback and extrapolation
     * @return the new report, pending
     * @throws org.storeuptime.core.UptimeException when the report cannot be queued (queue full, database down)
     */
    ReportRecord trigger(ReportOptions options);

    /**
     * Records a new report whose windows end at {@code now} and queues it; returns at once.
     *
     * @param now where the report's windows end
     * @param options lookback and extrapolation
     * @return the new report, pending
     * @throws org.storeuptime.core.UptimeException when the report cannot be queued (queue full, database down)
     */
    ReportRecord trigger(Instant now, ReportOptions options);

    /**
     * Records a new report of {@code request} and queues it; returns at once. Its {@code now} (or, without one, the
     * latest poll as of when it runs), lookback, extrapolation and windows are kept with the report, so that a report
     * run again after a restart computes the same columns.
     *
     * @return the new report, pending
     * @throws org.storeuptime.core.UptimeException when the report cannot be queued (queue full, database down)
     */
    ReportRecord trigger(ReportRequest request);

    /**
     * The file name of a report's CSV, in a download and in the {@link ReportServiceBuilder#reportsDirectory
     * reports directory}: {@code store_report_<id>.csv}.
     */
    static String csvFileName(UUID id) {
        return ReportsDirectory.fileName(id);
    }

    /** The report, if known. */
    Optional<ReportRecord> find(UUID id);

    /** Up to {@code limit} reports, newest first. */
    List<ReportRecord> list(int limit);

    /** The CSV of a complete report; empty while it is not complete or when unknown. */
    Optional<byte[]> csv(UUID id);

    /**
     * Where one store's zone, hours and polls and the store listing are read: the database's
     * {@link org.storeuptime.jdbc.UptimeDatabase#storeReader()}, an in-memory source that is a
     * {@link StoreReader} (such as a {@code StoreDataSet}), or what {@link ReportServiceBuilder#stores} set;
     * empty when the source is none of these.
     */
    Optional<StoreReader> stores();

    /**
     * Whether the service and its database (if any) answer now; with a database, the answer comes within about
     * 2 seconds even when the database hangs. Never throws.
     */
    boolean healthy();

    /**
     * Stops taking work and stops the workers: running reports get the builder's grace period to finish. With a
     * database, reports still running afterwards are run again by the next process on that database; in memory
     * they are marked failed. Idempotent.
     */
    @Override
    void close();
}
