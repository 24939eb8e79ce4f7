package org.storeuptime.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link UptimeDatabase#checkPollDigests()} found: the stored poll digests (the rollups reports read)
 * compared with the rule applied to every store's raw polls.
 *
 * @param stores the stores checked
 * @param keptPolls the polls the digests hold
 * @param polls the polls the database holds
 * @param differences where they differ, in store and time order; empty when the digests are exact
 */
public record PollDigestCheck(int stores, long keptPolls, long polls, List<Difference> differences) {

    public PollDigestCheck {
        if (stores < 0 || keptPolls < 0 || polls < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        differences = List.copyOf(differences);
    }

    /** Whether the digests are exactly what the rule gives. */
    public boolean consistent() {
        return differences.isEmpty();
    }

    /**
     * One poll where a store's digest and the rule differ.
     *
     * @param storeId the store
     * @param timestamp the poll's instant
     * @param what how: "missing from the digest", "kept, but the rule drops it" or "kept with the other status"
     */
    public record Difference(String storeId, Instant timestamp, String what) {
        public Difference {
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(what, "what");
        }
    }
}
