package org.storeuptime.server;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.storeuptime.core.InvalidRequestException;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.ReportWindow;
import org.storeuptime.core.StorePage;
import org.storeuptime.core.StoreReader;
import org.storeuptime.core.StoreSummary;
import org.storeuptime.core.StoreTimeline;
import org.storeuptime.core.UnknownStoreException;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.core.csv.ReportRow;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportState;
import org.storeuptime.server.reports.ReportService;
import org.storeuptime.server.reports.ReportServiceBuilder;

/**
 * The one-store routes behind {@link UptimeRoutes}: {@code GET /stores}, {@code GET /stores/{id}} and
 * {@code GET /stores/{id}/timeline}, computed on demand from the service's {@link StoreReader}.
 */
final class StoreViews {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    /** How many recent reports the listing looks through for the newest complete one. */
    private static final int REPORTS_SEARCHED = 500;
    /** Parsed report CSVs kept: the listing only ever needs the newest complete one, the rest is slack. */
    private static final int CACHED_REPORTS = 4;
    /** The longest window a timeline draws (about a quarter): it lists every poll of the window. */
    static final Duration MAX_TIMELINE_WINDOW = Duration.ofDays(93);

    private final ReportService service;
    private final Clock clock;
    private final Map<UUID, Map<String, ReportRow>> rowsByReport = Collections.synchronizedMap(
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Map<String, ReportRow>> eldest) {
                    return size() > CACHED_REPORTS;
                }
            });

    StoreViews(ReportService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    private StoreReader reader() {
        return service.stores().orElseThrow(() -> new ApiException(404, "this server has no store data to look "
                + "stores up in (its report source is neither a StoreDataSet nor the database; see "
                + "ReportServiceBuilder.stores)"));
    }

    Map<String, Object> list(Context ctx) {
        String query = ctx.queryParam("query");
        query = query == null ? "" : query.strip();
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        StoreReader reader = reader();
        Instant latest = reader.latestPollTime().orElseGet(clock::instant);
        StorePage page = reader.list(query, limit, offset, latest.minus(Duration.ofDays(7)), latest);
        Optional<ReportRecord> report = newestCompleteReport();
        Map<String, ReportRow> rows = report.map(this::rows).orElse(Map.of());

        List<Map<String, Object>> stores = new ArrayList<>(page.stores().size());
        for (StoreSummary s : page.stores()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("store_id", s.storeId());
            m.put("timezone", s.zone().getId());
            m.put("timezone_defaulted", s.zoneDefaulted());
            m.put("polls_last_week", s.pollCount());
            m.put("last_poll", s.lastPoll() == null ? null : StoreViewJson.utc(s.lastPoll()));
            m.put("last_poll_local", s.lastPoll() == null ? null : StoreViewJson.local(s.lastPoll(), s.zone()));
            ReportRow row = rows.get(s.storeId());
            m.put("report", row == null ? null
                    : StoreViewJson.reportRow(report.get().id().toString(), report.get().now(), row));
            stores.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("total", page.total());
        body.put("polls_from", StoreViewJson.utc(latest.minus(Duration.ofDays(7))));
        body.put("polls_to", StoreViewJson.utc(latest));
        body.put("stores", stores);
        return body;
    }

    Map<String, Object> store(Context ctx) {
        StoreTimeline timeline = timeline(ctx);
        return StoreViewJson.store(timeline, reader().lastPoll(timeline.store().id()).orElse(null));
    }

    /**
     * {@code GET /stores/{id}/timeline}: the last {@code days} days (1 to 7, default 7), or the one {@code window}
     * asked for (at most {@link #MAX_TIMELINE_WINDOW}, since a timeline lists every poll), not both.
     */
    Map<String, Object> timelineBody(Context ctx) {
        List<String> windows = ctx.queryParams("window");
        if (windows.isEmpty()) {
            int days = intParam(ctx, "days", 7, 1, 7);
            return StoreViewJson.timeline(timeline(ctx), days);
        }
        if (windows.size() > 1) {
            throw new InvalidRequestException("window", "window: a timeline draws one window, not "
                    + windows.size() + " (ask GET /stores/{id} for the figures of several)");
        }
        String days = ctx.queryParam("days");
        if (days != null && !days.isBlank()) {
            throw new InvalidRequestException("window", "window and days: a timeline is of the last days or of a "
                    + "window, ask for one of them");
        }
        ReportRequest request = request(ctx);
        ReportWindow window = request.windows().get(0);
        if (window.nominalLength().compareTo(MAX_TIMELINE_WINDOW) > 0) {
            throw new InvalidRequestException("window", "window '" + window.text() + "': longer than the "
                    + MAX_TIMELINE_WINDOW.toDays() + " days a timeline draws (it lists every poll; a report takes "
                    + "windows up to " + ReportWindow.MAX_LENGTH.toDays() + " days)");
        }
        StoreTimeline t = timeline(ctx, request);
        return StoreViewJson.timeline(t, t.windowTimelines().get(0));
    }

    private StoreTimeline timeline(Context ctx) {
        return timeline(ctx, request(ctx));
    }

    private StoreTimeline timeline(Context ctx, ReportRequest request) {
        // surrounding blanks removed, as from the input files' ids (none has them): the web page sends the ids . and ..
        // as " ." and " ..", which a browser does not resolve as directory steps
        String id = ctx.pathParam("id").strip();
        UptimeEngine engine = UptimeEngine.builder().options(request.options()).clock(clock).build();
        return engine.timeline(reader(), id, request).orElseThrow(() -> new UnknownStoreException(id, List.of()));
    }

    /**
     * The report parameters of the query string ({@code now}, {@code lookback}, {@code extrapolation} and the
     * repeatable {@code window}), checked by the core's {@link ReportRequest}; a bad one is a 400 naming it.
     */
    static ReportRequest request(Context ctx) {
        return ReportRequest.parse(ctx.queryParam("now"), ctx.queryParam("lookback"), ctx.queryParam("extrapolation"),
                ctx.queryParams("window"));
    }

    private static int intParam(Context ctx, String name, int defaultValue, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            if (raw.strip().matches("[+-]?[0-9]+")) {
                // a whole number all the same, just beyond an int
                throw ApiException.badRequest(name + ": " + raw.strip() + " is out of range (" + range(min, max) + ")");
            }
            throw ApiException.badRequest(name + ": '" + raw + "' is not a whole number (" + range(min, max) + ")");
        }
        if (value < min || value > max) {
            throw ApiException.badRequest(name + ": " + value + " is out of range (" + range(min, max) + ")");
        }
        return value;
    }

    private static String range(int min, int max) {
        return max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
    }

    private Optional<ReportRecord> newestCompleteReport() {
        // the listing shows the classic figures: a report with other windows has other columns
        return service.list(REPORTS_SEARCHED).stream()
                .filter(r -> r.state() == ReportState.COMPLETE && r.isClassic())
                .findFirst();
    }

    /** The rows of a complete report's CSV by store id; a complete report's CSV never changes, so they are cached. */
    private Map<String, ReportRow> rows(ReportRecord report) {
        Map<String, ReportRow> cached = rowsByReport.get(report.id());
        if (cached != null) {
            return cached;
        }
        Map<String, ReportRow> rows = new HashMap<>();
        service.csv(report.id()).ifPresent(csv -> ReportCsv.read(csv).forEach(r -> rows.put(r.storeId(), r)));
        rowsByReport.put(report.id(), rows);
        return rows;
    }
}
