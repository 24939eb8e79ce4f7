package org.storeuptime.jdbc;

import java.util.Collection;
import org.storeuptime.core.StorePoll;

/**
 * Stores polls as they arrive (live ingestion): one batch in one transaction, durable when {@link #write} returns.
 * A poll is identified by its store and instant; the first one stored wins, so a batch may be sent again safely.
 * Stores that are new are created. Reached through {@link UptimeDatabase#polls()}.
 *
 * <p>SKELETON: the signatures are the contract between modules; the bodies are being written.
 */
public final class PollWriter {

    PollWriter(SchemaContext context) {
    }

    /**
     * Stores {@code polls} in one transaction, committed (synchronously) before it returns.
     *
     * @throws org.storeuptime.core.DatabaseException when it could not; then nothing of the batch is stored
     */
    public WriteResult write(Collection<StorePoll> polls) {
        throw new UnsupportedOperationException("skeleton");
    }
}
