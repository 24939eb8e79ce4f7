package org.storeuptime.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The rule of a store's <em>poll digest</em>: the few of its polls from which every report whose windows consider
 * ranges of at least {@link #BUCKET} is computed exactly, to the microsecond, as from all of them. The database
 * keeps each store's digest beside its polls ({@code store_poll_digest}), so that a report reads the status changes
 * of its range rather than every poll.
 *
 * <p>Of a store's <em>considered</em> polls (inside its business time and outside its planned closures, see
 * {@link #considered}), a poll is kept when it is the first or the last, when the poll before or after it has the
 * other status, or when the poll before or after it lies in another {@link #BUCKET} (fixed 7-day buckets of the
 * epoch). So in a run of polls of one status, only the ends of the run and of each bucket it crosses stay.
 *
 * <p>Why that is exact: the nearest-poll and carry-forward rules give each instant the status of a neighbouring
 * considered poll; inside a run of one status that is the run's status whichever poll of the run is nearest. What
 * a window may lose is a run's polls near its edges, where the window's considered range {@code [a, b]} cuts the
 * run. Every dropped poll lies between two kept polls of its own status and bucket, so the first kept poll at or
 * after {@code a} is less than 7 days after it, inside any range of 7 days or more, with the status of the first
 * considered poll; the same at {@code b}. docs/database.md has the whole argument.
 */
public final class PollDigest {

    /** The length of the digest's buckets, and the shortest considered range whose report it serves exactly. */
    public static final Duration BUCKET = Duration.ofDays(7);

    private static final long BUCKET_MICROS = BUCKET.toSeconds() * 1_000_000L;

    private PollDigest() {
    }

    /**
     * Whether a report whose every window considers a range of at least {@code shortestRange} may be computed from
     * the digest instead of all polls.
     */
    public static boolean serves(Duration shortestRange) {
        return shortestRange.compareTo(BUCKET) >= 0;
    }

    /**
     * Keeps the considered polls of {@code store} among the first {@code n} of {@code micros} and {@code active}
     * (in time order, no two at one instant), moving them to the front in order.
     *
     * @param closures the planned closures; those of other stores are left out
     * @return how many are considered
     */
    public static int considered(Store store, List<Closure> closures, long[] micros, boolean[] active, int n) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(closures, "closures");
        if (n == 0) {
            return 0;
        }
        long[] closed = ClosureIndex.micros(closures.stream().filter(c -> c.appliesTo(store.id())).toList(),
                store.zone());
        long[] business = Intervals.subtract(
                store.hours().utcIntervalsMicros(store.zone(), micros[0], micros[n - 1] + 1), closed);
        int kept = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            long t = micros[i];
            while (b < business.length && business[b + 1] <= t) {
                b += 2;
            }
            if (b < business.length && business[b] <= t) {
                micros[kept] = t;
                active[kept] = active[i];
                kept++;
            }
        }
        return kept;
    }

    /**
     * Which of the considered polls {@code from <= i < to} of a store belong to its digest, given the first
     * {@code n} considered polls in time order; the polls outside {@code [from, to)} are only the neighbours of
     * those decided (a poll with no neighbour on one side in the array has none at all there).
     */
    public static boolean[] keep(long[] micros, boolean[] active, int n, int from, int to) {
        Objects.checkFromToIndex(from, to, n);
        boolean[] kept = new boolean[to - from];
        for (int i = from; i < to; i++) {
            kept[i - from] = runEnd(active, n, i)
                    || bucket(micros[i - 1]) != bucket(micros[i]) || bucket(micros[i + 1]) != bucket(micros[i]);
        }
        return kept;
    }

    /**
     * Whether the kept poll {@code i} of the first {@code n} considered polls (in time order) ends a run of one
     * status: the first or the last, or one whose poll before or after has the other status. The other kept polls
     * end a bucket only; a report needs those only near its windows' edges ({@link #bucketEndRanges}).
     */
    public static boolean runEnd(boolean[] active, int n, int i) {
        Objects.checkIndex(i, n);
        return i == 0 || i == n - 1 || active[i - 1] != active[i] || active[i + 1] != active[i];
    }

    /**
     * Where a report reading {@code considered} needs the polls that end a bucket only (not a run): within 10 days
     * after each window's considered range starts and before it ends ({@link PollDigest#BUCKET} and three days for
     * the zones' offsets). Inside a run, its status holds between its ends whichever poll is nearest; only at a
     * range's edges must a poll of the run lie inside the range, and a bucket end does within 7 days. So a report
     * over a year reads its stores' status changes and a few polls at each edge.
     *
     * @return sorted, merged ranges, both ends included
     */
    public static List<TimeInterval> bucketEndRanges(ConsideredPolls considered) {
        Objects.requireNonNull(considered, "considered");
        Duration near = BUCKET.plusDays(3);
        List<TimeInterval> edges = new ArrayList<>();
        for (TimeInterval range : considered.windowRanges()) {
            Instant startEdge = range.start().plus(near);
            Instant endEdge = range.end().minus(near);
            if (!startEdge.isBefore(endEdge)) {
                edges.add(range);
            } else {
                edges.add(TimeInterval.of(range.start(), startEdge));
                edges.add(TimeInterval.of(endEdge, range.end()));
            }
        }
        edges.sort(Comparator.comparing(TimeInterval::start));
        List<TimeInterval> merged = new ArrayList<>();
        for (TimeInterval edge : edges) {
            TimeInterval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !edge.start().isAfter(last.end())) {
                merged.set(merged.size() - 1, TimeInterval.of(last.start(),
                        edge.end().isAfter(last.end()) ? edge.end() : last.end()));
            } else {
                merged.add(edge);
            }
        }
        return merged;
    }

    /** The 7-day bucket of the epoch that {@code micros} lies in. */
    static long bucket(long micros) {
        return Math.floorDiv(micros, BUCKET_MICROS);
    }
}
