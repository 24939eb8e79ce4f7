package org.storeuptime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.jdbc.SharedData;

/**
 * The launcher {@code src/main/scripts/uptime}, which the build copies to {@code target/uptime}
 * beside the executable jar. It must give the very bytes of {@code java -jar uptime.jar}, work from a copy or a link
 * in another directory, pass java's exit status through, make and use its class-data-sharing archive, and fall
 * back to running without one silently.
 *
 * <p>Tests run before the build packs {@code uptime.jar}, so the test lays out the same thing itself: the script
 * beside an {@code uptime.jar} whose manifest names the main class and this test's class path, its class folders
 * packed as jars (an archive takes classes from jars only). The launcher's folders have spaces in their names.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherTest {

    private static final Path EXAMPLES = SharedData.repositoryRoot().resolve("examples").resolve("data");
    private static final Path SCRIPT = Path.of("src", "main", "scripts", "uptime");

    /** The test database, for a report from it. */
    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension(false);

    @TempDir
    static Path shared;

    /** The folder holding {@code uptime} and {@code uptime.jar}. */
    private static Path installed;
    /** The sample's report as {@code java -jar uptime.jar report --data examples/data} writes it. */
    private static byte[] expected;

    @TempDir
    Path tmp;

    record Run(int status, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void install() throws Exception {
        installed = Files.createDirectories(shared.resolve("app dir"));
        Files.copy(SCRIPT, installed.resolve("uptime"));
        assertThat(installed.resolve("uptime").toFile().setExecutable(true)).isTrue();
        // no space in this one: the JVM's class-data sharing does not decode %20 in a manifest's Class-Path
        writeLauncherJar(installed.resolve("uptime.jar"), Files.createDirectories(shared.resolve("lib")));

        List<String> plain = new ArrayList<>(List.of(java(), "-jar", installed.resolve("uptime.jar").toString()));
        plain.addAll(sampleReport());
        Run run = run(plain, Map.of());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.text()).startsWith("store_id,");
        expected = run.out();
    }

    @Test
    void firstRunMakesTheArchiveLaterRunsUseItAndBothGiveTheBytesOfJavaJar() throws Exception {
        Path cache = tmp.resolve("cache dir");
        Path firstLog = tmp.resolve("first.log");
        Run first = launch(installed.resolve("uptime"), cache,
                Map.of("UPTIME_OPTS", "-Xlog:class+load:file=" + firstLog), sampleReport());
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo(expected);
        assertThat(jvmNoise(first.err())).isEmpty();
        // the user's options went to the command, not to the JVM writing the archive after it (which would have
        // written the log anew): picocli's annotation proxies are made by running commands only
        assertThat(Files.readAllLines(firstLog)).anyMatch(line -> line.endsWith("source: __dynamic_proxy__"));
        // one archive and its class list, nothing left over from making them
        assertThat(archivesIn(cache)).hasSize(1);
        assertThat(filesIn(cache)).hasSize(2).allSatisfy(path -> assertThat(path.getFileName().toString())
                .matches("uptime-\\d+-\\d+\\.jsa(\\.classes)?"));

        Path classLog = tmp.resolve("classes.log");
        Run second = launch(installed.resolve("uptime"), cache,
                Map.of("UPTIME_OPTS", "-Xlog:class+load:file=" + classLog), sampleReport());
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo(expected);
        assertThat(Files.readAllLines(classLog))
                .anyMatch(line -> line.contains(" " + UptimeCli.class.getName() + " source: shared objects file"))
                .anyMatch(line -> line.contains(" org.storeuptime.core.UptimeEngine source: shared objects file"));
    }

    @Test
    void runsFromALinkAndFromACopyInAnotherDirectory() throws Exception {
        Path cache = tmp.resolve("cache");
        // a relative link to the script, and an absolute link to that link, found on the PATH
        Path bin = Files.createDirectories(tmp.resolve("other dir").resolve("bin"));
        Path direct = Files.createSymbolicLink(bin.resolve("uptime-link"), bin.relativize(installed.resolve("uptime")));
        Path onPath = Files.createSymbolicLink(bin.resolve("uptime"), direct.toAbsolutePath());
        // a shell finds it on its PATH (a ProcessBuilder would search this JVM's PATH)
        List<String> command = new ArrayList<>(List.of("sh", "-c", "uptime \"$@\"", "sh"));
        command.addAll(sampleReport());
        Run viaPath = run(command, environment(cache, Map.of("PATH", bin + File.pathSeparator + System.getenv("PATH"))));
        assertThat(viaPath.status()).as(viaPath.err()).isZero();
        assertThat(viaPath.out()).isEqualTo(expected);
        // JUnit warns of links leading out of a temporary folder it deletes
        Files.delete(onPath);
        Files.delete(direct);

        // beside the installed folder: the test's jar finds its class path relative to itself
        Path copy = Files.createDirectories(shared.resolve("copy dir"));
        Files.copy(installed.resolve("uptime"), copy.resolve("uptime"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(installed.resolve("uptime.jar"), copy.resolve("uptime.jar"));
        Run copied = launch(copy.resolve("uptime"), cache, Map.of(), sampleReport());
        assertThat(copied.status()).as(copied.err()).isZero();
        assertThat(copied.out()).isEqualTo(expected);
        // the copy's jar is another jar to the JVM: it gets its own archive
        assertThat(archivesIn(cache)).hasSize(2);

        Files.delete(copy.resolve("uptime.jar"));
        Run noJar = launch(copy.resolve("uptime"), cache, Map.of(), List.of("--version"));
        assertThat(noJar.status()).isEqualTo(1);
        assertThat(noJar.err()).isEqualTo("uptime: cannot find uptime.jar beside " + copy.resolve("uptime") + " (in "
                + copy.toRealPath() + ")\n");
    }

    @Test
    void passesJavasExitStatusThroughWithAndWithoutArchive() throws Exception {
        Path cache = tmp.resolve("cache");
        List<String> unreachable = List.of("report", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none");
        // first run, no archive: the launcher waits for java and exits with its status, making no archive of it
        Run failed = launch(installed.resolve("uptime"), cache, Map.of(), unreachable);
        assertThat(failed.status()).isEqualTo(UptimeCli.FAILED);
        assertThat(failed.err()).startsWith("uptime report: failed: ");
        assertThat(filesIn(cache)).isEmpty();
        Run usage = launch(installed.resolve("uptime"), cache, Map.of(), List.of("report", "--no-such-option"));
        assertThat(usage.status()).isEqualTo(UptimeCli.USAGE);
        assertThat(filesIn(cache)).isEmpty();

        Run made = launch(installed.resolve("uptime"), cache, Map.of(), List.of("--version"));
        assertThat(made.status()).as(made.err()).isZero();
        assertThat(archivesIn(cache)).hasSize(1);
        // with the archive the launcher becomes java itself
        assertThat(launch(installed.resolve("uptime"), cache, Map.of(), unreachable).status())
                .isEqualTo(UptimeCli.FAILED);
        assertThat(launch(installed.resolve("uptime"), cache, Map.of(), List.of("report", "--no-such-option"))
                .status()).isEqualTo(UptimeCli.USAGE);
    }

    @Test
    void withoutAUsableArchiveItRunsPlainlyAndSaysNothing() throws Exception {
        Path cache = tmp.resolve("cache");
        assertThat(launch(installed.resolve("uptime"), cache, Map.of(), List.of("--version")).status()).isZero();
        Path archive = archivesIn(cache).get(0);
        // an archive the JVM cannot map (a truncated copy, say) under the expected name
        Files.delete(archive);
        Files.writeString(archive, "not an archive");
        Run broken = launch(installed.resolve("uptime"), cache, Map.of(), sampleReport());
        assertThat(broken.status()).as(broken.err()).isZero();
        assertThat(broken.out()).isEqualTo(expected);
        assertThat(jvmNoise(broken.err())).isEmpty();

        // no place for a cache: a file where the folder should be
        Path notADirectory = Files.writeString(tmp.resolve("a file"), "");
        Run noCache = launch(installed.resolve("uptime"), notADirectory, Map.of(), sampleReport());
        assertThat(noCache.status()).as(noCache.err()).isZero();
        assertThat(noCache.out()).isEqualTo(expected);
        assertThat(jvmNoise(noCache.err())).isEmpty();

        Path classLog = tmp.resolve("classes.log");
        Path unused = tmp.resolve("unused cache");
        Run off = launch(installed.resolve("uptime"), unused,
                Map.of("UPTIME_CDS", "off", "JAVA_OPTS", "-Xlog:class+load:file=" + classLog), sampleReport());
        assertThat(off.status()).as(off.err()).isZero();
        assertThat(off.out()).isEqualTo(expected);
        assertThat(unused).doesNotExist();
        // JAVA_OPTS reached the JVM, which loaded our classes from the jar
        assertThat(Files.readAllLines(classLog))
                .anyMatch(line -> line.contains(" " + UptimeCli.class.getName() + " source: file:"));
    }

    @Test
    void aDatabaseReportGivesTheBytesOfTheFilesAndTrainsItsOwnArchiveBesideTheBuilds() throws Exception {
        // a second installation at the same depth (the test jar's class path is relative), with an archive
        // beside the jar made as the build makes it: from a report of the sample files
        Path app = Files.createDirectories(shared.resolve("db app"));
        Files.copy(installed.resolve("uptime"), app.resolve("uptime"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(installed.resolve("uptime.jar"), app.resolve("uptime.jar"));
        Path built = app.resolve("uptime-cds");
        assertThat(launch(app.resolve("uptime"), built, Map.of(), sampleReport()).status()).isZero();
        assertThat(archivesIn(built)).hasSize(1);

        Path cache = tmp.resolve("cache");
        String schema = DatabaseSchemaExtension.newSchemaName();
        try {
            Run imported = launch(app.resolve("uptime"), cache, Map.of(), List.of("import", "--quiet",
                    "--jdbc-url", DB.database().urlWithSettings(), "--schema", schema, "--data", EXAMPLES.toString()));
            assertThat(imported.status()).as(imported.err()).isZero();
            // the build's archive served the import
            assertThat(filesIn(cache)).isEmpty();

            List<String> report = List.of("report", "--quiet", "--jdbc-url", DB.database().urlWithSettings(),
                    "--schema", schema);
            Run first = launch(app.resolve("uptime"), cache, Map.of(), report);
            assertThat(first.status()).as(first.err()).isZero();
            assertThat(first.out()).isEqualTo(expected);
            assertThat(archivesIn(cache)).hasSize(1);

            Path classLog = tmp.resolve("classes.log");
            Run second = launch(app.resolve("uptime"), cache,
                    Map.of("UPTIME_OPTS", "-Xlog:class+load:file=" + classLog), report);
            assertThat(second.status()).as(second.err()).isZero();
            assertThat(second.out()).isEqualTo(expected);
            assertThat(Files.readAllLines(classLog))
                    .anyMatch(line -> line.contains(" org.postgresql.core.v3.QueryExecutorImpl source: shared objects"));
            // and it holds what the build's archive held: the classes of reading files
            Run files = launch(app.resolve("uptime"), cache,
                    Map.of("UPTIME_OPTS", "-Xlog:class+load:file=" + classLog), sampleReport());
            assertThat(files.out()).isEqualTo(expected);
            assertThat(Files.readAllLines(classLog))
                    .anyMatch(line -> line.contains(" org.storeuptime.core.csv.InputLoader source: shared objects"));
        } finally {
            try (Connection connection = DB.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists \"" + schema + "\" cascade");
            }
        }
    }

    @Test
    void theQuickCompilerAloneOnlyForReadsFromTheDatabase() throws Exception {
        Path cache = tmp.resolve("cache");
        Map<String, String> flags = Map.of("UPTIME_CDS", "off", "UPTIME_OPTS", "-XX:+PrintFlagsFinal");
        String databaseReport = launch(installed.resolve("uptime"), cache, flags,
                List.of("--verbose", "report", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none")).text();
        assertThat(tieredStopAtLevel(databaseReport)).isEqualTo("1");
        assertThat(flag(databaseReport, "CICompilerCount")).isEqualTo("1");
        assertThat(flag(databaseReport, "UseSerialGC")).isEqualTo("true");
        assertThat(flag(databaseReport, "UsePerfData")).isEqualTo("false");
        String storeView = launch(installed.resolve("uptime"), cache, flags,
                List.of("store", "x", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none")).text();
        assertThat(tieredStopAtLevel(storeView)).isEqualTo("1");
        String filesReport = launch(installed.resolve("uptime"), cache, flags,
                List.of("report", "--data=" + EXAMPLES)).text();
        assertThat(tieredStopAtLevel(filesReport)).isEqualTo("4");
        assertThat(flag(filesReport, "UseSerialGC")).isEqualTo("false");
        String serve = launch(installed.resolve("uptime"), cache, flags, List.of("serve", "--help")).text();
        assertThat(tieredStopAtLevel(serve)).isEqualTo("4");
        // the user's options come last and win
        String overridden = launch(installed.resolve("uptime"), cache,
                Map.of("UPTIME_CDS", "off", "UPTIME_OPTS", "-XX:+PrintFlagsFinal -XX:TieredStopAtLevel=4"),
                List.of("report", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none")).text();
        assertThat(tieredStopAtLevel(overridden)).isEqualTo("4");
        // a collector named by the user is not combined with ours, which the JVM would refuse
        String g1 = launch(installed.resolve("uptime"), cache,
                Map.of("UPTIME_CDS", "off", "JAVA_OPTS", "-XX:+UseG1GC", "UPTIME_OPTS", "-XX:+PrintFlagsFinal"),
                List.of("report", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none")).text();
        assertThat(flag(g1, "UseG1GC")).isEqualTo("true");
        assertThat(flag(g1, "UseSerialGC")).isEqualTo("false");
    }

    /** The value of TieredStopAtLevel in the output of -XX:+PrintFlagsFinal. */
    private static String tieredStopAtLevel(String flags) {
        return flag(flags, "TieredStopAtLevel");
    }

    /** The value of flag {@code name} in the output of -XX:+PrintFlagsFinal. */
    private static String flag(String flags, String name) {
        return flags.lines().filter(line -> line.contains(" " + name + " "))
                .map(line -> line.split("=")[1].trim().split("\\s+")[0]).findFirst().orElseThrow();
    }

    private static List<String> sampleReport() {
        return List.of("report", "--quiet", "--data", EXAMPLES.toString());
    }

    /** Lines of standard error that come from the JVM, not from the command. */
    private static List<String> jvmNoise(String err) {
        return err.lines().filter(line -> !line.startsWith("uptime ")).toList();
    }

    private static List<Path> archivesIn(Path dir) throws IOException {
        return filesIn(dir).stream().filter(path -> path.toString().endsWith(".jsa")).toList();
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::getFileName).sorted().map(dir::resolve).collect(Collectors.toList());
        }
    }

    private static Run launch(Path launcher, Path cache, Map<String, String> extra, List<String> args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        return run(command, environment(cache, extra));
    }

    private static Map<String, String> environment(Path cache, Map<String, String> extra) {
        return Stream.concat(Map.of("JAVA_HOME", System.getProperty("java.home"),
                        "UPTIME_CDS_DIR", cache.toString()).entrySet().stream(), extra.entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b));
    }

    private static Run run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        for (String name : List.of("JAVA_OPTS", "UPTIME_OPTS", "UPTIME_CDS", "UPTIME_JDBC_URL")) {
            builder.environment().remove(name);
        }
        builder.environment().putAll(env);
        Path err = Files.createTempFile(shared, "err", ".txt");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
        return new Run(process.exitValue(), out, Files.readString(err));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A jar that runs {@link UptimeCli} on this test's class path, with class folders packed as jars into lib. */
    private static void writeLauncherJar(Path jar, Path lib) throws IOException, URISyntaxException {
        List<String> classPath = new ArrayList<>();
        int folders = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                path = packFolder(path, lib.resolve("classes-" + folders++ + ".jar"));
            } else if (!Files.isRegularFile(path)) {
                continue;
            }
            // relative to the jar: the JVM's class-data sharing takes no absolute URLs in Class-Path
            String relative = jar.toAbsolutePath().getParent().relativize(path.toAbsolutePath()).toString()
                    .replace(File.separatorChar, '/');
            classPath.add(new URI(null, null, relative, null).toASCIIString());
        }
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, UptimeCli.class.getName());
        main.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.flush();
        }
    }

    private static Path packFolder(Path folder, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(folder.relativize(path).toString().replace(File.separatorChar, '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
