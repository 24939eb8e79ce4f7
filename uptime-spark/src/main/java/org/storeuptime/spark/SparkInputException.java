package org.storeuptime.spark;

import org.storeuptime.core.InvalidInputException;

/**
 * Input the report cannot use: a value in a Parquet or database input that the core's rules reject (an unknown
 * time zone, a business hour that cannot be parsed, a status other than active or inactive), or an input file
 * that cannot be read. The message names the input, the store or line, the field and the value.
 */
public class SparkInputException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** An input failure described by {@code message}. */
    public SparkInputException(String message) {
        super(message);
    }

    /** An input failure described by {@code message}, caused by {@code cause}. */
    public SparkInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
