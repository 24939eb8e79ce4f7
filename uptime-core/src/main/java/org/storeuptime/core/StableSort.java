package org.storeuptime.core;

/**
 * A stable merge sort of timestamps with their statuses, so that of two polls at the same instant the one
 * read first stays first, without boxing.
 */
final class StableSort {

    private StableSort() {
    }

    static void sort(long[] keys, boolean[] values, int size) {
        boolean sorted = true;
        for (int i = 1; i < size && sorted; i++) {
            sorted = keys[i - 1] <= keys[i];
        }
        if (sorted) {
            return;
        }
        long[] keyBuffer = new long[size];
        boolean[] valueBuffer = new boolean[size];
        for (int width = 1; width < size; width *= 2) {
            for (int lo = 0; lo < size; lo += 2 * width) {
                int mid = Math.min(lo + width, size);
                int hi = Math.min(lo + 2 * width, size);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    if (keys[j] < keys[i]) {
                        keyBuffer[k] = keys[j];
                        valueBuffer[k++] = values[j++];
                    } else {
                        keyBuffer[k] = keys[i];
                        valueBuffer[k++] = values[i++];
                    }
                }
                while (i < mid) {
                    keyBuffer[k] = keys[i];
                    valueBuffer[k++] = values[i++];
                }
                while (j < hi) {
                    keyBuffer[k] = keys[j];
                    valueBuffer[k++] = values[j++];
                }
            }
            System.arraycopy(keyBuffer, 0, keys, 0, size);
            System.arraycopy(valueBuffer, 0, values, 0, size);
        }
    }
}
