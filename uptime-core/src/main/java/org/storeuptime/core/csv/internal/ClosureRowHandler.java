package org.storeuptime.core.csv.internal;

import org.storeuptime.core.Closure;

/** Receives a valid planned-closure row, in file order. */
@FunctionalInterface
public interface ClosureRowHandler {

    /**
     * One row.
     *
     * @param line the 1-based line number of the row in its file
     * @param closure the closure, its store id surrounding blanks removed ({@code *} for every store)
     */
    void accept(long line, Closure closure);
}
