package org.storeuptime.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.storeuptime.core.DatabaseException;
import org.storeuptime.jdbc.PruneResult;
import org.storeuptime.jdbc.UptimeDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code uptime prune}: removes polls a report no longer needs. */
@Command(name = "prune",
        mixinStandardHelpOptions = true,
        description = {
            "Removes polls older than the latest poll minus --keep: whole chunks with TimescaleDB (drop_chunks), "
                + "row by row in batches of 50,000 on plain PostgreSQL, so that the tables stay usable meanwhile.",
            "Refuses a --keep shorter than a report needs, 7 days (the report's week) plus the longest lookback in "
                + "use (--lookback, default PT24H), unless --force: reports with the default now are the same "
                + "after a prune as before. Upgrades the schema first when it is older than this uptime."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:failed (database unreachable, no uptime tables)", "2:wrong usage (also a --keep too short)"})
final class PruneCommand implements Callable<Integer> {

    private static final int POOL_SIZE = 2;

    @ParentCommand
    private UptimeCli parent;

    @Spec
    private CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--keep", paramLabel = "DURATION", required = true, converter = Converters.DurationConverter.class,
            description = "History to keep before the latest poll, ISO-8601, e.g. P30D or PT720H.")
    Duration keep;

    @Option(names = "--lookback", paramLabel = "DURATION", defaultValue = "PT24H",
            converter = Converters.DurationConverter.class,
            description = "The longest lookback of the reports run on this data (default: ${DEFAULT-VALUE}); "
                    + "--keep must cover 7 days plus it.")
    Duration lookback;

    @Option(names = "--force", description = "Prune even when --keep is shorter than a report needs.")
    boolean force;

    @Override
    public Integer call() {
        CliEnvironment env = parent.environment();
        PrintStream err = env.err();
        String url = database.url(env);
        if (url == null) {
            throw new ParameterException(spec.commandLine(),
                    "missing the database: give --jdbc-url URL or set " + DatabaseOptions.URL_VARIABLE);
        }
        // Before connecting: a refused --keep changes nothing and needs no database.
        try {
            UptimeDatabase.checkKeep(keep, lookback, force);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--keep: " + e.getMessage());
        }
        try (DatabaseOptions.OpenDatabase open = database.open(spec, env, url, POOL_SIZE)) {
            UptimeDatabase db = open.database();
            if (db.schemaVersion() == 0) {
                throw new DatabaseException("schema " + db.schema() + " of " + open.description()
                        + " holds no uptime tables; nothing to prune");
            }
            List<Integer> applied = db.migrate();
            if (!applied.isEmpty()) {
                err.println("migrated schema " + db.schema() + ": applied versions " + applied);
            }
            err.println("pruning " + open.description() + ", schema " + db.schema() + ": keeping " + keep
                    + " before the latest poll" + (force ? " (forced)" : ""));
            PruneResult result = db.prune(keep, lookback, force);
            err.println(result.describe());
        }
        return UptimeCli.DONE;
    }
}
