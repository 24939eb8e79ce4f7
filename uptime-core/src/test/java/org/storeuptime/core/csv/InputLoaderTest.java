package org.storeuptime.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.Poll;
import org.storeuptime.core.PollStatus;
import org.storeuptime.core.StoreDataSet;

class InputLoaderTest {

    @TempDir
    Path dir;

    private InputFiles write(String status, String hours, String zones) throws IOException {
        Files.writeString(dir.resolve("store_status.csv"), status);
        Files.writeString(dir.resolve("menu_hours.csv"), hours);
        Files.writeString(dir.resolve("timezones.csv"), zones);
        return InputFiles.inDirectory(dir);
    }

    @Test
    void readingProgressCountsEveryRowOfEachFileAcceptedOrRejected() throws IOException {
        StringBuilder status = new StringBuilder("store_id,status,timestamp_utc\n");
        for (int i = 0; i < 250_000; i++) {
            // every 1000th row is rejected, and still counts as read
            status.append("s").append(i % 50).append(i % 1000 == 999 ? ",maybe," : ",active,")
                    .append(Instant.parse("2023-01-01T00:00:00Z").plusSeconds(60L * i)).append('\n');
        }
        InputFiles files = write(status.toString(), "store_id,dayOfWeek,start_time_local,end_time_local\n",
                "store_id,timezone_str\na,UTC\n");
        List<String> calls = new ArrayList<>();
        LoadedInput input = InputLoader.load(files, LoadOptions.LENIENT,
                (file, rows) -> calls.add(file + " " + rows));

        assertThat(input.rejectedCount()).isEqualTo(250);
        assertThat(calls).containsExactly("store_status.csv 100000", "store_status.csv 200000",
                "store_status.csv 250000", "menu_hours.csv 0", "timezones.csv 1");
    }

