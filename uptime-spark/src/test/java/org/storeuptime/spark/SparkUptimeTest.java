package org.storeuptime.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.core.csv.LoadedInput;
import org.storeuptime.core.csv.RejectedRowsException;
import org.storeuptime.sample.SampleDataGenerator;

class SparkUptimeTest {

    private static final Path BUNDLED = Path.of("../examples/data");
    private static final Path EDITION_2023 = Path.of("../examples/data-2023");

    private final SparkSession spark = LocalSpark.get();

    @TempDir
    Path tmp;

    private static byte[] sparkCsv(SparkInput input, Instant now, ReportOptions options, int partitions) {
        SparkUptime uptime = SparkUptime.builder().options(options).partitions(partitions).build();
        SparkReport report = now == null ? uptime.report(input) : uptime.report(input, now);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.writeCsv(bytes);
        return bytes.toByteArray();
    }

    private static String text(byte[] csv) {
        return new String(csv, StandardCharsets.UTF_8);
    }

    @Test
    void bundledSampleIsByteIdenticalToTheCoreReport() {
        try (SparkInput input = SparkInput.csvDirectory(spark, BUNDLED.toString())) {
            byte[] csv = sparkCsv(input, null, ReportOptions.DEFAULTS, 0);
            assertThat(text(csv)).isEqualTo(text(CoreReports.csv(BUNDLED)));
            assertThat(text(csv).lines()).hasSize(41);
        }
    }

    @Test
    void real2023SampleIsByteIdenticalToTheCoreReport() {
        try (SparkInput input = SparkInput.csvDirectory(spark, EDITION_2023.toString())) {
            byte[] csv = sparkCsv(input, null, ReportOptions.DEFAULTS, 7);
            byte[] expected = CoreReports.csv(EDITION_2023);
            assertThat(text(csv)).isEqualTo(text(expected));
            // every store of any of the three files: far more than the 3,967 polled ones
            assertThat(text(csv).lines().count() - 1).isGreaterThan(13_000);
        }
    }

