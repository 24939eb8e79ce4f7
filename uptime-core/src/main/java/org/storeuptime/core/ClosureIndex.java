package org.storeuptime.core;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A report's planned closures by store, each store's turned into merged epoch-microsecond intervals in its zone
 * when the store is computed. Fleet-wide closures are converted once per zone.
 */
final class ClosureIndex {

    static final ClosureIndex NONE = new ClosureIndex(List.of());
    private static final long[] EMPTY = new long[0];

    private final List<Closure> everyStore = new ArrayList<>();
    private final Map<String, List<Closure>> byStore = new HashMap<>();
    private final Map<ZoneId, long[]> everyStoreByZone = new HashMap<>();

    private ClosureIndex(List<Closure> closures) {
        for (Closure c : closures) {
            if (c.storeId().equals(Closure.ALL_STORES)) {
                everyStore.add(c);
            } else {
                byStore.computeIfAbsent(c.storeId(), k -> new ArrayList<>()).add(c);
            }
        }
    }

    static ClosureIndex of(List<Closure> closures) {
        return closures.isEmpty() ? NONE : new ClosureIndex(closures);
    }

    /** The closed time of {@code store}: sorted, merged {@code start, end} pairs; empty without closures. */
    long[] closed(Store store) {
        List<Closure> own = byStore.get(store.id());
        if (everyStore.isEmpty() && own == null) {
            return EMPTY;
        }
        if (own == null) {
            return everyStoreByZone.computeIfAbsent(store.zone(), zone -> micros(everyStore, zone));
        }
        List<Closure> all = new ArrayList<>(everyStore);
        all.addAll(own);
        return micros(all, store.zone());
    }

    /** The closed time of {@code closures} in {@code zone}, merged. */
    static long[] micros(List<Closure> closures, ZoneId zone) {
        long[] pairs = new long[2 * closures.size()];
        int n = 0;
        for (Closure c : closures) {
            var interval = c.interval(zone);
            if (interval.isPresent()) {
                pairs[n++] = EpochMicros.of(interval.get().start());
                pairs[n++] = EpochMicros.of(interval.get().end());
            }
        }
        return n == 0 ? EMPTY : Intervals.sortAndMerge(Arrays.copyOf(pairs, n), n);
    }
}
