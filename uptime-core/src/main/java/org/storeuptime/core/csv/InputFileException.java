package org.storeuptime.core.csv;

import org.storeuptime.core.InvalidInputException;

/**
 * An input file as a whole cannot be read: it is missing, unreadable, not UTF-8, has a missing or wrong
 * header, or its quoting is broken. The message names the file (and the line where known).
 */
public class InputFileException extends InvalidInputException {

    private final String file;

    /** {@code file} cannot be read, as {@code message} says. */
    public InputFileException(String file, String message) {
        super(message);
        this.file = file;
    }

    /** {@code file} cannot be read, as {@code message} says, because of {@code cause}. */
    public InputFileException(String file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The name of the file at fault. */
    public String file() {
        return file;
    }
}
