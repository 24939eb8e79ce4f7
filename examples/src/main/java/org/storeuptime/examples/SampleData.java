package org.storeuptime.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.sample.GeneratedData;
import org.storeuptime.sample.SampleDataGenerator;

/** A small generated data set in the published files' format, for the examples. */
final class SampleData {

    private SampleData() {
    }

    /** Writes a generated data set of {@code stores} stores to a temporary folder and returns that folder. */
    static Path generate(int stores) {
        try {
            Path dir = Files.createTempDirectory("uptime-example-");
            dir.toFile().deleteOnExit();
            GeneratedData generated = SampleDataGenerator.builder().stores(stores).days(9).seed(7).build().generate(dir);
            generated.files().status().toFile().deleteOnExit();
            generated.files().hours().toFile().deleteOnExit();
            generated.files().timezones().toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A generated data set of {@code stores} stores, read as any data folder would be. */
    static StoreDataSet load(int stores) {
        return InputLoader.load(org.storeuptime.core.csv.InputFiles.inDirectory(generate(stores)), LoadOptions.STRICT)
                .data();
    }
}
