package org.storeuptime.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportWindow;
import org.storeuptime.core.StoreUptime;
import org.storeuptime.core.StoreWindowUptime;
import org.storeuptime.core.TimeInterval;
import org.storeuptime.core.UptimeReport;
import org.storeuptime.core.WindowUptime;

class ReportCsvTest {

    private static final String HEADER = "store_id,uptime_last_hour,uptime_last_day,uptime_last_week,"
            + "downtime_last_hour,downtime_last_day,downtime_last_week\n";

    @ParameterizedTest(name = "{0} micros = {1} min")
    @CsvSource({
            "0, 0.00",
            "3600000000, 60.00",
            "60000000, 1.00",
            "300000, 0.01",          // 0.005 min exactly: half-up
            "299999, 0.00",          // just below .005
            "29700000, 0.50",        // 0.495 min: half-up
            "29699999, 0.49",
            "1, 0.00",
            "59999999, 1.00",
            "2040000000, 34.00"})
    void minutesRoundHalfUpToTwoDecimals(long micros, String expected) {
        assertThat(ReportRow.minutes(Duration.ofNanos(micros * 1000)).toPlainString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} micros = {1} h")
    @CsvSource({
            "0, 0.00",
            "18000000, 0.01",        // 0.005 h = 18 s: half-up
            "17999999, 0.00",
            "6270000000, 1.74",      // the worked example: 1 h 44 min 30 s = 1.7416 h
            "4530000000, 1.26",      // 1 h 15 min 30 s = 1.2583 h
            "604800000000, 168.00",
            "86400000000, 24.00"})
    void hoursRoundHalfUpToTwoDecimals(long micros, String expected) {
        assertThat(ReportRow.hours(Duration.ofNanos(micros * 1000)).toPlainString()).isEqualTo(expected);
    }

    /** The rounding by long arithmetic against the plain BigDecimal division it stands in for. */
    @Test
    void roundingEqualsBigDecimalDivisionForAnyDuration() {
        java.util.Random random = new java.util.Random(7);
        List<Duration> durations = new java.util.ArrayList<>(List.of(Duration.ZERO, Duration.ofNanos(1),
                Duration.ofNanos(-1), Duration.ofMillis(300), Duration.ofMillis(-300), Duration.ofSeconds(18),
                Duration.ofSeconds(-18), Duration.ofNanos(17_999_999_999L), Duration.ofDays(7),
                Duration.ofSeconds(8_999_999_999L, 999_999_999), Duration.ofSeconds(-8_999_999_999L),
                Duration.ofSeconds(9_000_000_000L), Duration.ofSeconds(-9_000_000_001L, 5),
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofSeconds(Long.MIN_VALUE)));
        for (int i = 0; i < 20_000; i++) {
            // ties (multiples of 0.3 s and 18 s, half a hundredth of a minute and of an hour) and any nanosecond
            long base = random.nextInt(3) == 0 ? random.nextInt(2_000_000) * 300_000_000L : random.nextLong() >> 20;
            durations.add(Duration.ofNanos(random.nextBoolean() ? base : -base));
        }
        for (Duration d : durations) {
            BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
            assertThat(ReportRow.minutes(d)).as("minutes of %s", d)
                    .isEqualTo(seconds.divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP));
            assertThat(ReportRow.hours(d)).as("hours of %s", d)
                    .isEqualTo(seconds.divide(BigDecimal.valueOf(3600), 2, java.math.RoundingMode.HALF_UP));
        }
    }

