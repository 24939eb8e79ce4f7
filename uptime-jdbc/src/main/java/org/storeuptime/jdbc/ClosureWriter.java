package org.storeuptime.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.storeuptime.core.Closure;

/**
 * Adds and removes planned closures while the service runs. A closure is identified by its store (or {@code *})
 * and its bounds; adding one that is stored already is a duplicate (the first reason stays). Reached through
 * {@link UptimeDatabase#closures()}.
 *
 * <p>As in the import, closures do not create stores. Like the polls, under the import's lock in shared mode.
 */
public final class ClosureWriter {

    private static final Comparator<Closure> KEY_ORDER = Comparator.comparing(Closure::storeId)
            .thenComparing(Closure::start).thenComparing(Closure::end);

    private final SchemaContext context;

    ClosureWriter(SchemaContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** Adds {@code closures} in one transaction, durable when it returns. */
    public WriteResult add(Collection<Closure> closures) {
        Objects.requireNonNull(closures, "closures");
        if (closures.isEmpty()) {
            return new WriteResult(0, 0);
        }
        Map<List<Object>, Closure> first = new LinkedHashMap<>();
        for (Closure closure : closures) {
            Objects.requireNonNull(closure, "closure");
            Closure exact = Closure.of(closure.storeId(), micros(closure.start()), micros(closure.end()),
                    closure.reason());
            first.putIfAbsent(List.of(exact.storeId(), exact.start(), exact.end()), exact);
        }
        List<Closure> batch = new ArrayList<>(first.values());
        batch.sort(KEY_ORDER);
        int size = batch.size();
        String[] storeIds = new String[size];
        String[] starts = new String[size];
        String[] ends = new String[size];
        String[] reasons = new String[size];
        for (int i = 0; i < size; i++) {
            Closure closure = batch.get(i);
            storeIds[i] = closure.storeId();
            starts[i] = closure.start().toString();
            ends[i] = closure.end().toString();
            reasons[i] = closure.reason();
        }
        int stored = LiveWrite.inTransaction(context, "adding closures", connection -> {
            // Plain SQL binding arrays: the whole batch in one statement, one round trip.
            try (PreparedStatement insert = connection.prepareStatement("insert into " + context.quotedSchema()
                    + ".store_closure (store_id, start_local, end_local, reason)"
                    + " select * from unnest(?::varchar[], ?::timestamp[], ?::timestamp[], ?::varchar[])"
                    + " on conflict (store_id, start_local, end_local) do nothing")) {
                insert.setArray(1, connection.createArrayOf("varchar", storeIds));
                insert.setArray(2, connection.createArrayOf("varchar", starts));
                insert.setArray(3, connection.createArrayOf("varchar", ends));
                insert.setArray(4, connection.createArrayOf("varchar", reasons));
                int added = insert.executeUpdate();
                refreshDigests(connection, batch);
                return added;
            }
        });
        return new WriteResult(stored, closures.size() - stored);
    }

    /** Removes the closure of {@code storeId} ({@code *}: the fleet-wide one) with these bounds; false if none. */
    public boolean remove(String storeId, LocalDateTime start, LocalDateTime end) {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        return LiveWrite.inTransaction(context, "removing a closure", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("delete from " + context.quotedSchema()
                    + ".store_closure where store_id = ? and start_local = ?::timestamp and end_local = ?::timestamp")) {
                delete.setString(1, storeId);
                delete.setString(2, micros(start).toString());
                delete.setString(3, micros(end).toString());
                boolean removed = delete.executeUpdate() > 0;
                if (removed) {
                    refreshDigests(connection, List.of(Closure.of(storeId, start, end, "removed")));
                }
                return removed;
            }
        });
    }

    /** The digests of the stores {@code closures} apply to, around each closure ({@link PollDigestTable.Extent#around}). */
    private void refreshDigests(Connection connection, List<Closure> closures) throws SQLException {
        boolean everyStore = closures.stream().anyMatch(c -> c.storeId().equals(Closure.ALL_STORES));
        String[] own = closures.stream().map(Closure::storeId).filter(id -> !id.equals(Closure.ALL_STORES)).distinct()
                .sorted().toArray(String[]::new);
        List<String> stores = LiveWrite.lockStores(connection, context, everyStore ? null : own);
        Map<String, PollDigestTable.Extent> extents = new HashMap<>();
        PollDigestTable.addClosures(extents, closures, stores);
        // closures do not create stores: only those that exist (and are locked now) have digests
        extents.keySet().retainAll(new HashSet<>(stores));
        new PollDigestTable(context.quotedSchema()).refresh(connection, extents);
    }

    /** A local date-time as PostgreSQL's {@code timestamp} keeps it, to the microsecond (truncated, as imported). */
    private static LocalDateTime micros(LocalDateTime time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }
}
