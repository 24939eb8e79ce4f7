package org.storeuptime.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A computed report.
 *
 * @param now the instant the windows end at
 * @param options how it was computed
 * @param rows one row per store, sorted by store id (plain string order)
 */
public record UptimeReport(Instant now, ReportOptions options, List<StoreUptime> rows) {

    public UptimeReport {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(options, "options");
        rows = List.copyOf(rows);
    }
}
