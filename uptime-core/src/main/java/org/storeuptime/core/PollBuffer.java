package org.storeuptime.core;

import java.time.Instant;

/**
 * The writable {@link PollSeries}: what a {@link ReportSource} or {@link StoreReader} fills with a store's polls
 * before passing it on as a series, which its receiver can only read. A source may clear and reuse one buffer for
 * every store it streams. Not thread-safe.
 */
public final class PollBuffer extends PollSeries {

    /** An empty buffer. */
    public PollBuffer() {
        this(64);
    }

    /** An empty buffer with room for {@code capacity} polls before it grows. */
    public PollBuffer(int capacity) {
        super(capacity);
    }

    /**
     * Appends a poll given in microseconds since the epoch.
     *
     * @throws IllegalArgumentException when it is earlier than the last poll added
     */
    public PollBuffer add(long epochMicros, boolean isActive) {
        addPoll(epochMicros, isActive);
        return this;
    }

    /** Appends a poll; see {@link #add(long, boolean)}. */
    public PollBuffer add(Instant timestamp, PollStatus status) {
        return add(EpochMicros.of(timestamp), status == PollStatus.ACTIVE);
    }

    /**
     * Appends a poll whatever its time, for a source whose rows may come out of time order; {@link #sortByTime()}
     * must follow before the polls are read.
     */
    public PollBuffer addUnordered(long epochMicros, boolean isActive) {
        addPollUnordered(epochMicros, isActive);
        return this;
    }

    /**
     * Puts the polls in time order, stably: of polls at the same time, the one added first stays first. One pass
     * and nothing else when they are in order already.
     */
    public PollBuffer sortByTime() {
        sortPolls();
        return this;
    }

    /** Removes every poll, keeping the capacity. */
    public void clear() {
        clearPolls();
    }
}
