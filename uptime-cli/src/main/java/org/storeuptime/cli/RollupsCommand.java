package org.storeuptime.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.jdbc.PollDigestCheck;
import org.storeuptime.jdbc.UptimeDatabase;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code uptime rollups}: checks or rebuilds the poll digests that reports of a week or more read. */
@Command(name = "rollups",
        mixinStandardHelpOptions = true,
        description = {
            "Checks or rebuilds the rollups: each store's poll digest, the few polls (status changes and the ends of "
                + "each 7-day bucket) from which every report whose windows consider a week or more is computed "
                + "exactly. Imports, live writes and prunes keep them up to date; see docs/database.md.",
            "--check compares them with the rule applied to every store's raw polls and names each store and "
                + "instant where they differ; --rebuild computes them again from all polls (imports and live writes "
                + "wait meanwhile). Both read the whole history. Upgrades the schema first when it is older than "
                + "this uptime."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:consistent, or rebuilt", "1:differences found, or failed (database unreachable, no uptime "
                + "tables)", "2:wrong usage"})
final class RollupsCommand implements Callable<Integer> {

    private static final int POOL_SIZE = 2;
    /** How many differences --check lists before it counts the rest. */
    private static final int LISTED = 20;

    @ParentCommand
    private UptimeCli parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "What to do (one of):%n")
    Action action;

    static final class Action {
        @Option(names = "--check", required = true,
                description = "Compare the rollups with the raw polls; exit 1 naming where they differ.")
        boolean check;

        @Option(names = "--rebuild", required = true, description = "Compute the rollups again from all polls.")
        boolean rebuild;
    }

    @Override
    public Integer call() {
        CliEnvironment env = parent.environment();
        PrintStream err = env.err();
        String url = database.url(env);
        if (url == null) {
            throw new ParameterException(spec.commandLine(),
                    "missing the database: give --jdbc-url URL or set " + DatabaseOptions.URL_VARIABLE);
        }
        try (DatabaseOptions.OpenDatabase open = database.open(spec, env, url, POOL_SIZE)) {
            UptimeDatabase db = open.database();
            if (db.schemaVersion() == 0) {
                throw new DatabaseException("schema " + db.schema() + " of " + open.description()
                        + " holds no uptime tables; no rollups to " + (action.check ? "check" : "rebuild"));
            }
            List<Integer> applied = db.migrate();
            if (!applied.isEmpty()) {
                err.println("migrated schema " + db.schema() + ": applied versions " + applied);
            }
            if (action.rebuild) {
                db.rebuildPollDigests();
            }
            PollDigestCheck check = db.checkPollDigests();
            String counts = check.stores() + " stores, " + check.keptPolls() + " of " + check.polls() + " polls kept"
                    + (check.polls() == 0 ? "" : String.format(Locale.ROOT, " (%.1f %%)",
                            100.0 * check.keptPolls() / check.polls()));
            if (check.consistent()) {
                env.out().println("rollups of schema " + db.schema() + (action.rebuild ? " rebuilt" : "")
                        + ": consistent with the polls; " + counts);
                return UptimeCli.DONE;
            }
            for (PollDigestCheck.Difference d : check.differences().subList(0,
                    Math.min(LISTED, check.differences().size()))) {
                err.println("store " + d.storeId() + " at " + d.timestamp() + ": " + d.what());
            }
            if (check.differences().size() > LISTED) {
                err.println("and " + (check.differences().size() - LISTED) + " more");
            }
            err.println("rollups of schema " + db.schema() + ": " + check.differences().size()
                    + " differences from the polls (run uptime rollups --rebuild); " + counts);
            return UptimeCli.FAILED;
        }
    }
}
