package org.storeuptime.core;

/** Told how far a report has got. Called from the thread computing the report; keep it cheap. */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores progress. */
    ProgressListener NONE = (done, total) -> { };

    /** {@code storesDone} of {@code storesTotal} stores are computed. */
    void progress(int storesDone, int storesTotal);
}
