package org.storeuptime.jdbc;

import java.time.ZoneId;
import java.util.Collection;
import org.storeuptime.core.OpeningPeriod;

/**
 * Changes one store's business hours or time zone while the service runs; each change is one transaction,
 * durable when the method returns, and creates the store when it is new. Reached through
 * {@link UptimeDatabase#stores()}.
 *
 * <p>SKELETON: the signatures are the contract between modules; the bodies are being written.
 */
public final class StoreWriter {

    StoreWriter(SchemaContext context) {
    }

    /** Replaces all of {@code storeId}'s business hours by {@code periods} (empty: open 24/7). */
    public void replaceHours(String storeId, Collection<OpeningPeriod> periods) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Replaces {@code storeId}'s time zone. */
    public void replaceTimeZone(String storeId, ZoneId zone) {
        throw new UnsupportedOperationException("skeleton");
    }
}
