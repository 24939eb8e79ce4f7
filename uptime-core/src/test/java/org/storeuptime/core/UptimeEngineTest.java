package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.storeuptime.core.Scenario.rounded;
import static org.storeuptime.core.Scenario.row;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.storeuptime.core.csv.ReportCsv;

/**
 * The report rules of docs/rules.md, one nested class per section. Expected figures are worked out by hand
 * and written as the report CSV would round them: {@code "uptime hour/day/week downtime hour/day/week"},
 * hour in minutes, day and week in hours.
 */
class UptimeEngineTest {

    /** The worked example's store: open Monday 09:00-12:00 in Chicago (15:00-18:00 UTC in January). */
    private static final String CHICAGO = "America/Chicago";
    private static final String MONDAY_9_TO_12 = "0 09:00 12:00";
    private static final String ALL_ZERO = "0.00 0.00 0.00 0.00 0.00 0.00";
    private static final String ALWAYS_UP = "60.00 24.00 168.00 0.00 0.00 0.00";
    private static final String ALWAYS_DOWN = "0.00 0.00 0.00 60.00 24.00 168.00";
    /** A Monday noon UTC used as {@code now} for 24/7 stores; the week starts 2024-01-08T12:00Z. */
    private static final String NOW = "2024-01-15T12:00:00Z";

    @Nested
    class WorkedExample {

        private static final String POLLS = "2023-01-23T16:14:00Z inactive, 2023-01-23T17:15:00Z active";

        @Test
        void givesTheFiguresOfTheSpecToTheHundredth() {
            StoreUptime row = row(CHICAGO, MONDAY_9_TO_12, POLLS, "2023-01-23T18:00:00Z");

            assertThat(rounded(row)).isEqualTo("60.00 1.26 1.26 0.00 1.74 1.74");
            // inactive 09:00-10:44:30, active 10:44:30-12:00 local
            assertThat(row.uptimeLastHour()).isEqualTo(Duration.ofHours(1));
            assertThat(row.downtimeLastHour()).isZero();
            assertThat(row.uptimeLastDay()).isEqualTo(Duration.parse("PT1H15M30S"));
            assertThat(row.downtimeLastDay()).isEqualTo(Duration.parse("PT1H44M30S"));
            assertThat(row.uptimeLastWeek()).isEqualTo(row.uptimeLastDay());
            assertThat(row.downtimeLastWeek()).isEqualTo(row.downtimeLastDay());
        }

        @Test
        void writesTheSpecsFiguresToTheReportCsv() {
            UptimeReport report = UptimeEngine.create()
                    .report(Scenario.dataSet(CHICAGO, MONDAY_9_TO_12, POLLS), Instant.parse("2023-01-23T18:00:00Z"));

            assertThat(new String(ReportCsv.toBytes(report), StandardCharsets.UTF_8)).isEqualTo(
                    "store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,"
                            + "downtime_last_day,downtime_last_week\n"
                            + "s,60.00,1.26,1.26,0.00,1.74,1.74\n");
        }

        @Test
        void readsTheSameWithoutATimeZoneBecauseChicagoIsTheDefault() {
            assertThat(rounded(row("", MONDAY_9_TO_12, POLLS, "2023-01-23T18:00:00Z")))
                    .isEqualTo("60.00 1.26 1.26 0.00 1.74 1.74");
        }
    }

    @Nested
    class Inputs {

        @Test
        void missingTimeZoneIsAmericaChicago() {
            StoreDataSet data = Scenario.dataSet("", MONDAY_9_TO_12, "");
            assertThat(data.store(Scenario.STORE).zone()).isEqualTo(ZoneId.of("America/Chicago"));
        }

        @Test
        void missingBusinessHoursMeanOpen24x7() {
            StoreDataSet data = Scenario.dataSet("Asia/Kathmandu", "", "");
            assertThat(data.store(Scenario.STORE).hours().isAlwaysOpen()).isTrue();
            assertThat(rounded(row("Asia/Kathmandu", "", "2024-01-12T00:00:00Z active", NOW))).isEqualTo(ALWAYS_UP);
        }

