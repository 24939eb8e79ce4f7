package org.storeuptime.core.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.csv.InputFileException;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.ReadCounts;
import org.storeuptime.core.csv.RejectedRow;

class InputCsvTest {

    private final List<RejectedRow> rejected = new ArrayList<>();
    private final List<String> accepted = new ArrayList<>();

    private ReadCounts status(String csv) {
        return InputCsv.readStatus(new StringReader(csv), "store_status.csv",
                (line, id, micros, active) -> accepted.add(line + "|" + id + "|" + micros + "|" + active), rejected::add);
    }

    private ReadCounts hours(String csv) {
        return InputCsv.readHours(new StringReader(csv), "menu_hours.csv",
                (line, id, period) -> accepted.add(line + "|" + id + "|" + period.dayIndex() + "|" + period.start() + "|"
                        + period.end()), rejected::add);
    }

    private ReadCounts zones(String csv) {
        return InputCsv.readTimeZones(new StringReader(csv), "timezones.csv",
                (line, id, zone) -> accepted.add(line + "|" + id + "|" + zone.getId()), rejected::add);
    }

    private ReadCounts closures(String csv) {
        return InputCsv.readClosures(new StringReader(csv), "closures.csv",
                (line, c) -> accepted.add(line + "|" + c.storeId() + "|" + c.start() + "|" + c.end() + "|" + c.reason()),
                rejected::add);
    }

    @Test
    void readsClosureRowsWithDatesOrDateTimesInEitherForm() {
        ReadCounts counts = closures("""
                store_id,start_local,end_local,reason
                *,2024-12-25,2024-12-26,Christmas
                 s1 ,2024-09-01 08:00,2024-09-01T12:30:15,"renovation, first floor"
                s2,2024-09-01T22:00,2024-09-02 06:00:00,
                """);
        assertThat(counts).isEqualTo(new ReadCounts("closures.csv", 3, 0));
        assertThat(accepted).containsExactly("2|*|2024-12-25T00:00|2024-12-26T00:00|Christmas",
                "3|s1|2024-09-01T08:00|2024-09-01T12:30:15|renovation, first floor",
                "4|s2|2024-09-01T22:00|2024-09-02T06:00|");
        assertThat(rejected).isEmpty();
    }

