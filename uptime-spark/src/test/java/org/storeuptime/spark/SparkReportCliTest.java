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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SparkReportCliTest {

    private static final String BUNDLED = "../examples/data";

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        SparkReportCli cli = new SparkReportCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(),
                Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC), master -> LocalSpark.get(), false);
        return cli.run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void reportToStandardOutIsTheCoreReport() {
        assertThat(run("--data", BUNDLED, "--partitions", "3")).isEqualTo(SparkReportCli.DONE);
        assertThat(stdout()).isEqualTo(new String(CoreReports.csv(Path.of(BUNDLED)), StandardCharsets.UTF_8));
        assertThat(stderr()).contains("store_status.csv: 4393 rows read, 0 rejected",
                "now 2024-10-14T23:55:12.031291Z", "wrote 40 rows to standard out").endsWith("done\n");
    }

    @Test
    void reportToAFileAndToParquet() throws IOException {
        Path csv = tmp.resolve("report.csv");
        Path parquet = tmp.resolve("rows");
        assertThat(run("--status", BUNDLED + "/store_status.csv", "--hours", BUNDLED + "/menu_hours.csv",
                "--timezones", BUNDLED + "/timezones.csv", "--now", "2024-10-14T12:00:00Z", "--out", csv.toString(),
                "--out-parquet", parquet.toString())).isEqualTo(SparkReportCli.DONE);
        assertThat(stdout()).isEmpty();
        assertThat(Files.readAllBytes(csv)).isEqualTo(CoreReports.csv(
                org.storeuptime.core.csv.InputFiles.inDirectory(Path.of(BUNDLED)),
                Instant.parse("2024-10-14T12:00:00Z"), org.storeuptime.core.ReportOptions.DEFAULTS));
        assertThat(LocalSpark.get().read().parquet(parquet.toString()).count()).isEqualTo(40);
    }

    @Test
    void windowsAndClosuresGiveTheBytesOfTheCore() throws IOException {
        Path dir = tmp.resolve("closed");
        Files.createDirectories(dir);
        for (String name : java.util.List.of("store_status.csv", "menu_hours.csv", "timezones.csv")) {
            Files.copy(Path.of(BUNDLED, name), dir.resolve(name));
        }
        String store = Files.readAllLines(dir.resolve("timezones.csv")).get(1).split(",")[0];
        Files.writeString(dir.resolve("closures.csv"), "store_id,start_local,end_local,reason\n"
                + "*,2024-10-09,2024-10-10,inventory\n" + store + ",2024-10-12 10:00,2024-10-14 08:30,renovation\n");
        String[] windows = {"--window", "7d", "--window", "2024-10", "--window", "2024-10-08/2024-10-13"};
        org.storeuptime.core.ReportRequest request = org.storeuptime.core.ReportRequest.parse(null, null, null,
                java.util.List.of("7d", "2024-10", "2024-10-08/2024-10-13"));
        String expected = new String(CoreReports.csv(org.storeuptime.core.csv.InputFiles.inDirectory(dir), request),
                StandardCharsets.UTF_8);
        assertThat(expected).startsWith("store_id,uptime_7d_hours,");

        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--data", dir.toString(),
                "--partitions", "3"), java.util.Arrays.stream(windows)).toArray(String[]::new);
        assertThat(run(args)).as(stderr()).isEqualTo(SparkReportCli.DONE);
        assertThat(stdout()).isEqualTo(expected);
        assertThat(stderr()).contains("closures.csv: 2 rows read, 0 rejected", "windows 7d, 2024-10, 2024-10-08/2024-10-13");

        // the closures file named on its own, and through Parquet
        out.reset();
        String[] separate = java.util.stream.Stream.concat(java.util.stream.Stream.of("--status",
                dir.resolve("store_status.csv").toString(), "--hours", dir.resolve("menu_hours.csv").toString(),
                "--timezones", dir.resolve("timezones.csv").toString(), "--closures",
                dir.resolve("closures.csv").toString()), java.util.Arrays.stream(windows)).toArray(String[]::new);
        assertThat(run(separate)).as(stderr()).isEqualTo(SparkReportCli.DONE);
        assertThat(stdout()).isEqualTo(expected);
        out.reset();
        Path parquet = tmp.resolve("input");
        assertThat(run("--data", dir.toString(), "--write-input-parquet", parquet.toString()))
                .isEqualTo(SparkReportCli.DONE);
        String[] fromParquet = java.util.stream.Stream.concat(java.util.stream.Stream.of("--parquet",
                parquet.toString()), java.util.Arrays.stream(windows)).toArray(String[]::new);
        assertThat(run(fromParquet)).as(stderr()).isEqualTo(SparkReportCli.DONE);
        assertThat(stdout()).isEqualTo(expected);

        // the closures count: without them the report differs
        out.reset();
        Files.delete(dir.resolve("closures.csv"));
        assertThat(run(args)).isEqualTo(SparkReportCli.DONE);
        assertThat(stdout()).isNotEqualTo(expected);
    }

    @Test
    void csvConvertedToParquetReportsTheSame() {
        Path parquet = tmp.resolve("input");
        assertThat(run("--data", BUNDLED, "--write-input-parquet", parquet.toString())).isEqualTo(SparkReportCli.DONE);
        assertThat(stdout()).isEmpty();
        assertThat(run("--parquet", parquet.toString())).isEqualTo(SparkReportCli.DONE);
        assertThat(stdout()).isEqualTo(new String(CoreReports.csv(Path.of(BUNDLED)), StandardCharsets.UTF_8));
    }

    @Test
    void rejectedRowsAreListedAndStrictFails() throws IOException {
        Path dir = tmp.resolve("bad");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("store_status.csv"), "store_id,status,timestamp_utc\ns1,on,2024-10-14 10:00:00 UTC\n"
                + "s1,active,2024-10-14 10:00:00 UTC\n");
        Files.writeString(dir.resolve("menu_hours.csv"), "store_id,dayOfWeek,start_time_local,end_time_local\n");
        Files.writeString(dir.resolve("timezones.csv"), "store_id,timezone_str\n");
        assertThat(run("--data", dir.toString())).isEqualTo(SparkReportCli.DONE);
        assertThat(stderr()).contains("rejected: store_status.csv:2: status: unknown status 'on' (expected active or "
                + "inactive)", "store_status.csv: 2 rows read, 1 rejected",
                "done, but 1 input row was rejected and left out");
        assertThat(stdout()).startsWith("store_id,").contains("s1,");
        err.reset();
        out.reset();
        assertThat(run("--data", dir.toString(), "--strict")).isEqualTo(SparkReportCli.FAILED);
        assertThat(stdout()).isEmpty();
        assertThat(stderr()).endsWith("spark-report: failed: strict mode: 1 row was rejected (see above), nothing was "
                + "computed\n");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "''|missing the input: give --data DIR",
        "--data ../examples/data --parquet x|--data and --parquet are mutually exclusive",
        "--data ../examples/data --now yesterday|--now: 'yesterday' is not an instant; accepted: an ISO-8601 instant",
        "--data ../examples/data --partitions 0|--partitions: expected a positive number, not '0'",
        "--data ../examples/data --lookback PT-1H|--lookback: 'PT-1H' is negative; accepted: an ISO-8601 duration",
        "--data ../examples/data --extrapolation linear|--extrapolation: 'linear' is not an extrapolation; accepted: nearest-poll or carry-forward",
        "--data ../examples/data --window 0d|--window: window '0d': a window of length zero; accepted forms: <N>h, <N>d, <N>w",
        "--data ../examples/data --window 2024-13|--window: window '2024-13'",
        "--data ../examples/data --window 30d --window 30d|--window: window '30d': asked for twice",
        "--data ../examples/data --closures x.csv|--closures goes with --status, --hours and --timezones",
        "--data no/such/dir|--data no/such/dir: no such directory",
        "--status ../examples/data/store_status.csv|--status, --hours and --timezones go together",
        "--data ../examples/data --schema s|--schema needs a database (--jdbc-url)",
        "--data ../examples/data --out no/such/dir/r.csv|--out no/such/dir/r.csv: no such directory",
        "--parquet . --strict|--strict applies to CSV input",
        "--data ../examples/data --frobnicate|unknown option --frobnicate"})
    void wrongUsageIsOneLineAndExitStatus2(String args, String message) {
        String[] split = args.isEmpty() ? new String[0] : args.split(" ");
        assertThat(run(split)).isEqualTo(SparkReportCli.USAGE);
        assertThat(stderr().lines()).hasSize(1);
        assertThat(stderr()).startsWith("spark-report: ").contains(message).endsWith("(see --help)\n");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aBadParquetValueFailsWithOneLineAndExitStatus1() throws IOException {
        Path parquet = tmp.resolve("input");
        assertThat(run("--data", BUNDLED, "--write-input-parquet", parquet.toString())).isEqualTo(SparkReportCli.DONE);
        LocalSpark.get().read().parquet(parquet.resolve("timezones").toString())
                .selectExpr("store_id", "'Atlantis/Capital' AS timezone_str")
                .write().mode("overwrite").parquet(tmp.resolve("zones-bad").toString());
        Files.move(parquet.resolve("timezones"), tmp.resolve("zones-good"));
        Files.move(tmp.resolve("zones-bad"), parquet.resolve("timezones"));
        err.reset();
        assertThat(run("--parquet", parquet.toString())).isEqualTo(SparkReportCli.FAILED);
        assertThat(stderr().lines().filter(line -> line.startsWith("spark-report: failed: ")))
                .singleElement().asString()
                .matches("spark-report: failed: timezones: store .*: timezone_str: unknown time zone id "
                        + "'Atlantis/Capital' \\(expected an IANA id like America/Chicago\\)");
        assertThat(stderr()).doesNotContain("\tat ");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isEqualTo(SparkReportCli.DONE);
        assertThat(stdout()).startsWith("Usage: spark-report").contains("--out-parquet DIR");
    }
}
