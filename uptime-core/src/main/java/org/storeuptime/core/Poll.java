package org.storeuptime.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One status poll of one store.
 *
 * @param timestamp when the store was polled
 * @param status what the poll said
 */
public record Poll(Instant timestamp, PollStatus status) {

    public Poll {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(status, "status");
    }

    /** A poll at {@code timestamp} with {@code status}. */
    public static Poll of(Instant timestamp, PollStatus status) {
        return new Poll(timestamp, status);
    }

    /** An {@code active} poll. */
    public static Poll active(Instant timestamp) {
        return new Poll(timestamp, PollStatus.ACTIVE);
    }

    /** An {@code inactive} poll. */
    public static Poll inactive(Instant timestamp) {
        return new Poll(timestamp, PollStatus.INACTIVE);
    }
}
