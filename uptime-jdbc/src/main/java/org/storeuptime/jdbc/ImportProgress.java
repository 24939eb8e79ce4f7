package org.storeuptime.jdbc;

/** Told how far an import has got; called from the importing thread, keep it cheap. */
@FunctionalInterface
public interface ImportProgress {

    /** Ignores progress. */
    ImportProgress NONE = (file, rowsRead) -> { };

    /** {@code rowsRead} data rows of {@code file} are read so far (called every 100,000 rows and at its end). */
    void rowsRead(String file, long rowsRead);
}
