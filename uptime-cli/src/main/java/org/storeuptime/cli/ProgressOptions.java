package org.storeuptime.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --progress} and {@code --quiet} of the commands that can run long: whether progress lines and the
 * informational messages go to standard error.
 */
final class ProgressOptions {

    @Option(names = "--progress",
            description = "Show progress on standard error even when it is not a terminal (on a terminal it is "
                    + "shown anyway).")
    boolean progress;

    @Option(names = {"-q", "--quiet"},
            description = "Print no progress and no messages but rejected rows, warnings and errors.")
    boolean quiet;

    /** Fails when both options are given. */
    void check(CommandSpec spec) {
        if (progress && quiet) {
            throw new ParameterException(spec.commandLine(), "--progress and --quiet are mutually exclusive");
        }
    }

    /** The progress printer of this run: active with --progress, or on a terminal unless --quiet. */
    ProgressPrinter printer(CliEnvironment env) {
        boolean shown = progress || (!quiet && env.errIsTerminal());
        return new ProgressPrinter(env.err(), env.clock(), shown);
    }

    /** Where informational messages go: standard error, or nowhere with --quiet. */
    PrintStream messages(CliEnvironment env) {
        return quiet ? new PrintStream(OutputStream.nullOutputStream()) : env.err();
    }
}
