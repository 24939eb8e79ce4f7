package org.storeuptime.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void writesANewFileWholeAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("report.csv");
        AtomicFile.write(file, out -> out.write("a,b\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(file).hasContent("a,b");
        assertThat(filesIn(dir)).containsExactly("report.csv");
    }

    @Test
    void replacesAnExistingFileKeepingItsPermissions() throws IOException {
        Path file = dir.resolve("report.csv");
        Files.writeString(file, "old\n");
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(file, permissions);
        AtomicFile.write(file, out -> out.write("new\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(file).hasContent("new");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(permissions);
        assertThat(filesIn(dir)).containsExactly("report.csv");
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("report.csv");
        Files.writeString(file, "old\n");
        assertThatThrownBy(() -> AtomicFile.write(file, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(file).hasContent("old");
        assertThat(filesIn(dir)).containsExactly("report.csv");
    }

    @Test
    void writesIntoAMissingFolderFailWithoutAFile() {
        Path file = dir.resolve("missing").resolve("report.csv");
        assertThatThrownBy(() -> AtomicFile.write(file, out -> out.write(1))).isInstanceOf(IOException.class);
        assertThat(Files.exists(file)).isFalse();
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
