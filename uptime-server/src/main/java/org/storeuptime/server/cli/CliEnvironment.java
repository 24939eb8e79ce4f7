package org.storeuptime.server.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command line run talks to: standard out (data), standard error (messages), the process
 * environment and a clock. Tests pass their own.
 *
 * @param out where data goes (a report CSV)
 * @param err where messages, progress and summaries go
 * @param environment environment variables (such as {@code UPTIME_JDBC_URL})
 * @param clock the clock, for {@code now} when there is no poll at all and for progress pacing
 */
public record CliEnvironment(PrintStream out, PrintStream err, Map<String, String> environment, Clock clock) {

    public CliEnvironment {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(clock, "clock");
    }

    /** The process's own streams, environment and the system clock. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.out, System.err, System.getenv(), Clock.systemUTC());
    }
}
