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

    private static boolean sortedByStart(long[] pairs, int count) {
        for (int i = 1; i < count; i++) {
            if (pairs[2 * i] < pairs[2 * i - 2]) {
                return false;
            }
        }
        return true;
    }
}
