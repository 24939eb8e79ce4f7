package org.storeuptime.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One poll of one store, as ingestion receives it: the store, when it was polled and what it said. A poll is
 * identified by {@code (storeId, timestamp)}.
 *
 * @param storeId the store, surrounding blanks removed, never empty
 * @param timestamp when it was polled
 * @param status what the poll said
 */
public record StorePoll(String storeId, Instant timestamp, PollStatus status) {

    public StorePoll {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(status, "status");
        if (storeId.isBlank()) {
            throw new IllegalArgumentException("store id must not be empty");
        }
    }

    /** The poll of {@code storeId} at {@code timestamp} saying {@code status}. */
    public static StorePoll of(String storeId, Instant timestamp, PollStatus status) {
        return new StorePoll(storeId, timestamp, status);
    }
}
