package org.storeuptime.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a report is computed.
 *
 * @param lookback how far before the week's start polls are still considered (default 24 hours, at most
 *     {@link #MAX_LOOKBACK})
 * @param extrapolation how status is filled in between polls (default nearest poll)
 */
public record ReportOptions(Duration lookback, Extrapolation extrapolation) {

    /** The longest lookback accepted: ten years, far beyond any poll history worth reading. */
    public static final Duration MAX_LOOKBACK = Duration.ofDays(3650);

    /** The rules' defaults: 24 hours of lookback, nearest-poll extrapolation. */
    public static final ReportOptions DEFAULTS = new ReportOptions(Duration.ofHours(24), Extrapolation.NEAREST_POLL);

    public ReportOptions {
        Objects.requireNonNull(lookback, "lookback");
        Objects.requireNonNull(extrapolation, "extrapolation");
        if (lookback.isNegative()) {
            throw new IllegalArgumentException("lookback must not be negative: " + lookback);
        }
        if (lookback.compareTo(MAX_LOOKBACK) > 0) {
            throw new IllegalArgumentException("lookback must be at most " + MAX_LOOKBACK + ": " + lookback);
        }
    }

    /** The defaults. */
    public static ReportOptions defaults() {
        return DEFAULTS;
    }

    /** These options with another lookback. */
    public ReportOptions withLookback(Duration lookback) {
        return new ReportOptions(lookback, extrapolation);
    }

    /** These options with another extrapolation. */
    public ReportOptions withExtrapolation(Extrapolation extrapolation) {
        return new ReportOptions(lookback, extrapolation);
    }

    /** The options as named in report metadata: {@code extrapolation} and {@code lookback} (ISO-8601). */
    public Map<String, String> asMetadata() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("extrapolation", extrapolation.optionName());
        map.put("lookback", lookback.toString());
        return map;
    }
}
