package org.storeuptime.spark;

import java.util.IdentityHashMap;
import java.util.Map;
import org.storeuptime.core.UptimeException;

/** One line saying why a Spark job failed, without Spark's wrapping and stack traces. */
final class Failures {

    private static final String USER_RAISED = "[USER_RAISED_EXCEPTION] ";

    private Failures() {
    }

    /**
     * The message of the innermost failure that says something: our own exceptions first (an input that cannot be
     * read, a value the rules reject, raised on an executor and carried back as the cause), else the root cause.
     */
    static String message(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable root = failure;
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof UptimeException) {
                return firstLine(t.getMessage());
            }
            String message = t.getMessage();
            if (message != null && message.contains(USER_RAISED)) {
                // raise_error() of a bad Parquet or database value: the text we wrote, without Spark's decoration
                String text = message.substring(message.indexOf(USER_RAISED) + USER_RAISED.length());
                return firstLine(text.replaceAll("\\s*SQLSTATE: \\w+\\s*$", ""));
            }
            root = t;
        }
        String message = root.getMessage();
        return firstLine(message == null || message.isBlank() ? root.toString() : message);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