    @Test
    void loadsAllThreeFilesAndCountsDuplicates() throws IOException {
        InputFiles files = write("""
                store_id,status,timestamp_utc
                a,inactive,2023-01-23 16:14:00 UTC
                a,active,2023-01-23 16:14:00.000000 UTC
                a,active,2023-01-23 17:15:00 UTC
                b,active,2023-01-23T17:00:00Z
                """, """
                store_id,dayOfWeek,start_time_local,end_time_local
                a,0,09:00:00,12:00:00
                a,0,09:00:00,12:00:00
                a,0,13:00:00,14:00:00
                c,3,00:00:00,23:59:59
                """, """
                store_id,timezone_str
                a,America/Chicago
                a,Europe/Berlin
                d,Asia/Kolkata
                """);
        LoadedInput input = InputLoader.load(files, LoadOptions.LENIENT);

        assertThat(input.summaries()).containsExactly(
                new FileSummary("store_status.csv", 4, 3, 1, 0),
                new FileSummary("menu_hours.csv", 4, 3, 1, 0),
                new FileSummary("timezones.csv", 3, 2, 1, 0));
        assertThat(input.isClean()).isTrue();
        StoreDataSet data = input.data();
        assertThat(data.storeIds()).containsExactly("a", "b", "c", "d");
        assertThat(data.duplicatePolls()).isEqualTo(1);
        assertThat(data.polls("a")).containsExactly(
                Poll.inactive(Instant.parse("2023-01-23T16:14:00Z")), Poll.active(Instant.parse("2023-01-23T17:15:00Z")));
        assertThat(data.store("a").zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(data.store("a").hours().periods()).containsExactlyInAnyOrder(
                OpeningPeriod.of(0, LocalTime.of(9, 0), LocalTime.of(12, 0)),
                OpeningPeriod.of(0, LocalTime.of(13, 0), LocalTime.of(14, 0)));
        assertThat(data.store("b").zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(data.store("b").hours().isAlwaysOpen()).isTrue();
        assertThat(data.store("d").zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    }

    @Test
    void lenientLoadReportsRejectedRowsAndLoadsTheGoodOnes() throws IOException {
        InputFiles files = write("""
                store_id,status,timestamp_utc
                a,active,2023-01-23 16:14:00 UTC
                a,maybe,2023-01-23 17:14:00 UTC
                """, """
                store_id,day,start_time_local,end_time_local
                a,8,09:00:00,12:00:00
                """, """
                store_id,timezone_str
                a,Nowhere/Special
                """);
        List<RejectedRow> told = new ArrayList<>();
        LoadedInput input = InputLoader.load(files, LoadOptions.LENIENT.withOnRejected(told::add));

        assertThat(input.rejectedCount()).isEqualTo(3);
        assertThat(input.rejectedRows()).extracting(RejectedRow::message).containsExactly(
                "store_status.csv:3: status: unknown status 'maybe' (expected active or inactive)",
                "menu_hours.csv:2: day: day 8 is outside 0 (Monday) to 6 (Sunday)",
                "timezones.csv:2: timezone_str: unknown time zone id 'Nowhere/Special' (expected an IANA id like America/Chicago)");
        assertThat(told).isEqualTo(input.rejectedRows());
        assertThat(input.summaries()).containsExactly(
                new FileSummary("store_status.csv", 2, 1, 0, 1),
                new FileSummary("menu_hours.csv", 1, 0, 0, 1),
                new FileSummary("timezones.csv", 1, 0, 0, 1));
        assertThat(input.data().polls("a")).containsExactly(Poll.of(Instant.parse("2023-01-23T16:14:00Z"), PollStatus.ACTIVE));
    }

    @Test
    void keepsOnlyTheConfiguredNumberOfRejectedRowsButCountsAll() throws IOException {
        InputFiles files = write("store_id,status,timestamp_utc\na,x,1\na,y,2\na,z,3\n",
                "store_id,day,start_time_local,end_time_local\n", "store_id,timezone_str\n");
        LoadedInput input = InputLoader.load(files, LoadOptions.LENIENT.withKeptRejectedRows(2));
        assertThat(input.rejectedCount()).isEqualTo(3);
        assertThat(input.rejectedRows()).extracting(RejectedRow::line).containsExactly(2L, 3L);
    }

    @Test
    void strictLoadWithARejectedRowLoadsNothingAndListsTheRows() throws IOException {
        InputFiles files = write("""
                store_id,status,timestamp_utc
                a,active,2023-01-23 16:14:00 UTC
                b,active,2023-01-23 25:14:00 UTC
                """, """
                store_id,dayOfWeek,start_time_local,end_time_local
                a,0,09:00:00,12:00:00
                a,0,9 o'clock,12:00:00
                """, "store_id,timezone_str\na,America/Chicago\n");

        assertThatThrownBy(() -> InputLoader.load(files, LoadOptions.STRICT))
                .isInstanceOfSatisfying(RejectedRowsException.class, e -> {
                    assertThat(e.rejectedCount()).isEqualTo(2);
                    assertThat(e.rejectedRows()).extracting(RejectedRow::file, RejectedRow::line, RejectedRow::field)
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple("store_status.csv", 3L, "timestamp_utc"),
                                    org.assertj.core.groups.Tuple.tuple("menu_hours.csv", 3L, "start_time_local"));
                    assertThat(e.counts()).containsExactly(new ReadCounts("store_status.csv", 2, 1),
                            new ReadCounts("menu_hours.csv", 2, 1), new ReadCounts("timezones.csv", 1, 0));
                })
                .hasMessageStartingWith("strict mode: 2 rows were rejected, nothing was loaded\n"
                        + "store_status.csv:3: timestamp_utc: cannot parse '2023-01-23 25:14:00 UTC'")
                .hasMessageContaining("\nmenu_hours.csv:3: start_time_local: cannot parse '9 o'clock'");
    }

    @Test
    void aClosuresFileInTheFolderIsReadAsAFourthFile() throws IOException {
        InputFiles three = write("store_id,status,timestamp_utc\na,active,2023-01-23 16:14:00 UTC\n",
                "store_id,dayOfWeek,start_time_local,end_time_local\na,0,09:00:00,12:00:00\n",
                "store_id,timezone_str\na,America/Chicago\n");
        assertThat(three.closures()).isEmpty();
        Files.writeString(dir.resolve("closures.csv"), """
                store_id,start_local,end_local,reason
                a,2023-01-23 10:00,2023-01-23 11:00,first
                a,2023-01-23T10:00:00,2023-01-23 11:00,the same again
                *,2023-12-25,2023-12-26,Christmas
                ghost,2023-12-25,2023-12-26,a store of no other file
                a,2023-01-24,2023-01-23,backwards
                """);
        InputFiles files = InputFiles.inDirectory(dir);
        assertThat(files.closures()).contains(dir.resolve("closures.csv"));
        assertThat(three.withClosures(dir.resolve("closures.csv"))).isEqualTo(files);

        LoadedInput input = InputLoader.load(files, LoadOptions.LENIENT);
        assertThat(input.summaries()).last().isEqualTo(new FileSummary("closures.csv", 5, 3, 1, 1));
        assertThat(input.rejectedRows()).extracting(RejectedRow::message)
                .containsExactly("closures.csv:6: end_local: end '2023-01-23' is not after start '2023-01-24' "
                        + "(expected a closure of some length)");
        assertThat(input.data().closures()).extracting(org.storeuptime.core.Closure::reason)
                .containsExactly("first", "Christmas", "a store of no other file");
        // closures do not create stores
        assertThat(input.data().storeIds()).containsExactly("a");
        assertThat(input.data().closures("a")).hasSize(2);

        assertThatThrownBy(() -> InputLoader.load(files, LoadOptions.STRICT))
                .isInstanceOfSatisfying(RejectedRowsException.class, e -> assertThat(e.counts()).last()
                        .isEqualTo(new ReadCounts("closures.csv", 5, 1)))
                .hasMessageStartingWith("strict mode: 1 row was rejected, nothing was loaded\nclosures.csv:6: ");
    }

    @Test
    void strictLoadOfCleanFilesLoadsEverything() throws IOException {
        InputFiles files = write("store_id,status,timestamp_utc\na,active,2023-01-23 16:14:00 UTC\n",
                "store_id,dayOfWeek,start_time_local,end_time_local\na,0,09:00:00,12:00:00\n",
                "store_id,timezone_str\na,America/Chicago\n");
        LoadedInput input = InputLoader.load(files, LoadOptions.STRICT);
        assertThat(input.data().pollCount()).isEqualTo(1);
        assertThat(input.isClean()).isTrue();
    }

    @Test
    void aMissingFileFailsTheLoad() throws IOException {
        InputFiles files = write("store_id,status,timestamp_utc\n", "store_id,day,start_time_local,end_time_local\n",
                "store_id,timezone_str\n");
        Files.delete(files.hours());
        assertThatThrownBy(() -> InputLoader.load(files, LoadOptions.LENIENT))
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("menu_hours.csv: no such file: ");
    }

    @Test
    void loadsEveryRowOfThe2023Sample() throws IOException {
        Path sample = RepositoryPaths.loop2023Sample();
        InputFiles files = new InputFiles(sample.resolve("store_status.csv.gz"), sample.resolve("menu_hours.csv.gz"),
                sample.resolve("timezones.csv.gz"));
        assertThat(InputFiles.inDirectory(sample)).isEqualTo(files);
        // counted independently of this reader: data lines (wc -l minus the header, plus an unterminated last line)
        long statusRows = dataLines(files.status());
        long hoursRows = dataLines(files.hours());
        long zoneRows = dataLines(files.timezones());
        assertThat(statusRows).isEqualTo(5_032);
        assertThat(hoursRows).isEqualTo(86_198);
        assertThat(zoneRows).isEqualTo(13_559);

        LoadedInput input = InputLoader.load(files, LoadOptions.STRICT);

        assertThat(input.summaries()).containsExactly(
                new FileSummary("store_status.csv.gz", statusRows, statusRows, 0, 0),
                new FileSummary("menu_hours.csv.gz", hoursRows, hoursRows, 0, 0),
                new FileSummary("timezones.csv.gz", zoneRows, zoneRows, 0, 0));
        assertThat(input.data().pollCount()).isEqualTo(statusRows);
        assertThat(input.data().storeCount()).isEqualTo(13_822);
        assertThat(input.data().latestPollTime()).contains(Instant.parse("2023-01-25T18:11:39.622234Z"));
    }

    private static long dataLines(Path file) throws IOException {
        // gunzipped by the JDK, not by the reader under test
        try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            return in.lines().filter(l -> !l.isBlank()).count() - 1;
        }
    }
}
