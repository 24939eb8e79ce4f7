package org.storeuptime.server;

import java.util.Objects;
import org.storeuptime.jdbc.UptimeDatabase;

/**
 * Where a standalone server's live ingestion writes ({@link UptimeServer.Builder#ingestInto}): a database, usually the
 * one its report service reads. A value of its own so that a server without uptime-jdbc never loads that module's
 * classes: only this class and the ingest routes refer to them.
 *
 * @param database the uptime tables polls, hours, zones and closures are written to
 */
public record LiveIngestion(UptimeDatabase database) {

    public LiveIngestion {
        Objects.requireNonNull(database, "database");
    }

    /** Ingestion into {@code database}. */
    public static LiveIngestion into(UptimeDatabase database) {
        return new LiveIngestion(database);
    }
}
