package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A host with a logging backend (slf4j-simple at INFO here) sees nothing of jOOQ's self-promotion when it uses the
 * library: no ASCII logo, no "tip of the day". Runs in a fresh JVM, since jOOQ prints both once per JVM.
 */
class QuietLibraryTest {

    private static final String SCHEMA = DatabaseSchemaExtension.newSchemaName();

    @AfterAll
    static void dropSchema() throws Exception {
        try (var connection = TestDatabase.get().dataSource().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("drop schema if exists \"" + SCHEMA + "\" cascade");
        }
    }

    @Test
    void migratingAndReadingPrintNoJooqLogoOrTip(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                Host.class.getName(), TestDatabase.get().urlWithSettings(), SCHEMA)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the host JVM ends").isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(Files.readString(dir.resolve("stdout.txt"))).isEqualTo("stores: 0\n");
        assertThat(stderr).doesNotContain("@@@@").doesNotContainIgnoringCase("tip of the day")
                .doesNotContain("Thank you for using jOOQ");
    }

    /** The host: its own DataSource, migrate, one jOOQ-backed read. */
    static final class Host {
        public static void main(String[] args) throws IOException {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(args[0]);
            UptimeDatabase db = UptimeDatabase.builder(dataSource).schema(args[1]).build();
            db.migrate();
            long stores = db.storeReader().list("", 10, 0, Instant.EPOCH, Instant.EPOCH).total();
            System.out.print("stores: " + stores + "\n");
        }
    }
}
