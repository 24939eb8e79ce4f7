package org.storeuptime.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.storeuptime.core.csv.InputFiles;

/** Data the tests of several modules share, all of it inside the repository. */
public final class SharedData {

    private SharedData() {
    }

    /** The repository root: the nearest folder upwards from the working directory whose pom lists modules. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path pom = d.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
                    return d;
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + pom, e);
            }
        }
        throw new IllegalStateException("no parent pom.xml with <modules> above " + dir);
    }

    /**
     * The 2023 sample data set, gzip-compressed inside the repository in {@code examples/data-2023} (a fresh
     * clone has everything the tests read).
     */
    public static InputFiles sample2023() {
        Path dir = repositoryRoot().resolve("examples").resolve("data-2023");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the 2023 sample is missing: expected it at " + dir);
        }
        return InputFiles.inDirectory(dir);
    }
}
