package org.storeuptime.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.storeuptime.core.csv.InputFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The input files of a command: {@code --data DIR} or the three files one by one (and the planned closures,
 * optionally). Use as an exclusive
 * {@code @ArgGroup}; {@link #resolve} checks that the files exist (a usage error otherwise).
 */
final class InputFilesOptions {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder holding store_status.csv, menu_hours.csv and timezones.csv, and closures.csv when "
                    + "there are planned closures (each may be .csv.gz).")
    Path data;

    @ArgGroup(exclusive = false)
    SeparateFiles files;

    /** The three files named one by one, as needed for the 2023 edition's file names; plain or gzip. */
    static final class SeparateFiles {
        @Option(names = "--status", paramLabel = "F", required = true,
                description = "Status polls: store_id,status,timestamp_utc.")
        Path status;

        @Option(names = "--hours", paramLabel = "F", required = true,
                description = "Business hours: store_id,dayOfWeek (or day),start_time_local,end_time_local.")
        Path hours;

        @Option(names = "--timezones", paramLabel = "F", required = true,
                description = "Time zones: store_id,timezone_str.")
        Path timezones;

        @Option(names = "--closures", paramLabel = "F",
                description = "Planned closures, optional: store_id,start_local,end_local,reason ('*' for every store).")
        Path closures;
    }

    /**
     * The files given, each checked to be a readable regular file.
     *
     * @throws ParameterException naming the option and path when one is missing
     */
    public InputFiles resolve(CommandSpec spec) {
        if (data != null) {
            if (!Files.isDirectory(data)) {
                throw new ParameterException(spec.commandLine(), "--data " + data + ": no such directory");
            }
            InputFiles in = InputFiles.inDirectory(data);
            for (Path file : List.of(in.status(), in.hours(), in.timezones())) {
                if (!Files.exists(file)) {
                    throw new ParameterException(spec.commandLine(), "--data " + data + ": no such file: " + file
                            + " (nor " + file.getFileName() + InputFiles.GZIP_SUFFIX + ")");
                }
                requireFile(spec, "--data " + data, file);
            }
            return in;
        }
        requireFile(spec, "--status", files.status);
        requireFile(spec, "--hours", files.hours);
        requireFile(spec, "--timezones", files.timezones);
        InputFiles in = new InputFiles(files.status, files.hours, files.timezones);
        if (files.closures != null) {
            requireFile(spec, "--closures", files.closures);
            in = in.withClosures(files.closures);
        }
        return in;
    }

    /** Where the input comes from, for messages. */
    public String describe() {
        return data != null ? data.toString()
                : files.status + ", " + files.hours + ", " + files.timezones
                        + (files.closures == null ? "" : ", " + files.closures);
    }

    private static void requireFile(CommandSpec spec, String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), option + ": no such file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), option + ": cannot read " + file);
        }
    }
}
