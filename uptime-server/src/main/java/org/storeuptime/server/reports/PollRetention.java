package org.storeuptime.server.reports;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.jdbc.UptimeDatabase;

/**
 * How much poll history a database-backed report service keeps: once a day it removes the polls older than the
 * latest poll minus {@code keep}, with {@link UptimeDatabase#prune(Duration, Duration, boolean)} (see
 * {@link ReportServiceBuilder#pollRetention}). Like {@code uptime prune} without {@code --force}, it refuses a
 * {@code keep} shorter than a report needs, {@link UptimeDatabase#minimumKeep 7 days plus the longest lookback in
 * use}, so that reports after a prune equal reports before it.
 *
 * <p>Needs uptime-jdbc (the database it prunes) on the class path.
 *
 * @param keep the history kept before the latest poll; at least {@code UptimeDatabase.minimumKeep(longestLookback)}
 * @param longestLookback the longest lookback of the reports run on this data; at least that of the service's
 *     schedule, which the builder checks
 */
public record PollRetention(Duration keep, Duration longestLookback) {

    public PollRetention {
        Objects.requireNonNull(keep, "keep");
        Objects.requireNonNull(longestLookback, "longestLookback");
        new ReportOptions(longestLookback, ReportOptions.DEFAULTS.extrapolation()); // validates the lookback
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("keep must be positive: " + keep);
        }
        // the rule of uptime prune; the wording too, less its --force, which a server does not offer
        Duration minimum = UptimeDatabase.minimumKeep(longestLookback);
        if (keep.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("keep " + keep + " (" + days(keep) + ") is shorter than a report needs:"
                    + " 7 days (the report's week) plus the longest lookback in use (" + longestLookback + ") = "
                    + minimum + " (" + days(minimum) + "); keep at least that");
        }
    }

    /** Keeps {@code keep} before the latest poll, for reports with the default lookback (24 hours). */
    public static PollRetention of(Duration keep) {
        return new PollRetention(keep, ReportOptions.DEFAULTS.lookback());
    }

    /** Keeps {@code keep} before the latest poll, for reports whose lookback is at most {@code longestLookback}. */
    public static PollRetention of(Duration keep, Duration longestLookback) {
        return new PollRetention(keep, longestLookback);
    }

    /** This retention for a longer lookback, checked again; itself when {@code lookback} is not longer. */
    PollRetention coveringLookback(Duration lookback) {
        return lookback.compareTo(longestLookback) > 0 ? new PollRetention(keep, lookback) : this;
    }

    /** Like {@code 8 days} or {@code 7.50 days}, as {@code uptime prune} says it. */
    private static String days(Duration d) {
        double days = d.toSeconds() / 86_400.0;
        return (days == Math.rint(days) ? String.valueOf((long) days) : String.format(Locale.ROOT, "%.2f", days))
                + (days == 1 ? " day" : " days");
    }
}
