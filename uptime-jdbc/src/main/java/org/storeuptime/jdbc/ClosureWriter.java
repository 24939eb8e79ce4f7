package org.storeuptime.jdbc;

import java.time.LocalDateTime;
import java.util.Collection;
import org.storeuptime.core.Closure;

/**
 * Adds and removes planned closures while the service runs. A closure is identified by its store (or {@code *})
 * and its bounds; adding one that is stored already is a duplicate (the first reason stays). Reached through
 * {@link UptimeDatabase#closures()}.
 *
 * <p>SKELETON: the signatures are the contract between modules; the bodies are being written.
 */
public final class ClosureWriter {

    ClosureWriter(SchemaContext context) {
    }

    /** Adds {@code closures} in one transaction, durable when it returns. */
    public WriteResult add(Collection<Closure> closures) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Removes the closure of {@code storeId} ({@code *}: the fleet-wide one) with these bounds; false if none. */
    public boolean remove(String storeId, LocalDateTime start, LocalDateTime end) {
        throw new UnsupportedOperationException("skeleton");
    }
}
