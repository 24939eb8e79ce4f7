package org.storeuptime.core.csv;

import java.util.Objects;

/**
 * What reading one input file gave: its data rows read and how many of them were rejected.
 *
 * @param file the file's name
 * @param read data rows read (the header and blank lines not counted)
 * @param rejected rows that could not be read and were not passed on
 */
public record ReadCounts(String file, long read, long rejected) {

    public ReadCounts {
        Objects.requireNonNull(file, "file");
        if (read < 0 || rejected < 0 || rejected > read) {
            throw new IllegalArgumentException("counts must satisfy 0 <= rejected <= read: read " + read
                    + ", rejected " + rejected);
        }
    }

    /** Rows passed on to the handler. */
    public long accepted() {
        return read - rejected;
    }
}
