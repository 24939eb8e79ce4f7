package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.storeuptime.core.StorePoll;

/**
 * Stores polls as they arrive (live ingestion): one batch in one transaction, durable when {@link #write} returns.
 * A poll is identified by its store and instant; the first one stored wins, so a batch may be sent again safely.
 * Stores that are new are created. Reached through {@link UptimeDatabase#polls()}.
 *
 * <p>The database ends up as an import of the same polls would leave it: the polls, the stores and
 * {@code store_poll_summary}, all in the batch's transaction, and each store's extent of new polls for its poll
 * digest, which the next report folds in (reports stay exact meanwhile: they read such stores' raw polls). Batches take the import's lock in shared mode: they
 * run beside each other, and one at a time with imports and prunes. Rows are written in (store, instant) order, so
 * that concurrent batches lock the keys they share in the same order and cannot deadlock.
 */
public final class PollWriter {

    private static final Comparator<StorePoll> KEY_ORDER = Comparator.comparing(StorePoll::storeId)
            .thenComparing(StorePoll::timestamp);

    private final SchemaContext context;

    PollWriter(SchemaContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Stores {@code polls} in one transaction, committed (synchronously) before it returns.
     *
     * @throws org.storeuptime.core.DatabaseException when it could not; then nothing of the batch is stored
     */
    public WriteResult write(Collection<StorePoll> polls) {
        Objects.requireNonNull(polls, "polls");
        if (polls.isEmpty()) {
            return new WriteResult(0, 0);
        }
        List<StorePoll> batch = distinctSorted(polls);
        int stored = LiveWrite.inTransaction(context, "storing polls", connection -> store(connection, batch));
        return new WriteResult(stored, polls.size() - stored);
    }

    /**
     * The polls in (store, instant) order, each key once (the first given wins), instants at the microsecond
     * PostgreSQL keeps (truncated, as the import reads them).
     */
    private static List<StorePoll> distinctSorted(Collection<StorePoll> polls) {
        Map<PollKey, StorePoll> first = new LinkedHashMap<>();
        for (StorePoll poll : polls) {
            Objects.requireNonNull(poll, "poll");
            StorePoll exact = poll.timestamp().getNano() % 1000 == 0 ? poll
                    : StorePoll.of(poll.storeId(), poll.timestamp().truncatedTo(ChronoUnit.MICROS), poll.status());
            first.putIfAbsent(new PollKey(exact.storeId(), exact.timestamp()), exact);
        }
        List<StorePoll> sorted = new ArrayList<>(first.values());
        sorted.sort(KEY_ORDER);
        return sorted;
    }

    private record PollKey(String storeId, Instant timestamp) {
    }

    private int store(Connection connection, List<StorePoll> batch) throws SQLException {
        int size = batch.size();
        String[] storeIds = new String[size];
        String[] instants = new String[size];
        String[] statuses = new String[size];
        TreeMap<String, Instant> latest = new TreeMap<>();
        Map<String, PollDigestTable.Extent> extents = new HashMap<>();
        for (int i = 0; i < size; i++) {
            StorePoll poll = batch.get(i);
            storeIds[i] = poll.storeId();
            instants[i] = poll.timestamp().toString();
            statuses[i] = poll.status().csvValue();
            latest.merge(poll.storeId(), poll.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
            extents.merge(poll.storeId(), PollDigestTable.Extent.of(poll.timestamp(), poll.timestamp()),
                    PollDigestTable.Extent::union);
        }
        String schema = context.quotedSchema();
        String[] stores = latest.keySet().toArray(String[]::new);
        LiveWrite.createStores(connection, context, stores);
        int stored;
        // Plain SQL binding arrays: the whole batch in one statement, one round trip however many polls.
        try (PreparedStatement statement = connection.prepareStatement("insert into " + schema
                + ".store_status (store_id, timestamp_utc, status)"
                + " select * from unnest(?::varchar[], ?::timestamptz[], ?::varchar[]) on conflict do nothing")) {
            statement.setArray(1, connection.createArrayOf("varchar", storeIds));
            statement.setArray(2, connection.createArrayOf("varchar", instants));
            statement.setArray(3, connection.createArrayOf("varchar", statuses));
            stored = statement.executeUpdate();
        }
        // As the import does: each store's latest poll of the batch, where later than the one recorded.
        try (PreparedStatement statement = connection.prepareStatement("insert into " + schema
                + ".store_poll_summary (store_id, latest_poll)"
                + " select * from unnest(?::varchar[], ?::timestamptz[])"
                + " on conflict (store_id) do update set latest_poll = excluded.latest_poll"
                + " where store_poll_summary.latest_poll < excluded.latest_poll")) {
            statement.setArray(1, connection.createArrayOf("varchar", latest.keySet().toArray(String[]::new)));
            statement.setArray(2, connection.createArrayOf("varchar",
                    latest.values().stream().map(Instant::toString).toArray(String[]::new)));
            statement.executeUpdate();
        }
        // Late polls included: each store's extent, folded into its digest by the next report.
        new PollDigestTable(schema).addPending(connection, extents);
        return stored;
    }
}
