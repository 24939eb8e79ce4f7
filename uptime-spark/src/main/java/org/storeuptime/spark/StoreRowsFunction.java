package org.storeuptime.spark;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.storeuptime.core.BusinessHours;
import org.storeuptime.core.Closure;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.PollBuffer;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.ReportWindow;
import org.storeuptime.core.Store;
import org.storeuptime.core.StoreUptime;
import org.storeuptime.core.StoreWindowUptime;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.WindowUptime;
import org.storeuptime.core.csv.internal.InputCsv;
import org.storeuptime.core.csv.ReportRow;

/**
 * The executor side of a report: reads a partition of store events sorted by store, kind, time and read order
 * ({@link Columns#EVENTS}), and gives each store's report row ({@link Columns#report}), computed by the core's
 * {@link UptimeEngine#compute} with the store's planned closures. Only one store's events are held at a time, so a partition streams.
 *
 * <p>Serialized to the executors with the report's settings as plain values; the engine is rebuilt there.
 */
final class StoreRowsFunction implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final long nowMicros;
    private final long lookbackNanos;
    private final Extrapolation extrapolation;
    /** The windows as written; empty for the classic three. */
    private final String[] windows;
    /** The planned closures, four values each: store id, start, end (as {@code LocalDateTime} text), reason. */
    private final String[] closures;

    StoreRowsFunction(Instant now, ReportRequest request, List<Closure> closures) {
        this.nowMicros = micros(now);
        this.lookbackNanos = request.lookback().toNanos();
        this.extrapolation = request.extrapolation();
        this.windows = request.windows().stream().map(ReportWindow::text).toArray(String[]::new);
        this.closures = new String[4 * closures.size()];
        int i = 0;
        for (Closure c : closures) {
            this.closures[i++] = c.storeId();
            this.closures[i++] = c.start().toString();
            this.closures[i++] = c.end().toString();
            this.closures[i++] = c.reason();
        }
    }

    @Override
    public Iterator<Row> call(Iterator<Row> events) {
        UptimeEngine engine = UptimeEngine.builder()
                .options(new ReportOptions(Duration.ofNanos(lookbackNanos), extrapolation))
                .build();
        Instant now = Instant.ofEpochSecond(Math.floorDiv(nowMicros, 1_000_000L),
                Math.floorMod(nowMicros, 1_000_000L) * 1_000L);
        List<ReportWindow> windowList = new ArrayList<>(windows.length);
        for (String text : windows) {
            windowList.add(ReportWindow.parse(text));
        }
        Map<String, List<Closure>> byStore = new HashMap<>();
        List<Closure> everyStore = new ArrayList<>();
        for (int i = 0; i < closures.length; i += 4) {
            Closure c = Closure.of(closures[i], LocalDateTime.parse(closures[i + 1]),
                    LocalDateTime.parse(closures[i + 2]), closures[i + 3]);
            if (c.storeId().equals(Closure.ALL_STORES)) {
                everyStore.add(c);
            } else {
                byStore.computeIfAbsent(c.storeId(), k -> new ArrayList<>()).add(c);
            }
        }
        return new StoreIterator(events, engine, now, windowList, everyStore, byStore);
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** Groups the sorted events by store, one report row per store. */
    private static final class StoreIterator implements Iterator<Row> {
        private final Iterator<Row> events;
        private final UptimeEngine engine;
        private final Instant now;
        private final List<ReportWindow> windows;
        private final List<Closure> everyStore;
        private final Map<String, List<Closure>> byStore;
        private final PollBuffer polls = new PollBuffer(512);
        private final Set<OpeningPeriod> periods = new LinkedHashSet<>();
        private Row pending;

        StoreIterator(Iterator<Row> events, UptimeEngine engine, Instant now, List<ReportWindow> windows,
                List<Closure> everyStore, Map<String, List<Closure>> byStore) {
            this.events = events;
            this.engine = engine;
            this.now = now;
            this.windows = windows;
            this.everyStore = everyStore;
            this.byStore = byStore;
            this.pending = events.hasNext() ? events.next() : null;
        }

        @Override
        public boolean hasNext() {
            return pending != null;
        }

        @Override
        public Row next() {
            if (pending == null) {
                throw new NoSuchElementException();
            }
            String storeId = pending.getString(0);
            ZoneId zone = null;
            periods.clear();
            polls.clear();
            while (pending != null && pending.getString(0).equals(storeId)) {
                Row event = pending;
                switch (event.getInt(1)) {
                    case Columns.ZONE -> {
                        if (zone == null) {
                            zone = zone(storeId, event.isNullAt(8) ? null : event.getString(8));
                        }
                    }
                    case Columns.HOURS_ROW -> periods.add(period(storeId, event));
                    case Columns.POLL -> polls.add(event.getLong(2), event.getBoolean(4));
                    default -> {
                        // a store marker: the store exists, nothing more
                    }
                }
                pending = events.hasNext() ? events.next() : null;
            }
            Store store = Store.of(storeId, zone == null ? Store.DEFAULT_ZONE : zone, BusinessHours.of(periods));
            List<Closure> own = byStore.get(storeId);
            List<Closure> closures = own == null ? everyStore : concat(everyStore, own);
            if (!windows.isEmpty()) {
                return windowRow(engine.compute(store, polls, closures, now, windows));
            }
            StoreUptime uptime = engine.compute(store, polls, closures, now);
            ReportRow row = ReportRow.of(uptime);
            Object[] values = new Object[7];
            values[0] = storeId;
            int i = 1;
            for (BigDecimal figure : row.figures()) {
                values[i++] = figure;
            }
            return RowFactory.create(values);
        }

        private static List<Closure> concat(List<Closure> a, List<Closure> b) {
            List<Closure> all = new ArrayList<>(a.size() + b.size());
            all.addAll(a);
            all.addAll(b);
            return all;
        }

        /** The row of {@link Columns#report}: the CSV's figures of each window, then their exact values. */
        private static Row windowRow(StoreWindowUptime uptime) {
            List<WindowUptime> figures = uptime.windows();
            Object[] values = new Object[1 + 3 * figures.size() + Columns.EXACT.size() * figures.size()];
            values[0] = uptime.storeId();
            int exact = 1 + 3 * figures.size();
            for (int w = 0; w < figures.size(); w++) {
                WindowUptime f = figures.get(w);
                values[1 + 3 * w] = ReportRow.hours(f.uptime());
                values[2 + 3 * w] = ReportRow.hours(f.downtime());
                values[3 + 3 * w] = f.uptimePercent().orElse(null);
                values[exact++] = f.uptime().toNanos() / 1_000L;
                values[exact++] = f.downtime().toNanos() / 1_000L;
                values[exact++] = micros(f.range().start());
                values[exact++] = micros(f.range().end());
            }
            return RowFactory.create(values);
        }

        private static ZoneId zone(String storeId, String id) {
            try {
                return InputCsv.timeZone(id);
            } catch (IllegalArgumentException e) {
                throw new SparkInputException("timezones: store " + storeId + ": timezone_str: " + e.getMessage(), e);
            }
        }

        private static OpeningPeriod period(String storeId, Row event) {
            if (event.isNullAt(5)) {
                throw new SparkInputException("menu_hours: store " + storeId + ": dayOfWeek: missing");
            }
            try {
                return InputCsv.openingPeriod(event.getInt(5), event.isNullAt(6) ? null : event.getString(6),
                        event.isNullAt(7) ? null : event.getString(7));
            } catch (IllegalArgumentException e) {
                throw new SparkInputException("menu_hours: store " + storeId + ": " + e.getMessage(), e);
            }
        }
    }
}
