package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReportWindowTest {

    private static final Instant NOW = Instant.parse("2024-10-14T23:55:18Z");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private static TimeInterval range(String window, String zone, String now) {
        return ReportWindow.parse(window).range(ZoneId.of(zone), Instant.parse(now));
    }

    private static TimeInterval interval(String from, String to) {
        return TimeInterval.of(Instant.parse(from), Instant.parse(to));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "1h, PT1H", "hour, PT1H", "6h, PT6H", "day, PT24H", "1d, PT24H", "30d, PT720H", "week, PT168H", "2w, PT336H",
        "3660d, PT87840H", "87840h, PT87840H", "522w, PT87696H"})
    void rollingWindowsAreAbsoluteDurationsEndingAtNow(String window, String length) {
        // a DST change in the window makes no day 23 or 25 hours
        Instant now = Instant.parse("2024-11-04T12:00:00Z");
        assertThat(ReportWindow.parse(window).range(CHICAGO, now))
                .isEqualTo(TimeInterval.of(now.minus(Duration.parse(length)), now));
        assertThat(ReportWindow.parse(window).isLocal()).isFalse();
    }

    @Test
    void theMonthSoFarStartsAtTheLocalFirstOfTheMonthThatNowFallsIn() {
        // 2024-10-01T03:30Z is still September 30 in Chicago (UTC-5)
        assertThat(range("month", "America/Chicago", "2024-10-01T03:30:00Z"))
                .isEqualTo(interval("2024-09-01T05:00:00Z", "2024-10-01T03:30:00Z"));
        assertThat(range("month", "Europe/Berlin", "2024-10-01T03:30:00Z"))
                .isEqualTo(interval("2024-09-30T22:00:00Z", "2024-10-01T03:30:00Z"));
        // now exactly at that midnight: empty
        assertThat(range("month", "Europe/Berlin", "2024-09-30T22:00:00Z").isEmpty()).isTrue();
    }

    @Test
    void thePreviousMonthIsTheWholeLocalMonthBefore() {
        assertThat(range("previous-month", "America/Chicago", "2024-10-01T03:30:00Z"))
                .isEqualTo(interval("2024-08-01T05:00:00Z", "2024-09-01T05:00:00Z"));
        assertThat(range("previous-month", "Europe/Berlin", "2024-10-01T03:30:00Z"))
                .isEqualTo(interval("2024-08-31T22:00:00Z", "2024-09-30T22:00:00Z"));
        assertThat(range("previous-month", "UTC", "2024-01-15T00:00:00Z"))
                .isEqualTo(interval("2023-12-01T00:00:00Z", "2024-01-01T00:00:00Z"));
    }

    @Test
    void aCalendarMonthIsCutAtNowAndEmptyWhenItStartsAtOrAfterNow() {
        assertThat(range("2024-09", "UTC", "2024-10-14T00:00:00Z"))
                .isEqualTo(interval("2024-09-01T00:00:00Z", "2024-10-01T00:00:00Z"));
        assertThat(range("2024-10", "UTC", "2024-10-14T00:00:00Z"))
                .isEqualTo(interval("2024-10-01T00:00:00Z", "2024-10-14T00:00:00Z"));
        TimeInterval future = range("2024-11", "UTC", "2024-10-14T00:00:00Z");
        assertThat(future).isEqualTo(interval("2024-10-14T00:00:00Z", "2024-10-14T00:00:00Z"));
        assertThat(range("2024-10-14/2024-10-20", "UTC", "2024-10-14T00:00:00Z").isEmpty()).isTrue();
    }

    /** Local midnights inside spring-forward gaps move later, by java.time's rule; half-hour and 45-minute zones. */
    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
        // Santiago springs forward at midnight: 2024-09-08 00:00 does not exist, the day starts at 01:00 (-03)
        "2024-09-08/2024-09-09, America/Santiago, 2024-09-08T04:00:00Z, 2024-09-09T03:00:00Z",
        "2024-09, America/Santiago, 2024-09-01T04:00:00Z, 2024-10-01T03:00:00Z",
        // Havana springs forward at midnight too: 2024-03-10 starts at 01:00 CDT
        "2024-03-10/2024-03-11, America/Havana, 2024-03-10T05:00:00Z, 2024-03-11T04:00:00Z",
        // Lord Howe moves by half an hour at 02:00: a 23.5-hour and a 24.5-hour day
        "2024-10-06/2024-10-07, Australia/Lord_Howe, 2024-10-05T13:30:00Z, 2024-10-06T13:00:00Z",
        "2024-04-07/2024-04-08, Australia/Lord_Howe, 2024-04-06T13:00:00Z, 2024-04-07T13:30:00Z",
        // Chatham, +12:45 then +13:45 from 02:45
        "2024-09-29/2024-09-30, Pacific/Chatham, 2024-09-28T11:15:00Z, 2024-09-29T10:15:00Z",
        // Apia skipped 2011-12-30 whole: its midnight moves a day later, onto the next one's, so the day is empty
        "2011-12-30/2011-12-31, Pacific/Apia, 2011-12-30T10:00:00Z, 2011-12-30T10:00:00Z",
        "2011-12, Pacific/Apia, 2011-12-01T10:00:00Z, 2011-12-31T10:00:00Z",
        "2011-12-29/2011-12-31, Pacific/Apia, 2011-12-29T10:00:00Z, 2011-12-30T10:00:00Z"})
    void localMidnightsFollowTheStoresZone(String window, String zone, String start, String end) {
        assertThat(range(window, zone, "2030-01-01T00:00:00Z")).isEqualTo(interval(start, end));
        assertThat(ReportWindow.parse(window).isLocal()).isTrue();
    }

    @Test
    void instantRangesAreTheSameForEveryZone() {
        ReportWindow w = ReportWindow.parse("2024-09-01T00:00:00Z/2024-09-02T12:30:00.5Z");
        for (String zone : List.of("UTC", "Pacific/Kiritimati", "Etc/GMT+12")) {
            assertThat(w.range(ZoneId.of(zone), NOW))
                    .isEqualTo(interval("2024-09-01T00:00:00Z", "2024-09-02T12:30:00.500Z"));
        }
        assertThat(w.range(ZoneOffset.UTC, Instant.parse("2024-09-02T00:00:00Z")))
                .isEqualTo(interval("2024-09-01T00:00:00Z", "2024-09-02T00:00:00Z"));
    }

    @Test
    void theBoundsHoldTheRangeOfEveryZone() {
        for (String text : List.of("month", "previous-month", "2024-09", "2024-09-08/2024-09-09", "7d",
                "2024-10-01T00:00:00Z/2024-10-15T00:00:00Z")) {
            ReportWindow w = ReportWindow.parse(text);
            for (Instant now : List.of(NOW, Instant.parse("2024-10-01T00:00:00Z"), Instant.parse("2024-09-08T04:00:00Z"))) {
                TimeInterval bounds = w.bounds(now);
                for (String zone : ZoneId.getAvailableZoneIds()) {
                    TimeInterval range = w.range(ZoneId.of(zone), now);
                    assertThat(range.start()).as("%s in %s", text, zone).isAfterOrEqualTo(bounds.start());
                    assertThat(range.end()).as("%s in %s", text, zone).isBeforeOrEqualTo(bounds.end());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"30d, 30d", "2024-09, 2024_09", "previous-month, previous_month", "hour, hour",
        "2024-09-01/2024-09-15, 2024_09_01_2024_09_15",
        "2024-09-01T00:00:00Z/2024-09-02T00:00:00.25Z, 2024_09_01t00_00_00z_2024_09_02t00_00_00_25z"})
    void labelsAreLowerCaseWithRunsOfOtherCharactersAsOneUnderscore(String window, String label) {
        assertThat(ReportWindow.parse(window).label()).isEqualTo(label);
        assertThat(ReportWindow.parse(window).text()).isEqualTo(window);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"0d", "0h", "00w", "2024-13", "2024-00", "0000-01", "2024-09-15/2024-09-01",
        "2024-09-01/2024-09-01", "fortnight", "Month", "30D", " 30d", "30d ", "", "-1d", "1.5d", "030d", "3661d",
        "87841h", "523w", "99999999999999999999d", "2024-02-30/2024-03-01", "2014-01-01/2024-01-10",
        "2024-09-01T00:00:00Z/2024-09-01T00:00:00Z", "2024-09-02T00:00:00Z/2024-09-01T00:00:00Z",
        "2024-09-01T24:00:00Z/2024-09-03T00:00:00Z", "2024-09-01T00:00:60Z/2024-09-03T00:00:00Z",
        "2024-09-01t00:00:00z/2024-09-03T00:00:00Z", "2024-09-01T00:00:00Z/2034-09-09T00:00:00.000001Z",
        "2024-09-01T00:00:00.1234567Z/2024-09-03T00:00:00Z", "2024-09-01T00:00:00+02:00/2024-09-03T00:00:00Z",
        "2024-9", "2024-09-01/2024-09-02/2024-09-03"})
    void badWindowsAreRefusedInOneLineNamingTheWindowAndTheAcceptedForms(String text) {
        assertThatThrownBy(() -> ReportWindow.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("window '" + text + "': ")
                .hasMessageEndingWith(ReportWindow.ACCEPTED_FORMS)
                .message().doesNotContain("\n");
    }

    @Test
    void aControlCharacterInABadWindowIsEscapedSoTheMessageStaysOneLine() {
        assertThatThrownBy(() -> ReportWindow.parse("30d\nX"))
                .hasMessageStartingWith("window '30d\\u000aX': ").message().doesNotContain("\n");
    }

    @Test
    void theLongestWindowsAccepted() {
        assertThat(ReportWindow.parse("2014-01-01/2024-01-09").range(ZoneOffset.UTC, NOW).duration())
                .isEqualTo(Duration.ofDays(3660));
        assertThat(ReportWindow.parse("2024-01-01T00:00:00Z/2034-01-08T00:00:00Z").range(ZoneOffset.UTC,
                Instant.parse("2040-01-01T00:00:00Z")).duration()).isEqualTo(Duration.ofDays(3660));
    }

    @Test
    void twoWindowsWithTheSameLabelAreRefused() {
        assertThatThrownBy(() -> ReportWindow.parseAll(List.of("30d", "2024-09", "30d")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("window '30d': asked for twice; ");
        assertThat(ReportWindow.parseAll(List.of("hour", "1h", "day"))).extracting(ReportWindow::label)
                .containsExactly("hour", "1h", "day");
    }

    @Test
    void factoriesWriteTheWindowAsParsed() {
        assertThat(ReportWindow.lastDays(30)).isEqualTo(ReportWindow.parse("30d"));
        assertThat(ReportWindow.lastHours(6).text()).isEqualTo("6h");
        assertThat(ReportWindow.lastWeeks(2).text()).isEqualTo("2w");
        assertThat(ReportWindow.monthSoFar().text()).isEqualTo("month");
        assertThat(ReportWindow.previousMonth().text()).isEqualTo("previous-month");
        assertThat(ReportWindow.calendarMonth(YearMonth.of(2024, 9)).text()).isEqualTo("2024-09");
        assertThat(ReportWindow.localDates(LocalDate.of(2024, 9, 1), LocalDate.of(2024, 9, 15)).text())
                .isEqualTo("2024-09-01/2024-09-15");
        assertThat(ReportWindow.instants(Instant.parse("2024-09-01T00:00:00Z"), Instant.parse("2024-09-02T00:00:00.5Z"))
                .text()).isEqualTo("2024-09-01T00:00:00Z/2024-09-02T00:00:00.500Z");
        assertThatThrownBy(() -> ReportWindow.lastDays(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
