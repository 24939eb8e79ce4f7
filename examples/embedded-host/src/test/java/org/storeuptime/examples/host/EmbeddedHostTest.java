package org.storeuptime.examples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.server.reports.ReportSchedule;
import org.storeuptime.server.reports.ReportService;

/**
 * A host that depends on uptime-server alone (see this module's pom): none of the database, scheduling or command
 * line libraries reach its class path, and the routes over an in-memory data set work all the same, so none of
 * them is needed at run time either.
 */
class EmbeddedHostTest {

    private static final Instant END = Instant.parse("2024-10-14T23:30:00Z");
    private static final String TOKEN = "host-secret";

    private static final List<String> CLASS_PATH = Arrays.stream(
            System.getProperty("java.class.path").split(File.pathSeparator)).map(EmbeddedHostTest::artifactOf).toList();

    /** The test's own libraries, which the host in its own JVM does not need. */
    private static final Pattern TEST_LIBRARIES =
            Pattern.compile("junit-.*|opentest4j|apiguardian-api|assertj-core|byte-buddy.*");

    private final HttpClient client = HttpClient.newHttpClient();

    /** A class path entry as an artifact id: a Maven repository jar's folder, a reactor module's folder. */
    private static String artifactOf(String entry) {
        Path path = Path.of(entry).toAbsolutePath();
        if (entry.endsWith(".jar") && path.getNameCount() >= 3) {
            return path.getName(path.getNameCount() - 3).toString(); // .../<artifactId>/<version>/<file>.jar
        }
        // target/classes or target/test-classes of a module of this build
        return path.getParent() != null && path.getParent().getParent() != null
                ? path.getParent().getParent().getFileName().toString() : entry;
    }

    @Test
    void classPathHoldsUptimeServerAndWhatItNeedsOnly() {
        // the check below is only worth something if the class path is the real one, not a launcher jar's
        assertThat(CLASS_PATH).contains("uptime-server", "uptime-core", "javalin", "jackson-databind", "commons-csv");
        assertThat(CLASS_PATH).doesNotContain("uptime-jdbc", "uptime-cli", "uptime-sample", "jooq", "postgresql",
                "db-scheduler", "picocli", "HikariCP", "r2dbc-spi", "reactive-streams");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "org.jooq.DSLContext",                                  // jOOQ
        "org.postgresql.Driver",                                // pgjdbc
        "com.github.kagkarlsson.scheduler.Scheduler",           // db-scheduler
        "picocli.CommandLine",                                  // picocli
        "com.zaxxer.hikari.HikariDataSource",                   // HikariCP
        "org.storeuptime.jdbc.UptimeDatabase",                  // uptime-jdbc
        "org.storeuptime.cli.UptimeCli"})                       // uptime-cli
    void classesOfTheDatabaseSchedulerAndCommandLineAreAbsent(String className) {
        assertThatThrownBy(() -> Class.forName(className, false, EmbeddedHostTest.class.getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void routesOverAnInMemoryDataSetReportAndServeTheCsv() throws Exception {
        StoreDataSet data = EmbeddedHost.data(END);
        Javalin app = EmbeddedHost.create(ReportService.builder().source(data).build(), TOKEN).start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + app.port();
            assertThat(send("GET", base + "/", null).body()).isEqualTo("the host");
            assertThat(send("POST", base + "/uptime/trigger_report", null).statusCode()).isEqualTo(401);

            HttpResponse<String> trigger = send("POST", base + "/uptime/trigger_report", TOKEN);
            assertThat(trigger.statusCode()).isEqualTo(202);
            String id = trigger.body().replaceAll(".*\"report_id\":\"([^\"]+)\".*", "$1");

            HttpResponse<String> report = send("GET", base + "/uptime/get_report/" + id, TOKEN);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (report.headers().firstValue("X-Report-Status").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                report = send("GET", base + "/uptime/get_report/" + id, TOKEN);
            }
            assertThat(report.headers().firstValue("X-Report-Status")).hasValue("Complete");
            String expected = new String(ReportCsv.toBytes(UptimeEngine.create().report(data)), StandardCharsets.UTF_8);
            assertThat(report.body()).isEqualTo(expected).contains("berlin", "chicago", "kathmandu");

            HttpResponse<String> csv = send("GET", base + "/uptime/reports/" + id + "/csv", TOKEN);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.body()).isEqualTo(expected);

            // the one-store view runs on the data set too
            HttpResponse<String> store = send("GET", base + "/uptime/stores/kathmandu", TOKEN);
            assertThat(store.statusCode()).isEqualTo(200);
            assertThat(store.body()).contains("\"Asia/Kathmandu\"");
            assertThat(send("GET", base + "/uptime/health", null).statusCode()).isEqualTo(200);
        } finally {
            app.stop();
        }
    }

    @Test
    void aCronScheduleWithoutDbSchedulerSaysWhatToAdd() {
        // cron expressions are parsed by db-scheduler, which a host adds for schedules (docs/server.md)
        assertThatThrownBy(() -> ReportSchedule.cron("0 0 * * * *"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("db-scheduler");
    }

    @Test
    void libraryModulesWorkOnTheModulePath() throws Exception {
        // The same host in a JVM of its own, with the libraries on the module path: uptime-server and the core are
        // then named modules whose descriptors the JVM enforces (exports, opens to Jackson, requires static), and
        // the host on the class path reaches them through --add-modules.
        List<String> modulePath = new ArrayList<>();
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String artifact = artifactOf(entry);
            if (artifact.equals("embedded-host")) {
                classPath.add(entry); // the host itself, and ModulePathHost
            } else if (!TEST_LIBRARIES.matcher(artifact).matches()) {
                modulePath.add(entry);
            }
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "org.storeuptime.server",
                "-cp", String.join(File.pathSeparator, classPath),
                ModulePathHost.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("ok: module org.storeuptime.server");
    }

    private HttpResponse<String> send(String method, String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
