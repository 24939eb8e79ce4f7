package org.storeuptime.core;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a report is asked for: where its windows end, how polls are read and which windows it has. The one model
 * behind the library, the command line, the HTTP API and the Spark job: each front end hands its text values to
 * {@link #parse} (or a {@link Builder}) and gets the same checks and the same messages.
 *
 * <pre>{@code
 * ReportRequest request = ReportRequest.parse("2024-10-01T00:00:00Z", null, null, List.of("30d", "2024-09"));
 * UptimeReport report = UptimeEngine.create().report(source, request);
 * }</pre>
 *
 * @param now where the windows end; empty for the default, the latest poll of any store
 * @param lookback how far before the considered range's start polls still count (default 24 hours)
 * @param extrapolation how status is filled in between polls (default nearest poll)
 * @param windows the windows, in column order, with distinct labels; empty for the classic three
 */
public record ReportRequest(Optional<Instant> now, Duration lookback, Extrapolation extrapolation,
        List<ReportWindow> windows) {

    /** What {@code now} accepts, for messages. */
    public static final String NOW_FORMS = "accepted: an ISO-8601 instant such as 2024-10-14T23:55:18Z or a date-time "
            + "with an offset such as 2024-10-14T18:55:18-05:00, in the years 1 to 9999";
    /** What {@code lookback} accepts, for messages. */
    public static final String LOOKBACK_FORMS = "accepted: an ISO-8601 duration such as PT24H or P2D, from PT0S to "
            + ReportOptions.MAX_LOOKBACK;
    /** What {@code extrapolation} accepts, for messages. */
    public static final String EXTRAPOLATION_FORMS = "accepted: nearest-poll or carry-forward";

    private static final ReportRequest CLASSIC = new ReportRequest(Optional.empty(), ReportOptions.DEFAULTS.lookback(),
            ReportOptions.DEFAULTS.extrapolation(), List.of());

    public ReportRequest {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lookback, "lookback");
        Objects.requireNonNull(extrapolation, "extrapolation");
        now.ifPresent(ReportRequest::checkNow);
        checkLookback(lookback, lookback.toString());
        windows = List.copyOf(windows);
        try {
            ReportWindow.requireDistinctLabels(windows);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("window", e.getMessage(), e);
        }
    }

    /** The defaults: the latest poll, 24 hours of lookback, nearest poll, the classic three windows. */
    public static ReportRequest classic() {
        return CLASSIC;
    }

    /** A builder starting from {@link #classic()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The request of text values, as a command line or an HTTP request gives them; {@code null} or blank means
     * the default.
     *
     * @param windows each as written (see {@link ReportWindow#parse}); none for the classic three
     * @throws InvalidRequestException naming the first field at fault and its accepted forms
     */
    public static ReportRequest parse(@Nullable String now, @Nullable String lookback, @Nullable String extrapolation,
            List<String> windows) {
        Builder builder = builder().now(now).lookback(lookback).extrapolation(extrapolation);
        Objects.requireNonNull(windows, "windows").forEach(builder::window);
        return builder.build();
    }

    /** Lookback and extrapolation as engine options. */
    public ReportOptions options() {
        return new ReportOptions(lookback, extrapolation);
    }

    /** Whether the report has the classic three windows. */
    public boolean isClassic() {
        return windows.isEmpty();
    }

    /** This request ending at {@code now}. */
    public ReportRequest withNow(Instant now) {
        return new ReportRequest(Optional.of(now), lookback, extrapolation, windows);
    }

    /** This request with {@code options}' lookback and extrapolation. */
    public ReportRequest withOptions(ReportOptions options) {
        return new ReportRequest(now, options.lookback(), options.extrapolation(), windows);
    }

    /**
     * The request as report metadata echoes it: {@code extrapolation}, {@code lookback} (ISO-8601) and, when
     * asked for, {@code windows} (as written); {@code now} is the report's, not the request's.
     */
    public Map<String, Object> asMetadata() {
        Map<String, Object> map = new LinkedHashMap<>(options().asMetadata());
        if (!windows.isEmpty()) {
            map.put("windows", windows.stream().map(ReportWindow::text).toList());
        }
        return map;
    }

    /**
     * An instant as {@code now} accepts it: {@link Instant#parse} or an ISO-8601 date-time with an offset,
     * surrounding blanks ignored, in the years 1 to 9999.
     *
     * @throws InvalidRequestException naming {@code now} and the accepted forms
     */
    public static Instant parseNow(String text) {
        Objects.requireNonNull(text, "now");
        String s = text.strip();
        Instant instant;
        try {
            instant = Instant.parse(s);
        } catch (DateTimeException e) {
            try {
                instant = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeException e2) {
                throw new InvalidRequestException("now", "now: '" + text + "' is not an instant; " + NOW_FORMS, e2);
            }
        }
        checkNow(instant);
        return instant;
    }

    private static void checkNow(Instant now) {
        if (now.isBefore(UptimeEngine.EARLIEST_NOW) || now.isAfter(UptimeEngine.LATEST_NOW)) {
            throw new InvalidRequestException("now", "now: " + now + " is outside the years 1 to 9999; " + NOW_FORMS);
        }
    }

    private static void checkLookback(Duration lookback, String text) {
        if (lookback.isNegative()) {
            throw new InvalidRequestException("lookback", "lookback: '" + text + "' is negative; " + LOOKBACK_FORMS);
        }
        if (lookback.compareTo(ReportOptions.MAX_LOOKBACK) > 0) {
            throw new InvalidRequestException("lookback", "lookback: '" + text + "' is longer than "
                    + ReportOptions.MAX_LOOKBACK + "; " + LOOKBACK_FORMS);
        }
    }

    private static boolean given(@Nullable String text) {
        return text != null && !text.isBlank();
    }

    /** Collects a {@link ReportRequest}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private Optional<Instant> now = Optional.empty();
        private Duration lookback = ReportOptions.DEFAULTS.lookback();
        private Extrapolation extrapolation = ReportOptions.DEFAULTS.extrapolation();
        private final List<ReportWindow> windows = new ArrayList<>();

        private Builder() {
        }

        /** Where the windows end (default: the latest poll). */
        public Builder now(Instant now) {
            checkNow(Objects.requireNonNull(now, "now"));
            this.now = Optional.of(now);
            return this;
        }

        /** Where the windows end, as text (see {@link #parseNow}); {@code null} or blank for the default. */
        public Builder now(@Nullable String text) {
            now = given(text) ? Optional.of(parseNow(text)) : Optional.empty();
            return this;
        }

        /** Lookback and extrapolation of {@code options}. */
        public Builder options(ReportOptions options) {
            Objects.requireNonNull(options, "options");
            lookback = options.lookback();
            extrapolation = options.extrapolation();
            return this;
        }

        /** The lookback (default 24 hours). */
        public Builder lookback(Duration lookback) {
            checkLookback(Objects.requireNonNull(lookback, "lookback"), lookback.toString());
            this.lookback = lookback;
            return this;
        }

        /** The lookback as an ISO-8601 duration such as {@code PT24H}; {@code null} or blank for the default. */
        public Builder lookback(@Nullable String text) {
            if (!given(text)) {
                lookback = ReportOptions.DEFAULTS.lookback();
                return this;
            }
            Duration d;
            try {
                d = Duration.parse(text.strip());
            } catch (DateTimeException e) {
                throw new InvalidRequestException("lookback", "lookback: '" + text + "' is not an ISO-8601 duration; "
                        + LOOKBACK_FORMS, e);
            }
            checkLookback(d, text);
            lookback = d;
            return this;
        }

        /** The extrapolation (default nearest poll). */
        public Builder extrapolation(Extrapolation extrapolation) {
            this.extrapolation = Objects.requireNonNull(extrapolation, "extrapolation");
            return this;
        }

        /**
         * The extrapolation by name ({@code nearest-poll}, {@code carry-forward}; case and {@code _} for
         * {@code -} ignored); {@code null} or blank for the default.
         */
        public Builder extrapolation(@Nullable String text) {
            if (!given(text)) {
                extrapolation = ReportOptions.DEFAULTS.extrapolation();
                return this;
            }
            try {
                extrapolation = Extrapolation.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("extrapolation", "extrapolation: '" + text
                        + "' is not an extrapolation; " + EXTRAPOLATION_FORMS, e);
            }
            return this;
        }

        /** Adds a window after those added before. */
        public Builder window(ReportWindow window) {
            windows.add(Objects.requireNonNull(window, "window"));
            return this;
        }

        /** Adds a window as written (see {@link ReportWindow#parse}). */
        public Builder window(String text) {
            try {
                return window(ReportWindow.parse(text));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("window", e.getMessage(), e);
            }
        }

        /** Adds windows as written, in order. */
        public Builder windows(List<String> texts) {
            texts.forEach(this::window);
            return this;
        }

        /**
         * The request.
         *
         * @throws InvalidRequestException naming {@code window} when two windows have the same label
         */
        public ReportRequest build() {
            return new ReportRequest(now, lookback, extrapolation, windows);
        }
    }
}
