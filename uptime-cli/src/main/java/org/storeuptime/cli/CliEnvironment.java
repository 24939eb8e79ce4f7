package org.storeuptime.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command line run talks to: standard in (polls for {@code ingest}), standard out (data), standard error
 * (messages), the process environment and a clock. Tests pass their own.
 *
 * @param out where data goes (a report CSV); a write error is found with {@link PrintStream#checkError()} (and
 *     its cause, when {@code out} is a {@link CheckedPrintStream})
 * @param err where messages, progress and summaries go
 * @param environment environment variables (such as {@code UPTIME_JDBC_URL})
 * @param clock the clock, for {@code now} when there is no poll at all and for progress pacing
 * @param errIsTerminal whether {@code err} is a terminal, where progress is shown without {@code --progress}
 * @param in standard input, read by {@code uptime ingest -}
 */
public record CliEnvironment(PrintStream out, PrintStream err, Map<String, String> environment, Clock clock,
        boolean errIsTerminal, InputStream in) {

    public CliEnvironment {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(in, "in");
    }

    /** An environment reading the process's standard input. */
    public CliEnvironment(PrintStream out, PrintStream err, Map<String, String> environment, Clock clock,
            boolean errIsTerminal) {
        this(out, err, environment, clock, errIsTerminal, System.in);
    }

    /** An environment whose standard error is not a terminal (progress only with {@code --progress}). */
    public CliEnvironment(PrintStream out, PrintStream err, Map<String, String> environment, Clock clock) {
        this(out, err, environment, clock, false);
    }

    /** This environment reading {@code newIn} as its standard input. */
    public CliEnvironment withIn(InputStream newIn) {
        return new CliEnvironment(out, err, environment, clock, errIsTerminal, newIn);
    }

    /**
     * The process's own streams, environment and the system clock. Standard out is written through a
     * {@link CheckedPrintStream}, so that a full disk or a closed pipe is reported with its cause.
     */
    public static CliEnvironment system() {
        return new CliEnvironment(new CheckedPrintStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16)), System.err,
                System.getenv(), Clock.systemUTC(), standardErrorIsTerminal());
    }

    /**
     * Whether the process's standard error is a terminal. Java 17 has no isatty: {@code System.console()} is
     * only there when standard input and out are terminals, so {@code uptime report > file} would never show
     * progress. On Linux, {@code /proc} says where standard error itself goes; elsewhere the console decides.
     */
    static boolean standardErrorIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // no /proc (not Linux), or not readable here: the console's answer is the best there is
            return System.console() != null;
        }
    }
}
