package org.storeuptime.core;

import java.util.Arrays;

/** Sorting and merging of half-open intervals stored as {@code start, end} pairs in a {@code long[]}. */
final class Intervals {

    private Intervals() {
    }

    /** Sorts the first {@code n / 2} pairs by start and merges overlapping or abutting ones. */
    static long[] sortAndMerge(long[] pairs, int n) {
        int count = n / 2;
        if (count == 0) {
            return new long[0];
        }
        if (!sortedByStart(pairs, count)) {
            // few intervals per store: a simple insertion sort on pairs beats boxing
            for (int i = 1; i < count; i++) {
                long s = pairs[2 * i];
                long e = pairs[2 * i + 1];
                int j = i - 1;
                while (j >= 0 && pairs[2 * j] > s) {
                    pairs[2 * j + 2] = pairs[2 * j];
                    pairs[2 * j + 3] = pairs[2 * j + 1];
                    j--;
                }
                pairs[2 * j + 2] = s;
                pairs[2 * j + 3] = e;
            }
        }
        int out = 0;
        for (int i = 0; i < count; i++) {
            long s = pairs[2 * i];
            long e = pairs[2 * i + 1];
            if (out > 0 && s <= pairs[out - 1]) {
                pairs[out - 1] = Math.max(pairs[out - 1], e);
            } else {
                pairs[out++] = s;
                pairs[out++] = e;
            }
        }
        return Arrays.copyOf(pairs, out);
    }

    /**
     * The instants of {@code from} that are not in {@code removed}; both sorted and merged, and so is the result.
     */
    static long[] subtract(long[] from, long[] removed) {
        if (removed.length == 0 || from.length == 0) {
            return from;
        }
        long[] out = new long[from.length + removed.length];
        int n = 0;
        int r = 0;
        for (int i = 0; i < from.length; i += 2) {
            long start = from[i];
            long end = from[i + 1];
            while (r < removed.length && removed[r + 1] <= start) {
                r += 2;
            }
            int k = r;
            while (start < end && k < removed.length && removed[k] < end) {
                if (removed[k] > start) {
                    if (n + 2 > out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[n++] = start;
                    out[n++] = removed[k];
                }
                start = Math.max(start, removed[k + 1]);
                k += 2;
            }
            if (start < end) {
                if (n + 2 > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = start;
                out[n++] = end;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Whether {@code t} lies in one of the sorted, merged intervals {@code pairs}. */
    static boolean contains(long[] pairs, long t) {
        int lo = 0;
        int hi = pairs.length / 2;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (pairs[2 * mid + 1] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < pairs.length / 2 && pairs[2 * lo] <= t;
    }

    private static boolean sortedByStart(long[] pairs, int count) {
        for (int i = 1; i < count; i++) {
            if (pairs[2 * i] < pairs[2 * i - 2]) {
                return false;
            }
        }
        return true;
    }
}
