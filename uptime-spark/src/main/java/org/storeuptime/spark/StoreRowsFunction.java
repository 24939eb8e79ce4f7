package org.storeuptime.spark;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.storeuptime.core.BusinessHours;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.PollBuffer;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.Store;
import org.storeuptime.core.StoreUptime;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.internal.InputCsv;
import org.storeuptime.core.csv.ReportRow;

/**
 * The executor side of a report: reads a partition of store events sorted by store, kind, time and read order
 * ({@link Columns#EVENTS}), and gives each store's report row, computed by the core's
 * {@link UptimeEngine#compute}. Only one store's events are held at a time, so a partition streams.
 *
 * <p>Serialized to the executors with the report's settings as plain values; the engine is rebuilt there.
 */
final class StoreRowsFunction implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final long nowMicros;
    private final long lookbackNanos;
    private final Extrapolation extrapolation;

    StoreRowsFunction(Instant now, ReportOptions options) {
        this.nowMicros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
        this.lookbackNanos = options.lookback().toNanos();
        this.extrapolation = options.extrapolation();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> events) {
        UptimeEngine engine = UptimeEngine.builder()
                .options(new ReportOptions(Duration.ofNanos(lookbackNanos), extrapolation))
                .build();
        Instant now = Instant.ofEpochSecond(Math.floorDiv(nowMicros, 1_000_000L),
                Math.floorMod(nowMicros, 1_000_000L) * 1_000L);
        return new StoreIterator(events, engine, now);
    }

    /** Groups the sorted events by store, one report row per store. */
    private static final class StoreIterator implements Iterator<Row> {
        private final Iterator<Row> events;
        private final UptimeEngine engine;
        private final Instant now;
        private final PollBuffer polls = new PollBuffer(512);
        private final Set<OpeningPeriod> periods = new LinkedHashSet<>();
        private Row pending;

        StoreIterator(Iterator<Row> events, UptimeEngine engine, Instant now) {
            this.events = events;
            this.engine = engine;
            this.now = now;
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
            StoreUptime uptime = engine.compute(store, polls, now);
            ReportRow row = ReportRow.of(uptime);
            Object[] values = new Object[7];
            values[0] = storeId;
            int i = 1;
            for (BigDecimal figure : row.figures()) {
                values[i++] = figure;
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
