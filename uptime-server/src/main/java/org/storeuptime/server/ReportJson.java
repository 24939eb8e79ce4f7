package org.storeuptime.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.storeuptime.core.ReportWindow;
import org.storeuptime.core.reports.ReportRecord;

/** The JSON shapes of the API, built as ordered maps so field names are exactly those of the contract. */
final class ReportJson {

    private ReportJson() {
    }

    /**
     * Jackson with ISO-8601 instants ({@code 2024-10-14T23:55:18Z}), not epoch numbers; a body with anything but
     * white space after its JSON value ({@code {"now": "..."} xyz}) is malformed, not read up to the value's end.
     */
    static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The resource-style metadata of {@code GET /reports/{id}}. */
    static Map<String, Object> metadata(ReportRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id().toString());
        m.put("state", r.state().apiName());
        m.put("created_at", r.createdAt());
        m.put("started_at", r.startedAt());
        m.put("finished_at", r.finishedAt());
        m.put("now", r.now() != null ? r.now() : r.requestedNow());
        m.put("options", r.request().asMetadata());
        m.put("progress", progress(r));
        m.put("store_count", r.storeCount());
        m.put("error", r.error());
        return m;
    }

    /** The report's windows as written, in column order; empty for the classic three. */
    static List<String> windows(ReportRecord r) {
        return r.windows().stream().map(ReportWindow::text).toList();
    }

    static Map<String, Object> progress(ReportRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stores_done", r.storesDone());
        m.put("stores_total", r.storesTotal());
        return m;
    }

    /** The assignment-style status of {@code GET /get_report} for a report that is not complete. */
    static Map<String, Object> status(ReportRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("report_id", r.id().toString());
        switch (r.state()) {
            case FAILED -> {
                m.put("status", "Failed");
                m.put("error", r.error());
            }
            case COMPLETE -> m.put("status", "Complete");
            default -> {
                m.put("status", "Running");
                m.put("progress", progress(r));
            }
        }
        return m;
    }

    /** The JSON form of a complete report in {@code GET /get_report} (with {@code Accept: application/json}). */
    static Map<String, Object> complete(ReportRecord r, String csvUrl) {
        Map<String, Object> m = status(r);
        m.put("csv_url", csvUrl);
        m.put("now", r.now());
        m.put("store_count", r.storeCount());
        m.put("finished_at", r.finishedAt());
        return m;
    }
}
