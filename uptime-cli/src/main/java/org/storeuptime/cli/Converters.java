package org.storeuptime.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import org.storeuptime.core.InvalidRequestException;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Conversions of option values, with messages that say what is expected. A report's own parameters (now,
 * lookback, extrapolation, windows) are not converted here: {@link ReportWindowOptions} hands them to the core's
 * {@link ReportRequest} as written.
 */
final class Converters {

    private Converters() {
    }

    /** An instant as a report's {@code now} accepts it ({@link ReportRequest#parseNow}), for other options. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return ReportRequest.parseNow(value);
            } catch (InvalidRequestException e) {
                String message = String.valueOf(e.getMessage());
                throw new TypeConversionException(message.startsWith("now: ") ? message.substring(5) : message);
            }
        }
    }

    /** A non-negative ISO-8601 duration ({@code PT24H}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration = duration(value, "PT24H");
            if (duration.isNegative()) {
                throw new TypeConversionException("'" + value + "' is negative");
            }
            if (duration.compareTo(ReportOptions.MAX_LOOKBACK) > 0) {
                throw new TypeConversionException("'" + value + "' is longer than " + ReportOptions.MAX_LOOKBACK);
            }
            return duration;
        }
    }

    /** A positive ISO-8601 duration of at most a day ({@code PT1S}), for {@code ingest --flush-after}. */
    static final class FlushDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration = duration(value, "PT1S");
            if (duration.isNegative() || duration.isZero()) {
                throw new TypeConversionException("'" + value + "' is not positive");
            }
            if (duration.compareTo(Duration.ofDays(1)) > 0) {
                throw new TypeConversionException("'" + value + "' is longer than a day (PT24H)");
            }
            return duration;
        }
    }

    private static Duration duration(String value, String example) {
        try {
            return Duration.parse(value);
        } catch (DateTimeException e) {
            throw new TypeConversionException("'" + value + "' is not an ISO-8601 duration (expected like " + example
                    + ")");
        }
    }
}
