package org.storeuptime.server;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.StoreTimeline;
import org.storeuptime.core.StoreTimeline.Outage;
import org.storeuptime.core.StoreTimeline.ReportWindowFigures;
import org.storeuptime.core.StoreTimeline.StatusSegment;
import org.storeuptime.core.StoreTimeline.TimelinePoll;
import org.storeuptime.core.StoreTimeline.WindowFigures;
import org.storeuptime.core.StoreTimeline.WindowTimeline;
import org.storeuptime.core.TimeInterval;
import org.storeuptime.core.UptimeWindow;
import org.storeuptime.core.csv.ReportRow;

/**
 * The JSON of one store's view, as ordered maps with exactly the contract's field names: the bodies of
 * {@code GET /stores/{id}} and {@code GET /stores/{id}/timeline}, and what {@code uptime store --json} prints.
 *
 * <p>Times are UTC ISO-8601 instants ({@code 2023-01-23T15:00:00Z}) with a {@code *_local} field beside each:
 * the store's local date-time with its offset. Durations are seconds (to the microsecond) unless named like
 * the report CSV's columns, which keep the CSV's units and 2 decimals.
 */
public final class StoreViewJson {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private StoreViewJson() {
    }

    /**
     * The body of {@code GET /stores/{id}}: zone, the store's last poll ("last seen"), hours, the six figures and
     * each classic window's figures; for a timeline asked with windows, each of those windows' three report columns
     * and figures instead.
     *
     * @param lastPoll the store's latest poll of all ({@link org.storeuptime.core.StoreReader#lastPoll}), which
     *     may lie after the timeline's {@code now}; {@code null} without polls
     */
    public static Map<String, Object> store(StoreTimeline t, @Nullable Instant lastPoll) {
        ZoneId zone = t.store().zone();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store_id", t.store().id());
        m.put("timezone", zone.getId());
        m.put("timezone_defaulted", t.profile().zoneDefaulted());
        m.put("last_poll", lastPoll == null ? null : utc(lastPoll));
        m.put("last_poll_local", lastPoll == null ? null : local(lastPoll, zone));
        m.put("now", utc(t.now()));
        m.put("now_local", local(t.now(), zone));
        m.put("options", options(t));
        m.put("business_hours", businessHours(t));
        m.put("open_all_week", t.store().hours().isAlwaysOpen());
        if (!t.windows().isEmpty()) {
            // the windows asked for, under the report CSV's column names and units, then each one's details
            Map<String, Object> windows = new LinkedHashMap<>();
            for (ReportWindowFigures f : t.windows()) {
                String label = f.window().label();
                m.put("uptime_" + label + "_hours", ReportRow.hours(f.uptime()));
                m.put("downtime_" + label + "_hours", ReportRow.hours(f.downtime()));
                m.put("uptime_" + label + "_percent", f.uptimePercent());
                windows.put(f.window().text(), window(f, zone));
            }
            m.put("windows", windows);
            m.put("outages", outages(t.outages(), zone));
            return m;
        }
        ReportRow row = ReportRow.of(t.uptime());
        m.put("uptime_last_hour", row.uptimeLastHour());
        m.put("uptime_last_day", row.uptimeLastDay());
        m.put("uptime_last_week", row.uptimeLastWeek());
        m.put("downtime_last_hour", row.downtimeLastHour());
        m.put("downtime_last_day", row.downtimeLastDay());
        m.put("downtime_last_week", row.downtimeLastWeek());
        Map<String, Object> windows = new LinkedHashMap<>();
        for (UptimeWindow w : UptimeWindow.values()) {
            windows.put(w.name().toLowerCase(Locale.ROOT), window(t.window(w), zone));
        }
        m.put("windows", windows);
        // added to the contract's fields: the week's outages, so that one call answers "when was it down"
        m.put("outages", outages(t.outages(), zone));
        return m;
    }

