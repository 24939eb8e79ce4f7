package org.storeuptime.jdbc;

import org.storeuptime.core.csv.ReadProgress;

/**
 * Told how far an import has got; called from the importing thread, keep it cheap. Each file is read and sent
 * to the database ({@code COPY}) in one pass, reported by {@link #rowsRead}; then the staged rows are merged
 * into the tables ({@link #merging}).
 */
@FunctionalInterface
public interface ImportProgress extends ReadProgress {

    /** Ignores progress. */
    ImportProgress NONE = (file, rowsRead) -> { };

    /**
     * {@code rowsRead} data rows of {@code file} are read and sent to the database so far (called every
     * {@value ReadProgress#EVERY} rows and at its end).
     */
    @Override
    void rowsRead(String file, long rowsRead);

    /**
     * Every file is read; the staged rows are now merged into the tables (one statement per table, which may
     * take seconds for millions of polls). Does nothing unless overridden.
     */
    default void merging() {
    }
}
