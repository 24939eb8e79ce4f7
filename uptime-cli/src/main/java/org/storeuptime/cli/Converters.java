package org.storeuptime.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.UptimeEngine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Conversions of option values, with messages that say what is expected. */
final class Converters {

    private Converters() {
    }

    /** An ISO-8601 instant ({@code 2024-10-14T23:55:18Z}) or date-time with offset. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            Instant instant = parse(value);
            if (instant.isBefore(UptimeEngine.EARLIEST_NOW) || instant.isAfter(UptimeEngine.LATEST_NOW)) {
                throw new TypeConversionException("'" + value + "' is outside the years 1 to 9999");
            }
            return instant;
        }

        private static Instant parse(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeException e) {
                try {
                    return OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeException e2) {
                    throw new TypeConversionException("'" + value
                            + "' is not an ISO-8601 instant (expected like 2024-10-14T23:55:18Z)");
                }
            }
        }
    }

    /** A non-negative ISO-8601 duration ({@code PT24H}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration;
            try {
                duration = Duration.parse(value);
            } catch (DateTimeException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 duration (expected like PT24H)");
            }
            if (duration.isNegative()) {
                throw new TypeConversionException("'" + value + "' is negative");
            }
            if (duration.compareTo(ReportOptions.MAX_LOOKBACK) > 0) {
                throw new TypeConversionException("'" + value + "' is longer than " + ReportOptions.MAX_LOOKBACK);
            }
            return duration;
        }
    }

    /** {@code nearest-poll} or {@code carry-forward}. */
    static final class ExtrapolationConverter implements ITypeConverter<Extrapolation> {
        @Override
        public Extrapolation convert(String value) {
            try {
                return Extrapolation.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