        @Test
        void everyStoreOfAnyInputIsReportedAndOneWithoutPollsReadsAllZero() {
            StoreDataSet data = StoreDataSet.builder()
                    .poll("polls", Instant.parse("2024-01-15T11:00:00Z"), PollStatus.ACTIVE)
                    .timeZone("zone-only", ZoneId.of("Europe/Berlin"))
                    .openingPeriod("hours-only", OpeningPeriod.of(0, LocalTime.of(9, 0), LocalTime.of(17, 0)))
                    .store("bare")
                    .build();

            UptimeReport report = UptimeEngine.create().report(data, Instant.parse(NOW));

            assertThat(report.rows()).extracting(StoreUptime::storeId)
                    .containsExactly("bare", "hours-only", "polls", "zone-only");
            assertThat(report.rows()).filteredOn(r -> !r.storeId().equals("polls"))
                    .allSatisfy(r -> assertThat(r).isEqualTo(StoreUptime.unknown(r.storeId())));
            assertThat(rounded(report.rows().get(2))).isEqualTo(ALWAYS_UP);
        }

        @Test
        void rowsAreSortedByPlainStringOrder() {
            StoreDataSet data = StoreDataSet.builder().store("b").store("a10").store("a2").store("A").store("é")
                    .store("10").store("9").build();

            assertThat(UptimeEngine.create().report(data, Instant.parse(NOW)).rows())
                    .extracting(StoreUptime::storeId).containsExactly("10", "9", "A", "a10", "a2", "b", "é");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                first active wins      | 2024-01-15T11:00:00Z active, 2024-01-15T11:00:00Z inactive | 60.00 24.00 168.00 0.00 0.00 0.00
                first inactive wins    | 2024-01-15T11:00:00Z inactive, 2024-01-15T11:00:00Z active | 0.00 0.00 0.00 60.00 24.00 168.00
                first wins when read out of order | 2024-01-15T11:30:00Z inactive, 2024-01-15T10:00:00Z active, 2024-01-15T10:00:00Z inactive, 2024-01-15T11:30:00Z active | 0.00 22.75 166.75 60.00 1.25 1.25
                """)
        void ofTwoPollsAtTheSameInstantTheFirstReadWins(String name, String polls, String expected) {
            assertThat(rounded(row("UTC", "", polls, NOW))).isEqualTo(expected);
        }
    }

    @Nested
    class WhichPollsCount {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                poll before opening ignored      | 2023-01-23T14:30:00Z inactive, 2023-01-23T16:00:00Z active | 2023-01-23T18:00:00Z | 60.00 3.00 3.00 0.00 0.00 0.00
                poll on a closed day ignored     | 2023-01-22T16:00:00Z inactive, 2023-01-23T16:00:00Z active | 2023-01-23T18:00:00Z | 60.00 3.00 3.00 0.00 0.00 0.00
                poll at the closing instant ignored | 2023-01-23T16:00:00Z active, 2023-01-23T18:00:00Z inactive | 2023-01-23T19:00:00Z | 0.00 3.00 3.00 0.00 0.00 0.00
                poll at closing instant == now ignored | 2023-01-23T16:00:00Z active, 2023-01-23T18:00:00Z inactive | 2023-01-23T18:00:00Z | 60.00 3.00 3.00 0.00 0.00 0.00
                poll a second before closing counts | 2023-01-23T16:00:00Z active, 2023-01-23T17:59:59Z inactive | 2023-01-23T18:00:00Z | 0.00 2.00 2.00 60.00 1.00 1.00
                poll at the opening instant counts | 2023-01-23T15:00:00Z inactive, 2023-01-23T17:00:00Z active | 2023-01-23T18:00:00Z | 60.00 2.00 2.00 0.00 1.00 1.00
                only closed-hours polls: all zero | 2023-01-23T14:00:00Z active, 2023-01-23T19:00:00Z inactive | 2023-01-23T20:00:00Z | 0.00 0.00 0.00 0.00 0.00 0.00
                """)
        void onlyPollsInsideBusinessTimeCount(String name, String polls, String now, String expected) {
            assertThat(rounded(row(CHICAGO, MONDAY_9_TO_12, polls, now))).isEqualTo(expected);
        }

        /** A 24/7 store with one active poll {@code beforeWeek} before the week starts (2024-01-08T12:00Z). */
        @ParameterizedTest(name = "lookback {0}, poll {1} before the week: counts = {2}")
        @CsvSource({
                "PT24H, PT23H,       true",
                "PT24H, PT24H,       true",
                "PT24H, PT24H0.001S, false",
                "PT24H, PT25H,       false",
                "PT0S,  PT23H,       false",
                "PT0S,  PT0S,        true",
                "PT48H, PT25H,       true",
        })
        void pollsCountFromNowMinus7DaysMinusLookback(Duration lookback, Duration beforeWeek, boolean counts) {
            Instant poll = Instant.parse("2024-01-08T12:00:00Z").minus(beforeWeek);
            StoreUptime row = row("UTC", "", poll + " active", NOW, ReportOptions.DEFAULTS.withLookback(lookback));
            assertThat(rounded(row)).isEqualTo(counts ? ALWAYS_UP : ALL_ZERO);
        }

