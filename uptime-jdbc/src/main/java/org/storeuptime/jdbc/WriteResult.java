package org.storeuptime.jdbc;

/**
 * What one ingestion write did; every row it was given is either stored or a duplicate.
 *
 * @param stored rows that are new and now durable
 * @param duplicates rows already stored (or repeated in the same batch): nothing changed for them
 */
public record WriteResult(long stored, long duplicates) {

    public WriteResult {
        if (stored < 0 || duplicates < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + stored + ", " + duplicates);
        }
    }
}
