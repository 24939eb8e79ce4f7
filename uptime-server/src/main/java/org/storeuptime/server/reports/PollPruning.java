package org.storeuptime.server.reports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.slf4j.Logger;
import org.storeuptime.core.DatabaseException;
import org.slf4j.LoggerFactory;
import org.storeuptime.jdbc.PruneResult;
import org.storeuptime.jdbc.UptimeDatabase;

/**
 * One run of the {@link PollRetention}: what db-scheduler's daily task does. A failure is logged and swallowed: the
 * server keeps serving, and the next day's run removes what this one did not (a prune only ever removes polls older
 * than its cut, so an interrupted one is finished by the next).
 */
final class PollPruning {

    private static final Logger LOG = LoggerFactory.getLogger(PollPruning.class);

    /** How often the polls are pruned: the task runs when a server first starts on the database, then daily. */
    static final Duration INTERVAL = Duration.ofDays(1);

    private final UptimeDatabase database;
    private final PollRetention retention;
    private final Clock clock;
    /** {@link StoreUptimeMetrics#POLLS_PRUNED}; null without a registry. */
    private final Counter pruned;

    PollPruning(UptimeDatabase database, PollRetention retention, Clock clock, MeterRegistry registry) {
        this.database = Objects.requireNonNull(database, "database");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pruned = registry == null ? null : Counter.builder(StoreUptimeMetrics.POLLS_PRUNED)
                .description("Polls this process removed from the database, keeping the poll retention")
                .register(registry);
    }

    /** Prunes once; the result, or null when the prune failed (logged at WARN). */
    PruneResult run() {
        Instant started = clock.instant();
        try {
            PruneResult result = database.prune(retention.keep(), retention.longestLookback(), false);
            if (pruned != null) {
                pruned.increment(result.pollsRemoved());
            }
            LOG.info("pruned polls (keep {}): {}; took {}", retention.keep(), result.describe(),
                    Duration.between(started, clock.instant()).truncatedTo(ChronoUnit.MILLIS));
            return result;
        } catch (RuntimeException e) {
            LOG.warn("pruning polls (keep {}) failed, trying again in {}: {}", retention.keep(), INTERVAL,
                    DatabaseException.of("pruning polls", e).detail(), e);
            return null;
        }
    }
}
