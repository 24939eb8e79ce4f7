package org.storeuptime.core.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.storeuptime.core.StoreDataSet;

/**
 * Loads the three input files into an in-memory {@link StoreDataSet}.
 *
 * <p>Duplicates: of polls of one store at the same instant the first read wins; a business-hours row equal
 * to an earlier one of the same store adds nothing; of several zones of one store the first wins. Each is
 * counted as a duplicate in the file's {@link FileSummary}.
 *
 * <pre>{@code
 * LoadedInput input = InputLoader.load(InputFiles.inDirectory(Path.of("data")), LoadOptions.LENIENT);
 * UptimeReport report = UptimeEngine.create().report(input.data());
 * }</pre>
 */
public final class InputLoader {

    private InputLoader() {
    }

    /**
     * Loads {@code files}.
     *
     * @throws InputFileException when a file as a whole cannot be read
     * @throws RejectedRowsException in strict mode when any row was rejected (all files are read first, so
     *     that every rejected row is reported)
     */
    public static LoadedInput load(InputFiles files, LoadOptions options) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(options, "options");
        StoreDataSet.Builder builder = StoreDataSet.builder();
        List<RejectedRow> kept = new ArrayList<>();
        long[] rejectedCount = {0};
        Consumer<RejectedRow> onRejected = row -> {
            rejectedCount[0]++;
            if (kept.size() < options.keptRejectedRows()) {
                kept.add(row);
            }
            options.onRejected().accept(row);
        };

        ReadCounts status = InputCsv.readStatus(files.status(),
                (line, storeId, micros, active) -> builder.poll(storeId, micros, active), onRejected);
        long[] hoursDuplicates = {0};
        ReadCounts hours = InputCsv.readHours(files.hours(), (line, storeId, period) -> {
            if (!builder.addOpeningPeriod(storeId, period)) {
                hoursDuplicates[0]++;
            }
        }, onRejected);
        long[] zoneDuplicates = {0};
        ReadCounts zones = InputCsv.readTimeZones(files.timezones(), (line, storeId, zone) -> {
            if (!builder.addTimeZone(storeId, zone)) {
                zoneDuplicates[0]++;
            }
        }, onRejected);

        if (options.strict() && rejectedCount[0] > 0) {
            throw new RejectedRowsException(kept, rejectedCount[0], List.of(status, hours, zones));
        }
        StoreDataSet data = builder.build();
        List<FileSummary> summaries = List.of(
                FileSummary.of(status, data.duplicatePolls()),
                FileSummary.of(hours, hoursDuplicates[0]),
                FileSummary.of(zones, zoneDuplicates[0]));
        return new LoadedInput(data, summaries, kept, rejectedCount[0]);
    }
}
