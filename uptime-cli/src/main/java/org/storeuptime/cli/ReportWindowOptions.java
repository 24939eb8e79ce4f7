package org.storeuptime.cli;

import java.time.Duration;
import java.time.Instant;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.ReportOptions;
import picocli.CommandLine.Option;

/** The options that decide a report's numbers, shared by {@code report} and {@code store}: now, extrapolation, lookback. */
final class ReportWindowOptions {

    @Option(names = "--now", paramLabel = "T", converter = Converters.InstantConverter.class,
            description = "Where the windows end, an ISO-8601 instant (default: the latest poll of any store).")
    Instant now;

    @Option(names = "--extrapolation", paramLabel = "MODE", defaultValue = "nearest-poll",
            converter = Converters.ExtrapolationConverter.class,
            description = "nearest-poll or carry-forward (default: ${DEFAULT-VALUE}).")
    Extrapolation extrapolation;

    @Option(names = "--lookback", paramLabel = "DURATION", defaultValue = "PT24H",
            converter = Converters.DurationConverter.class,
            description = "How long before the week polls still count, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration lookback;

    ReportOptions options() {
        return new ReportOptions(lookback, extrapolation);
    }
}
