package org.storeuptime.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The polls of one store in time order, kept as primitives so that sources can stream millions of polls
 * without an object per poll. Equal timestamps are allowed; the first one added wins in a report.
 *
 * <p>Read-only for whoever is given one: a source fills a {@link PollBuffer} (the one writable kind) and may reuse
 * it for every store it streams. Not thread-safe.
 */
public sealed class PollSeries permits PollBuffer {

    private long[] micros;
    private boolean[] active;
    /** Where the polls start in the arrays: non-zero only for a read-only view of another series. */
    private int offset;
    private int size;
    private boolean view;

    /** An empty series with room for {@code capacity} polls before it grows. */
    PollSeries(int capacity) {
        micros = new long[Math.max(1, capacity)];
        active = new boolean[micros.length];
    }

    /** A series holding {@code polls}, which are sorted by time first (stably, so equal times keep their order). */
    public static PollSeries of(Collection<Poll> polls) {
        List<Poll> sorted = new ArrayList<>(polls);
        sorted.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
        PollSeries series = new PollSeries(sorted.size());
        for (Poll poll : sorted) {
            series.addPoll(EpochMicros.of(poll.timestamp()), poll.status() == PollStatus.ACTIVE);
        }
        return series;
    }

    /** A series without polls. */
    public static PollSeries empty() {
        return new PollSeries(1);
    }

    /**
     * Appends a poll given in microseconds since the epoch.
     *
     * @throws IllegalArgumentException when it is earlier than the last poll added
     */
    final void addPoll(long epochMicros, boolean isActive) {
        checkWritable();
        if (size > 0 && epochMicros < micros[size - 1]) {
            throw new IllegalArgumentException("polls must be added in time order: " + EpochMicros.toInstant(epochMicros)
                    + " comes after " + EpochMicros.toInstant(micros[size - 1]));
        }
        append(epochMicros, isActive);
    }

    /** Appends a poll whatever its time; {@link #sortPolls()} must follow before the series is read. */
    final void addPollUnordered(long epochMicros, boolean isActive) {
        checkWritable();
        append(epochMicros, isActive);
    }

    /** Puts the polls in time order, stably: of polls at the same time, the one added first stays first. */
    final void sortPolls() {
        checkWritable();
        StableSort.sort(micros, active, size);
    }

    private void append(long epochMicros, boolean isActive) {
        if (size == micros.length) {
            int capacity = micros.length * 2;
            micros = Arrays.copyOf(micros, capacity);
            active = Arrays.copyOf(active, capacity);
        }
        micros[size] = epochMicros;
        active[size] = isActive;
        size++;
    }

    private void checkWritable() {
        if (view) {
            throw new IllegalStateException("this series is a read-only view");
        }
    }

    /** Removes every poll, keeping the capacity. */
    final void clearPolls() {
        checkWritable();
        size = 0;
    }

    /** Makes this series a read-only view of {@code source}'s polls {@code from} (inclusive) to {@code to}. */
    final void viewOf(PollSeries source, int from, int to) {
        if (from < 0 || to > source.size || from > to) {
            throw new IndexOutOfBoundsException("range " + from + ".." + to + " outside 0.." + source.size);
        }
        micros = source.micros;
        active = source.active;
        offset = source.offset + from;
        size = to - from;
        view = true;
    }

    /** A read-only view of the polls with {@code fromMicros <= t <= toMicros}. */
    PollSeries slice(long fromMicros, long toMicros) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (micros[offset + mid] < fromMicros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = lo;
        while (end < size && micros[offset + end] <= toMicros) {
            end++;
        }
        PollSeries view = new PollSeries(1);
        view.viewOf(this, lo, end);
        return view;
    }

    /** How many polls it holds. */
    public int size() {
        return size;
    }

    /** The time of poll {@code index} in microseconds since the epoch. */
    public long epochMicros(int index) {
        checkIndex(index);
        return micros[offset + index];
    }

    /** Whether poll {@code index} said active. */
    public boolean isActive(int index) {
        checkIndex(index);
        return active[offset + index];
    }

    /** Poll {@code index} as a value. */
    public Poll get(int index) {
        checkIndex(index);
        return Poll.of(EpochMicros.toInstant(micros[offset + index]),
                active[offset + index] ? PollStatus.ACTIVE : PollStatus.INACTIVE);
    }

    /** The polls as values. */
    public List<Poll> toList() {
        List<Poll> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(get(i));
        }
        return list;
    }

    // Direct access for the engine's inner loop: polls are at [rawOffset(), rawOffset() + size()).
    int rawOffset() {
        return offset;
    }

    long[] rawMicros() {
        return micros;
    }

    boolean[] rawActive() {
        return active;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " outside 0.." + (size - 1));
        }
    }
}
