package org.storeuptime.core;

/**
 * A stable merge sort of timestamps with their statuses, so that of two polls at the same instant the one
 * read first stays first, without boxing.
 */
final class StableSort {

    private StableSort() {
    }

    /**
     * Sorts the first {@code size} keys with their values. A natural merge sort: the runs already in order are
     * found first and merged pairwise, so polls that come as a few ordered parts (a digest's run ends and bucket
     * ends) cost a pass per doubling of parts, not one per doubling of polls.
     */
    static void sort(long[] keys, boolean[] values, int size) {
        // the starts of the maximal non-decreasing runs, and size at the end
        int[] runs = null;
        int count = 0;
        for (int i = 1; i < size; i++) {
            if (keys[i] < keys[i - 1]) {
                if (runs == null) {
                    runs = new int[8];
                    runs[count++] = 0;
                } else if (count + 2 > runs.length) {
                    runs = java.util.Arrays.copyOf(runs, runs.length * 2);
                }
                runs[count++] = i;
            }
        }
        if (runs == null) {
            return;
        }
        runs[count] = size;
        long[] keyBuffer = new long[size];
        boolean[] valueBuffer = new boolean[size];
        long[] fromKeys = keys;
        boolean[] fromValues = values;
        long[] toKeys = keyBuffer;
        boolean[] toValues = valueBuffer;
        while (count > 1) {
            int merged = 0;
            for (int r = 0; r < count; r += 2) {
                int lo = runs[r];
                int mid = runs[Math.min(r + 1, count)];
                int hi = runs[Math.min(r + 2, count)];
                merge(fromKeys, fromValues, toKeys, toValues, lo, mid, hi);
                runs[merged++] = lo;
            }
            runs[merged] = size;
            count = merged;
            long[] k = fromKeys;
            fromKeys = toKeys;
            toKeys = k;
            boolean[] v = fromValues;
            fromValues = toValues;
            toValues = v;
        }
        if (fromKeys != keys) {
            System.arraycopy(fromKeys, 0, keys, 0, size);
            System.arraycopy(fromValues, 0, values, 0, size);
        }
    }

    /** Merges the sorted {@code [lo, mid)} and {@code [mid, hi)} of {@code from} into {@code to}; ties keep the left. */
    private static void merge(long[] fromKeys, boolean[] fromValues, long[] toKeys, boolean[] toValues, int lo,
            int mid, int hi) {
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            if (fromKeys[j] < fromKeys[i]) {
                toKeys[k] = fromKeys[j];
                toValues[k++] = fromValues[j++];
            } else {
                toKeys[k] = fromKeys[i];
                toValues[k++] = fromValues[i++];
            }
        }
        System.arraycopy(fromKeys, i, toKeys, k, mid - i);
        System.arraycopy(fromValues, i, toValues, k, mid - i);
        k += mid - i;
        System.arraycopy(fromKeys, j, toKeys, k, hi - j);
        System.arraycopy(fromValues, j, toValues, k, hi - j);
    }
}
