package org.storeuptime.core.csv;

/**
 * Told how far the reading of input files has got, so that a long read can show progress. Called from the
 * reading thread; keep it cheap.
 */
@FunctionalInterface
public interface ReadProgress {

    /** How often, in rows, the readers of this library report: every this many rows and at each file's end. */
    long EVERY = 100_000;

    /** Ignores progress. */
    ReadProgress NONE = (file, rowsRead) -> { };

    /**
     * {@code rowsRead} data rows (accepted or rejected) of {@code file} (its name, without folder) are read so
     * far; called every {@value #EVERY} rows and once at the end of the file.
     */
    void rowsRead(String file, long rowsRead);
}
