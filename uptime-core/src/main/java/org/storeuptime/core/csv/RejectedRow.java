package org.storeuptime.core.csv;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A row of an input file that could not be read; it was not loaded.
 *
 * @param file the file's name
 * @param line the 1-based line number where the row starts (the header is line 1)
 * @param field the column at fault, or {@code null} when the row as a whole is wrong (its column count)
 * @param value the value found in that field, or {@code null} when there is none to show (the row as a whole is
 *     wrong, or the field is missing)
 * @param reason what is wrong, naming the value found and what was expected
 */
public record RejectedRow(String file, long line, @Nullable String field, @Nullable String value, String reason) {

    public RejectedRow {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        if (line < 1) {
            throw new IllegalArgumentException("line must be at least 1: " + line);
        }
    }

    /** A rejected row without a value to show. */
    public RejectedRow(String file, long line, @Nullable String field, String reason) {
        this(file, line, field, null, reason);
    }

    /** Like {@code store_status.csv:17: timestamp_utc: cannot parse '2023-13-01' (expected ...)}. */
    public String message() {
        return file + ":" + line + ": " + (field == null ? "" : field + ": ") + reason;
    }

    @Override
    public String toString() {
        return message();
    }
}