    /**
     * The body of {@code GET /stores/{id}/timeline} for the last {@code days} days ({@code [now - days * 24h,
     * now)}): business intervals and segments clipped to that range, the outages overlapping it (whole), and the
     * polls from a day plus the lookback before it, so that the polls that set the status at its start show.
     */
    public static Map<String, Object> timeline(StoreTimeline t, int days) {
        if (days < 1 || days > 7) {
            throw new IllegalArgumentException("days must be 1 to 7: " + days);
        }
        ZoneId zone = t.store().zone();
        Instant to = t.now();
        Instant from = to.minus(Duration.ofDays(days));
        TimeInterval range = TimeInterval.of(from, to);
        Map<String, Object> m = timelineHead(t, zone);
        m.put("days", days);
        m.put("from", utc(from));
        m.put("from_local", local(from, zone));
        m.put("to", utc(to));
        m.put("to_local", local(to, zone));

        List<Map<String, Object>> business = new ArrayList<>();
        for (TimeInterval open : t.businessIntervals()) {
            if (open.overlaps(range)) {
                business.add(interval(open.intersection(range), zone));
            }
        }
        m.put("business_intervals", business);
        List<Map<String, Object>> closures = new ArrayList<>();
        for (TimeInterval closure : t.plannedClosures()) {
            if (closure.overlaps(range)) {
                closures.add(interval(closure.intersection(range), zone));
            }
        }
        // part of the closed time between the business intervals, shown apart because it is not the usual hours
        m.put("planned_closures", closures);

        Instant pollsFrom = from.minus(t.options().lookback()).minus(Duration.ofDays(1));
        List<Map<String, Object>> polls = new ArrayList<>();
        for (TimelinePoll poll : t.polls()) {
            if (poll.timestamp().isBefore(pollsFrom) || poll.timestamp().isAfter(to)) {
                continue;
            }
            polls.add(poll(poll, zone));
        }
        m.put("polls", polls);

        List<Map<String, Object>> segments = new ArrayList<>();
        for (StatusSegment segment : t.segments()) {
            if (segment.interval().overlaps(range)) {
                Map<String, Object> s = interval(segment.interval().intersection(range), zone);
                s.put("state", segment.up() ? "up" : "down");
                segments.add(s);
            }
        }
        m.put("segments", segments);
        List<Outage> overlapping = t.outages().stream().filter(o -> !o.durationWithin(range).isZero()).toList();
        m.put("outages", outages(overlapping, zone));
        return m;
    }

    /**
     * The body of {@code GET /stores/{id}/timeline?window=W}: the same fields as {@link #timeline(StoreTimeline,
     * int)} for the window's range ({@code from}, {@code to}: its instants for this store, cut at now) with the
     * window as written ({@code window}) and its {@code label} instead of {@code days}, and its {@code figures}
     * last. Everything comes from the window's own computation ({@link WindowTimeline}): the segments add up to
     * the figures, which are the report's columns for the window.
     */
    public static Map<String, Object> timeline(StoreTimeline t, WindowTimeline w) {
        ZoneId zone = t.store().zone();
        Instant from = w.range().start();
        Instant to = w.range().end();
        Map<String, Object> m = timelineHead(t, zone);
        m.put("window", w.window().text());
        m.put("label", w.window().label());
        m.put("from", utc(from));
        m.put("from_local", local(from, zone));
        m.put("to", utc(to));
        m.put("to_local", local(to, zone));
        List<Map<String, Object>> business = new ArrayList<>();
        for (TimeInterval open : w.businessIntervals()) {
            business.add(interval(open, zone));
        }
        m.put("business_intervals", business);
        List<Map<String, Object>> closures = new ArrayList<>();
        for (TimeInterval closure : w.plannedClosures()) {
            closures.add(interval(closure, zone));
        }
        m.put("planned_closures", closures);
        List<Map<String, Object>> polls = new ArrayList<>(w.polls().size());
        for (TimelinePoll poll : w.polls()) {
            polls.add(poll(poll, zone));
        }
        m.put("polls", polls);
        List<Map<String, Object>> segments = new ArrayList<>(w.segments().size());
        for (StatusSegment segment : w.segments()) {
            Map<String, Object> s = interval(segment.interval(), zone);
            s.put("state", segment.up() ? "up" : "down");
            segments.add(s);
        }
        m.put("segments", segments);
        m.put("outages", outages(w.outages(), zone));
        m.put("figures", window(w.figures(), zone));
        return m;
    }

