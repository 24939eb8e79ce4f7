package org.storeuptime.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.core.csv.RejectedRowsException;
import org.storeuptime.jdbc.ImportResult;
import org.storeuptime.jdbc.UptimeDatabase;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code uptime import}: loads the input files into PostgreSQL, creating or upgrading the schema first. */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Imports the input files into a PostgreSQL database, creating or upgrading the schema first.",
            "Every row is validated as 'uptime report --data' does; rejected rows are named with file and line and "
                + "left out (--strict: nothing is loaded). Polls already in the database are kept, so importing the "
                + "same files twice changes nothing; a store's business hours and time zone in the files replace "
                + "its rows in the database. One transaction: all or nothing.",
            "Progress, rejected rows and the summary per file go to standard error."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done (also when rows were rejected and left out)",
            "1:failed (database unreachable, unreadable file, --strict with a rejected row)", "2:wrong usage"})
final class ImportCommand implements Callable<Integer> {

    /** Connections of an import: the import itself and the migration before it. */
    private static final int POOL_SIZE = 2;

    @ParentCommand
    private UptimeCli parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Input (a folder or three files):%n")
    InputFilesOptions input;

    @Mixin
    StrictOption strictOption;

    @Mixin
    ProgressOptions progressOptions;

    @Override
    public Integer call() {
        CliEnvironment env = parent.environment();
        progressOptions.check(spec);
        PrintStream messages = progressOptions.messages(env);
        String url = database.url(env);
        if (url == null) {
            throw new ParameterException(spec.commandLine(),
                    "missing the database: give --jdbc-url URL or set " + DatabaseOptions.URL_VARIABLE);
        }
        InputFiles files = input.resolve(spec);
        try (DatabaseOptions.OpenDatabase open = database.open(spec, env, url, POOL_SIZE)) {
            UptimeDatabase db = open.database();
            RejectedRowPrinter rejected = new RejectedRowPrinter(env.err(), messages);
            ImportResult result;
            try {
                List<Integer> applied = db.migrate();
                messages.println(applied.isEmpty() ? "schema " + db.schema() + " is up to date"
                        : "migrated schema " + db.schema() + ": applied versions " + applied);
                messages.println("importing " + input.describe() + " into " + open.description() + ", schema "
                        + db.schema() + (strictOption.strict ? " (strict)" : ""));
                LoadOptions options = LoadOptions.LENIENT.withStrict(strictOption.strict).withOnRejected(rejected)
                        .withKeptRejectedRows(RejectedRowPrinter.PRINTED);
                result = db.importer().importFiles(files, options, progressOptions.printer(env));
            } catch (RejectedRowsException e) {
                throw rejected.strictFailure(e);
            } catch (RuntimeException e) {
                throw DatabaseOptions.databaseFailure(open, e);
            }
            rejected.finish(result.summaries());
            messages.println("imported in " + seconds(result) + " s");
            ReportCommand.doneLine(env, messages, result.rejectedCount());
        }
        return UptimeCli.DONE;
    }

    private static String seconds(ImportResult result) {
        long millis = result.elapsed().toMillis();
        return millis / 1000 + "." + millis % 1000 / 100;
    }
}
