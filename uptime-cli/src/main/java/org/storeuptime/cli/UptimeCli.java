package org.storeuptime.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code uptime} command line: {@code report}, {@code import}, {@code store}, {@code serve}, {@code generate} and
 * {@code --help}.
 *
 * <p>Exit status: 0 done, 1 failed, 2 wrong usage. Data goes to standard out, messages to standard error.
 */
@Command(name = "uptime",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Uptime and downtime of stores during their business hours, from status polls.",
        subcommands = {ReportCommand.class, ImportCommand.class, StoreCommand.class, PruneCommand.class,
            ServeCommand.class, GenerateCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:failed", "2:wrong usage"})
public final class UptimeCli implements Runnable {

    /** Exit status of a run that did its work. */
    public static final int DONE = 0;
    /** Exit status of a run that failed. */
    public static final int FAILED = 1;
    /** Exit status of a run with wrong arguments. */
    public static final int USAGE = 2;

    private static final String VERBOSE = "--verbose";

    /** slf4j-simple's levels of libraries that log routine events (pool and server start, database version) at info. */
    private static final List<String> QUIET_LOGGERS = List.of("org.slf4j.simpleLogger.log.com.zaxxer.hikari",
            "org.slf4j.simpleLogger.log.org.jooq", "org.slf4j.simpleLogger.log.org.eclipse.jetty",
            "org.slf4j.simpleLogger.log.io.javalin");

    private final CliEnvironment environment;

    @Spec
    private CommandSpec spec;

    /** Read from the parse result when a run fails; a field only so that picocli lists and inherits it. */
    @Option(names = VERBOSE, scope = ScopeType.INHERIT,
            description = "When a run fails, print the Java stack trace below its one-line message.")
    boolean verbose;

    /** A command line working with {@code environment}. */
    public UptimeCli(CliEnvironment environment) {
        this.environment = environment;
    }

    /** Runs the command line on the process's streams and exits with its status. */
    public static void main(String[] args) {
        // Standard error carries our messages only: no jOOQ banner or tips, no pool start-up chatter.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        for (String logger : QUIET_LOGGERS) {
            if (System.getProperty(logger) == null) {
                System.setProperty(logger, "warn");
            }
        }
        // a server's log lines (reports, failures) need their time; -D options given by the user win
        if (System.getProperty("org.slf4j.simpleLogger.showDateTime") == null) {
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        }
        System.exit(run(CliEnvironment.system(), args));
    }

    /** Runs the command line and returns its exit status; never calls {@code System.exit}. */
    public static int run(CliEnvironment environment, String... args) {
        CommandLine commandLine = commandLine(environment);
        int status = commandLine.execute(args);
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        environment.out().flush();
        return status;
    }

    /**
     * The picocli command line with every subcommand, its streams and its error handling set up; a place to
     * add subcommands ({@link CommandLine#addSubcommand}).
     */
    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine commandLine = new CommandLine(new UptimeCli(environment));
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(environment.out(), StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(environment.err(), StandardCharsets.UTF_8), true));
        commandLine.setParameterExceptionHandler(UptimeCli::handleUsageError);
        commandLine.setExecutionExceptionHandler(UptimeCli::handleFailure);
        return commandLine;
    }

    /** The environment the subcommands work with. */
    CliEnvironment environment() {
        return environment;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing a command (" + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    private static int handleFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + CliFailure.line(e));
        if (verbose(parseResult)) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }

    private static boolean verbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