    private static Map<String, Object> poll(TimelinePoll poll, ZoneId zone) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("timestamp", utc(poll.timestamp()));
        p.put("timestamp_local", local(poll.timestamp(), zone));
        p.put("status", poll.status().csvValue());
        p.put("counted", poll.verdict().counted());
        p.put("ignored_reason", poll.verdict().reason());
        return p;
    }

    /** The first fields of both timeline bodies: the store, its zone, {@code now} and the options. */
    private static Map<String, Object> timelineHead(StoreTimeline t, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store_id", t.store().id());
        m.put("timezone", zone.getId());
        m.put("timezone_defaulted", t.profile().zoneDefaulted());
        m.put("now", utc(t.now()));
        m.put("now_local", local(t.now(), zone));
        m.put("options", options(t));
        return m;
    }

    /**
     * A report CSV row as the store listing shows it: the six figures as written, and the last week's uptime
     * percent computed from the row's rounded hours ({@code null} when both are zero).
     */
    static Map<String, Object> reportRow(String reportId, Instant reportNow, ReportRow row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("report_id", reportId);
        m.put("now", reportNow == null ? null : utc(reportNow));
        m.put("uptime_last_hour", row.uptimeLastHour());
        m.put("uptime_last_day", row.uptimeLastDay());
        m.put("uptime_last_week", row.uptimeLastWeek());
        m.put("downtime_last_hour", row.downtimeLastHour());
        m.put("downtime_last_day", row.downtimeLastDay());
        m.put("downtime_last_week", row.downtimeLastWeek());
        BigDecimal total = row.uptimeLastWeek().add(row.downtimeLastWeek());
        m.put("uptime_percent_last_week", total.signum() == 0 ? null
                : row.uptimeLastWeek().multiply(HUNDRED).divide(total, 2, RoundingMode.HALF_UP));
        return m;
    }

    private static Map<String, Object> options(StoreTimeline t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lookback", t.options().lookback().toString());
        m.put("extrapolation", t.options().extrapolation().optionName());
        if (!t.windows().isEmpty()) {
            m.put("windows", t.windows().stream().map(f -> f.window().text()).toList());
        }
        return m;
    }

    private static List<Map<String, Object>> businessHours(StoreTimeline t) {
        List<OpeningPeriod> periods = new ArrayList<>(t.store().hours().periods());
        periods.sort(Comparator.comparing(OpeningPeriod::day).thenComparing(OpeningPeriod::start)
                .thenComparing(OpeningPeriod::end));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (OpeningPeriod p : periods) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("day_of_week", p.day().getValue() - 1);
            row.put("day", p.day().name());
            row.put("start_time_local", time(p.start()));
            row.put("end_time_local", time(p.end()));
            rows.add(row);
        }
        return rows;
    }

    private static String time(LocalTime time) {
        return DateTimeFormatter.ISO_LOCAL_TIME.format(time.truncatedTo(ChronoUnit.MICROS));
    }

    private static Map<String, Object> window(WindowFigures f, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", utc(f.range().start()));
        m.put("start_local", local(f.range().start(), zone));
        m.put("end", utc(f.range().end()));
        m.put("end_local", local(f.range().end(), zone));
        m.put("uptime_seconds", seconds(f.uptime()));
        m.put("downtime_seconds", seconds(f.downtime()));
        m.put("uptime_percent", f.uptimePercent());
        m.put("outage_count", f.outageCount());
        m.put("longest_outage_seconds", seconds(f.longestOutage()));
        return m;
    }

    private static Map<String, Object> window(ReportWindowFigures f, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", f.window().label());
        m.put("start", utc(f.range().start()));
        m.put("start_local", local(f.range().start(), zone));
        m.put("end", utc(f.range().end()));
        m.put("end_local", local(f.range().end(), zone));
        m.put("uptime_seconds", seconds(f.uptime()));
        m.put("downtime_seconds", seconds(f.downtime()));
        m.put("uptime_percent", f.uptimePercent());
        m.put("outage_count", f.outageCount());
        m.put("longest_outage_seconds", seconds(f.longestOutage()));
        return m;
    }

    private static List<Map<String, Object>> outages(List<Outage> outages, ZoneId zone) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Outage outage : outages) {
            Map<String, Object> m = interval(outage.span(), zone);
            m.put("duration_seconds", seconds(outage.duration()));
            list.add(m);
        }
        return list;
    }

    private static Map<String, Object> interval(TimeInterval interval, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", utc(interval.start()));
        m.put("start_local", local(interval.start(), zone));
        m.put("end", utc(interval.end()));
        m.put("end_local", local(interval.end(), zone));
        return m;
    }

    /** Seconds with up to six decimals: exact for any duration up to a window's 3,660 days (well inside a double's 15 digits). */
    static double seconds(Duration d) {
        return (d.getSeconds() * 1_000_000L + d.getNano() / 1_000) / 1e6;
    }

    static String utc(Instant instant) {
        return instant.toString();
    }

    static String local(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime());
    }
}
