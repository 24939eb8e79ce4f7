package org.storeuptime.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.storeuptime.cli.startup.StartupConnections;
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

    /**
     * The subcommands in the order of the help. Picocli reads the annotations of every command it is given, which
     * took a third of the start of a database report (about 0.1 s of reflection): a run names its command first, so
     * only that one is given, and all of them when there is none, it is unknown or {@code help}.
     */
    private static final List<Map.Entry<String, Supplier<Object>>> SUBCOMMANDS = List.of(
            Map.entry("report", ReportCommand::new), Map.entry("import", ImportCommand::new),
            Map.entry("ingest", IngestCommand::new),
            Map.entry("store", StoreCommand::new), Map.entry("prune", PruneCommand::new),
            Map.entry("rollups", RollupsCommand::new),
            Map.entry("serve", ServeCommand::new), Map.entry("generate", GenerateCommand::new),
            Map.entry("help", CommandLine.HelpCommand::new));

    private final CliEnvironment environment;
    /** The start-up tuning of this run: connections opened while its command line is read, when it reads a database. */
    private StartupConnections startup = StartupConnections.none();

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
        String command = invokedCommand(args);
        try (StartupConnections startup = DatabaseOptions.startup(environment, command, args)) {
            CommandLine commandLine = commandLine(environment, command);
            ((UptimeCli) commandLine.getCommand()).startup = startup;
            int status = commandLine.execute(args);
            commandLine.getOut().flush();
            commandLine.getErr().flush();
            environment.out().flush();
            return status;
        }
    }

    /**
     * The picocli command line with every subcommand, its streams and its error handling set up; a place to
     * add subcommands ({@link CommandLine#addSubcommand}).
     */
    public static CommandLine commandLine(CliEnvironment environment) {
        return commandLine(environment, null);
    }

    /** The command line with subcommand {@code only}, or with all of them when null. */
    private static CommandLine commandLine(CliEnvironment environment, String only) {
        CommandLine commandLine = new CommandLine(new UptimeCli(environment));
        for (Map.Entry<String, Supplier<Object>> subcommand : SUBCOMMANDS) {
            if (only == null || only.equals(subcommand.getKey())) {
                commandLine.addSubcommand(subcommand.getKey(), subcommand.getValue().get());
            }
        }
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(environment.out(), StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(environment.err(), StandardCharsets.UTF_8), true));
        commandLine.setParameterExceptionHandler(UptimeCli::handleUsageError);
        commandLine.setExecutionExceptionHandler(UptimeCli::handleFailure);
        return commandLine;
    }

    /**
     * The subcommand that {@code args} run, when it alone is needed: the first argument, or the one after
     * {@code --verbose}, if it is a subcommand's name other than {@code help}; otherwise null ({@code --help} or
     * {@code --version} first, for instance, which show every command).
     */
    static String invokedCommand(String... args) {
        for (String arg : args) {
            if (arg.equals(VERBOSE)) {
                continue;
            }
            // a loop, not a stream: the first stream of a run costs its start a few milliseconds
            for (Map.Entry<String, Supplier<Object>> subcommand : SUBCOMMANDS) {
                if (subcommand.getKey().equals(arg)) {
                    return arg.equals("help") ? null : arg;
                }
            }
            return null;
        }
        return null;
    }

    /** The environment the subcommands work with. */
    CliEnvironment environment() {
        return environment;
    }

    /** The start-up tuning of this run ({@link StartupConnections}); none when the command line was built apart. */
    StartupConnections startup() {
        return startup;
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
        return CliFailure.exitStatus(e);
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