    @ParameterizedTest(name = "now {0}")
    @ValueSource(strings = {
        "2024-03-12T06:00:00Z",   // the week of the US spring-forward (10 March)
        "2024-11-04T12:00:00Z",   // the week of the US fall-back (3 November)
        "2024-10-28T00:30:00Z",   // Europe falls back on 27 October, Lord Howe moves by half an hour in April
        "2024-04-08T12:00:00Z"})
    void generatedDstWeeksAreByteIdentical(String now) {
        Instant at = Instant.parse(now);
        Path dir = tmp.resolve("dst");
        SampleDataGenerator.builder().stores(150).days(9).seed(now.hashCode()).now(at).build().generate(dir);
        try (SparkInput input = SparkInput.csvDirectory(spark, dir.toString())) {
            assertThat(text(sparkCsv(input, null, ReportOptions.DEFAULTS, 0))).isEqualTo(text(CoreReports.csv(dir)));
        }
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 7, 64})
    void anyNumberOfPartitionsGivesTheSameBytes(int partitions) {
        Path dir = tmp.resolve("parts");
        SampleDataGenerator.builder().stores(120).days(8).seed(11).now(Instant.parse("2024-03-31T10:00:00Z"))
                .build().generate(dir);
        try (SparkInput input = SparkInput.csvDirectory(spark, dir.toString())) {
            assertThat(text(sparkCsv(input, null, ReportOptions.DEFAULTS, partitions)))
                    .isEqualTo(text(CoreReports.csv(dir)));
        }
    }

    @ParameterizedTest(name = "{0}, lookback {1}, now {2}")
    @CsvSource({
        "CARRY_FORWARD, PT24H, 2024-10-14T12:00:00Z",
        "NEAREST_POLL, PT0S, 2024-10-13T08:30:00.123456Z",
        "CARRY_FORWARD, P3D, 2024-10-20T00:00:00Z"})
    void optionsAndAnExplicitNowGiveTheCoreBytes(Extrapolation extrapolation, Duration lookback, Instant now) {
        ReportOptions options = new ReportOptions(lookback, extrapolation);
        try (SparkInput input = SparkInput.csvDirectory(spark, BUNDLED.toString())) {
            assertThat(text(sparkCsv(input, now, options, 3)))
                    .isEqualTo(text(CoreReports.csv(InputFiles.inDirectory(BUNDLED), now, options)));
        }
    }

    @ParameterizedTest(name = "now {0}")
    @ValueSource(strings = {"2024-03-12T06:00:00Z", "2024-11-04T12:00:00Z", "2024-04-08T12:00:00Z"})
    void windowsAndClosuresAcrossDstChangesAreByteIdentical(String now) throws IOException {
        Instant at = Instant.parse(now);
        Path dir = tmp.resolve("windows");
        SampleDataGenerator.builder().stores(90).days(40).seed(now.hashCode()).now(at).build().generate(dir);
        String first = Files.readAllLines(dir.resolve("timezones.csv")).get(1).split(",")[0];
        String day = at.toString().substring(0, 10);
        String before = at.minus(Duration.ofDays(3)).toString().substring(0, 10);
        Files.writeString(dir.resolve("closures.csv"), "store_id,start_local,end_local,reason\n"
                + "*," + before + "," + day + " 01:30,fleet\n"
                + first + "," + before + " 12:00," + day + ",own\n"
                + first + "," + before + " 12:00," + day + ",again\n"
                + "*,2024-03-10 01:00,2024-03-10 03:00,in the gap\n");
        ReportRequest request = ReportRequest.parse(null, null, null, List.of("30d", "6h", "month", "previous-month",
                before + "/" + day, "2024-03-09T10:00:00Z/2024-03-11T10:00:00Z"));
        byte[] expected = CoreReports.csv(InputFiles.inDirectory(dir), request);
        for (int partitions : new int[] {1, 5}) {
            try (SparkInput input = SparkInput.csvDirectory(spark, dir.toString())) {
                assertThat(input.closures()).hasSize(3);
                SparkReport report = SparkUptime.builder().partitions(partitions).build().report(input, request);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                report.writeCsv(bytes);
                assertThat(text(bytes.toByteArray())).isEqualTo(text(expected));
                assertThat(report.rows().columns()).containsExactlyElementsOf(
                        org.storeuptime.core.csv.ReportCsv.columns(request.windows()));
            }
        }
        // the classic report honours the closures too
        try (SparkInput input = SparkInput.csvDirectory(spark, dir.toString())) {
            assertThat(text(sparkCsv(input, null, ReportOptions.DEFAULTS, 3))).isEqualTo(text(CoreReports.csv(dir)));
        }
    }

    @Test
    void storesWithoutPollsInTheRangeStillGetTheirRow() throws IOException {
        Path dir = tmp.resolve("sparse");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("store_status.csv"), """
                store_id,status,timestamp_utc
                polled,active,2024-10-14 10:00:00 UTC
                polled,inactive,2024-10-14 11:00:00 UTC
                old-polls-only,active,2024-09-01 10:00:00 UTC
                """);
        Files.writeString(dir.resolve("menu_hours.csv"), """
                store_id,dayOfWeek,start_time_local,end_time_local
                hours-only,0,09:00:00,17:00:00
                polled,0,00:00:00,23:59:59
                """);
        Files.writeString(dir.resolve("timezones.csv"), """
                store_id,timezone_str
                zone-only,Asia/Kathmandu
                polled,UTC
                """);
        try (SparkInput input = SparkInput.csvDirectory(spark, dir.toString())) {
            String csv = text(sparkCsv(input, null, ReportOptions.DEFAULTS, 2));
            assertThat(csv).isEqualTo(text(CoreReports.csv(dir)));
            assertThat(csv.lines().skip(1).map(line -> line.substring(0, line.indexOf(','))))
                    .containsExactly("hours-only", "old-polls-only", "polled", "zone-only");
            assertThat(csv).contains("hours-only,0.00,0.00,0.00,0.00,0.00,0.00\n");
        }
    }

    @Test
    void badRowsAreRejectedAndCountedAsTheCoreDoes() throws IOException {
        Path dir = tmp.resolve("bad");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("store_status.csv"), """
                store_id,status,timestamp_utc
                s1,active,2024-10-14 10:00:00 UTC
                s1,sleeping,2024-10-14 10:30:00 UTC
                s1,active,2024-13-14 10:00:00 UTC
                ,active,2024-10-14 10:00:00 UTC
                s2,active

                s2, Inactive ,2024-10-14 11:00:00.5 UTC
                s2,active,2024-10-14 11:00:00.5 UTC
                """);
        Files.writeString(dir.resolve("menu_hours.csv"), """
                store_id,day,start_time_local,end_time_local
                s1,7,09:00:00,17:00:00
                s1,1,25:00:00,17:00:00
                s1,0,09:00,24:00
                """);
        Files.writeString(dir.resolve("timezones.csv"), """
                store_id,timezone_str
                s1,GMT+3
                s1,Europe/Berlin
                s2,America/New_York
                """);
        LoadedInput core = InputLoader.load(InputFiles.inDirectory(dir), LoadOptions.LENIENT);
        try (SparkInput input = SparkInput.csvDirectory(spark, dir.toString())) {
            assertThat(input.rejectedCount()).isEqualTo(core.rejectedCount()).isEqualTo(7);
            assertThat(input.rejectedRows()).containsExactlyElementsOf(core.rejectedRows());
            assertThat(input.readCounts()).extracting(c -> c.file() + ":" + c.read() + ":" + c.rejected())
                    .containsExactlyElementsOf(core.summaries().stream()
                            .map(s -> s.file() + ":" + s.read() + ":" + s.rejected()).toList());
            assertThat(text(sparkCsv(input, null, ReportOptions.DEFAULTS, 2))).isEqualTo(text(CoreReports.csv(dir)));
            assertThatThrownBy(input::requireNoRejectedRows).isInstanceOf(RejectedRowsException.class);
        }
    }

    @Test
    void aFileThatCannotBeReadFailsWithTheCoreMessage() throws IOException {
        Path dir = tmp.resolve("broken");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("store_status.csv"), "store_id,state,timestamp_utc\n");
        Files.writeString(dir.resolve("menu_hours.csv"), "store_id,dayOfWeek,start_time_local,end_time_local\n");
        assertThatThrownBy(() -> SparkInput.csvDirectory(spark, dir.toString()))
                .isInstanceOf(SparkInputException.class)
                .hasMessageStartingWith("store_status.csv:1: wrong header 'store_id,state,timestamp_utc'");
        Files.writeString(dir.resolve("store_status.csv"), "store_id,status,timestamp_utc\n");
        assertThatThrownBy(() -> SparkInput.csvDirectory(spark, dir.toString()))
                .isInstanceOf(SparkInputException.class)
                .hasMessageStartingWith("timezones.csv: no such file: ");
    }

    @Test
    void parquetWrittenFromTheCsvGivesTheSameReport() {
        String parquet = tmp.resolve("parquet").toString();
        try (SparkInput csv = SparkInput.csvDirectory(spark, BUNDLED.toString())) {
            csv.writeParquet(parquet);
        }
        SparkInput input = SparkInput.parquet(spark, parquet);
        assertThat(text(sparkCsv(input, null, ReportOptions.DEFAULTS, 5))).isEqualTo(text(CoreReports.csv(BUNDLED)));
        assertThat(spark.read().parquet(parquet + "/store_status").schema().fieldNames())
                .containsExactly("store_id", "status", "timestamp_utc");
    }

    @Test
    void reportRowsCarryTheCsvFiguresAndWriteAsParquet() {
        try (SparkInput input = SparkInput.csvDirectory(spark, BUNDLED.toString())) {
            SparkReport report = SparkUptime.builder().partitions(3).build().report(input);
            assertThat(report.now()).isEqualTo(Instant.parse("2024-10-14T23:55:12.031291Z"));
            String out = tmp.resolve("rows").toString();
            report.writeParquet(out);
            Dataset<Row> back = spark.read().parquet(out);
            assertThat(back.schema().fieldNames()).containsExactly("store_id", "uptime_last_hour", "uptime_last_day",
                    "uptime_last_week", "downtime_last_hour", "downtime_last_day", "downtime_last_week");
            assertThat(back.count()).isEqualTo(40);
            List<String> fromParquet = back.orderBy("store_id").collectAsList().stream()
                    .map(r -> r.getString(0) + "," + r.getDecimal(1).toPlainString() + "," + r.getDecimal(6).toPlainString())
                    .toList();
            List<String> fromCsv = text(CoreReports.csv(BUNDLED)).lines().skip(1).map(line -> {
                String[] f = line.split(",");
                return f[0] + "," + f[1] + "," + f[6];
            }).toList();
            assertThat(fromParquet).isEqualTo(fromCsv);
        }
    }

    @Test
    void ownDatasetsWithAValueTheRulesRejectFailNamingStoreAndValue() {
        StructType pollsSchema = new StructType().add("store_id", DataTypes.StringType)
                .add("status", DataTypes.StringType).add("timestamp_utc", DataTypes.LongType);
        Dataset<Row> polls = spark.createDataFrame(List.of(
                RowFactory.create("a", "active", 1_728_900_000_000_000L),
                RowFactory.create("b", "on", 1_728_900_000_000_000L)), pollsSchema);
        StructType hoursSchema = new StructType().add("store_id", DataTypes.StringType)
                .add("dayOfWeek", DataTypes.IntegerType).add("start_time_local", DataTypes.StringType)
                .add("end_time_local", DataTypes.StringType);
        Dataset<Row> hours = spark.createDataFrame(List.of(RowFactory.create("a", 1, "9:00", "24:00")), hoursSchema);
        StructType zonesSchema = new StructType().add("store_id", DataTypes.StringType)
                .add("timezone_str", DataTypes.StringType);
        Dataset<Row> zones = spark.createDataFrame(List.of(RowFactory.create("a", "Mars/Olympus")), zonesSchema);

        SparkUptime uptime = SparkUptime.builder().partitions(2).build();
        Instant now = Instant.parse("2024-10-14T12:00:00Z");
        assertThatThrownBy(() -> sparkCsv(SparkInput.of(polls, hours, zones), now, ReportOptions.DEFAULTS, 2))
                .satisfies(e -> assertThat(Failures.message(e))
                        .isEqualTo("polls: store b: status: unknown status 'on' (expected active or inactive)"));
        Dataset<Row> goodPolls = polls.filter("status = 'active'");
        assertThatThrownBy(() -> uptime.report(SparkInput.of(goodPolls, hours, zones), now).rows().collectAsList())
                .satisfies(e -> assertThat(Failures.message(e)).isEqualTo("timezones: store a: timezone_str: "
                        + "unknown time zone id 'Mars/Olympus' (expected an IANA id like America/Chicago)"));
        assertThatThrownBy(() -> SparkInput.of(goodPolls.drop("status"), hours, zones))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("polls: no column status");
    }
}
