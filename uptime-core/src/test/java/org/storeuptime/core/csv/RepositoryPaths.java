package org.storeuptime.core.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository from wherever the tests run. */
final class RepositoryPaths {

    private RepositoryPaths() {
    }

    /** The repository root: the nearest directory upward whose pom.xml is the parent pom. */
    static Path root() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>store-uptime-parent</artifactId>")
                    && !Files.readString(pom).contains("<parent>")) {
                return dir;
            }
        }
        throw new IllegalStateException("no parent pom.xml above " + Path.of("").toAbsolutePath());
    }

    /**
     * The 2023 edition of the real data, gzip-compressed inside the repository in {@code examples/data-2023}
     * (see its README for where it comes from).
     */
    static Path loop2023Sample() throws IOException {
        Path sample = root().resolve("examples").resolve("data-2023");
        if (!Files.isDirectory(sample)) {
            throw new IllegalStateException("the real 2023 data is expected at " + sample);
        }
        return sample;
    }
}
