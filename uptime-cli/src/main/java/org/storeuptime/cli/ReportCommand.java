package org.storeuptime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.storeuptime.core.InvalidInputException;
import org.storeuptime.core.ReportFailedException;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.UptimeReport;
import org.storeuptime.core.csv.InputFileException;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.core.csv.LoadedInput;
import org.storeuptime.core.csv.ReadProgress;
import org.storeuptime.core.csv.RejectedRowsException;
import org.storeuptime.core.csv.ReportCsv;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code uptime report}: reads the input files or the database, computes the report and writes its CSV. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Computes the uptime report of every store from CSV files, or from a PostgreSQL database filled by "
                + "'uptime import' (--jdbc-url, or $UPTIME_JDBC_URL when no input file is given). Both give the same "
                + "report for the same data.",
            "The report CSV goes to standard out or --out; messages, rejected rows and the summary per input "
                + "file go to standard error."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done (also when rows were rejected and skipped)", "1:failed", "2:wrong usage"})
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    private UptimeCli parent;

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Input files (a folder or three files):%n")
    InputFilesOptions input;

    @Mixin
    DatabaseOptions database;

    @Mixin
    ReportWindowOptions window;

    @Option(names = "--out", paramLabel = "F", defaultValue = "-",
            description = "Where to write the report CSV; '-' for standard out (default: ${DEFAULT-VALUE}).")
    String out;

    @Mixin
    StrictOption strictOption;

    @Mixin
    ProgressOptions progressOptions;

    @Override
    public Integer call() {
        CliEnvironment env = parent.environment();
        progressOptions.check(spec);
        PrintStream messages = progressOptions.messages(env);
        ProgressPrinter progress = progressOptions.printer(env);
        ReportRequest request = window.request(spec);
        if (input != null) {
            database.requireNoneBesideFiles(spec);
            InputFiles files = input.resolve(spec);
            Path outFile = outputFile();
            messages.println("reading " + input.describe());
            LoadedInput loaded = load(files, strictOption.strict, env.err(), messages, progress);
            report(env, messages, progress, loaded.data(), request, outFile);
            doneLine(env, messages, loaded.rejectedCount());
            return UptimeCli.DONE;
        }
        String url = database.url(env);
        if (url == null) {
            throw new ParameterException(spec.commandLine(), "missing the input: give --data DIR, or --status F "
                    + "--hours F --timezones F, or --jdbc-url URL (or set " + DatabaseOptions.URL_VARIABLE + ")");
        }
        if (strictOption.strict) {
            throw new ParameterException(spec.commandLine(),
                    "--strict applies to input files; a database holds only rows that were accepted");
        }
        Path outFile = outputFile();
        try (DatabaseOptions.OpenDatabase open = database.openUnpooled(spec, env, url, parent.startup())) {
            DatabaseOptions.requireMigrated(open);
            messages.println("reading " + open.description() + ", schema " + open.database().schema());
            try {
                report(env, messages, progress, open.database().reportSource(), request, outFile);
            } catch (RuntimeException e) {
                throw DatabaseOptions.databaseFailure(open, e);
            }
        }
        doneLine(env, messages, 0);
        return UptimeCli.DONE;
    }

    /** The closing line; with --quiet only when rows were left out, which the user must hear of. */
    static void doneLine(CliEnvironment env, PrintStream messages, long rejected) {
        (rejected > 0 ? env.err() : messages).println(RejectedRowPrinter.doneLine(rejected));
    }

    private static void report(CliEnvironment env, PrintStream messages, ProgressPrinter progress,
            ReportSource source, ReportRequest request, Path outFile) {
        long started = env.clock().millis();
        UptimeEngine engine = UptimeEngine.builder()
                .options(request.options())
                .clock(env.clock())
                .build();
        // Each source question may be a query over millions of polls: ask each one once. The default now is
        // resolved here, not by the engine, to name it before the report starts.
        Instant reportNow;
        String nowSource = "";
        if (request.now().isPresent()) {
            reportNow = request.now().get();
        } else {
            Optional<Instant> latest = source.latestPollTime();
            reportNow = latest.orElseGet(env.clock()::instant);
            nowSource = latest.isPresent() ? " (the latest poll)" : " (the clock: no polls)";
        }
        reportNow = reportNow.truncatedTo(ChronoUnit.MICROS);
        messages.println("computing the report, now " + reportNow + nowSource
                + ", extrapolation " + request.extrapolation().optionName() + ", lookback " + request.lookback()
                + ReportWindowOptions.describe(request));
        UptimeReport report = engine.report(source, request.withNow(reportNow), progress.orNone());

        String where;
        if (outFile == null) {
            writeToStandardOut(env.out(), report);
            where = "standard out";
        } else {
            try {
                ReportCsv.writeFile(report, outFile);
            } catch (IOException | UncheckedIOException e) {
                throw new ReportFailedException("cannot write " + outFile + ": " + CliFailure.reason(e), e);
            }
            where = outFile.toString();
        }
        messages.printf(Locale.ROOT, "wrote %d rows to %s (%.2f s)%n", report.storeCount(), where,
                (env.clock().millis() - started) / 1000.0);
    }

    /**
     * Writes the report to standard out and checks that every byte got there: a print stream swallows write
     * errors, and a report cut short by a full disk or a closed pipe must not end in "done".
     */
    private static void writeToStandardOut(PrintStream out, UptimeReport report) {
        try {
            ReportCsv.write(report, out);
        } catch (UncheckedIOException e) {
            throw new ReportFailedException("cannot write the report to standard out: " + CliFailure.reason(e), e);
        }
        out.flush();
        if (out.checkError()) {
            String cause = out instanceof CheckedPrintStream checked
                    ? checked.failure().map(CliFailure::reason).orElse("write error")
                    : "write error";
            throw new ReportFailedException("cannot write the report to standard out: " + cause);
        }
    }

    /** The --out file, checked to be writable where it is; null for standard out. */
    private Path outputFile() {
        if (out.equals("-")) {
            return null;
        }
        Path file = Path.of(out);
        if (Files.isDirectory(file)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": is a directory");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": no such directory: " + dir);
        }
        return file;
    }

    /**
     * Loads input files, printing rejected rows (the first {@value RejectedRowPrinter#PRINTED}) to {@code err} and
     * the summary of each file to {@code messages}. Shared by commands that read CSV input.
     *
     * @throws InvalidInputException when a file cannot be read, or in strictOption.strict mode when a row was rejected
     */
    static LoadedInput load(InputFiles files, boolean strict, PrintStream err, PrintStream messages,
            ReadProgress progress) {
        RejectedRowPrinter rejected = new RejectedRowPrinter(err, messages);
        LoadOptions options = LoadOptions.LENIENT.withStrict(strict).withOnRejected(rejected)
                .withKeptRejectedRows(RejectedRowPrinter.PRINTED);
        LoadedInput loaded;
        try {
            loaded = InputLoader.load(files, options, progress);
        } catch (RejectedRowsException e) {
            throw rejected.strictFailure(e);
        } catch (UncheckedIOException e) {
            throw new InputFileException(unreadableFile(e, files), "cannot read the input: " + e.getMessage(), e);
        }
        rejected.finish(loaded.summaries());
        return loaded;
    }

    /** The file named by the I/O failure {@code e}, else the folder (or first file) of {@code files}. */
    private static String unreadableFile(UncheckedIOException e, InputFiles files) {
        if (e.getCause() instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile();
        }
        Path folder = files.status().toAbsolutePath().getParent();
        return (folder == null ? files.status() : folder).toString();
    }

    /** {@link #load(InputFiles, boolean, PrintStream, PrintStream, ReadProgress)} without progress. */
    static LoadedInput load(InputFiles files, boolean strict, PrintStream err) {
        return load(files, strict, err, err, ReadProgress.NONE);
    }
}
