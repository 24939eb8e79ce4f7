package org.storeuptime.core.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.storeuptime.core.csv.InputFileException;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.core.csv.LoadedInput;
import org.storeuptime.core.csv.ReadCounts;
import org.storeuptime.core.csv.RejectedRow;
import org.storeuptime.core.csv.RejectedRowsException;

/**
 * The limits every row must keep (store ids, field sizes, the timestamp range), gzip input, and the line of
 * bytes that are not UTF-8. The importer reads through the same readers; {@code JdbcImporterTest} checks
 * the same rows through a real import.
 */
class InputLimitsTest {

    private static final String STATUS_HEADER = "store_id,status,timestamp_utc\n";

    @TempDir
    Path dir;

    private final List<RejectedRow> rejected = new ArrayList<>();
    private final List<String> accepted = new ArrayList<>();

    private ReadCounts status(String rows) {
        return InputCsv.readStatus(new StringReader(STATUS_HEADER + rows), "store_status.csv",
                (line, id, micros, active) -> accepted.add(line + "|" + id + "|" + micros), rejected::add);
    }

    // timestamps: the documented forms in the years 1 to 9999 only

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0001-01-01 00:00:00 UTC       | 0001-01-01T00:00:00Z
            0001-01-01T00:00:00Z          | 0001-01-01T00:00:00Z
            9999-12-31 23:59:59.999999 UTC| 9999-12-31T23:59:59.999999Z
            9999-12-31T23:59:59.999999999Z| 9999-12-31T23:59:59.999999Z
            9999-12-31T23:59:59+00:00     | 9999-12-31T23:59:59Z
            """)
    void timestampsAtTheEdgesOfTheRangeAreAccepted(String text, Instant expected) {
        status("s1,active," + text + "\n");
        assertThat(rejected).isEmpty();
        assertThat(accepted).containsExactly("2|s1|" + (expected.getEpochSecond() * 1_000_000L + expected.getNano() / 1_000));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+10000-01-01T00:00:00Z", "10000-01-01 00:00:00 UTC", "+2023-01-22T12:00:00Z",
            "-0001-01-01T00:00:00Z", "-4714-11-24T00:00:00Z", "-4713-01-01 00:00:00 UTC", "99999-01-01T00:00:00Z",
            "023-01-22 12:09:39 UTC", "2023-1-22 12:09:39 UTC"})
    void timestampsInOtherFormsAreRejected(String text) {
        status("s1,active," + text + "\n");
        assertThat(accepted).isEmpty();
        assertThat(rejected).containsExactly(new RejectedRow("store_status.csv", 2, "timestamp_utc",
                "cannot parse '" + text + "' (" + CsvTimestamps.EXPECTED_TIMESTAMP + ")"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0000-12-31 23:59:59.999999 UTC", "0000-01-01T00:00:00Z", "0001-01-01T00:30:00+01:00",
            "9999-12-31T23:00:00-05:00"})
    void timestampsOutsideTheYearsOneTo9999AreRejected(String text) {
        status("s1,active," + text + "\n");
        assertThat(accepted).isEmpty();
        assertThat(rejected).containsExactly(new RejectedRow("store_status.csv", 2, "timestamp_utc",
                "'" + text + "' is outside the years 1 to 9999 (UTC)"));
    }

    @Test
    void strictLoadingFailsOnATimestampBeyondTheRangeAndLenientLoadingSkipsIt() throws IOException {
        Files.writeString(dir.resolve("store_status.csv"), STATUS_HEADER
                + "s1,active,2023-01-22 12:00:00 UTC\ns1,inactive,+10000-01-01T00:00:00Z\ns1,inactive,0000-01-01T00:00:00Z\n");
        Files.writeString(dir.resolve("menu_hours.csv"), "store_id,dayOfWeek,start_time_local,end_time_local\n");
        Files.writeString(dir.resolve("timezones.csv"), "store_id,timezone_str\n");
        InputFiles files = InputFiles.inDirectory(dir);

        assertThatThrownBy(() -> InputLoader.load(files, LoadOptions.STRICT))
                .isInstanceOf(RejectedRowsException.class)
                .hasMessageContaining("store_status.csv:3: timestamp_utc: cannot parse '+10000-01-01T00:00:00Z'")
                .hasMessageContaining("store_status.csv:4: timestamp_utc: '0000-01-01T00:00:00Z' is outside the years 1 to 9999");
        LoadedInput lenient = InputLoader.load(files, LoadOptions.LENIENT);
        assertThat(lenient.rejectedCount()).isEqualTo(2);
        assertThat(lenient.data().latestPollTime()).contains(Instant.parse("2023-01-22T12:00:00Z"));
    }

    // store ids and field sizes

    @Test
    void storeIdsUpTo255BytesOfUtf8AreAccepted() {
        String ascii = "a".repeat(255);
        String threeByte = "€".repeat(85);
        String fourByte = "🏪".repeat(63) + "abc";
        status(ascii + ",active,2023-01-22 12:00:00 UTC\n" + threeByte + ",active,2023-01-22 12:00:00 UTC\n"
                + fourByte + ",active,2023-01-22 12:00:00 UTC\n");
        assertThat(rejected).isEmpty();
        assertThat(accepted).extracting(s -> s.split("\\|")[1]).containsExactly(ascii, threeByte, fourByte);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            256 ASCII bytes        | a   | 256 | 256
            86 three-byte chars    | €   | 86  | 258
            64 four-byte chars     | 🏪  | 64  | 256
            """)
    void storeIdsOver255BytesAreRejected(String kind, String unit, int repeat, int bytes) {
        String id = unit.repeat(repeat);
        status(id + ",active,2023-01-22 12:00:00 UTC\n");
        assertThat(accepted).isEmpty();
        assertThat(rejected).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo(2);
            assertThat(row.field()).isEqualTo("store_id");
            assertThat(row.reason()).startsWith("store id of " + bytes + " bytes (UTF-8) is longer than the limit of 255 bytes: '");
        });
    }

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({"0000, 2", "0009, 2", "000A, 2", "001B, 3", "007F, 2", "0085, 2", "009F, 4"})
    void storeIdsWithControlCharactersAreRejected(String hex, int at) {
        char c = (char) Integer.parseInt(hex, 16);
        String id = at == 2 ? "s" + c + "1" : at == 3 ? "s1" + c + "x" : "s1x" + c + "y";
        // quoted, so that a line break stays inside the field
        status("\"" + id + "\",active,2023-01-22 12:00:00 UTC\ngood,active,2023-01-22 12:00:00 UTC\n");
        assertThat(rejected).containsExactly(new RejectedRow("store_status.csv", 2, "store_id",
                "store id contains the control character U+" + hex + " at character " + at));
        assertThat(accepted).singleElement().asString().contains("|good|");
    }

    @Test
    void everyFileChecksItsStoreIds() {
        InputCsv.readHours(new StringReader("store_id,day,start_time_local,end_time_local\n\"a\u0000b\",1,09:00,17:00\n"),
                "menu_hours.csv", (line, id, period) -> accepted.add(id), rejected::add);
        InputCsv.readTimeZones(new StringReader("store_id,timezone_str\n" + "x".repeat(300) + ",Asia/Beirut\n"),
                "timezones.csv", (line, id, zone) -> accepted.add(id), rejected::add);
        assertThat(accepted).isEmpty();
        assertThat(rejected).extracting(RejectedRow::message).satisfiesExactly(
                m -> assertThat(m).isEqualTo("menu_hours.csv:2: store_id: store id contains the control character U+0000 at character 2"),
                m -> assertThat(m).startsWith("timezones.csv:2: store_id: store id of 300 bytes (UTF-8) is longer than"));
    }

    @Test
    void aLoneSurrogateIsRejected() {
        // Only reachable through the Reader API: in a file, an encoded surrogate is not UTF-8 (see below).
        status("a\uD800b,active,2023-01-22 12:00:00 UTC\nc\uDC00,active,2023-01-22 12:00:00 UTC\n");
        assertThat(accepted).isEmpty();
        assertThat(rejected).extracting(RejectedRow::reason).containsExactly(
                "store id contains the unpaired surrogate U+D800 at character 2, which has no UTF-8 form",
                "store id contains the unpaired surrogate U+DC00 at character 2, which has no UTF-8 form");
    }

    @Test
    void fieldsOverTheSizeCapAreRejectedWithoutParsing() {
        String huge = "7".repeat(1 << 20);
        status("s1,active," + huge + "\n" + huge + ",active,2023-01-22 12:00:00 UTC\ns2," + "x".repeat(1001)
                + ",2023-01-22 12:00:00 UTC\ns3,active," + " ".repeat(970) + "2023-01-22 12:00:00 UTC\n");
        assertThat(rejected).extracting(RejectedRow::line, RejectedRow::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, "timestamp_utc"),
                org.assertj.core.groups.Tuple.tuple(3L, "store_id"),
                org.assertj.core.groups.Tuple.tuple(4L, "status"));
        assertThat(rejected.get(0).reason()).isEqualTo("value of 1048576 characters is longer than the limit of 1000"
                + " (starts '" + "7".repeat(60) + "...')");
        assertThat(accepted).singleElement().asString().startsWith("5|s3|");
    }

    // bytes that are not UTF-8 are reported on their own line

    @ParameterizedTest(name = "line {0}")
    @ValueSource(ints = {2, 101, 50_001})
    void bytesThatAreNotUtf8AreReportedOnTheirLine(int badLine) throws IOException {
        Path file = dir.resolve("store_status.csv");
        Files.write(file, statusWithBadBytesOn(badLine, new byte[] {(byte) 0xc3, '('}));
        assertThatThrownBy(() -> InputCsv.readStatus(file, (l, s, m, a) -> { }, rejected::add))
                .isInstanceOf(InputFileException.class)
                .hasMessage("store_status.csv:" + badLine + ": not UTF-8 text (invalid bytes 0xC3)");
    }

    @Test
    void anEncodedSurrogateIsNotUtf8() throws IOException {
        Path file = dir.resolve("store_status.csv.gz");
        // U+D800 encoded as if it were a character: ED A0 80 (CESU-8), on line 101 of a gzip file
        writeGzip(file, statusWithBadBytesOn(101, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}));
        assertThatThrownBy(() -> InputCsv.readStatus(file, (l, s, m, a) -> { }, rejected::add))
                .isInstanceOf(InputFileException.class)
                .hasMessage("store_status.csv.gz:101: not UTF-8 text (invalid bytes 0xED 0xA0 0x80)");
    }

    @Test
    void aTruncatedCharacterAtTheEndIsNotUtf8() throws IOException {
        Path file = dir.resolve("timezones.csv");
        Files.write(file, "store_id,timezone_str\ns1,Asia/Beirut\r\ns2,Asia/Beirut\r\n\u00e9".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> InputCsv.readTimeZones(file, (l, s, z) -> { }, rejected::add))
                .isInstanceOf(InputFileException.class)
                .hasMessage("timezones.csv:4: not UTF-8 text (invalid bytes 0xC3)");
    }

    private static byte[] statusWithBadBytesOn(int badLine, byte[] bad) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(STATUS_HEADER.getBytes(StandardCharsets.UTF_8));
        for (int line = 2; line < badLine; line++) {
            // multi-byte characters before the bad line, so that a count of bytes or characters would be off
            out.write(("störe-€-" + line + ",active,2023-01-22 12:00:00 UTC\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write("bad".getBytes(StandardCharsets.UTF_8));
        out.write(bad);
        out.write(",active,2023-01-22 12:00:00 UTC\n".getBytes(StandardCharsets.UTF_8));
        for (int line = 0; line < 1000; line++) {
            out.write(("after-" + line + ",active,2023-01-22 12:00:00 UTC\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    // gzip-compressed files

    @Test
    void gzipFilesAreReadByContentWhateverTheirName() throws IOException {
        String csv = STATUS_HEADER + "s1,active,2023-01-22 12:00:00 UTC\ns2,inactive,2023-01-22 13:00:00 UTC\n";
        Path gz = writeGzip(dir.resolve("store_status.csv.gz"), csv.getBytes(StandardCharsets.UTF_8));
        Path misnamed = Files.copy(gz, dir.resolve("store status.csv"));
        Path plain = Files.writeString(dir.resolve("plain.csv.gz"), csv); // named .gz, but plain text

        for (Path file : List.of(gz, misnamed, plain)) {
            accepted.clear();
            ReadCounts counts = InputCsv.readStatus(file, (line, id, micros, active) -> accepted.add(line + "|" + id),
                    rejected::add);
            assertThat(counts).isEqualTo(new ReadCounts(file.getFileName().toString(), 2, 0));
            assertThat(accepted).containsExactly("2|s1", "3|s2");
        }
        assertThat(rejected).isEmpty();
    }

    @Test
    void aDataFolderMayHoldGzipFilesAndPrefersPlainOnes() throws IOException {
        writeGzip(dir.resolve("store_status.csv.gz"), new byte[0]);
        writeGzip(dir.resolve("menu_hours.csv.gz"), new byte[0]);
        Files.writeString(dir.resolve("menu_hours.csv"), "");
        InputFiles files = InputFiles.inDirectory(dir);
        assertThat(files.status()).isEqualTo(dir.resolve("store_status.csv.gz"));
        assertThat(files.hours()).isEqualTo(dir.resolve("menu_hours.csv"));
        assertThat(files.timezones()).isEqualTo(dir.resolve("timezones.csv")); // neither: the plain name fails
        assertThatThrownBy(() -> InputCsv.readTimeZones(files.timezones(), (l, s, z) -> { }, rejected::add))
                .hasMessageStartingWith("timezones.csv: no such file: ");
    }

    @Test
    void aTruncatedGzipFileFailsNamingTheFile() throws IOException {
        StringBuilder csv = new StringBuilder(STATUS_HEADER);
        for (int i = 0; i < 20_000; i++) {
            csv.append("store-").append(i).append(",active,2023-01-22 12:00:00 UTC\n");
        }
        Path gz = writeGzip(dir.resolve("store_status.csv.gz"), csv.toString().getBytes(StandardCharsets.UTF_8));
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> InputCsv.readStatus(gz, (l, s, m, a) -> { }, rejected::add))
                .isInstanceOf(InputFileException.class)
                .hasMessageMatching("store_status\\.csv\\.gz:\\d+: cannot read the CSV: .*");
    }

    private static Path writeGzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }
}
