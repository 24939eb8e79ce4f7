package org.storeuptime.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.cli.CliEnvironment;
import org.storeuptime.cli.UptimeCli;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.sample.SampleDataGenerator;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.jdbc.TestDatabase;
import org.storeuptime.jdbc.UptimeDatabase;

/** The PostgreSQL input: the uptime-jdbc schema read through Spark's JDBC source in hash-partitioned reads. */
class SparkJdbcInputTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension();

    private final SparkSession spark = LocalSpark.get();

    @TempDir
    Path tmp;

    private SparkInput jdbcInput(int partitions) {
        return jdbcInput(DB.schema(), partitions);
    }

    private SparkInput jdbcInput(String schema, int partitions) {
        TestDatabase db = DB.database();
        Properties props = new Properties();
        if (db.user() != null) {
            props.setProperty("user", db.user());
        }
        if (db.password() != null) {
            props.setProperty("password", db.password());
        }
        // the sessions' zone differs from the JVM's and from UTC, so zone slips show up
        return SparkInput.jdbc(spark, db.urlWithSettings(), schema, props, partitions);
    }

    private static String report(SparkInput input, Instant now) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SparkUptime uptime = SparkUptime.builder().partitions(3).build();
        (now == null ? uptime.report(input) : uptime.report(input, now)).writeCsv(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Runs the {@code uptime} command line in-process; its standard out, after checking it exited 0. */
    private static byte[] uptime(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = UptimeCli.run(new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(),
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC)), args);
        assertThat(status).as(String.join(" ", args) + "\n" + err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toByteArray();
    }

    /**
     * One windowed request with closures through every path that computes a report CSV: {@code uptime report
     * --data}, {@code uptime import} then {@code uptime report --jdbc-url}, and the Spark job of {@code spark-report}
     * on the CSV files and on the database: the same bytes, and those of the core's engine.
     */
    @Test
    void aWindowedRequestGivesTheSameBytesThroughEveryPath() throws IOException, java.sql.SQLException {
        Path dir = tmp.resolve("contract");
        // 40 days up to 2 April 2024: the US clocks moved on 10 March, the European ones on 31 March
        SampleDataGenerator.builder().stores(40).days(40).seed(23).now(Instant.parse("2024-04-02T06:00:00Z")).build()
                .generate(dir);
        String store = Files.readAllLines(dir.resolve("timezones.csv")).get(1).split(",")[0];
        Files.writeString(dir.resolve("closures.csv"), "store_id,start_local,end_local,reason\n"
                + "*,2024-03-10,2024-03-11,spring forward\n" + store + ",2024-03-29 09:00,2024-04-01,renovation\n");
        List<String> windows = List.of("30d", "2024-03", "previous-month", "2024-03-25/2024-04-01", "6h",
                "2024-03-30T12:00:00Z/2024-03-31T12:00:00Z");
        String url = DB.database().urlWithSettings();
        // a schema of its own, which the import creates: the class's schema holds another data set
        String schema = DatabaseSchemaExtension.newSchemaName();

        String expected = new String(CoreReports.csv(InputFiles.inDirectory(dir),
                ReportRequest.parse(null, null, null, windows)), StandardCharsets.UTF_8);
        assertThat(expected.lines().count()).isGreaterThan(40);
        uptime("import", "--jdbc-url", url, "--schema", schema, "--data", dir.toString());
        try {
            assertEveryPath(dir, url, schema, windows, expected);
        } finally {
            try (java.sql.Connection c = DB.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
                st.execute("drop schema if exists \"" + schema + "\" cascade");
            }
        }
    }

    private void assertEveryPath(Path dir, String url, String schema, List<String> windows, String expected) {
        List<String> windowArgs = new ArrayList<>();
        windows.forEach(w -> windowArgs.addAll(List.of("--window", w)));
        Map<String, List<String>> paths = new LinkedHashMap<>();
        paths.put("uptime report --data", List.of("report", "--data", dir.toString()));
        paths.put("uptime report --jdbc-url", List.of("report", "--jdbc-url", url, "--schema", schema));
        for (Map.Entry<String, List<String>> path : paths.entrySet()) {
            List<String> args = new ArrayList<>(path.getValue());
            args.addAll(windowArgs);
            assertThat(new String(uptime(args.toArray(String[]::new)), StandardCharsets.UTF_8)).as(path.getKey())
                    .isEqualTo(expected);
        }
        ReportRequest request = ReportRequest.parse(null, null, null, windows);
        try (SparkInput files = SparkInput.csvDirectory(spark, dir.toString())) {
            assertThat(sparkReport(files, request)).as("Spark, CSV input").isEqualTo(expected);
        }
        assertThat(sparkReport(jdbcInput(schema, 3), request)).as("Spark, database input").isEqualTo(expected);
    }

    private static String sparkReport(SparkInput input, ReportRequest request) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SparkUptime.builder().partitions(3).build().report(input, request).writeCsv(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void importedDataGivesTheSameBytesAsTheFiles() {
        Path dir = tmp.resolve("dst");
        // a week with the US fall-back, stores without polls, duplicates
        SampleDataGenerator.builder().stores(80).days(9).seed(5).now(Instant.parse("2024-11-05T03:00:00Z")).build()
                .generate(dir);
        UptimeDatabase database = DB.uptimeDatabase();
        database.importer().importFiles(InputFiles.inDirectory(dir));

        String expected = new String(CoreReports.csv(dir), StandardCharsets.UTF_8);
        assertThat(report(jdbcInput(4), null)).isEqualTo(expected);
        assertThat(report(jdbcInput(1), null)).isEqualTo(expected);
        Instant now = Instant.parse("2024-11-03T09:30:00Z");
        assertThat(report(jdbcInput(2), now))
                .isEqualTo(new String(CoreReports.csv(InputFiles.inDirectory(dir), now, ReportOptions.DEFAULTS),
                        StandardCharsets.UTF_8));
    }
}
