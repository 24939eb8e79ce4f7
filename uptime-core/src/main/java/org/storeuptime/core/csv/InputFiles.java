package org.storeuptime.core.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The input files of a data set: status polls, business hours and time zones, and optionally planned closures.
 *
 * @param status the polls ({@code store_id,status,timestamp_utc})
 * @param hours the business hours ({@code store_id,dayOfWeek,start_time_local,end_time_local}; the 2023
 *     edition names the day column {@code day})
 * @param timezones the time zones ({@code store_id,timezone_str})
 * @param closures the planned closures ({@code store_id,start_local,end_local,reason}), when there are any
 */
public record InputFiles(Path status, Path hours, Path timezones, Optional<Path> closures) {

    /** The status file's name in a data folder. */
    public static final String STATUS_FILE = "store_status.csv";
    /** The business hours file's name in a data folder. */
    public static final String HOURS_FILE = "menu_hours.csv";
    /** The time zones file's name in a data folder. */
    public static final String TIMEZONES_FILE = "timezones.csv";
    /** The optional planned closures file's name in a data folder. */
    public static final String CLOSURES_FILE = "closures.csv";

    public InputFiles {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(timezones, "timezones");
        Objects.requireNonNull(closures, "closures");
    }

    /** The three files without planned closures. */
    public InputFiles(Path status, Path hours, Path timezones) {
        this(status, hours, timezones, Optional.empty());
    }

    /** These files with the planned closures of {@code closures}. */
    public InputFiles withClosures(Path closures) {
        return new InputFiles(status, hours, timezones, Optional.of(closures));
    }

    /** The suffix of a gzip-compressed file, which {@link #inDirectory} also looks for. */
    public static final String GZIP_SUFFIX = ".gz";

    /**
     * The files of a data folder: {@code store_status.csv}, {@code menu_hours.csv}, {@code timezones.csv}, each
     * of them also as {@code store_status.csv.gz} and so on. When a folder holds both forms of a file, the
     * uncompressed one is taken; when it holds neither, the uncompressed name is returned (and reading it
     * fails naming that file). {@code closures.csv} (or {@code closures.csv.gz}) is read when the folder has it.
     */
    public static InputFiles inDirectory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Path closures = find(dir, CLOSURES_FILE);
        return new InputFiles(find(dir, STATUS_FILE), find(dir, HOURS_FILE), find(dir, TIMEZONES_FILE),
                Files.exists(closures) ? Optional.of(closures) : Optional.empty());
    }

    private static Path find(Path dir, String name) {
        Path plain = dir.resolve(name);
        Path gzip = dir.resolve(name + GZIP_SUFFIX);
        return !Files.exists(plain) && Files.exists(gzip) ? gzip : plain;
    }
}
