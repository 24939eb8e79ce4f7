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
        return rounded(duration, 60);
    }

    /** A duration in hours, rounded half-up to 2 decimals. */
    public static BigDecimal hours(Duration duration) {
        return rounded(duration, 3600);
    }

    /** Longest duration, in seconds, whose nanoseconds fit in a long with room to spare. */
    private static final long EXACT_IN_LONG_SECONDS = 9_000_000_000L;

    /**
     * {@code duration} divided by {@code unitSeconds}, rounded half-up (ties away from zero) to 2 decimals: in
     * hundredths by long arithmetic, exact, which a report does six times per store; by BigDecimal division only
     * for durations of centuries, whose nanoseconds do not fit in a long. Both give the same value and scale.
     */
    private static BigDecimal rounded(Duration duration, long unitSeconds) {
        if (exactInLong(duration)) {
            return BigDecimal.valueOf(hundredths(duration, unitSeconds), 2);
        }
        return seconds(duration).divide(BigDecimal.valueOf(unitSeconds), 2, RoundingMode.HALF_UP);
    }

    /** Whether {@link #hundredths} takes {@code duration}: anything shorter than about 285 years. */
    static boolean exactInLong(Duration duration) {
        long seconds = duration.getSeconds();
        return seconds > -EXACT_IN_LONG_SECONDS && seconds < EXACT_IN_LONG_SECONDS;
    }

    /**
     * {@code duration} in hundredths of {@code unitSeconds}, rounded half-up (ties away from zero); only for
     * durations {@link #exactInLong}.
     */
    static long hundredths(Duration duration, long unitSeconds) {
        long nanos = duration.getSeconds() * 1_000_000_000L + duration.getNano();
        long nanosPerHundredth = unitSeconds * 10_000_000L;
        long hundredths = nanos / nanosPerHundredth;
        long remainder = nanos % nanosPerHundredth;
        if (2 * Math.abs(remainder) >= nanosPerHundredth) {
            hundredths += Long.signum(nanos);
        }
        return hundredths;
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
