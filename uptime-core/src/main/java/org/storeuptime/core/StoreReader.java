package org.storeuptime.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port for reading one store at a time and for browsing stores: what {@link StoreTimeline}s, {@code uptime
 * store} and the {@code /stores} routes read. Implemented by {@link StoreDataSet} (memory) and by the database
 * adapter ({@code UptimeDatabase.storeReader()}); both pass the same contract test.
 *
 * <p>A store is known when it appears in any input (polls, business hours or time zones), as in a report.
 */
public interface StoreReader {

    /** The store's zone and hours (defaults filled in), or empty when no input names it. */
    Optional<StoreProfile> profile(String storeId);

    /**
     * The store's polls with {@code from <= t <= to}, in time order; of equal timestamps the one read first
     * comes first. Empty for an unknown store.
     */
    PollSeries polls(String storeId, Instant from, Instant to);

    /**
     * The planned closures that apply to the store: its own and those of {@link Closure#ALL_STORES}; none by
     * default.
     */
    default List<Closure> closures(String storeId) {
        return List.of();
    }

    /**
     * The store's latest poll timestamp of all ("last seen"), empty for a store without polls or an unknown one.
     * Its cost does not grow with the store's history.
     */
    Optional<Instant> lastPoll(String storeId);

    /** The latest poll timestamp of any store (the default {@code now}); empty without polls. */
    Optional<Instant> latestPollTime();

    /**
     * One page of stores in plain string order of their ids, with each store's number of polls with
     * {@code pollsFrom <= t <= pollsTo} and its {@link #lastPoll last poll}.
     *
     * @param idContains keeps the stores whose id contains this text, ignoring case; blank for all
     * @param limit at most this many stores (at least 1)
     * @param offset skips this many matching stores first (at least 0)
     */
    StorePage list(String idContains, int limit, int offset, Instant pollsFrom, Instant pollsTo);
}
