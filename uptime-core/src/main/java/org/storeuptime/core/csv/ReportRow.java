package org.storeuptime.core.csv;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.storeuptime.core.StoreUptime;

/**
 * One row of a report CSV: the six figures as written, hour figures in minutes and day and week figures in
 * hours, each rounded half-up to exactly two decimals.
 *
 * @param storeId the store
 * @param uptimeLastHour minutes
 * @param uptimeLastDay hours
 * @param uptimeLastWeek hours
 * @param downtimeLastHour minutes
 * @param downtimeLastDay hours
 * @param downtimeLastWeek hours
 */
public record ReportRow(
        String storeId,
        BigDecimal uptimeLastHour,
        BigDecimal uptimeLastDay,
        BigDecimal uptimeLastWeek,
        BigDecimal downtimeLastHour,
        BigDecimal downtimeLastDay,
        BigDecimal downtimeLastWeek) {

    private static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    public ReportRow {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(uptimeLastHour, "uptimeLastHour");
        Objects.requireNonNull(uptimeLastDay, "uptimeLastDay");
        Objects.requireNonNull(uptimeLastWeek, "uptimeLastWeek");
        Objects.requireNonNull(downtimeLastHour, "downtimeLastHour");
        Objects.requireNonNull(downtimeLastDay, "downtimeLastDay");
        Objects.requireNonNull(downtimeLastWeek, "downtimeLastWeek");
    }

    /** The row of {@code uptime}, rounded exactly from its durations. */
    public static ReportRow of(StoreUptime uptime) {
        return new ReportRow(uptime.storeId(),
                minutes(uptime.uptimeLastHour()), hours(uptime.uptimeLastDay()), hours(uptime.uptimeLastWeek()),
                minutes(uptime.downtimeLastHour()), hours(uptime.downtimeLastDay()), hours(uptime.downtimeLastWeek()));
    }

    /** A duration in minutes, rounded half-up to 2 decimals. */
    public static BigDecimal minutes(Duration duration) {
        return seconds(duration).divide(SECONDS_PER_MINUTE, 2, RoundingMode.HALF_UP);
    }

    /** A duration in hours, rounded half-up to 2 decimals. */
    public static BigDecimal hours(Duration duration) {
        return seconds(duration).divide(SECONDS_PER_HOUR, 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }

    /** The six figures in column order. */
    public List<BigDecimal> figures() {
        return List.of(uptimeLastHour, uptimeLastDay, uptimeLastWeek, downtimeLastHour, downtimeLastDay,
                downtimeLastWeek);
    }
}
