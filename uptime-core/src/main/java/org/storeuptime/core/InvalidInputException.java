package org.storeuptime.core;

/**
 * The data given to the library is wrong: an input file that cannot be read, rejected rows in strict mode, a
 * stored value that breaks the rules. Trying again with the same data gives the same answer; the message names
 * what is wrong and where (file, line, field, store).
 */
public abstract class InvalidInputException extends UptimeException {

    /** Bad input described by {@code message}. */
    protected InvalidInputException(String message) {
        super(message);
    }

    /** Bad input described by {@code message}, found through {@code cause}. */
    protected InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
