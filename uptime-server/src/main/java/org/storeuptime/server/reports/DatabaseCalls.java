package org.storeuptime.server.reports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.storeuptime.core.Closure;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.core.PollSeries;
import org.storeuptime.core.StorePage;
import org.storeuptime.core.StoreProfile;
import org.storeuptime.core.StoreReader;
import org.storeuptime.core.UptimeException;

/**
 * Where the database-backed service calls the database (its repository, store reader and scheduler): what they
 * throw besides our own kinds and bad arguments (the driver's, the pool's, db-scheduler's exceptions) becomes a
 * {@link DatabaseException} here, transient or not by its SQLState, so that the HTTP layer answers it by type.
 */
final class DatabaseCalls {

    private DatabaseCalls() {
    }

    /** The result of {@code call}, a failure of which is a database failure of {@code action}. */
    static <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw e;
        } catch (UptimeException e) {
            if (e.getClass() != UptimeException.class) {
                // a kind already: a DatabaseException, bad stored data, an unknown store
                throw e;
            }
            throw DatabaseException.of(action, e);
        } catch (RuntimeException e) {
            throw DatabaseException.of(action, e);
        }
    }

    /** {@code stores}, each call of which turns a failure into a {@link DatabaseException}. */
    static StoreReader storeReader(StoreReader stores) {
        return new StoreReader() {
            @Override
            public Optional<StoreProfile> profile(String storeId) {
                return call("reading a store", () -> stores.profile(storeId));
            }

            @Override
            public PollSeries polls(String storeId, Instant from, Instant to) {
                return call("reading a store's polls", () -> stores.polls(storeId, from, to));
            }

            @Override
            public List<Closure> closures(String storeId) {
                return call("reading a store's planned closures", () -> stores.closures(storeId));
            }

            @Override
            public Optional<Instant> lastPoll(String storeId) {
                return call("reading a store's last poll", () -> stores.lastPoll(storeId));
            }

            @Override
            public Optional<Instant> latestPollTime() {
                return call("reading the latest poll", stores::latestPollTime);
            }

            @Override
            public StorePage list(String idContains, int limit, int offset, Instant pollsFrom, Instant pollsTo) {
                return call("listing the stores", () -> stores.list(idContains, limit, offset, pollsFrom, pollsTo));
            }
        };
    }
}
