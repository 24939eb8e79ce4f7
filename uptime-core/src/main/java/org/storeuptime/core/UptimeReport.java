package org.storeuptime.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A computed report: either the classic three windows ({@link #rows()}) or the windows asked for
 * ({@link #windowRows()}).
 *
 * @param now the instant the windows end at
 * @param nowSource where {@code now} came from
 * @param options how it was computed
 * @param windows the windows asked for, in order; empty for the classic three
 * @param rows with the classic windows, one row per store sorted by store id (plain string order); else empty
 * @param windowRows with {@code windows}, one row per store sorted by store id; else empty
 */
public record UptimeReport(Instant now, NowSource nowSource, ReportOptions options, List<ReportWindow> windows,
        List<StoreUptime> rows, List<StoreWindowUptime> windowRows) {

    public UptimeReport {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(nowSource, "nowSource");
        Objects.requireNonNull(options, "options");
        windows = List.copyOf(windows);
        rows = List.copyOf(rows);
        windowRows = List.copyOf(windowRows);
        if (windows.isEmpty() ? !windowRows.isEmpty() : !rows.isEmpty()) {
            throw new IllegalArgumentException(windows.isEmpty() ? "a classic report has no window rows"
                    : "a report with windows has no classic rows");
        }
    }

    /** A classic report whose {@code now} was given. */
    public UptimeReport(Instant now, ReportOptions options, List<StoreUptime> rows) {
        this(now, NowSource.GIVEN, options, List.of(), rows, List.of());
    }

    /** Whether it has the classic three windows (no {@link #windows()} were asked for). */
    public boolean isClassic() {
        return windows.isEmpty();
    }

    /** How many stores it has a row for. */
    public int storeCount() {
        return isClassic() ? rows.size() : windowRows.size();
    }
}
