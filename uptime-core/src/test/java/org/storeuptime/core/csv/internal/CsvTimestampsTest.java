package org.storeuptime.core.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTimestampsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2023-01-22 12:09:39.388884 UTC   | 2023-01-22T12:09:39.388884Z
            2023-01-25 18:13:22.47922 UTC    | 2023-01-25T18:13:22.479220Z
            2024-10-14 23:55:18.727 UTC      | 2024-10-14T23:55:18.727Z
            2023-01-22 12:09:39.3888 UTC     | 2023-01-22T12:09:39.3888Z
            2023-01-22 12:09:39.38 UTC       | 2023-01-22T12:09:39.38Z
            2023-01-22 12:09:39.3 UTC        | 2023-01-22T12:09:39.3Z
            2023-01-22 12:09:39 UTC          | 2023-01-22T12:09:39Z
            2023-01-22 12:09:39.388884789 UTC| 2023-01-22T12:09:39.388884Z
            2023-01-22 12:09:39.388884UTC    | 2023-01-22T12:09:39.388884Z
            2023-01-22 12:09:39.388884 utc   | 2023-01-22T12:09:39.388884Z
            2024-10-14T23:55:18.727055Z      | 2024-10-14T23:55:18.727055Z
            2024-10-14T23:55:18Z             | 2024-10-14T23:55:18Z
            2024-10-14T23:55:18.727055+02:00 | 2024-10-14T21:55:18.727055Z
            2024-10-14T23:55:18-05:00        | 2024-10-15T04:55:18Z
            2024-10-14T23:55:18+0530         | 2024-10-14T18:25:18Z
            2024-10-14 23:55:18+00           | 2024-10-14T23:55:18Z
            2024-10-14 23:55:18.5+00:00      | 2024-10-14T23:55:18.5Z
            2024-10-14T23:55:18.123456789Z   | 2024-10-14T23:55:18.123456Z
            2024-10-14 23:55:18              | 2024-10-14T23:55:18Z
            2024-02-29 00:00:00 UTC          | 2024-02-29T00:00:00Z
            1969-12-31 23:59:59.999999 UTC   | 1969-12-31T23:59:59.999999Z
            1900-03-01 00:00:00 UTC          | 1900-03-01T00:00:00Z
            2024-10-14 23:55 UTC             | 2024-10-14T23:55:00Z
            2024-10-14T23:55+02              | 2024-10-14T21:55:00Z
            2024-10-14T23:55:18.123456789+0100| 2024-10-14T22:55:18.123456Z
            """)
    void parsesEveryTimestampVariant(String text, Instant expected) {
        long micros = expected.getEpochSecond() * 1_000_000L + expected.getNano() / 1_000;
        assertThat(CsvTimestamps.parseMicros(text)).isEqualTo(micros);
        assertThat(CsvTimestamps.parseMicros("  " + text + " ")).isEqualTo(micros);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "2023-13-01 00:00:00 UTC", "2023-02-29 00:00:00 UTC", "2023-01-22 24:00:00 UTC",
            "2023-01-22 12:60:00 UTC", "2023-01-22 12:09:60 UTC", "2023-01-22 12:09:39. UTC",
            "2023-01-22 12:09:39 CET", "2023-01-22", "yesterday", "2023-01-22 12:09:39.38a UTC",
            "2023/01/22 12:09:39 UTC", "2023-01-22 12:09:39.388884 UTC extra",
            "2023-01-22 12:09:39.3888841234 UTC", "2024-10-14T23:55:18.1234567890Z", "2024-10-14T23:55:18+02:00:30",
            "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+2023-01-22T12:09:39Z", "10000-01-01 00:00:00 UTC"})
    void rejectsWhatIsNotATimestamp(String text) {
        assertThat(CsvTimestamps.parseMicros(text)).isEqualTo(CsvTimestamps.INVALID);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"00:00:00,00:00", "23:59:59,23:59:59", "09:30,09:30", "9:30:00,09:30", "07:05:03.5,07:05:03.5",
            " 10:00:00 ,10:00"})
    void parsesLocalTimes(String text, LocalTime expected) {
        assertThat(CsvTimestamps.parseTime(text, false)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "24:00:00", "12:60:00", "12:00:60", "noon", "1200", "-1:00"})
    void rejectsWhatIsNotATime(String text) {
        assertThat(CsvTimestamps.parseTime(text, false)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00", "24:00:00"})
    void twentyFourIsTheEndOfTheDayOnlyAsAnEnd(String text) {
        assertThat(CsvTimestamps.parseTime(text, true)).isEqualTo(LocalTime.MAX);
        assertThat(CsvTimestamps.parseTime("24:01", true)).isNull();
    }
}
