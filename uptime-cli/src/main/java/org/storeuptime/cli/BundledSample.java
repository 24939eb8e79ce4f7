package org.storeuptime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.core.csv.LoadedInput;

/**
 * The sample data bundled in the jar (the files of the repository's {@code examples/data}): what {@code uptime
 * serve} serves when given no data, so a new user can try the API with one command, from anywhere.
 */
final class BundledSample {

    static final String LOCATION = "org/storeuptime/cli/sample/";

    private BundledSample() {
    }

    /** Loads the bundled files (copied to a temporary folder for the reader, removed afterwards). */
    static LoadedInput load() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("uptime-sample-");
            for (String file : List.of(InputFiles.STATUS_FILE, InputFiles.HOURS_FILE, InputFiles.TIMEZONES_FILE)) {
                try (InputStream in = BundledSample.class.getClassLoader().getResourceAsStream(LOCATION + file)) {
                    if (in == null) {
                        throw new IllegalStateException("the bundled sample is missing from the jar: " + LOCATION + file);
                    }
                    Files.copy(in, dir.resolve(file));
                }
            }
            return InputLoader.load(InputFiles.inDirectory(dir), LoadOptions.STRICT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled sample: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                delete(dir);
            }
        }
    }

    private static void delete(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