    /** Rows written in one append must be what commons-csv's printer writes for them, for any id. */
    @Test
    void rowsWrittenDirectlyAreWhatThePrinterWrites() throws java.io.IOException {
        List<String> ids = List.of("a", "Z9", "0", "9-", "a_b", "4f1c-9e2a_x", "-a", "_a", "#a", "a b", " a", "a ",
                "a,b", "a\"b", "a\nb", "a\rb", "é", "a.b", "!", "~", "", "a\tb", "a;b", "'a", "=1+2");
        for (String id : ids) {
            List<ReportRow> rows = List.of(new ReportRow(id, new BigDecimal("1.25"), BigDecimal.ZERO.setScale(2),
                    new BigDecimal("168.00"), new BigDecimal("0.05"), new BigDecimal("-1.50"),
                    new BigDecimal("12.34")), new ReportRow(id + "x", new BigDecimal("1.25"),
                    BigDecimal.ZERO.setScale(2), new BigDecimal("168.00"), new BigDecimal("0.05"),
                    new BigDecimal("23.99"), new BigDecimal("12.34")));
            StringWriter expected = new StringWriter();
            org.apache.commons.csv.CSVPrinter printer = new org.apache.commons.csv.CSVPrinter(expected,
                    org.apache.commons.csv.CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
            printer.printRecord(ReportCsv.COLUMNS);
            for (ReportRow row : rows) {
                List<Object> values = new java.util.ArrayList<>(List.of(row.storeId()));
                row.figures().forEach(f -> values.add(f.toPlainString()));
                printer.printRecord(values);
            }
            printer.flush();
            StringWriter actual = new StringWriter();
            ReportCsv.writeRows(rows, actual);
            assertThat(actual.toString()).as("id '%s'", id).isEqualTo(expected.toString());
        }
        assertThat(ReportCsv.needsNoQuotes("4f1c-9e2a_x")).isTrue();
        assertThat(ReportCsv.needsNoQuotes("-a")).isFalse();
    }

    /** Durations written from their hundredths are what their BigDecimal rounding writes, for any duration. */
    @Test
    void durationsWriteTheSameBytesAsTheirRoundedFiguresForAnyDuration() {
        java.util.Random random = new java.util.Random(11);
        List<StoreUptime> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            Duration[] d = new Duration[6];
            for (int j = 0; j < 6; j++) {
                long nanos = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(2_000_000) * 300_000_000L; // ties in minutes and hours
                    case 1 -> random.nextInt(1000);
                    case 2 -> Math.abs(random.nextLong() >> 8);
                    default -> random.nextInt(3) * 9_000_000_000_000_000_000L / 9 * 9; // near the long's end
                };
                d[j] = Duration.ofNanos(Math.abs(nanos));
            }
            rows.add(new StoreUptime("s" + i, d[0], d[1], d[2], d[3], d[4], d[5]));
        }
        rows.add(new StoreUptime("centuries", Duration.ofDays(400 * 366), Duration.ZERO, Duration.ofSeconds(8_999_999_999L),
                Duration.ofSeconds(9_000_000_000L), Duration.ofSeconds(9_000_000_000L, 999_999_999), Duration.ZERO));
        StringWriter fromDurations = new StringWriter();
        ReportCsv.write(rows, fromDurations);
        StringWriter fromFigures = new StringWriter();
        ReportCsv.writeRows(rows.stream().map(ReportRow::of).toList(), fromFigures);
        assertThat(fromDurations.toString()).isEqualTo(fromFigures.toString());
    }

    @Test
    void writesHeaderAndRowsSortedByStoreIdInPlainStringOrderWhateverTheLocale() {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            UptimeReport report = new UptimeReport(Instant.parse("2023-01-23T18:00:00Z"), ReportOptions.DEFAULTS, List.of(
                    row("b", 3_600, 4_530, 4_530, 0, 6_270, 6_270),
                    row("B", 1, 2, 3, 4, 5, 6),
                    row("10", 0, 0, 0, 0, 0, 0),
                    row("9", 1_800, 43_200, 604_800, 1_800, 43_200, 0)));
            String csv = new String(ReportCsv.toBytes(report), StandardCharsets.UTF_8);
            assertThat(csv).isEqualTo(HEADER
                    + "10,0.00,0.00,0.00,0.00,0.00,0.00\n"
                    + "9,30.00,12.00,168.00,30.00,12.00,0.00\n"
                    + "B,0.02,0.00,0.00,0.07,0.00,0.00\n"
                    + "b,60.00,1.26,1.26,0.00,1.74,1.74\n");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void quotesStoreIdsPerRfc4180AndWritesUtf8() {
        List<StoreUptime> rows = List.of(row("a,b", 0, 0, 0, 0, 0, 0), row("say \"hi\"", 0, 0, 0, 0, 0, 0),
                row("Zürich", 0, 0, 0, 0, 0, 0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportCsv.write(new UptimeReport(Instant.EPOCH, ReportOptions.DEFAULTS, rows), out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo(HEADER
                + "Zürich,0.00,0.00,0.00,0.00,0.00,0.00\n"
                + "\"a,b\",0.00,0.00,0.00,0.00,0.00,0.00\n"
                + "\"say \"\"hi\"\"\",0.00,0.00,0.00,0.00,0.00,0.00\n");
        assertThat(ReportCsv.read(out.toByteArray())).extracting(ReportRow::storeId)
                .containsExactly("Zürich", "a,b", "say \"hi\"");
    }

    @Test
    void aReportWithWindowsHasThreeColumnsPerWindowAndQuotesIdsLikeTheClassicOne() {
        ReportWindow month = ReportWindow.parse("2024-09");
        ReportWindow days = ReportWindow.parse("30d");
        TimeInterval range = TimeInterval.of(Instant.EPOCH, Instant.EPOCH);
        java.util.function.BiFunction<Long, Long, WindowUptime> figures = (up, down) ->
                new WindowUptime(month, range, Duration.ofSeconds(up), Duration.ofSeconds(down));
        List<StoreWindowUptime> rows = List.of(
                new StoreWindowUptime("a,b", List.of(figures.apply(5_400L, 1_800L),
                        new WindowUptime(days, range, Duration.ofSeconds(18), Duration.ZERO))),
                new StoreWindowUptime("Zürich", List.of(figures.apply(0L, 0L),
                        // 2 s of 3,620 s up is 0.0552...% -> 0.06; 1 h 0 min 18 s is exactly 1.005 h -> 1.01 (half-up)
                        new WindowUptime(days, range, Duration.ofSeconds(2), Duration.ofSeconds(3_618)))));
        StringWriter out = new StringWriter();
        ReportCsv.writeWindows(List.of(month, days), rows, out);
        assertThat(out).hasToString("store_id,uptime_2024_09_hours,downtime_2024_09_hours,uptime_2024_09_percent,"
                + "uptime_30d_hours,downtime_30d_hours,uptime_30d_percent\n"
                + "Zürich,0.00,0.00,,0.00,1.01,0.06\n"
                + "\"a,b\",1.50,0.50,75.00,0.01,0.00,100.00\n");
        assertThat(ReportCsv.columns(List.of())).isEqualTo(ReportCsv.COLUMNS);
        assertThatThrownBy(() -> ReportCsv.writeWindows(List.of(days, month), rows, new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has window 2024-09 where the report has 30d");
    }

    @Test
    void anEmptyReportIsJustTheHeader() {
        StringWriter out = new StringWriter();
        ReportCsv.write(List.of(), out);
        assertThat(out).hasToString(HEADER);
    }

    @Test
    void readsBackWhatItWrote() {
        List<StoreUptime> rows = List.of(row("s1", 3_599, 4_530, 86_399, 1, 6_270, 17));
        List<ReportRow> read = ReportCsv.read(ReportCsv.toBytes(rows));
        assertThat(read).containsExactly(ReportRow.of(rows.get(0)));
        assertThat(read.get(0).figures()).containsExactly(new BigDecimal("59.98"), new BigDecimal("1.26"),
                new BigDecimal("24.00"), new BigDecimal("0.02"), new BigDecimal("1.74"), new BigDecimal("0.00"));
    }

    @Test
    void readingRejectsAWrongHeaderOrRow() {
        assertThatThrownBy(() -> ReportCsv.read("store,up\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line 1: expected the header");
        assertThatThrownBy(() -> ReportCsv.read((HEADER + "s,1,2,3,4,5,x\n").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("record 2: downtime_last_week: not a number: 'x'");
    }

    private static StoreUptime row(String id, long upHourS, long upDayS, long upWeekS, long downHourS, long downDayS,
            long downWeekS) {
        return new StoreUptime(id, Duration.ofSeconds(upHourS), Duration.ofSeconds(upDayS), Duration.ofSeconds(upWeekS),
                Duration.ofSeconds(downHourS), Duration.ofSeconds(downDayS), Duration.ofSeconds(downWeekS));
    }

    @Test
    void rowsAlreadyRoundedWriteTheSameBytesAsTheirDurations() {
        List<StoreUptime> rows = List.of(row("b", 60, 3600, 7200, 0, 1, 90061), row("a", 0, 0, 0, 0, 0, 0),
                row("\"quoted, id\"", 29, 1, 2, 3, 4, 5));
        StringWriter fromDurations = new StringWriter();
        ReportCsv.write(rows, fromDurations);
        StringWriter fromFigures = new StringWriter();
        ReportCsv.writeRows(rows.stream().map(ReportRow::of).toList(), fromFigures);
        assertThat(fromFigures.toString()).isEqualTo(fromDurations.toString()).startsWith(HEADER + "\"\"\"quoted");
    }
}