    @Test
    void rejectsClosureRowsByLineAndField() {
        ReadCounts counts = closures("""
                store_id,start_local,end_local,reason
                s1,2024-09-02,2024-09-01,backwards
                s1,2024-09-01 10:00,2024-09-01 10:00,empty
                s1,2024-13-01,2024-12-02,bad month
                s1,2024-09-01,2024-09-01 24:00,no 24:00
                s1,2024-09-01,2024-09-01 12:00:00.5,no fractions
                ,2024-09-01,2024-09-02,no store
                s1,2024-02-30,2024-03-02,no such day
                s1,2024-09-01,2024-09-02
                """);
        assertThat(counts).isEqualTo(new ReadCounts("closures.csv", 8, 8));
        assertThat(rejected).extracting(RejectedRow::line, RejectedRow::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, "end_local"),
                org.assertj.core.groups.Tuple.tuple(3L, "end_local"),
                org.assertj.core.groups.Tuple.tuple(4L, "start_local"),
                org.assertj.core.groups.Tuple.tuple(5L, "end_local"),
                org.assertj.core.groups.Tuple.tuple(6L, "end_local"),
                org.assertj.core.groups.Tuple.tuple(7L, "store_id"),
                org.assertj.core.groups.Tuple.tuple(8L, "start_local"),
                org.assertj.core.groups.Tuple.tuple(9L, null));
        assertThat(rejected.get(0).message()).isEqualTo("closures.csv:2: end_local: end '2024-09-01' is not after "
                + "start '2024-09-02' (expected a closure of some length)");
        assertThat(rejected.get(2).message()).isEqualTo("closures.csv:4: start_local: cannot parse '2024-13-01' ("
                + InputCsv.EXPECTED_LOCAL_BOUND + ")");
        assertThat(accepted).isEmpty();
    }

    @Test
    void aClosuresFileNeedsItsHeader() {
        assertThatThrownBy(() -> closures("store_id,start_local,end_local\ns1,2024-09-01,2024-09-02\n"))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("expected the columns store_id,start_local,end_local,reason (missing reason)");
    }

    @Test
    void aClosureOfOtherFormatsIsCheckedLikeARow() {
        assertThat(InputCsv.closure(" s1 ", "2024-09-01", "2024-09-01 12:00", " x ").toString())
                .isEqualTo("Closure[storeId=s1, start=2024-09-01T00:00, end=2024-09-01T12:00, reason=x]");
        assertThatThrownBy(() -> InputCsv.closure("s1", "2024-09-01", "2024-09-01", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("end_local: ");
        assertThatThrownBy(() -> InputCsv.closure("s1", "soon", "2024-09-01", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("start_local: cannot parse 'soon'");
    }

    @Test
    void readsStatusRowsWithLineNumbers() {
        ReadCounts counts = status("""
                store_id,status,timestamp_utc
                8419537941919820732,active,2023-01-22 12:09:39.388884 UTC
                 6e4bb6e1-0f1a-4b8e-9b77-1c8d0d6c1d2a ,inactive,2024-10-14T23:55:18.727055Z
                """);
        assertThat(counts).isEqualTo(new ReadCounts("store_status.csv", 2, 0));
        assertThat(accepted).containsExactly(
                "2|8419537941919820732|" + micros("2023-01-22T12:09:39.388884Z") + "|true",
                "3|6e4bb6e1-0f1a-4b8e-9b77-1c8d0d6c1d2a|" + micros("2024-10-14T23:55:18.727055Z") + "|false");
        assertThat(rejected).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong column count (too few) | s1,active                                  |               | expected 3 columns (store_id,status,timestamp_utc) but found 2
            wrong column count (too many)| s1,active,2023-01-22 12:09:39 UTC,x        |               | expected 3 columns (store_id,status,timestamp_utc) but found 4
            unknown status               | s1,open,2023-01-22 12:09:39 UTC            | status        | unknown status 'open' (expected active or inactive)
            empty status                 | s1,,2023-01-22 12:09:39 UTC                | status        | unknown status '' (expected active or inactive)
            unparseable timestamp        | s1,active,2023-13-01 12:09:39 UTC          | timestamp_utc | cannot parse '2023-13-01 12:09:39 UTC' (expected yyyy-MM-dd HH:mm:ss[.ffffff] UTC or ISO-8601 like 2024-10-14T23:55:18.727055Z)
            empty timestamp              | s1,active,                                 | timestamp_utc | cannot parse '' (expected yyyy-MM-dd HH:mm:ss[.ffffff] UTC or ISO-8601 like 2024-10-14T23:55:18.727055Z)
            empty store id               | ,active,2023-01-22 12:09:39 UTC            | store_id      | empty store id
            blank store id               | <blanks>,active,2023-01-22 12:09:39 UTC       | store_id      | empty store id
            """)
    void rejectsEveryBadStatusRowWithFileLineAndFieldWhileGoodRowsLoad(String kind, String row, String field,
            String reason) {
        ReadCounts counts = status("store_id,status,timestamp_utc\ngood,active,2023-01-22 12:09:39 UTC\n"
                + row.replace("<blanks>", "   ")
                + "\ngood,inactive,2023-01-22 13:09:39 UTC\n");
        assertThat(counts).isEqualTo(new ReadCounts("store_status.csv", 3, 1));
        assertThat(rejected).containsExactly(new RejectedRow("store_status.csv", 3, field, reason));
        assertThat(accepted).hasSize(2).allMatch(s -> s.contains("|good|"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong column count    | s1,0,09:00:00                | dayOfWeek        | | expected 4 columns (store_id,dayOfWeek,start_time_local,end_time_local) but found 3
            day outside 0-6       | s1,7,09:00:00,17:00:00       | dayOfWeek        | dayOfWeek | day 7 is outside 0 (Monday) to 6 (Sunday)
            negative day          | s1,-1,09:00:00,17:00:00      | dayOfWeek        | dayOfWeek | day -1 is outside 0 (Monday) to 6 (Sunday)
            day not a number      | s1,Mon,09:00:00,17:00:00     | dayOfWeek        | dayOfWeek | cannot parse 'Mon' (expected a day of week 0 = Monday to 6 = Sunday)
            unparseable start     | s1,0,9am,17:00:00            | dayOfWeek        | start_time_local | cannot parse '9am' (expected HH:mm:ss or HH:mm, 00:00 to 23:59:59)
            unparseable end       | s1,0,09:00:00,25:00:00       | dayOfWeek        | end_time_local | cannot parse '25:00:00' (expected HH:mm:ss or HH:mm, 00:00 to 23:59:59, or 24:00)
            empty store id        | ,0,09:00:00,17:00:00         | dayOfWeek        | store_id | empty store id
            2023 day column       | s1,9,09:00:00,17:00:00       | day              | day | day 9 is outside 0 (Monday) to 6 (Sunday)
            """)
    void rejectsEveryBadHoursRow(String kind, String row, String dayColumn, String field, String reason) {
        ReadCounts counts = hours("store_id," + dayColumn + ",start_time_local,end_time_local\n" + row
                + "\ngood,6,00:00:00,23:59:59\n");
        assertThat(counts).isEqualTo(new ReadCounts("menu_hours.csv", 2, 1));
        String expectedReason = reason.replace("store_id,dayOfWeek,", "store_id," + dayColumn + ",");
        assertThat(rejected).containsExactly(new RejectedRow("menu_hours.csv", 2, field, expectedReason));
        assertThat(accepted).containsExactly("3|good|6|00:00|23:59:59");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown zone id   | s1,Mars/Olympus_Mons     | timezone_str | unknown time zone id 'Mars/Olympus_Mons' (expected an IANA id like America/Chicago)
            empty zone id     | s1,                      | timezone_str | unknown time zone id '' (expected an IANA id like America/Chicago)
            offset, not a zone| s1,+05:00                | timezone_str | unknown time zone id '+05:00' (expected an IANA id like America/Chicago)
            prefixed offset   | s1,GMT+3                 | timezone_str | unknown time zone id 'GMT+3' (expected an IANA id like America/Chicago)
            empty store id    | ,America/Chicago         | store_id     | empty store id
            wrong column count| s1,America/Chicago,x     |              | expected 2 columns (store_id,timezone_str) but found 3
            """)
    void rejectsEveryBadTimeZoneRow(String kind, String row, String field, String reason) {
        ReadCounts counts = zones("store_id,timezone_str\n" + row + "\ngood,Asia/Kathmandu\n");
        assertThat(counts).isEqualTo(new ReadCounts("timezones.csv", 2, 1));
        assertThat(rejected).containsExactly(new RejectedRow("timezones.csv", 2, field, reason));
        assertThat(accepted).containsExactly("3|good|Asia/Kathmandu");
    }

    @Test
    void rejectedRowMessageNamesFileLineAndField() {
        status("store_id,status,timestamp_utc\n\ns1,active,2023-13-01 00:00:00 UTC\n");
        assertThat(rejected).singleElement().extracting(RejectedRow::message).isEqualTo(
                "store_status.csv:3: timestamp_utc: cannot parse '2023-13-01 00:00:00 UTC' (expected yyyy-MM-dd "
                        + "HH:mm:ss[.ffffff] UTC or ISO-8601 like 2024-10-14T23:55:18.727055Z)");
        assertThat(new RejectedRow("f.csv", 2, null, "expected 3 columns").message()).isEqualTo("f.csv:2: expected 3 columns");
    }

    @Test
    void readsBothEditionsOfTheHoursFileAndTakesColumnOrderFromTheHeader() {
        hours("store_id,day,start_time_local,end_time_local\n1481966498820158979,4,00:00:00,00:10:00\n");
        hours("store_id,dayOfWeek,start_time_local,end_time_local\nabc,0,10:00,22:30\n");
        hours("end_time_local,start_time_local,dayOfWeek,store_id\n02:00:00,18:00:00,5,night\n");
        hours("store_id,dayOfWeek,start_time_local,end_time_local\nlate,1,20:00:00,24:00\n");
        assertThat(accepted).containsExactly("2|1481966498820158979|4|00:00|00:10", "2|abc|0|10:00|22:30",
                "2|night|5|18:00|02:00", "2|late|1|20:00|23:59:59.999999999");
        assertThat(rejected).isEmpty();
    }

    @Test
    void passesOpeningPeriodsWithTheirWeekday() {
        List<OpeningPeriod> periods = new ArrayList<>();
        InputCsv.readHours(new StringReader("store_id,day,start_time_local,end_time_local\ns,6,09:00:00,09:00:00\n"),
                "h.csv", (line, id, period) -> periods.add(period), rejected::add);
        assertThat(periods).containsExactly(OpeningPeriod.of(DayOfWeek.SUNDAY, LocalTime.of(9, 0), LocalTime.of(9, 0)));
    }

    @Test
    void toleratesByteOrderMarkCrLfBlankLinesQuotingAndExtraColumns() {
        ReadCounts counts = status("\uFEFFstore_id,timestamp_utc,status,note\r\n"
                + "\r\n"
                + "\"a,b\",2023-01-22 12:09:39 UTC,active,\"multi\nline\"\r\n"
                + "c,2023-01-22 12:09:39 UTC,INACTIVE,x\r\n"
                + "d,2023-01-22 12:09:39 UTC,paused,x\r\n"
                + "\r\n");
        assertThat(counts).isEqualTo(new ReadCounts("store_status.csv", 3, 1));
        assertThat(accepted).containsExactly("3|a,b|" + micros("2023-01-22T12:09:39Z") + "|true",
                "5|c|" + micros("2023-01-22T12:09:39Z") + "|false");
        assertThat(rejected).containsExactly(new RejectedRow("store_status.csv", 6, "status",
                "unknown status 'paused' (expected active or inactive)"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no header at all        | 's1,active,2023-01-22 12:09:39 UTC'     | store_status.csv:1: wrong header 's1,active,2023-01-22 12:09:39 UTC': expected the columns store_id,status,timestamp_utc (missing store_id, status, timestamp_utc)
            a column missing        | 'store_id,status'                       | store_status.csv:1: wrong header 'store_id,status': expected the columns store_id,status,timestamp_utc (missing timestamp_utc)
            the zones file instead  | 'store_id,timezone_str'                 | store_status.csv:1: wrong header 'store_id,timezone_str': expected the columns store_id,status,timestamp_utc (missing status, timestamp_utc)
            a column twice          | 'store_id,status,status,timestamp_utc'  | store_status.csv:1: the header names column status twice; expected the columns store_id,status,timestamp_utc
            empty file              | ''                                      | store_status.csv: the file is empty; expected a header with the columns store_id,status,timestamp_utc
            """)
    void headerErrorsNameTheExpectedColumns(String kind, String header, String message) {
        assertThatThrownBy(() -> status(header.isEmpty() ? "" : header + "\n"))
                .isInstanceOf(InputFileException.class)
                .hasMessage(message);
    }

    @Test
    void hoursHeaderErrorNamesBothDayColumns() {
        assertThatThrownBy(() -> hours("store_id,weekday,start_time_local,end_time_local\n"))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("expected the columns store_id,dayOfWeek (or day),start_time_local,end_time_local")
                .hasMessageContaining("missing dayOfWeek");
    }

    @Test
    void brokenQuotingFailsTheFileNamingTheLine() {
        assertThatThrownBy(() -> status("store_id,status,timestamp_utc\ns1,active,2023-01-22 12:09:39 UTC\n"
                + "\"s2,active,2023-01-22 12:09:39 UTC\n"))
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("store_status.csv:3: cannot read the CSV");
    }

    @Test
    void missingFileIsAnInputFileError(@TempDir Path dir) {
        assertThatThrownBy(() -> InputCsv.readTimeZones(dir.resolve("nope.csv"), (l, s, z) -> { }, rejected::add))
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("nope.csv: no such file: ");
    }

    @Test
    void fileThatIsNotUtf8IsAnInputFileError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("timezones.csv");
        Files.write(file, new byte[] {'s', 't', 'o', 'r', 'e', '_', 'i', 'd', ',', 't', 'z', '\n', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> InputCsv.readTimeZones(file, (l, s, z) -> { }, rejected::add))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void readsFilesFromDisk(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bq-results-20230125-202210-1674678181880.csv");
        Files.writeString(file, "store_id,timezone_str\n8139926242460185114,Asia/Beirut\n", StandardCharsets.UTF_8);
        List<ZoneId> zones = new ArrayList<>();
        ReadCounts counts = InputCsv.readTimeZones(file, (l, s, z) -> zones.add(z), rejected::add);
        assertThat(counts).isEqualTo(new ReadCounts("bq-results-20230125-202210-1674678181880.csv", 1, 0));
        assertThat(zones).containsExactly(ZoneId.of("Asia/Beirut"));
    }

    @Test
    void inDirectoryUsesThe2024Names() {
        InputFiles files = InputFiles.inDirectory(Path.of("data"));
        assertThat(files.status()).isEqualTo(Path.of("data", "store_status.csv"));
        assertThat(files.hours()).isEqualTo(Path.of("data", "menu_hours.csv"));
        assertThat(files.timezones()).isEqualTo(Path.of("data", "timezones.csv"));
    }

    private static long micros(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    @Test
    void openingPeriodChecksValuesAsTheHoursReaderDoes() {
        assertThat(InputCsv.openingPeriod(0, "9:30", "24:00"))
                .isEqualTo(OpeningPeriod.of(DayOfWeek.MONDAY, LocalTime.of(9, 30), LocalTime.MAX));
        assertThatThrownBy(() -> InputCsv.openingPeriod(7, "09:00", "10:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("day 7 is outside");
        assertThatThrownBy(() -> InputCsv.openingPeriod(1, "24:00", "10:00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start_time_local: cannot parse '24:00'");
        assertThatThrownBy(() -> InputCsv.openingPeriod(1, "09:00", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end_time_local: cannot parse 'null'");
    }

    @Test
    void timeZoneTakesOnlyIanaIds() {
        assertThat(InputCsv.timeZone(" Asia/Kathmandu ")).isEqualTo(ZoneId.of("Asia/Kathmandu"));
        assertThatThrownBy(() -> InputCsv.timeZone("GMT+3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown time zone id 'GMT+3'");
    }
}
