package org.storeuptime.jdbc;

import java.util.Arrays;
import java.util.Comparator;
import org.storeuptime.core.PollSeries;

/**
 * One store's polls as they arrive from the database, handed on to a {@link PollSeries} in time order.
 *
 * <p>The plain-PostgreSQL poll query orders by store only: its plan (primary key probes in a nested loop) returns
 * each store's polls in time order already, and asking for that order in SQL made the planner sort every store's
 * polls again (an Incremental Sort, a third of the query's time). Should another plan ever return them out of
 * order, they are sorted here rather than giving a wrong report; {@code ReportPlanTest} keeps the plan that needs
 * no sort.
 */
final class StorePolls {

    private long[] micros = new long[256];
    private boolean[] active = new boolean[256];
    private int size;
    private boolean ordered = true;

    /** Forgets the polls of the previous store. */
    void clear() {
        size = 0;
        ordered = true;
    }

    /** Adds a poll, in any order. */
    void add(long epochMicros, boolean isActive) {
        if (size > 0 && epochMicros < micros[size - 1]) {
            ordered = false;
        }
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
            active = Arrays.copyOf(active, size * 2);
        }
        micros[size] = epochMicros;
        active[size] = isActive;
        size++;
    }

    /** How many polls it holds. */
    int size() {
        return size;
    }

    /** Whether the polls arrived in time order. */
    boolean arrivedInOrder() {
        return ordered;
    }

    /** Replaces {@code series}' polls with these, in time order (stable: equal times keep their arrival order). */
    void copyTo(PollSeries series) {
        series.clear();
        if (ordered) {
            for (int i = 0; i < size; i++) {
                series.add(micros[i], active[i]);
            }
            return;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> micros[i]));
        for (int i : order) {
            series.add(micros[i], active[i]);
        }
    }
}
