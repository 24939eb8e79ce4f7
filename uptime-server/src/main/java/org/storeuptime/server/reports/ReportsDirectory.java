package org.storeuptime.server.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storeuptime.core.csv.ReportCsv;

/**
 * A folder that receives a copy of every report this process completes, as {@code store_report_<id>.csv}. Each file
 * appears whole or not at all: it is written under a temporary name and moved into place.
 */
final class ReportsDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ReportsDirectory.class);

    private final Path directory;

    ReportsDirectory(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create reports directory " + directory + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(directory)) {
            throw new IllegalArgumentException("reports directory " + directory + " is not writable");
        }
    }

    /** The file name of report {@code id}'s CSV, also used in HTTP downloads. */
    static String fileName(UUID id) {
        return "store_report_" + id + ".csv";
    }

    /** Writes the CSV of a complete report; a failure is logged, since the report itself is already stored. */
    void write(UUID id, byte[] csv) {
        Path target = directory.resolve(fileName(id));
        try {
            ReportCsv.writeFile(csv, target);
        } catch (IOException e) {
            LOG.error("could not write {}: {}", target, e.getMessage(), e);
        }
    }

    Path path() {
        return directory;
    }
}
