package org.storeuptime.core.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.storeuptime.core.Closure;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.PollStatus;
import org.storeuptime.core.StorePoll;

class LiveInputTest {

    /** The server's clock: fixed, so "ahead" is exact. */
    private static final Instant NOW = Instant.parse("2024-10-14T20:45:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final String POLLS_HEADER = "store_id,status,timestamp_utc\n";
    private static final String HOURS_HEADER = "store_id,dayOfWeek,start_time_local,end_time_local\n";
    private static final String CLOSURES_HEADER = "store_id,start_local,end_local,reason\n";

    @TempDir
    Path dir;

    private final List<StorePoll> polls = new ArrayList<>();
    private final List<Closure> closures = new ArrayList<>();
    private final List<RejectedRow> rejected = new ArrayList<>();

    private ReadCounts polls(String body) {
        return LiveInput.readPolls(new StringReader(body), "body", CLOCK, polls::add, rejected::add);
    }

    private ReadCounts closures(String body) {
        return LiveInput.readClosures(new StringReader(body), "body", closures::add, rejected::add);
    }

    private List<OpeningPeriod> hours(String body, String storeId) {
        return LiveInput.readHours(new StringReader(body), "body", storeId, rejected::add);
    }

    private static ZoneId zone(String body) {
        return LiveInput.readTimeZone(new StringReader(body), "body", "s1");
    }

    private static StorePoll poll(String storeId, String instant, PollStatus status) {
        return StorePoll.of(storeId, Instant.parse(instant), status);
    }

    /** A rejected row as the file import gives it: without the value at fault. */
    private static RejectedRow withoutValue(RejectedRow row) {
        return new RejectedRow(row.file(), row.line(), row.field(), row.reason());
    }

    private static RejectedRow onLine(RejectedRow row, long line) {
        return new RejectedRow(row.file(), line, row.field(), row.value(), row.reason());
    }

    /** Loads the three input files (and closures) as {@code uptime import} reads them. */
    private LoadedInput fileImport(String status, String hours, String closuresCsv) throws IOException {
        Files.writeString(dir.resolve(InputFiles.STATUS_FILE), status);
        Files.writeString(dir.resolve(InputFiles.HOURS_FILE), hours);
        Files.writeString(dir.resolve(InputFiles.TIMEZONES_FILE), "store_id,timezone_str\n");
        Files.writeString(dir.resolve(InputFiles.CLOSURES_FILE), closuresCsv);
        return InputLoader.load(InputFiles.inDirectory(dir).withClosures(dir.resolve(InputFiles.CLOSURES_FILE)),
                LoadOptions.LENIENT);
    }

    // ---- polls ----------------------------------------------------------------------------------------------

    @Test
    void csvAndNdjsonGiveTheSamePolls() {
        ReadCounts csv = polls(POLLS_HEADER + """
                s1,active,2024-10-14 20:45:24.55891 UTC
                 s2 , Inactive ,2024-10-14T20:00:00Z
                "s,3",inactive,2024-10-14 19:00:00 UTC
                "s""4",active,2024-10-14T18:59:59.000001Z
                """);
        List<StorePoll> fromCsv = List.copyOf(polls);
        polls.clear();
        ReadCounts ndjson = polls("""
                {"store_id": "s1", "status": "active", "timestamp_utc": "2024-10-14 20:45:24.55891 UTC"}
                {"timestamp_utc": "2024-10-14T20:00:00Z", "status": " Inactive ", "store_id": " s2 "}
                {"store_id": "s,3", "status": "inactive", "timestamp_utc": "2024-10-14 19:00:00 UTC"}
                {"store_id": "s\\"4", "status": "active", "timestamp_utc": "2024-10-14T18:59:59.000001Z"}
                """);

        List<StorePoll> expected = List.of(
                poll("s1", "2024-10-14T20:45:24.558910Z", PollStatus.ACTIVE),
                poll("s2", "2024-10-14T20:00:00Z", PollStatus.INACTIVE),
                poll("s,3", "2024-10-14T19:00:00Z", PollStatus.INACTIVE),
                poll("s\"4", "2024-10-14T18:59:59.000001Z", PollStatus.ACTIVE));
        assertThat(fromCsv).containsExactlyElementsOf(expected);
        assertThat(polls).containsExactlyElementsOf(expected);
        assertThat(csv).isEqualTo(new ReadCounts("body", 4, 0));
        assertThat(ndjson).isEqualTo(new ReadCounts("body", 4, 0));
        assertThat(rejected).isEmpty();
    }

    @Test
    void aPollMoreThanFiveMinutesAheadOfTheClockIsRejectedOneFourMinutesAheadIsNot() {
        ReadCounts counts = polls(POLLS_HEADER + """
                s1,active,2024-10-14 20:49:00 UTC
                s1,active,2024-10-14 20:50:00 UTC
                s1,active,2024-10-14 20:50:00.000001 UTC
                s1,active,2024-10-14T20:51:00Z
                s1,inactive,2024-10-13 20:45:00 UTC
                """);

        String reason = "more than 5 minutes ahead of the server's clock (2024-10-14T20:45:00Z)";
        assertThat(polls).containsExactly(
                poll("s1", "2024-10-14T20:49:00Z", PollStatus.ACTIVE),
                // exactly five minutes ahead is not more than five
                poll("s1", "2024-10-14T20:50:00Z", PollStatus.ACTIVE),
                poll("s1", "2024-10-13T20:45:00Z", PollStatus.INACTIVE));
        assertThat(rejected).containsExactly(
                new RejectedRow("body", 4, "timestamp_utc", "2024-10-14T20:50:00.000001Z", reason),
                new RejectedRow("body", 5, "timestamp_utc", "2024-10-14T20:51:00Z", reason));
        assertThat(counts).isEqualTo(new ReadCounts("body", 5, 2));
        assertThat(LiveInput.MAX_AHEAD).hasMinutes(5);
    }

    @Test
    void aPollAheadOfTheClockIsRejectedInNdjsonToo() {
        ReadCounts counts = polls("""
                {"store_id": "s1", "status": "active", "timestamp_utc": "2024-10-14T20:49:00Z"}
                {"store_id": "s1", "status": "active", "timestamp_utc": "2024-10-14 20:51:00 UTC"}
                """);

        assertThat(polls).containsExactly(poll("s1", "2024-10-14T20:49:00Z", PollStatus.ACTIVE));
        assertThat(rejected).containsExactly(new RejectedRow("body", 2, "timestamp_utc", "2024-10-14T20:51:00Z",
                "more than 5 minutes ahead of the server's clock (2024-10-14T20:45:00Z)"));
        assertThat(counts).isEqualTo(new ReadCounts("body", 2, 1));
    }

    @Test
    void theClockIsTheOneGivenNotTheSystemClock() {
        Clock later = Clock.fixed(Instant.parse("2024-10-14T21:00:00Z"), ZoneOffset.UTC);
        LiveInput.readPolls(new StringReader(POLLS_HEADER + "s1,active,2024-10-14 21:04:00 UTC\n"
                + "s1,active,2024-10-14 21:06:00 UTC\n"), "body", later, polls::add, rejected::add);

        assertThat(polls).containsExactly(poll("s1", "2024-10-14T21:04:00Z", PollStatus.ACTIVE));
        assertThat(rejected).extracting(RejectedRow::line, RejectedRow::reason).containsExactly(
                tuple(3L,
                        "more than 5 minutes ahead of the server's clock (2024-10-14T21:00:00Z)"));
    }

    /** The bad poll rows of one file, each wrong in another way; the first row is good. */
    private static final String BAD_POLLS = POLLS_HEADER
            + "s1,active,2024-10-14 20:00:00 UTC\n"
            + "s1,maybe,2024-10-14 20:01:00 UTC\n"
            + "s1,active,2024-13-14 20:02:00 UTC\n"
            + " ,active,2024-10-14 20:03:00 UTC\n"
            + "s\u0001x,active,2024-10-14 20:04:00 UTC\n"
            + "s1,active,1\n"
            + "s1," + "a".repeat(1001) + ",2024-10-14 20:05:00 UTC\n"
            + "s1,active\n"
            + "s1,active,2024-10-14 20:06:00 UTC,extra\n";

    @Test
    void aBadCsvPollIsRejectedExactlyAsTheFileImportRejectsIt() throws IOException {
        LoadedInput file = fileImport(BAD_POLLS, HOURS_HEADER, CLOSURES_HEADER);
        List<RejectedRow> fromFile = file.rejectedRows().stream()
                .filter(r -> r.file().equals(InputFiles.STATUS_FILE)).toList();

        ReadCounts counts = LiveInput.readPolls(new StringReader(BAD_POLLS), InputFiles.STATUS_FILE, CLOCK,
                polls::add, rejected::add);

        assertThat(fromFile).hasSize(8);
        assertThat(rejected).map(LiveInputTest::withoutValue).containsExactlyElementsOf(fromFile);
        // the live path names the value at fault too, where there is one field at fault
        assertThat(rejected).extracting(RejectedRow::value).containsExactly("maybe", "2024-13-14 20:02:00 UTC",
                " ", "s\u0001x", "1", "a".repeat(1001), null, null);
        assertThat(rejected).extracting(RejectedRow::field).containsExactly("status", "timestamp_utc", "store_id",
                "store_id", "timestamp_utc", "status", null, null);
        assertThat(rejected.get(0).reason()).isEqualTo("unknown status 'maybe' (expected active or inactive)");
        assertThat(rejected.get(6).reason()).isEqualTo(
                "expected 3 columns (store_id,status,timestamp_utc) but found 2");
        assertThat(rejected).extracting(RejectedRow::line).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(polls).containsExactly(poll("s1", "2024-10-14T20:00:00Z", PollStatus.ACTIVE));
        assertThat(counts).isEqualTo(new ReadCounts(InputFiles.STATUS_FILE, 9, 8));
        assertThat(file.summaries().get(0)).isEqualTo(new FileSummary(InputFiles.STATUS_FILE, 9, 1, 0, 8));
    }

    @Test
    void aBadNdjsonPollHasTheReasonAndFieldOfTheSameRowInAFile() throws IOException {
        LoadedInput file = fileImport(BAD_POLLS, HOURS_HEADER, CLOSURES_HEADER);
        List<RejectedRow> fromFile = file.rejectedRows().stream()
                .filter(r -> r.file().equals(InputFiles.STATUS_FILE)).toList();
        // the same rows as NDJSON: no header, so each is one line earlier; there is no column count to get wrong
        String ndjson = """
                {"store_id": "s1", "status": "active", "timestamp_utc": "2024-10-14 20:00:00 UTC"}
                {"store_id": "s1", "status": "maybe", "timestamp_utc": "2024-10-14 20:01:00 UTC"}
                {"store_id": "s1", "status": "active", "timestamp_utc": "2024-13-14 20:02:00 UTC"}
                {"store_id": " ", "status": "active", "timestamp_utc": "2024-10-14 20:03:00 UTC"}
                {"store_id": "s\\u0001x", "status": "active", "timestamp_utc": "2024-10-14 20:04:00 UTC"}
                {"store_id": "s1", "status": "active", "timestamp_utc": 1}
                """ + "{\"store_id\": \"s1\", \"status\": \"" + "a".repeat(1001)
                + "\", \"timestamp_utc\": \"2024-10-14 20:05:00 UTC\"}\n";

        ReadCounts counts = LiveInput.readPolls(new StringReader(ndjson), InputFiles.STATUS_FILE, CLOCK,
                polls::add, rejected::add);

        List<RejectedRow> expected = fromFile.stream().filter(r -> r.field() != null)
                .map(r -> onLine(r, r.line() - 1)).toList();
        assertThat(expected).hasSize(6);
        assertThat(rejected).map(LiveInputTest::withoutValue).containsExactlyElementsOf(expected);
        assertThat(rejected).extracting(RejectedRow::value).containsExactly("maybe", "2024-13-14 20:02:00 UTC",
                " ", "s\u0001x", "1", "a".repeat(1001));
        assertThat(polls).containsExactly(poll("s1", "2024-10-14T20:00:00Z", PollStatus.ACTIVE));
        assertThat(counts).isEqualTo(new ReadCounts(InputFiles.STATUS_FILE, 7, 6));
    }

    @Test
    void ndjsonLinesThatAreNotFlatObjectsOrHaveOtherFieldsAreRejectedRowsOfTheirLine() {
        ReadCounts counts = polls("""
                {"store_id": "s1", "status": "active", "timestamp_utc": "2024-10-14T20:00:00Z"}

                {"store_id": "s1", "status": "active"}
                  \t
                {"store_id": "s1", "status": "active", "timestamp_utc": "2024-10-14T20:01:00Z", "x": 2}
                {"store_id": "s1", "status": {"a": 1}, "timestamp_utc": "2024-10-14T20:02:00Z"}
                {"store_id": "s1", "status": null, "timestamp_utc": "2024-10-14T20:03:00Z"}
                {"store_id": "s1", "status": "active", "timestamp_utc": "2024-10-14T20:04:00Z"} x
                ["s1", "active", "2024-10-14T20:05:00Z"]
                {"store_id": "s1", "status": "active", "timestamp_utc": "2024-10-14T20:06:00Z", "status": "active"}
                {"store_id": "s2", "status": "inactive", "timestamp_utc": "2024-10-14T20:07:00Z"}
                """);

        assertThat(rejected).containsExactly(
                new RejectedRow("body", 3, "timestamp_utc", null, "missing"),
                new RejectedRow("body", 5, "x", "2", "unknown field (expected store_id, status, timestamp_utc)"),
                new RejectedRow("body", 6, null, null, "not flat JSON at line 6 column 30: expected a string, "
                        + "number, true, false or null (objects and arrays are not taken here)"),
                // null is no value: the field counts as missing
                new RejectedRow("body", 7, "status", null, "missing"),
                new RejectedRow("body", 8, null, null, "not flat JSON at line 8 column 81: unexpected text after "
                        + "the object"),
                new RejectedRow("body", 9, null, null, "not flat JSON at line 9 column 1: expected {"),
                new RejectedRow("body", 10, null, null, "not flat JSON at line 10 column 99: field status appears "
                        + "twice"));
        assertThat(polls).containsExactly(
                poll("s1", "2024-10-14T20:00:00Z", PollStatus.ACTIVE),
                poll("s2", "2024-10-14T20:07:00Z", PollStatus.INACTIVE));
        // blank lines are counted for line numbers, not as rows
        assertThat(counts).isEqualTo(new ReadCounts("body", 9, 7));
    }

    @Test
    void ndjsonLinesMayEndInCrLfAndTheLastNeedsNoLineBreak() {
        ReadCounts counts = polls("{\"store_id\": \"s1\", \"status\": \"active\", \"timestamp_utc\": "
                + "\"2024-10-14T20:00:00Z\"}\r\n\r\n{\"store_id\": \"s1\", \"status\": \"bad\", \"timestamp_utc\": "
                + "\"2024-10-14T20:01:00Z\"}");

        assertThat(polls).containsExactly(poll("s1", "2024-10-14T20:00:00Z", PollStatus.ACTIVE));
        assertThat(rejected).containsExactly(new RejectedRow("body", 3, "status", "bad",
                "unknown status 'bad' (expected active or inactive)"));
        assertThat(counts).isEqualTo(new ReadCounts("body", 2, 1));
    }

    @Test
    void blankCsvLinesAreSkippedButKeepTheLineNumbers() {
        ReadCounts counts = polls("\n" + POLLS_HEADER + "\ns1,active,2024-10-14 20:00:00 UTC\n \n"
                + "s1,maybe,2024-10-14 20:01:00 UTC\n\n");

        assertThat(polls).containsExactly(poll("s1", "2024-10-14T20:00:00Z", PollStatus.ACTIVE));
        assertThat(rejected).containsExactly(new RejectedRow("body", 6, "status", "maybe",
                "unknown status 'maybe' (expected active or inactive)"));
        assertThat(counts).isEqualTo(new ReadCounts("body", 2, 1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                                    | body: the file is empty; expected a header with the columns store_id,status,timestamp_utc
            `\\n \\n`                               | body: the file is empty; expected a header with the columns store_id,status,timestamp_utc
            `store_id,state,timestamp_utc\\n`      | body:1: wrong header 'store_id,state,timestamp_utc': expected the columns store_id,status,timestamp_utc (missing status)
            `store_id,status\\ns1,active\\n`        | body:1: wrong header 'store_id,status': expected the columns store_id,status,timestamp_utc (missing timestamp_utc)
            `s1,active,2024-10-14 20:00:00 UTC\\n` | body:1: wrong header 's1,active,2024-10-14 20:00:00 UTC': expected the columns store_id,status,timestamp_utc (missing store_id, status, timestamp_utc)
            `store_id,status,status,timestamp_utc\\n` | body:1: the header names column status twice; expected the columns store_id,status,timestamp_utc
            `\\n{"store_id": "s1"}\\n`              | body:2: wrong header '{"store_id": "s1"}': expected the columns store_id,status,timestamp_utc (missing store_id, status, timestamp_utc)
            """)
    void aMissingOrWrongCsvHeaderFailsTheWholeInput(String body, String message) {
        String text = body.replace("\\n", "\n");

        assertThatThrownBy(() -> polls(text))
                .isInstanceOf(InputFileException.class)
                .hasMessage(message)
                .extracting(e -> ((InputFileException) e).file()).isEqualTo("body");
        assertThat(polls).isEmpty();
    }

    @Test
    void onlyTheFirstCharacterTellsTheFormat() {
        // only the first character tells the format (docs/data.md): a body that starts with { is NDJSON
        assertThat(polls("{\"store_id\": \"s1\", \"status\": \"active\", \"timestamp_utc\": \"2024-10-14T20:00:00Z\"}"))
                .isEqualTo(new ReadCounts("body", 1, 0));
        assertThatThrownBy(() -> polls("")).isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("body: the file is empty");
    }

    @Test
    void bytesThatAreNotUtf8FailTheWholeInput() {
        byte[] csv = (POLLS_HEADER + "s\u00e9,active,2024-10-14 20:00:00 UTC\n").getBytes(UTF_8);
        byte[] bad = Arrays.copyOf(csv, csv.length);
        int at = POLLS_HEADER.length() + 2; // the second byte of é
        bad[at] = '(';
        for (byte[] body : List.of(bad, ndjsonWithBadByte())) {
            assertThatThrownBy(() -> LiveInput.readPolls(strictUtf8(new ByteArrayInputStream(body)), "body", CLOCK,
                    polls::add, rejected::add))
                    .isInstanceOf(InputFileException.class)
                    .hasMessageMatching("body:[0-9]+: not UTF-8 text");
        }
    }

    private static byte[] ndjsonWithBadByte() {
        byte[] bytes = "{\"store_id\": \"s\u00e9\", \"status\": \"active\", \"timestamp_utc\": \"2024-10-14T20:00:00Z\"}\n"
                .getBytes(UTF_8);
        bytes[16] = '('; // the second byte of é
        return bytes;
    }

    private static Reader strictUtf8(InputStream in) {
        return new InputStreamReader(in, UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    // ---- streaming ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"csv", "ndjson"})
    void pollsReachTheConsumerAsTheirLinesArriveBeforeTheStreamEnds(String format) throws Exception {
        String first = format.equals("csv")
                ? POLLS_HEADER + "s1,active,2024-10-14 20:00:00 UTC\n"
                : "{\"store_id\": \"s1\", \"status\": \"active\", \"timestamp_utc\": \"2024-10-14T20:00:00Z\"}\n";
        String rest = format.equals("csv")
                ? "s1,maybe,2024-10-14 20:01:00 UTC\ns2,inactive,2024-10-14 20:02:00 UTC\n"
                : "{\"store_id\": \"s1\", \"status\": \"maybe\", \"timestamp_utc\": \"2024-10-14T20:01:00Z\"}\n"
                        + "{\"store_id\": \"s2\", \"status\": \"inactive\", \"timestamp_utc\": \"2024-10-14T20:02:00Z\"}\n";
        PipedOutputStream out = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(out, 4096);
        CountDownLatch firstPoll = new CountDownLatch(1);
        AtomicBoolean firstPollBeforeTheRest = new AtomicBoolean();
        AtomicReference<Exception> feederFailed = new AtomicReference<>();
        // the client: sends the first row, waits until it was passed on, then sends the rest and ends the stream
        Thread client = new Thread(() -> {
            try (out) {
                out.write(first.getBytes(UTF_8));
                out.flush();
                firstPollBeforeTheRest.set(firstPoll.await(10, TimeUnit.SECONDS));
                out.write(rest.getBytes(UTF_8));
            } catch (IOException | InterruptedException e) {
                feederFailed.set(e);
            }
        }, "live-input-test-client");
        client.start();
        List<StorePoll> received = new CopyOnWriteArrayList<>();
        List<RejectedRow> rejectedRows = new CopyOnWriteArrayList<>();

        ReadCounts counts;
        try (Reader reader = strictUtf8(in)) {
            counts = LiveInput.readPolls(reader, "-", CLOCK, poll -> {
                received.add(poll);
                firstPoll.countDown();
            }, rejectedRows::add);
        }
        client.join(TimeUnit.SECONDS.toMillis(20));

        assertThat(client.isAlive()).isFalse();
        assertThat(feederFailed.get()).isNull();
        assertThat(firstPollBeforeTheRest).as("the first poll was passed on before the stream ended").isTrue();
        assertThat(received).containsExactly(
                poll("s1", "2024-10-14T20:00:00Z", PollStatus.ACTIVE),
                poll("s2", "2024-10-14T20:02:00Z", PollStatus.INACTIVE));
        assertThat(rejectedRows).containsExactly(new RejectedRow("-", format.equals("csv") ? 3 : 2, "status",
                "maybe", "unknown status 'maybe' (expected active or inactive)"));
        assertThat(counts).isEqualTo(new ReadCounts("-", 3, 1));
    }

    // ---- business hours ---------------------------------------------------------------------------------------

    @Test
    void aJsonArrayOfHoursGivesTheSamePeriodsAsTheCsv() {
        List<OpeningPeriod> csv = hours(HOURS_HEADER + """
                s1,0,09:00:00,12:00:00
                s1,0,13:00,24:00
                 s1 ,6,00:00:00,23:59:59
                s1,0,09:00:00,12:00:00
                """, "s1");
        List<OpeningPeriod> json = hours("""
                [
                  {"dayOfWeek": 0, "start_time_local": "09:00:00", "end_time_local": "12:00:00"},
                  {"store_id": "s1", "dayOfWeek": "0", "start_time_local": "13:00", "end_time_local": "24:00"},
                  {"end_time_local": "23:59:59", "start_time_local": "00:00:00", "dayOfWeek": 6, "store_id": " s1 "},
                  {"dayOfWeek": 0, "start_time_local": "09:00:00", "end_time_local": "12:00:00"}
                ]
                """, "s1");

        List<OpeningPeriod> expected = List.of(
                OpeningPeriod.of(0, LocalTime.of(9, 0), LocalTime.of(12, 0)),
                OpeningPeriod.of(0, LocalTime.of(13, 0), LocalTime.MAX),
                OpeningPeriod.of(6, LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59)));
        // the same row twice is one period
        assertThat(csv).containsExactlyElementsOf(expected);
        assertThat(json).containsExactlyElementsOf(expected);
        assertThat(rejected).isEmpty();
    }

    @Test
    void aNumericStoreIdInJsonHoursIsItsText() {
        assertThat(hours("[{\"store_id\": 1001, \"dayOfWeek\": 2, \"start_time_local\": \"08:00\","
                + " \"end_time_local\": \"09:30\"}]", "1001"))
                .containsExactly(OpeningPeriod.of(2, LocalTime.of(8, 0), LocalTime.of(9, 30)));
        assertThat(rejected).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " \n ", "[]", " [ ]\n", HOURS_HEADER})
    void emptyHoursAreAnEmptyList(String body) {
        assertThat(hours(body, "s1")).isEmpty();
        assertThat(rejected).isEmpty();
    }

    /** Bad hours rows of the route's store; a JSON item on each line, so the line numbers are the same. */
    private static final String BAD_HOURS = HOURS_HEADER
            + "s1,7,09:00,10:00\n"
            + "s1,x,09:00,10:00\n"
            + "s1,0,9am,10:00\n"
            + "s1,0,09:00,25:00\n"
            + "s1,1,09:00,10:00\n";

    @Test
    void aBadHoursRowIsRejectedExactlyAsTheFileImportRejectsItInCsvAndJson() throws IOException {
        LoadedInput file = fileImport(POLLS_HEADER, BAD_HOURS, CLOSURES_HEADER);
        List<RejectedRow> fromFile = file.rejectedRows().stream()
                .filter(r -> r.file().equals(InputFiles.HOURS_FILE)).toList();

        List<OpeningPeriod> csv = LiveInput.readHours(new StringReader(BAD_HOURS), InputFiles.HOURS_FILE, "s1",
                rejected::add);
        List<RejectedRow> fromCsv = List.copyOf(rejected);
        rejected.clear();
        List<OpeningPeriod> json = LiveInput.readHours(new StringReader("""
                [
                {"dayOfWeek": 7, "start_time_local": "09:00", "end_time_local": "10:00"},
                {"dayOfWeek": "x", "start_time_local": "09:00", "end_time_local": "10:00"},
                {"dayOfWeek": 0, "start_time_local": "9am", "end_time_local": "10:00"},
                {"dayOfWeek": 0, "start_time_local": "09:00", "end_time_local": "25:00"},
                {"dayOfWeek": 1, "start_time_local": "09:00", "end_time_local": "10:00"}
                ]
                """), InputFiles.HOURS_FILE, "s1", rejected::add);

        assertThat(fromFile).hasSize(4);
        assertThat(fromFile).extracting(RejectedRow::line).containsExactly(2L, 3L, 4L, 5L);
        assertThat(fromCsv).map(LiveInputTest::withoutValue).containsExactlyElementsOf(fromFile);
        assertThat(rejected).map(LiveInputTest::withoutValue).containsExactlyElementsOf(fromFile);
        assertThat(fromCsv).extracting(RejectedRow::value).containsExactly("7", "x", "9am", "25:00");
        assertThat(rejected).extracting(RejectedRow::value).containsExactly("7", "x", "9am", "25:00");
        assertThat(fromCsv.get(0).reason()).isEqualTo("day 7 is outside 0 (Monday) to 6 (Sunday)");
        OpeningPeriod good = OpeningPeriod.of(1, LocalTime.of(9, 0), LocalTime.of(10, 0));
        assertThat(csv).containsExactly(good);
        assertThat(json).containsExactly(good);
    }

    @Test
    void hoursOfAnotherStoreOrWithOtherFieldsAreRejectedRows() {
        List<OpeningPeriod> csv = hours(HOURS_HEADER + "s2,0,09:00,10:00\ns1,0,09:00,10:00\n", "s1");
        assertThat(csv).containsExactly(OpeningPeriod.of(0, LocalTime.of(9, 0), LocalTime.of(10, 0)));
        assertThat(rejected).containsExactly(
                new RejectedRow("body", 2, "store_id", "s2", "another store than the route's (s1)"));
        rejected.clear();

        List<OpeningPeriod> json = hours("""
                [{"store_id": "s2", "dayOfWeek": 0, "start_time_local": "09:00", "end_time_local": "10:00"},
                 {"dayOfWeek": 0, "start_time_local": "09:00"},
                 {"day": 1, "start_time_local": "09:00", "end_time_local": "10:00"},

                 {"dayOfWeek": 3, "start_time_local": "09:00", "end_time_local": "10:00"}]
                """, "s1");
        assertThat(json).containsExactly(OpeningPeriod.of(3, LocalTime.of(9, 0), LocalTime.of(10, 0)));
        assertThat(rejected).containsExactly(
                new RejectedRow("body", 1, "store_id", "s2", "another store than the route's (s1)"),
                new RejectedRow("body", 2, "end_time_local", null, "missing"),
                new RejectedRow("body", 3, "day", "1",
                        "unknown field (expected store_id, dayOfWeek, start_time_local, end_time_local)"));
    }

    @Test
    void hoursThatAreNotAnArrayOfFlatObjectsOrLackTheHeaderFailAsAWhole() {
        assertThatThrownBy(() -> hours("[{\"dayOfWeek\": {}}]", "s1"))
                .isInstanceOf(InputFileException.class)
                .hasMessage("body: not flat JSON at line 1 column 16: expected a string, number, true, false or null"
                        + " (objects and arrays are not taken here)");
        assertThatThrownBy(() -> hours("[\n{\"dayOfWeek\": 0},\n]", "s1"))
                .isInstanceOf(InputFileException.class)
                .hasMessage("body: not flat JSON at line 3 column 1: expected {");
        assertThatThrownBy(() -> hours("store_id,day_of_week,start_time_local,end_time_local\ns1,0,09:00,10:00\n",
                "s1"))
                .isInstanceOf(InputFileException.class)
                .hasMessage("body:1: wrong header 'store_id,day_of_week,start_time_local,end_time_local': expected "
                        + "the columns store_id,dayOfWeek (or day),start_time_local,end_time_local (missing dayOfWeek)");
        assertThat(rejected).isEmpty();
    }

    // ---- time zone ----------------------------------------------------------------------------------------------

    @Test
    void readsOneStoresTimeZoneFromAJsonObject() {
        assertThat(zone("{\"timezone_str\": \"Europe/Berlin\"}")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(zone(" \n{ \"store_id\": \" s1 \", \"timezone_str\": \" America/Chicago \" }\n"))
                .isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(zone("{\"timezone_str\": \"Asia/Kolkata\", \"store_id\": null}"))
                .isEqualTo(ZoneId.of("Asia/Kolkata"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `{"timezone_str": "Mars/Olympus"}`                      | body: timezone_str: unknown time zone id 'Mars/Olympus' (expected an IANA id like America/Chicago)
            `{"timezone_str": "+02:00"}`                            | body: timezone_str: unknown time zone id '+02:00' (expected an IANA id like America/Chicago)
            `{"timezone_str": 5}`                                   | body: timezone_str: unknown time zone id '5' (expected an IANA id like America/Chicago)
            `{"timezone_str": null}`                                | body: timezone_str: missing (expected an IANA id like America/Chicago)
            `{}`                                                    | body: timezone_str: missing (expected an IANA id like America/Chicago)
            `{"store_id": "s2", "timezone_str": "Europe/Berlin"}`   | body: store_id: s2 is another store than the route's (s1)
            `{"timezone_str": "Europe/Berlin", "zone": "UTC"}`      | body: unknown field zone (expected timezone_str and optionally store_id)
            `[{"timezone_str": "Europe/Berlin"}]`                   | body: not flat JSON at line 1 column 1: expected {
            `{"timezone_str": "Europe/Berlin"}\\n{}`                 | body: not flat JSON at line 2 column 1: unexpected text after the object
            `{"timezone_str": ["Europe/Berlin"]}`                   | body: not flat JSON at line 1 column 18: expected a string, number, true, false or null (objects and arrays are not taken here)
            `timezone_str\\nEurope/Berlin`                           | body: not flat JSON at line 1 column 1: expected {
            ``                                                      | body: not flat JSON at line 1 column 1: expected {
            """)
    void aTimeZoneBodyThatIsNotOneGoodObjectFailsNamingWhatIsWrong(String body, String message) {
        assertThatThrownBy(() -> zone(body.replace("\\n", "\n")))
                .isInstanceOf(InputFileException.class)
                .hasMessage(message);
    }

    // ---- closures -------------------------------------------------------------------------------------------------

    @Test
    void csvAndNdjsonGiveTheSameClosures() {
        ReadCounts csv = closures(CLOSURES_HEADER + """
                *,2024-12-25,2024-12-26,Christmas
                 s1 ,2024-09-01 08:00,2024-09-01T12:30:15,"renovation, ""first"" floor"
                s2,2024-09-01T22:00,2024-09-02 06:00:00,
                """);
        List<Closure> fromCsv = List.copyOf(closures);
        closures.clear();
        ReadCounts ndjson = closures("""
                {"store_id": "*", "start_local": "2024-12-25", "end_local": "2024-12-26", "reason": "Christmas"}
                {"store_id": " s1 ", "start_local": "2024-09-01 08:00", "end_local": "2024-09-01T12:30:15", "reason": "renovation, \\"first\\" floor"}
                {"store_id": "s2", "start_local": "2024-09-01T22:00", "end_local": "2024-09-02 06:00:00"}
                """);

        List<Closure> expected = List.of(
                Closure.of("*", LocalDateTime.of(2024, 12, 25, 0, 0), LocalDateTime.of(2024, 12, 26, 0, 0),
                        "Christmas"),
                Closure.of("s1", LocalDateTime.of(2024, 9, 1, 8, 0), LocalDateTime.of(2024, 9, 1, 12, 30, 15),
                        "renovation, \"first\" floor"),
                Closure.of("s2", LocalDateTime.of(2024, 9, 1, 22, 0), LocalDateTime.of(2024, 9, 2, 6, 0), ""));
        assertThat(fromCsv).containsExactlyElementsOf(expected);
        assertThat(closures).containsExactlyElementsOf(expected);
        assertThat(csv).isEqualTo(new ReadCounts("body", 3, 0));
        assertThat(ndjson).isEqualTo(new ReadCounts("body", 3, 0));
        assertThat(rejected).isEmpty();
    }

    @Test
    void aBadClosureIsRejectedExactlyAsTheFileImportRejectsItInCsvAndNdjson() throws IOException {
        String csvBody = CLOSURES_HEADER
                + "s1,2024-12-25,2024-12-24,backwards\n"
                + "s1,25.12.2024,2024-12-26,\n"
                + "s1,2024-12-25,2024-12-25 24:00,\n"
                + ",2024-12-25,2024-12-26,\n"
                + "s1,2024-12-25,2024-12-26,fine\n";
        LoadedInput file = fileImport(POLLS_HEADER, HOURS_HEADER, csvBody);
        List<RejectedRow> fromFile = file.rejectedRows().stream()
                .filter(r -> r.file().equals(InputFiles.CLOSURES_FILE)).toList();

        ReadCounts csv = LiveInput.readClosures(new StringReader(csvBody), InputFiles.CLOSURES_FILE, closures::add,
                rejected::add);
        List<RejectedRow> fromCsv = List.copyOf(rejected);
        rejected.clear();
        ReadCounts ndjson = LiveInput.readClosures(new StringReader("""
                {"store_id": "s1", "start_local": "2024-12-25", "end_local": "2024-12-24", "reason": "backwards"}
                {"store_id": "s1", "start_local": "25.12.2024", "end_local": "2024-12-26"}
                {"store_id": "s1", "start_local": "2024-12-25", "end_local": "2024-12-25 24:00", "reason": ""}
                {"store_id": "", "start_local": "2024-12-25", "end_local": "2024-12-26", "reason": null}
                {"store_id": "s1", "start_local": "2024-12-25", "end_local": "2024-12-26", "reason": "fine"}
                """), InputFiles.CLOSURES_FILE, closures::add, rejected::add);

        assertThat(fromFile).hasSize(4);
        assertThat(fromCsv).map(LiveInputTest::withoutValue).containsExactlyElementsOf(fromFile);
        assertThat(rejected).map(LiveInputTest::withoutValue)
                .containsExactlyElementsOf(fromFile.stream().map(r -> onLine(r, r.line() - 1)).toList());
        assertThat(fromCsv).extracting(RejectedRow::value).containsExactly("2024-12-24", "25.12.2024",
                "2024-12-25 24:00", "");
        assertThat(rejected).extracting(RejectedRow::value).containsExactly("2024-12-24", "25.12.2024",
                "2024-12-25 24:00", "");
        assertThat(fromCsv.get(0)).isEqualTo(new RejectedRow(InputFiles.CLOSURES_FILE, 2, "end_local", "2024-12-24",
                "end '2024-12-24' is not after start '2024-12-25' (expected a closure of some length)"));
        Closure fine = Closure.of("s1", LocalDateTime.of(2024, 12, 25, 0, 0), LocalDateTime.of(2024, 12, 26, 0, 0),
                "fine");
        assertThat(closures).containsExactly(fine, fine);
        assertThat(csv).isEqualTo(new ReadCounts(InputFiles.CLOSURES_FILE, 5, 4));
        assertThat(ndjson).isEqualTo(new ReadCounts(InputFiles.CLOSURES_FILE, 5, 4));
    }

    @Test
    void ndjsonClosuresNeedEveryFieldButTheReason() {
        ReadCounts counts = closures("""
                {"store_id": "s1", "start_local": "2024-12-25"}

                {"store_id": "s1", "start_local": "2024-12-25", "end_local": "2024-12-26", "note": "x"}
                {"store_id": "s1", "start_local": "2024-12-25", "end_local": "2024-12-26"}
                """);

        assertThat(rejected).containsExactly(
                new RejectedRow("body", 1, "end_local", null, "missing"),
                new RejectedRow("body", 3, "note", "x", "unknown field (expected store_id, start_local, end_local, "
                        + "reason)"));
        assertThat(closures).containsExactly(Closure.of("s1", LocalDateTime.of(2024, 12, 25, 0, 0),
                LocalDateTime.of(2024, 12, 26, 0, 0), ""));
        assertThat(counts).isEqualTo(new ReadCounts("body", 3, 2));
    }

    @Test
    void aWrongClosuresHeaderFailsTheWholeInput() {
        assertThatThrownBy(() -> closures("store_id,start,end,reason\ns1,2024-12-25,2024-12-26,x\n"))
                .isInstanceOf(InputFileException.class)
                .hasMessage("body:1: wrong header 'store_id,start,end,reason': expected the columns "
                        + "store_id,start_local,end_local,reason (missing start_local, end_local)");
        assertThatThrownBy(() -> closures(""))
                .isInstanceOf(InputFileException.class)
                .hasMessage("body: the file is empty; expected a header with the columns "
                        + "store_id,start_local,end_local,reason");
        assertThat(closures).isEmpty();
    }
}
