package org.storeuptime.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.sql.SQLException;
import java.util.Optional;
import org.storeuptime.core.UnknownStoreException;
import org.storeuptime.core.UptimeException;

/**
 * How a failed run ends, in one place: the one line it prints (what failed, on which path or resource, and why,
 * without a stack trace, which is for {@code --verbose}) and its exit status, both by the kind of failure.
 */
final class CliFailure {

    private CliFailure() {
    }

    /**
     * The exit status of a run that failed with {@code e}: {@link UptimeCli#FAILED} for every kind of failure
     * (bad input data, the database, an unknown store, a report that could not be written, a bug). Wrong usage,
     * {@link UptimeCli#USAGE}, is a picocli {@code ParameterException}, which never reaches here.
     */
    static int exitStatus(Exception e) {
        return UptimeCli.FAILED;
    }

    /**
     * The line for {@code e}, after {@code "uptime <command>: "}. Our own failures say what they are (an unknown
     * store with the ids that start like it); I/O and database errors are named by their cause; anything else is
     * a bug, said so.
     */
    static String line(Exception e) {
        if (e instanceof UnknownStoreException unknown) {
            return "failed: " + firstLine(unknown.getMessage()) + (unknown.similarIds().isEmpty() ? ""
                    : "; ids that start with it: " + String.join(", ", unknown.similarIds()));
        }
        if (e instanceof UptimeException) {
            // InvalidInputException, DatabaseException, ReportFailedException: their message is for users
            return "failed: " + firstLine(e.getMessage());
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return "failed: " + reason(e);
        }
        Optional<SQLException> sql = sqlCause(e);
        if (sql.isPresent()) {
            return "failed: the database failed: " + firstLine(sql.get().getMessage());
        }
        return "failed unexpectedly: " + firstLine(e.toString()) + " (--verbose prints the stack trace)";
    }

    /**
     * Why an I/O operation failed, in the operating system's words where there are some ("Read-only file
     * system", "No space left on device", "Broken pipe"), without repeating the path.
     */
    static String reason(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        while (t instanceof UncheckedIOException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof FileSystemException fs) {
            if (fs.getReason() != null) {
                return fs.getReason();
            }
            if (t instanceof AccessDeniedException) {
                return "Permission denied";
            }
            if (t instanceof NoSuchFileException) {
                return "No such file or directory";
            }
            if (t instanceof FileAlreadyExistsException) {
                return "File exists";
            }
            if (t instanceof NotDirectoryException) {
                return "Not a directory";
            }
            if (t instanceof DirectoryNotEmptyException) {
                return "Directory not empty";
            }
            return t.getClass().getSimpleName();
        }
        // Our own wrappers ("cannot write the report CSV: <cause>") carry the I/O error's text at the end.
        if (t.getCause() instanceof IOException cause && cause != t) {
            return reason(cause);
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : firstLine(t.getMessage());
    }

    /** The first SQLException in the causes of {@code e}. */
    static Optional<SQLException> sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    /** The first line: PostgreSQL's messages go on with "Position:" or "Detail:" lines. */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
