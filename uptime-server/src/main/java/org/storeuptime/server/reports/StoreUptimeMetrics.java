package org.storeuptime.server.reports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Objects;
import org.storeuptime.core.csv.FileSummary;

/**
 * The names of the Micrometer meters Store Uptime records, and the recording of input rows, which happens outside
 * the report service (where the host loads or imports its files).
 *
 * <p>The meters go to the registry the host passes: {@link ReportServiceBuilder#meterRegistry} for the reports,
 * {@link org.storeuptime.server.UptimeServer.Builder#meterRegistry} or {@link org.storeuptime.server.UptimeRoutes#register(io.javalin.config.JavalinConfig, String,
 * ReportService, String, MeterRegistry)} for the HTTP requests, {@link #recordImport} for input rows. Without a
 * registry nothing is recorded. {@code uptime serve} serves them all at {@code GET /metrics} in the Prometheus text
 * format, where the dots become underscores and counters end in {@code _total} ({@code uptime_reports_triggered_total}),
 * timers in {@code _seconds} ({@code uptime_report_duration_seconds_bucket}). The list is in {@code docs/server.md}.
 */
public final class StoreUptimeMetrics {

    /** Counter: reports accepted by a trigger; tag {@code trigger}: {@code api} or {@code schedule}. */
    public static final String REPORTS_TRIGGERED = "uptime.reports.triggered";
    /** Counter: reports this process computed and stored. */
    public static final String REPORTS_COMPLETED = "uptime.reports.completed";
    /** Counter: reports this process marked failed (an error, a full queue, a stop before they finished). */
    public static final String REPORTS_FAILED = "uptime.reports.failed";
    /**
     * Counter: reports run again; tag {@code reason}: {@code database} (another attempt after a database failure
     * that may pass, see {@link ReportRetry}) or {@code restart} (left running by a worker that stopped).
     */
    public static final String REPORTS_RETRIED = "uptime.reports.retried";
    /** Timer with histogram buckets: how long a report ran, to completion or failure; tag {@code outcome}. */
    public static final String REPORT_DURATION = "uptime.report.duration";
    /** Distribution summary: stores in each completed report. */
    public static final String REPORT_STORES = "uptime.report.stores";
    /** Gauge: reports triggered and waiting for a worker (pending). */
    public static final String REPORT_QUEUE = "uptime.report.queue";
    /**
     * Counter: polls this process removed from the database while keeping a {@link PollRetention} (the daily prune
     * of {@link ReportServiceBuilder#pollRetention}); registered only with a poll retention.
     */
    public static final String POLLS_PRUNED = "uptime.polls.pruned";
    /**
     * Counter: input rows; tag {@code outcome}: {@code read}, and what became of them: {@code loaded},
     * {@code duplicate} or {@code rejected} (the three add up to {@code read}).
     */
    public static final String IMPORT_ROWS = "uptime.import.rows";
    /**
     * Counter of polls received by live ingestion ({@code POST /polls}), tagged {@code outcome}: {@code stored},
     * {@code duplicate} or {@code rejected}; Prometheus: {@code uptime_ingest_polls_total}.
     */
    public static final String INGEST_POLLS = "uptime.ingest.polls";
    /** Timer (histogram) of one ingest batch, from its first byte to its commit; {@code uptime_ingest_batch_seconds}. */
    public static final String INGEST_BATCH = "uptime.ingest.batch";
    /**
     * Timer: HTTP requests the routes answered; tags {@code route} (the route's template such as
     * {@code /reports/{id}}, never the raw path; {@code NOT_FOUND} for paths no route matched), {@code method},
     * {@code status}.
     */
    public static final String HTTP_REQUESTS = "http.server.requests";

    private StoreUptimeMetrics() {
    }

    /**
     * Adds the rows of loaded or imported files ({@code LoadedInput.summaries()}, {@code ImportResult.summaries()})
     * to {@value #IMPORT_ROWS}.
     */
    public static void recordImport(MeterRegistry registry, Collection<FileSummary> summaries) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(summaries, "summaries");
        for (FileSummary file : summaries) {
            rows(registry, "read").increment(file.read());
            rows(registry, "loaded").increment(file.loaded());
            rows(registry, "duplicate").increment(file.duplicate());
            rows(registry, "rejected").increment(file.rejected());
        }
    }

    private static Counter rows(MeterRegistry registry, String outcome) {
        return Counter.builder(IMPORT_ROWS).description("Input rows read, and loaded, duplicate or rejected")
                .tag("outcome", outcome).register(registry);
    }
}
