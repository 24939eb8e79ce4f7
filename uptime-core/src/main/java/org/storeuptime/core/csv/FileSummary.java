package org.storeuptime.core.csv;

import java.util.Objects;

/**
 * The account of one input file after loading: every row read is either loaded, a duplicate, or rejected.
 *
 * @param file the file's name
 * @param read data rows read
 * @param loaded rows that went into the data
 * @param duplicate rows that repeated an earlier row (same poll instant, same hours row, second zone)
 * @param rejected rows that could not be read
 */
public record FileSummary(String file, long read, long loaded, long duplicate, long rejected) {

    public FileSummary {
        Objects.requireNonNull(file, "file");
        if (loaded < 0 || duplicate < 0 || rejected < 0 || loaded + duplicate + rejected != read) {
            throw new IllegalArgumentException("counts of " + file + " must add up: read " + read + " != loaded "
                    + loaded + " + duplicate " + duplicate + " + rejected " + rejected);
        }
    }

    /** The summary of a file read with {@code counts}, of whose accepted rows {@code duplicate} repeated others. */
    public static FileSummary of(ReadCounts counts, long duplicate) {
        return new FileSummary(counts.file(), counts.read(), counts.accepted() - duplicate, duplicate,
                counts.rejected());
    }

    /** Like {@code store_status.csv: 1850000 rows read, 1849500 loaded, 300 duplicate, 200 rejected}. */
    public String message() {
        return file + ": " + read + " rows read, " + loaded + " loaded, " + duplicate + " duplicate, " + rejected
                + " rejected";
    }
}
