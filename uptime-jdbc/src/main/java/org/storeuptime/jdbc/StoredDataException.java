package org.storeuptime.jdbc;

import java.util.Objects;
import org.storeuptime.core.InvalidInputException;

/**
 * A value stored in the uptime tables breaks the rules the input files are held to (a time zone no file could
 * bring in, a migration applied with other content): the database answered, but what it holds is wrong. Reading
 * it again gives the same answer; the message names the table and the store or script at fault.
 */
public final class StoredDataException extends InvalidInputException {

    private final String table;

    /** A wrong value in {@code table}, as {@code message} says. */
    public StoredDataException(String table, String message) {
        super(message);
        this.table = Objects.requireNonNull(table, "table");
    }

    /** A wrong value in {@code table}, as {@code message} says, found through {@code cause}. */
    public StoredDataException(String table, String message, Throwable cause) {
        super(message, cause);
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The table holding the wrong value. */
    public String table() {
        return table;
    }
}
