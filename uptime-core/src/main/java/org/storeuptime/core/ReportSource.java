package org.storeuptime.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a report's data comes from: the in-memory {@link StoreDataSet}, the database adapter, or a caller's
 * own implementation. A source streams one store at a time, so a report never needs all polls in memory.
 */
public interface ReportSource {

    /** The latest poll timestamp of any store, the default {@code now} of a report; empty without polls. */
    Optional<Instant> latestPollTime();

    /**
     * How many stores {@link #forEachStore} visits, for progress; not asked by a report that shows none
     * ({@link ProgressListener#NONE}).
     */
    int storeCount();

    /**
     * Calls {@code consumer} once for every store of the report (every store that appears in any input), with
     * its polls whose timestamp {@code t} satisfies {@code from <= t <= to}, in time order; among equal
     * timestamps the one read first comes first. Stores may come in any order. The series passed may be reused
     * once the call returns.
     */
    void forEachStore(Instant from, Instant to, StoreConsumer consumer);

    /**
     * As {@link #forEachStore(Instant, Instant, StoreConsumer)} for {@code considered.from()} to
     * {@code considered.to()}, told what the report's windows consider. When {@link PollDigest#serves} the shortest
     * of their ranges, the source may pass each store's {@link PollDigest} instead of all its polls (its run ends, and
     * its bucket ends inside {@link PollDigest#bucketEndRanges}): the report's figures are the same. By default all polls.
     */
    default void forEachStore(ConsideredPolls considered, StoreConsumer consumer) {
        forEachStore(considered.from(), considered.to(), consumer);
    }

    /**
     * Every planned closure of the source (of single stores and of {@link Closure#ALL_STORES}), asked once per
     * report before {@link #forEachStore}; none by default. Closures of stores the source does not have are
     * ignored: closures do not create stores.
     */
    default List<Closure> closures() {
        return List.of();
    }

    /** Receives one store and its polls. */
    @FunctionalInterface
    interface StoreConsumer {
        /** Handles {@code store}; {@code polls} is only valid during the call. */
        void accept(Store store, PollSeries polls);
    }
}
