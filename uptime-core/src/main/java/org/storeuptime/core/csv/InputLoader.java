package org.storeuptime.core.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.csv.internal.InputCsv;

/**
 * Loads the input files (and the planned closures, when given) into an in-memory {@link StoreDataSet}.
 *
 * <p>Duplicates: of polls of one store at the same instant the first read wins; a business-hours row equal
 * to an earlier one of the same store adds nothing; of several zones of one store the first wins. Each is
 * counted as a duplicate in the file's {@link FileSummary}; so is a closure with the same store and bounds as an
 * earlier one (the first one's reason stays). Closures do not create stores.
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
        return load(files, options, ReadProgress.NONE);
    }

    /**
     * Loads {@code files}, telling {@code progress} of the rows read every {@value ReadProgress#EVERY} rows and
     * at the end of each file.
     *
     * @throws InputFileException when a file as a whole cannot be read
     * @throws RejectedRowsException in strict mode when any row was rejected
     */
    public static LoadedInput load(InputFiles files, LoadOptions options, ReadProgress progress) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
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

        RowCounter statusRows = new RowCounter(InputCsv.name(files.status()), progress);
        ReadCounts status = InputCsv.readStatus(files.status(), (line, storeId, micros, active) -> {
            builder.poll(storeId, micros, active);
            statusRows.row();
        }, statusRows.and(onRejected));
        statusRows.end(status);
        long[] hoursDuplicates = {0};
        RowCounter hoursRows = new RowCounter(InputCsv.name(files.hours()), progress);
        ReadCounts hours = InputCsv.readHours(files.hours(), (line, storeId, period) -> {
            if (!builder.addOpeningPeriod(storeId, period)) {
                hoursDuplicates[0]++;
            }
            hoursRows.row();
        }, hoursRows.and(onRejected));
        hoursRows.end(hours);
        long[] zoneDuplicates = {0};
        RowCounter zoneRows = new RowCounter(InputCsv.name(files.timezones()), progress);
        ReadCounts zones = InputCsv.readTimeZones(files.timezones(), (line, storeId, zone) -> {
            if (!builder.addTimeZone(storeId, zone)) {
                zoneDuplicates[0]++;
            }
            zoneRows.row();
        }, zoneRows.and(onRejected));
        zoneRows.end(zones);
        long[] closureDuplicates = {0};
        ReadCounts closures = null;
        if (files.closures().isPresent()) {
            Path file = files.closures().get();
            RowCounter closureRows = new RowCounter(InputCsv.name(file), progress);
            closures = InputCsv.readClosures(file, (line, closure) -> {
                if (!builder.addClosure(closure)) {
                    closureDuplicates[0]++;
                }
                closureRows.row();
            }, closureRows.and(onRejected));
            closureRows.end(closures);
        }

        List<ReadCounts> counts = new ArrayList<>(List.of(status, hours, zones));
        if (closures != null) {
            counts.add(closures);
        }
        if (options.strict() && rejectedCount[0] > 0) {
            throw new RejectedRowsException(kept, rejectedCount[0], counts);
        }
        StoreDataSet data = builder.build();
        List<FileSummary> summaries = new ArrayList<>(List.of(
                FileSummary.of(status, data.duplicatePolls()),
                FileSummary.of(hours, hoursDuplicates[0]),
                FileSummary.of(zones, zoneDuplicates[0])));
        if (closures != null) {
            summaries.add(FileSummary.of(closures, closureDuplicates[0]));
        }
        return new LoadedInput(data, summaries, kept, rejectedCount[0]);
    }

    /** Counts the rows read of one file, accepted or rejected, and tells the progress listener now and then. */
    private static final class RowCounter {
        private final String file;
        private final ReadProgress progress;
        private long rows;

        RowCounter(String file, ReadProgress progress) {
            this.file = file;
            this.progress = progress;
        }

        void row() {
            if (++rows % ReadProgress.EVERY == 0) {
                progress.rowsRead(file, rows);
            }
        }

        Consumer<RejectedRow> and(Consumer<RejectedRow> rejected) {
            return rejectedRow -> {
                rejected.accept(rejectedRow);
                row();
            };
        }

        void end(ReadCounts counts) {
            progress.rowsRead(file, counts.read());
        }
    }
}
