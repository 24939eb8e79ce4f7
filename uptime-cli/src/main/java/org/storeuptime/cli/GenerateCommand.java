package org.storeuptime.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.storeuptime.sample.GeneratedData;
import org.storeuptime.sample.SampleDataGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code uptime generate}: writes a realistic sample data set. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a realistic sample data set into a folder.",
            "The files store_status.csv, menu_hours.csv and timezones.csv are shaped like the published store "
                + "monitoring data; the same options give the same files. --stores 4500 --days 70 gives about "
                + "1.85 million polls, the size of the 2024 edition."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:failed", "2:wrong usage"})
final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    private UptimeCli parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder to write the three files into (created if missing).")
    Path out;

    @Option(names = "--stores", paramLabel = "N", defaultValue = "100", description = "Stores (default: ${DEFAULT-VALUE}).")
    int stores;

    @Option(names = "--days", paramLabel = "D", defaultValue = "7",
            description = "Days of polls up to --now (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--now", paramLabel = "T", converter = Converters.InstantConverter.class,
            description = "Where the polls end, an ISO-8601 instant (default: 2024-10-14T23:55:18Z, the end of the "
                    + "published 2024 data, so that a seed alone fixes the files).")
    Instant now;

    @Override
    public Integer call() {
        if (stores < 1) {
            throw new ParameterException(spec.commandLine(), "--stores must be at least 1: " + stores);
        }
        if (days < 1 || days > 3_660) {
            throw new ParameterException(spec.commandLine(), "--days must be from 1 to 3660: " + days);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": is a file, not a directory");
        }
        PrintStream err = parent.environment().err();
        Instant end = now != null ? now : SampleDataGenerator.DEFAULT_NOW;
        err.println("generating " + stores + " stores, " + days + " days up to " + end + ", seed " + seed + " into " + out);
        GeneratedData data = SampleDataGenerator.builder().stores(stores).days(days).seed(seed).now(end).build()
                .generate(out);
        err.println("wrote " + data.files().status() + " (" + data.statusRows() + " rows), " + data.files().hours() + " ("
                + data.hoursRows() + " rows), " + data.files().timezones() + " (" + data.timeZoneRows() + " rows)");
        err.println("done");
        return UptimeCli.DONE;
    }
}