        @Test
        void defaultLookbackIs24Hours() {
            assertThat(ReportOptions.DEFAULTS.lookback()).isEqualTo(Duration.ofHours(24));
            assertThat(UptimeEngine.create().consideredFrom(Instant.parse(NOW)))
                    .isEqualTo(Instant.parse("2024-01-07T12:00:00Z"));
        }

        @ParameterizedTest(name = "lookback {0}")
        @CsvSource({
                "PT24H, 60.00 24.00 167.00 0.00 0.00 1.00",
                "PT0S,  60.00 24.00 168.00 0.00 0.00 0.00",
        })
        void aPollInTheLookbackMovesTheMidpointIntoTheWeek(Duration lookback, String expected) {
            // inactive 2 h before the week, active 4 h into it: the midpoint is 1 h into the week
            String polls = "2024-01-08T10:00:00Z inactive, 2024-01-08T16:00:00Z active";
            assertThat(rounded(row("UTC", "", polls, NOW, ReportOptions.DEFAULTS.withLookback(lookback))))
                    .isEqualTo(expected);
        }

        @Test
        void pollsAfterNowAreIgnored() {
            String polls = "2024-01-15T11:00:00Z active, 2024-01-15T12:00:00.000001Z inactive";
            assertThat(rounded(row("UTC", "", polls, NOW))).isEqualTo(ALWAYS_UP);
        }

        @Test
        void aPollExactlyAtNowIsConsidered() {
            String polls = "2024-01-15T10:00:00Z active, 2024-01-15T12:00:00Z inactive";
            assertThat(rounded(row("UTC", "", polls, NOW))).isEqualTo("0.00 23.00 167.00 60.00 1.00 1.00");
        }

        @Test
        void aPollAtNowAloneGivesItsStatusToTheWholeWeek() {
            assertThat(rounded(row("UTC", "", NOW + " inactive", NOW))).isEqualTo(ALWAYS_DOWN);
        }
    }

    @Nested
    class NowAndWindows {

