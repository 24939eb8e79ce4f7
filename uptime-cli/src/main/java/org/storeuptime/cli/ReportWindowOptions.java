package org.storeuptime.cli;

import java.util.ArrayList;
import java.util.List;
import org.storeuptime.core.InvalidRequestException;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.ReportWindow;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that decide a report's numbers, shared by {@code report} and {@code store}: now, extrapolation,
 * lookback and the windows. Kept as written and parsed by the core's {@link ReportRequest} alone, so that the
 * command line accepts and refuses exactly what the API does, with the same messages.
 */
final class ReportWindowOptions {

    @Option(names = "--now", paramLabel = "T",
            description = "Where the windows end, an ISO-8601 instant (default: the latest poll of any store).")
    String now;

    @Option(names = "--extrapolation", paramLabel = "MODE", defaultValue = "nearest-poll",
            description = "nearest-poll or carry-forward (default: ${DEFAULT-VALUE}).")
    String extrapolation;

    @Option(names = "--lookback", paramLabel = "DURATION", defaultValue = "PT24H",
            description = "How long before the week polls still count, ISO-8601 (default: ${DEFAULT-VALUE}).")
    String lookback;

    @Option(names = "--window", paramLabel = "W",
            description = {"A window to report instead of the last hour, day and week; repeat for several, in "
                    + "column order: 30d, 6h, 2w (rolling), month (this month so far), previous-month, 2024-09 "
                    + "(a calendar month), 2024-09-01/2024-09-15 (local dates, the second not included), or "
                    + "2024-09-01T00:00:00Z/2024-09-02T00:00:00Z (instants). Calendar windows are each store's own "
                    + "local dates."})
    List<String> windows = new ArrayList<>();

    /**
     * The request these options ask for.
     *
     * @throws ParameterException in one line naming the option, the value and the accepted forms
     */
    ReportRequest request(CommandSpec spec) {
        try {
            return ReportRequest.parse(now, lookback, extrapolation, windows);
        } catch (InvalidRequestException e) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--" + e.field() + "': " + withoutField(e));
        }
    }

    /** The core's message without its leading {@code field: }, which the option name says already. */
    private static String withoutField(InvalidRequestException e) {
        String message = String.valueOf(e.getMessage());
        String prefix = e.field() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /** The windows as written, for messages; empty for the classic three. */
    static String describe(ReportRequest request) {
        return request.windows().stream().map(ReportWindow::text).reduce((a, b) -> a + ", " + b)
                .map(w -> ", windows " + w).orElse("");
    }
}
