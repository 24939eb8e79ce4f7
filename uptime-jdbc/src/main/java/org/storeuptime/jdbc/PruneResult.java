package org.storeuptime.jdbc;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a prune removed.
 *
 * @param latestPoll the latest poll of the schema, which the cut is measured from; null when there are no polls
 *     (then nothing was removed)
 * @param cutoff polls before this instant were removed; null when there are no polls
 * @param chunksDropped whole TimescaleDB chunks dropped (0 on plain PostgreSQL)
 * @param pollsInDroppedChunks polls that were in those chunks
 * @param pollsDeleted polls deleted row by row: on plain PostgreSQL all of them, on TimescaleDB those of the
 *     chunk holding the cutoff
 */
public record PruneResult(@Nullable Instant latestPoll, @Nullable Instant cutoff, int chunksDropped, long pollsInDroppedChunks,
        long pollsDeleted) {

    public PruneResult {
        if ((latestPoll == null) != (cutoff == null)) {
            throw new IllegalArgumentException("latestPoll and cutoff are both set or both null");
        }
        if (chunksDropped < 0 || pollsInDroppedChunks < 0 || pollsDeleted < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** All polls removed. */
    public long pollsRemoved() {
        return pollsInDroppedChunks + pollsDeleted;
    }

    /**
     * Like {@code removed 120000 polls older than 2024-09-14T23:55:18Z (latest poll 2024-10-14T23:55:18Z):
     * 3 whole chunks dropped (110000 polls), 10000 polls deleted}.
     */
    public String describe() {
        if (latestPoll == null) {
            return "no polls: nothing to remove";
        }
        String removed = "removed " + pollsRemoved() + " polls older than " + cutoff + " (latest poll " + latestPoll + ")";
        return chunksDropped == 0 ? removed : removed + ": " + chunksDropped + " whole chunks dropped ("
                + pollsInDroppedChunks + " polls), " + pollsDeleted + " polls deleted from the chunk holding the cut";
    }
}
