package org.storeuptime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.jdbc.SharedData;

/**
 * A run that could not write its report fails (exit 1) and says why; ordinary failures are
 * one line naming the path and the cause, with the stack trace only under {@code --verbose}; progress goes to
 * standard error, throttled, only on a terminal or with {@code --progress}, never with {@code --quiet}.
 */
class CliTruthTest {

    private static final Path EXAMPLES = SharedData.repositoryRoot().resolve("examples").resolve("data");
    private static final Clock FIXED = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(PrintStream out, ByteArrayOutputStream outBytes, Clock clock, boolean terminal,
            String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(out, new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(),
                clock, terminal);
        int status = UptimeCli.run(env, args);
        return new Run(status, outBytes == null ? "" : outBytes.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(Clock clock, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return run(new PrintStream(out, true, StandardCharsets.UTF_8), out, clock, terminal, args);
    }

    /** A stream that takes {@code accepted} bytes, then fails as a full disk does. */
    private static OutputStream fullAfter(int accepted) {
        return new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > accepted) {
                    throw new IOException("No space left on device");
                }
            }
        };
    }

    /** A clock that moves three seconds on every reading, so that every throttled progress line is due. */
    private static Clock ticking() {
        AtomicLong millis = new AtomicLong(FIXED.millis());
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.addAndGet(Duration.ofSeconds(3).toMillis()));
            }
        };
    }

    // a report that could not be written whole

    @Test
    void aWriteErrorOnStandardOutFailsTheRun() {
        Run plain = run(new PrintStream(fullAfter(500), true, StandardCharsets.UTF_8), null, FIXED, false,
                "report", "--data", EXAMPLES.toString());
        assertThat(plain.status()).as(plain.err()).isEqualTo(UptimeCli.FAILED);
        assertThat(plain.errLines()).last()
                .isEqualTo("uptime report: failed: cannot write the report to standard out: write error");
        assertThat(plain.err()).doesNotContain("wrote 40 rows", "done");

        // the process's own standard out keeps the cause
        Run checked = run(new CheckedPrintStream(fullAfter(500)), null, FIXED, false,
                "report", "--data", EXAMPLES.toString());
        assertThat(checked.status()).isEqualTo(UptimeCli.FAILED);
        assertThat(checked.errLines()).last().isEqualTo(
                "uptime report: failed: cannot write the report to standard out: No space left on device");
    }

    @Test
    void aClosedStandardOutFailsTheRunOfARealProcess() throws Exception {
        File errFile = tmp.resolve("err.txt").toFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), UptimeCli.class.getName(),
                "report", "--data", EXAMPLES.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(errFile);
        pb.environment().remove("UPTIME_JDBC_URL");
        Process process = pb.start();
        // the reader goes away before the JVM has started, as `uptime report | head -0` would
        process.getInputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(errFile.toPath());
        assertThat(process.exitValue()).as(err).isEqualTo(UptimeCli.FAILED);
        assertThat(err).contains("uptime report: failed: cannot write the report to standard out: ")
                .doesNotContain("done", "\tat ");
    }

    // ordinary failures: one line naming the path and the cause

    @Test
    void anOutFileThatCannotBeWrittenIsOneLineNamingThePathAndTheCause() throws IOException {
        // a name longer than any file system takes: fails for root too, unlike a read-only folder
        Path out = tmp.resolve("x".repeat(300) + ".csv");
        Run run = run(FIXED, false, "report", "--data", EXAMPLES.toString(), "--out", out.toString(), "--quiet");

        assertThat(run.status()).isEqualTo(UptimeCli.FAILED);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("uptime report: failed: cannot write " + out + ": ")
                .doesNotContain("Exception");
        try (var files = Files.list(tmp)) {
            assertThat(files).as("nothing half-written left behind").isEmpty();
        }

        Run verbose = run(FIXED, false, "report", "--data", EXAMPLES.toString(), "--out", out.toString(), "--quiet",
                "--verbose");
        assertThat(verbose.status()).isEqualTo(UptimeCli.FAILED);
        assertThat(verbose.errLines().get(0)).isEqualTo(run.errLines().get(0));
        assertThat(verbose.err()).contains("\tat org.storeuptime.");
    }

    @Test
    void anInputThatCannotBeReadIsOneLineNamingTheFile() throws IOException {
        Path status = unreadableFile();
        Run run = run(FIXED, false, "report", "--status", status.toString(),
                "--hours", EXAMPLES.resolve("menu_hours.csv").toString(),
                "--timezones", EXAMPLES.resolve("timezones.csv").toString(), "--quiet");

        assertThat(run.status()).isNotZero();
        assertThat(run.errLines()).first().asString().startsWith("uptime report: ")
                .contains(status.getFileName().toString()).doesNotContain("Exception");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    /**
     * A file that exists but cannot be read: without permissions, or for root (who may read anything) a file of
     * Linux's /proc whose reading fails with an I/O error.
     */
    private Path unreadableFile() throws IOException {
        Path file = tmp.resolve("store_status.csv");
        Files.writeString(file, "store_id,status,timestamp_utc\n");
        file.toFile().setReadable(false, false);
        if (!Files.isReadable(file)) {
            return file;
        }
        Path mem = Path.of("/proc/self/mem");
        assertThat(mem).as("a file this user cannot read").isRegularFile();
        return mem;
    }

    @Test
    void failuresAreOneLineAndBugsSaySo() {
        assertThat(CliFailure.line(new UncheckedIOException("cannot write the report CSV",
                new FileSystemException("/ro/.report.csv.tmp", null, "Read-only file system"))))
                .isEqualTo("failed: Read-only file system");
        assertThat(CliFailure.reason(new java.nio.file.AccessDeniedException("/x"))).isEqualTo("Permission denied");
        assertThat(CliFailure.line(new org.storeuptime.core.DatabaseException("first\n  Position: 3")))
                .isEqualTo("failed: first");
        assertThat(CliFailure.line(new RuntimeException("x", new java.sql.SQLException("ERROR: gone\n  Detail: y"))))
                .isEqualTo("failed: the database failed: ERROR: gone");
        assertThat(CliFailure.line(new IllegalStateException("boom")))
                .isEqualTo("failed unexpectedly: java.lang.IllegalStateException: boom "
                        + "(--verbose prints the stack trace)");
    }

    // progress on standard error

    @Test
    void progressGoesToStandardErrorWithProgressAndNothingChangesOnStandardOut() {
        Run plain = run(FIXED, false, "report", "--data", EXAMPLES.toString());
        Run progress = run(ticking(), false, "report", "--data", EXAMPLES.toString(), "--progress");

        assertThat(progress.status()).as(progress.err()).isZero();
        assertThat(progress.out()).isEqualTo(plain.out());
        assertThat(progress.errLines()).contains("store_status.csv: 4393 rows read", "menu_hours.csv: 322 rows read",
                "timezones.csv: 39 rows read");
        assertThat(progress.errLines()).anyMatch(line -> line.matches("computed \\d+ of 40 stores"));
    }

    @Test
    void progressIsThrottled() {
        // the fixed clock never passes two seconds: a short run prints no progress even when asked
        Run run = run(FIXED, true, "report", "--data", EXAMPLES.toString(), "--progress");
        assertThat(run.status()).isZero();
        assertThat(run.errLines()).noneMatch(line -> line.endsWith("rows read") || line.startsWith("computed "));

        // a clock at 3 s a reading lets each line through; at 1 s, at most every other one
        int every3s = progressLines(Duration.ofSeconds(3));
        int every1s = progressLines(Duration.ofSeconds(1));
        assertThat(every3s).isGreaterThan(3);
        assertThat(every1s).isPositive().isLessThan(every3s);
    }

    private int progressLines(Duration step) {
        AtomicLong millis = new AtomicLong(FIXED.millis());
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.addAndGet(step.toMillis()));
            }
        };
        Run run = run(clock, false, "report", "--data", EXAMPLES.toString(), "--progress");
        assertThat(run.status()).isZero();
        return (int) run.errLines().stream()
                .filter(line -> line.endsWith(" rows read") || line.startsWith("computed ")).count();
    }

    @Test
    void progressIsShownOnATerminalButNotElsewhereAndNeverWhenQuiet() {
        Run terminal = run(ticking(), true, "report", "--data", EXAMPLES.toString());
        assertThat(terminal.errLines()).contains("store_status.csv: 4393 rows read");

        Run notTerminal = run(ticking(), false, "report", "--data", EXAMPLES.toString());
        assertThat(notTerminal.status()).isZero();
        assertThat(notTerminal.errLines()).noneMatch(line -> line.endsWith(" rows read")
                || line.startsWith("computed "));
        assertThat(notTerminal.errLines()).contains("done");

        Run quiet = run(ticking(), true, "report", "--data", EXAMPLES.toString(), "--quiet");
        assertThat(quiet.status()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(quiet.out()).isEqualTo(notTerminal.out());

        Run both = run(FIXED, false, "report", "--data", EXAMPLES.toString(), "--quiet", "--progress");
        assertThat(both.status()).isEqualTo(UptimeCli.USAGE);
        assertThat(both.err()).contains("--progress and --quiet are mutually exclusive");
    }
}