        @Test
        void aNowOutsideTheYears1To9999IsRejectedNamingIt() {
            StoreDataSet data = StoreDataSet.builder().poll("a", Instant.parse("2024-01-15T10:00:00Z"),
                    PollStatus.ACTIVE).build();
            UptimeEngine engine = UptimeEngine.create();
            assertThatThrownBy(() -> engine.report(data, Instant.parse("+1000000000-01-01T00:00:00Z")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("now +1000000000-01-01T00:00:00Z is outside the years 1 to 9999");
            assertThatThrownBy(() -> engine.report(data, Instant.parse("0000-12-31T23:59:59Z")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(engine.report(data, UptimeEngine.LATEST_NOW).now()).isEqualTo(UptimeEngine.LATEST_NOW);
            assertThat(engine.report(data, UptimeEngine.EARLIEST_NOW).rows()).hasSize(1);
        }

        /** Store "a" is open Monday 00:00-11:30 UTC with its latest poll at 10:00; store "b" polls at 12:00. */
        private StoreDataSet twoStores() {
            return StoreDataSet.builder()
                    .timeZone("a", ZoneOffset.UTC)
                    .openingPeriod("a", OpeningPeriod.of(0, LocalTime.MIDNIGHT, LocalTime.of(11, 30)))
                    .poll("a", Instant.parse("2024-01-15T10:00:00Z"), PollStatus.ACTIVE)
                    .poll("b", Instant.parse("2024-01-15T12:00:00Z"), PollStatus.INACTIVE)
                    .poll("b", Instant.parse("2024-01-15T09:00:00Z"), PollStatus.INACTIVE)
                    .build();
        }

        @Test
        void defaultNowIsTheLatestPollOfAnyStore() {
            UptimeReport report = UptimeEngine.create().report(twoStores());

            assertThat(report.now()).isEqualTo(Instant.parse("2024-01-15T12:00:00Z"));
            // a's last hour [11:00, 12:00) holds 30 minutes of business time
            assertThat(rounded(report.rows().get(0))).isEqualTo("30.00 11.50 11.50 0.00 0.00 0.00");
        }

        @Test
        void explicitNowWins() {
            UptimeReport report = UptimeEngine.create().report(twoStores(), Instant.parse("2024-01-15T11:00:00Z"));

            assertThat(report.now()).isEqualTo(Instant.parse("2024-01-15T11:00:00Z"));
            // the week now also holds last Monday's 11:00-11:30
            assertThat(rounded(report.rows().get(0))).isEqualTo("60.00 11.00 11.50 0.00 0.00 0.00");
        }

        @Test
        void withoutAnyPollNowComesFromTheClock() {
            Instant clockNow = Instant.parse("2024-02-01T08:00:00Z");
            UptimeEngine engine = UptimeEngine.builder().clock(Clock.fixed(clockNow, ZoneOffset.UTC)).build();
            StoreDataSet data = StoreDataSet.builder().timeZone("x", ZoneId.of("Asia/Kathmandu")).build();

            UptimeReport report = engine.report(data);

            assertThat(report.now()).isEqualTo(clockNow);
            assertThat(report.rows()).containsExactly(StoreUptime.unknown("x"));
        }

        @Test
        void nowIsKeptToTheMicrosecond() {
            Instant now = Instant.parse("2024-01-15T12:00:00.123456789Z");
            assertThat(UptimeEngine.create().report(twoStores(), now).now())
                    .isEqualTo(Instant.parse("2024-01-15T12:00:00.123456Z"));
        }

        /** A 24/7 store polled active once: each window is exactly 1 h, 24 h and 168 h whatever the zone does. */
        @ParameterizedTest(name = "{0} now {1}")
        @CsvSource({
                "America/New_York,    2024-03-10T12:00:00Z",
                "America/New_York,    2024-03-11T04:00:00Z",
                "America/New_York,    2024-11-03T12:00:00Z",
                "America/New_York,    2024-11-04T05:00:00Z",
                "Australia/Lord_Howe, 2024-04-07T03:00:00Z",
                "Australia/Lord_Howe, 2024-10-06T03:00:00Z",
                "Europe/Berlin,       2024-03-31T12:00:00Z",
        })
        void windowsAreAbsoluteDurationsAcrossDstChanges(String zone, Instant now) {
            StoreUptime row = row(zone, "", now.minusSeconds(3600) + " active", now.toString());

            assertThat(row.uptimeLastHour()).isEqualTo(Duration.ofHours(1));
            assertThat(row.uptimeLastDay()).isEqualTo(Duration.ofHours(24));
            assertThat(row.uptimeLastWeek()).isEqualTo(Duration.ofHours(168));
        }

        @Test
        void progressReachesTheTotal() {
            List<String> calls = new ArrayList<>();
            UptimeEngine.create().report(twoStores(), ReportRequest.classic(), (done, total) -> calls.add(done + "/" + total));
            assertThat(calls).last().isEqualTo("2/2");
        }
    }

    @Nested
    class Extrapolations {

        /** 24/7 store, now 12:00: where the status switches between two polls, to the (half) second. */
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                midpoint exactly at the window start | 10:30:00Z active, 11:30:00Z inactive   | PT0S   | PT1H       | PT23H          | PT1H
                midpoint a second into the window    | 10:30:00Z active, 11:30:02Z inactive   | PT1S   | PT59M59S   | PT23H1S        | PT59M59S
                midpoint a second before the window  | 10:30:00Z active, 11:29:58Z inactive   | PT0S   | PT1H       | PT22H59M59S    | PT1H1S
                midpoint on a half second            | 10:30:00Z active, 11:30:01Z inactive   | PT0.5S | PT59M59.5S | PT23H0.5S      | PT59M59.5S
                statuses the other way round         | 10:30:00Z inactive, 11:30:00Z active   | PT1H   | PT0S       | PT1H           | PT23H
                """)
        void nearestPollSwitchesExactlyAtTheMidpoint(String name, String polls, Duration upHour, Duration downHour,
                Duration upDay, Duration downDay) {
            String dated = String.join(", ", Scenario.split(polls).stream().map(p -> "2024-01-15T" + p).toList());
            StoreUptime row = row("UTC", "", dated, NOW);

            assertThat(List.of(row.uptimeLastHour(), row.downtimeLastHour(), row.uptimeLastDay(),
                    row.downtimeLastDay())).containsExactly(upHour, downHour, upDay, downDay);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "NEAREST_POLL,  60.00 15.00 15.00 0.00 9.00 153.00",
                "CARRY_FORWARD, 60.00 10.00 10.00 0.00 14.00 158.00",
        })
        void beforeTheFirstPollItsStatusHoldsAndAfterTheLastTheLasts(Extrapolation extrapolation, String expected) {
            // inactive at now-20h, active at now-10h: nearest switches at now-15h, carry-forward at now-10h
            String polls = "2024-01-14T16:00:00Z inactive, 2024-01-15T02:00:00Z active";
            ReportOptions options = ReportOptions.DEFAULTS.withExtrapolation(extrapolation);
            assertThat(rounded(row("UTC", "", polls, NOW, options))).isEqualTo(expected);
        }

        @Test
        void carryForwardHoldsAStatusUntilTheNextPoll() {
            String polls = "2024-01-15T10:30:00Z active, 2024-01-15T11:30:00Z inactive";
            ReportOptions options = ReportOptions.DEFAULTS.withExtrapolation(Extrapolation.CARRY_FORWARD);
            StoreUptime row = row("UTC", "", polls, NOW, options);

            assertThat(row.uptimeLastHour()).isEqualTo(Duration.ofMinutes(30));
            assertThat(row.downtimeLastHour()).isEqualTo(Duration.ofMinutes(30));
            assertThat(row.uptimeLastDay()).isEqualTo(Duration.parse("PT23H30M"));
            assertThat(row.downtimeLastDay()).isEqualTo(Duration.ofMinutes(30));
        }

        @Test
        void carryForwardIgnoresPollsOutsideBusinessHoursToo() {
            // the closed-hours poll at 08:30 local would otherwise make 09:00-10:00 inactive
            String polls = "2023-01-23T14:30:00Z inactive, 2023-01-23T16:00:00Z active";
            ReportOptions options = ReportOptions.DEFAULTS.withExtrapolation(Extrapolation.CARRY_FORWARD);
            assertThat(rounded(row(CHICAGO, MONDAY_9_TO_12, polls, "2023-01-23T18:00:00Z", options)))
                    .isEqualTo("60.00 3.00 3.00 0.00 0.00 0.00");
        }

        @ParameterizedTest
        @EnumSource(Extrapolation.class)
        void theReportNamesItsOptions(Extrapolation extrapolation) {
            ReportOptions options = new ReportOptions(Duration.ofHours(6), extrapolation);
            UptimeReport report = UptimeEngine.builder().options(options).build()
                    .report(StoreDataSet.builder().store("x").build(), Instant.parse(NOW));

            assertThat(report.options()).isEqualTo(options);
            assertThat(report.options().asMetadata())
                    .containsExactly(Map.entry("extrapolation", extrapolation.optionName()),
                            Map.entry("lookback", "PT6H"));
        }
    }

    @Nested
    class Figures {

        static Stream<Arguments> stores() {
            List<Arguments> cases = new ArrayList<>();
            for (Extrapolation e : Extrapolation.values()) {
                cases.add(Arguments.of(e, CHICAGO, MONDAY_9_TO_12,
                        "2023-01-23T16:14:00Z inactive, 2023-01-23T17:15:00Z active", "2023-01-23T18:00:00Z"));
                cases.add(Arguments.of(e, "America/New_York",
                        "0 01:00 03:30, 1 01:00 03:30, 2 01:00 03:30, 3 01:00 03:30, 4 01:00 03:30, 5 01:00 03:30, "
                                + "6 01:00 03:30, 5 20:00 01:30",
                        "2024-03-05T06:10:00Z active, 2024-03-07T06:59:00Z inactive, 2024-03-10T01:00:00Z active, "
                                + "2024-03-10T07:10:00Z inactive, 2024-03-10T07:20:00Z active",
                        "2024-03-10T07:25:00Z"));
                cases.add(Arguments.of(e, "Australia/Lord_Howe", "6 01:00 03:00, 6 02:30 02:30, 2 09:00 17:00",
                        "2024-04-02T00:00:00Z inactive, 2024-04-06T15:00:00Z active, 2024-04-06T16:00:00Z inactive",
                        "2024-04-07T10:00:00Z"));
                cases.add(Arguments.of(e, "Pacific/Chatham", "", "2024-04-06T15:00:00Z active", "2024-04-07T10:00:00Z"));
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("stores")
        void uptimePlusDowntimeIsTheBusinessTimeOfEachWindow(Extrapolation extrapolation, String zone, String rows,
                String polls, String now) {
            Instant end = Instant.parse(now);
            StoreDataSet data = Scenario.dataSet(zone, rows, polls);
            Store store = data.store(Scenario.STORE);
            StoreUptime row = row(zone, rows, polls, now, ReportOptions.DEFAULTS.withExtrapolation(extrapolation));

            for (UptimeWindow window : UptimeWindow.values()) {
                Duration business = store.hours().utcIntervals(store.zone(), window.endingAt(end)).stream()
                        .map(TimeInterval::duration).reduce(Duration.ZERO, Duration::plus);
                assertThat(row.uptime(window).plus(row.downtime(window))).as(window.name()).isEqualTo(business);
            }
            assertThat(row.uptimeLastWeek().plus(row.downtimeLastWeek())).isPositive();
        }
    }

    @Nested
    class TimeZones {

        /** Open 01:00-03:30 local every day in New York. */
        private static final String EVERY_NIGHT = "0 01:00 03:30, 1 01:00 03:30, 2 01:00 03:30, 3 01:00 03:30, "
                + "4 01:00 03:30, 5 01:00 03:30, 6 01:00 03:30";

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                day before spring forward: 2.5 h       | 2024-03-09T06:00:00Z inactive, 2024-03-09T08:00:00Z active | 2024-03-09T17:00:00Z | 0.00 1.50 1.50 0.00 1.00 16.00
                spring forward: 01:00 EST-03:30 EDT is 1.5 h | 2024-03-10T06:00:00Z inactive, 2024-03-10T07:00:00Z active | 2024-03-10T16:00:00Z | 0.00 1.00 1.00 0.00 0.50 15.50
                spring forward: last hour 01:00-03:00 local is 60 minutes | 2024-03-10T06:00:00Z active | 2024-03-10T07:00:00Z | 60.00 2.50 17.50 0.00 0.00 0.00
                day before fall back: 2.5 h            | 2024-11-02T05:00:00Z inactive, 2024-11-02T07:00:00Z active | 2024-11-02T16:00:00Z | 0.00 1.50 1.50 0.00 1.00 16.00
                fall back: 01:00 EDT-03:30 EST is 3.5 h | 2024-11-03T05:00:00Z inactive, 2024-11-03T08:00:00Z active | 2024-11-03T17:00:00Z | 0.00 2.00 2.00 0.00 1.50 16.50
                fall back: last hour 01:00-01:00 local is 60 minutes | 2024-11-03T05:00:00Z inactive | 2024-11-03T06:00:00Z | 0.00 0.00 0.00 60.00 2.50 17.50
                """)
        void newYorkAcrossTheUsDstNights(String name, String polls, String now, String expected) {
            assertThat(rounded(row("America/New_York", EVERY_NIGHT, polls, now))).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                Lord Howe 30-minute fall back: 01:00-03:00 is 2.5 h | 2024-04-06T14:00:00Z active | 2024-04-07T01:00:00Z | 0.00 2.50 14.50 0.00 0.00 0.00
                Lord Howe 30-minute spring forward: 1.5 h | 2024-10-05T14:30:00Z active | 2024-10-06T01:00:00Z | 0.00 1.50 13.50 0.00 0.00 0.00
                """)
        void lordHoweWithItsHalfHourDst(String name, String polls, String now, String expected) {
            String everyNight = EVERY_NIGHT.replace("03:30", "03:00");
            assertThat(rounded(row("Australia/Lord_Howe", everyNight, polls, now))).isEqualTo(expected);
        }

        @Test
        void kathmanduIsFiveHoursFortyFiveAhead() {
            // open 09:00-17:00 local = 03:15-11:15 UTC; now 17:10 local, so the last hour holds 50 open minutes
            StoreUptime row = row("Asia/Kathmandu", "0 09:00 17:00", "2024-01-15T04:15:00Z active",
                    "2024-01-15T11:25:00Z");
            assertThat(rounded(row)).isEqualTo("50.00 8.00 8.00 0.00 0.00 0.00");
        }

        @Test
        void theJvmDefaultZoneDoesNotMatter() {
            // surefire runs the tests in Pacific/Chatham; a store in UTC must not see that zone
            StoreUptime row = row("UTC", "0 09:00 17:00", "2024-01-15T10:00:00Z active", "2024-01-15T18:00:00Z");
            assertThat(rounded(row)).isEqualTo("0.00 8.00 8.00 0.00 0.00 0.00");
        }
    }
}
