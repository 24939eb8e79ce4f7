package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.Poll;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.StoreTimeline;
import org.storeuptime.core.StoreUptime;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.UptimeWindow;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.core.csv.ReportRow;

/**
 * {@code GET /stores}, {@code /stores/{id}} and {@code /stores/{id}/timeline} over real HTTP, against the
 * numbers the engine computes from the same data in memory. Run on both server modes by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractStoreRoutesTest {

    static final StoreDataSet DATA = TestData.stores(24);
    static final Instant LATEST = DATA.latestPollTime().orElseThrow();
    /** A store with its own zone and business hours, and one with neither (America/Chicago, 24/7). */
    static final String WITH_HOURS = DATA.storeIds().stream().skip(4).findFirst().orElseThrow();
    static final String DEFAULTED = DATA.storeIds().first();

    private UptimeServer server;
    Http http;

    /** A started server over {@link #DATA} (with {@code token} as its API token when not null). */
    abstract UptimeServer server(String token);

    @BeforeAll
    void start() {
        server = server(null);
        http = new Http(server.url());
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    private static StoreTimeline expected(String id, Instant now, ReportOptions options) {
        return UptimeEngine.builder().options(options).build().timeline(DATA, id, now).orElseThrow();
    }

    @Test
    void listingIsSortedWithZonesAndPollCounts() {
        JsonNode body = http.get("/stores").json();
        assertThat(body.get("total").asInt()).isEqualTo(24);
        assertThat(body.get("limit").asInt()).isEqualTo(50);
        assertThat(body.get("offset").asInt()).isZero();
        assertThat(body.get("query").asText()).isEmpty();
        List<String> ids = new ArrayList<>();
        body.get("stores").forEach(s -> ids.add(s.get("store_id").asText()));
        assertThat(ids).containsExactlyElementsOf(DATA.storeIds());
        JsonNode first = body.get("stores").get(0);
        assertThat(first.get("timezone").asText()).isEqualTo("America/Chicago");
        assertThat(first.get("timezone_defaulted").asBoolean()).isTrue();
        long weekPolls = DATA.polls(DEFAULTED).stream().filter(p -> !p.timestamp()
                .isBefore(LATEST.minus(Duration.ofDays(7)))).count();
        assertThat(first.get("polls_last_week").asLong()).isEqualTo(weekPolls).isGreaterThan(100);
        assertThat(first.has("report")).isTrue();
        // "last seen": each store's own latest poll, with the store's clock beside it
        for (JsonNode store : body.get("stores")) {
            String id = store.get("store_id").asText();
            Instant last = DATA.lastPoll(id).orElseThrow();
            assertThat(store.get("last_poll").asText()).as(id).isEqualTo(last.toString());
            assertThat(OffsetDateTime.parse(store.get("last_poll_local").asText()).toInstant()).isEqualTo(last);
            assertThat(OffsetDateTime.parse(store.get("last_poll_local").asText()).getOffset())
                    .isEqualTo(DATA.store(id).zone().getRules().getOffset(last));
        }
    }

    @Test
    void theStoreNamesItsLastPollWhateverItsNow() {
        Instant last = DATA.lastPoll(WITH_HOURS).orElseThrow();
        JsonNode past = http.get("/stores/" + WITH_HOURS + "?now=2023-01-20T12:00:00Z").json();
        assertThat(past.get("last_poll").asText()).isEqualTo(last.toString()).isNotEqualTo(past.get("now").asText());
        assertThat(OffsetDateTime.parse(past.get("last_poll_local").asText()).toInstant()).isEqualTo(last);
    }

    @Test
    void listingFiltersAndPages() {
        String needle = WITH_HOURS.substring(WITH_HOURS.length() - 4);
        List<String> matching = DATA.storeIds().stream().filter(id -> id.contains(needle)).toList();
        JsonNode filtered = http.get("/stores?query=" + needle).json();
        assertThat(filtered.get("query").asText()).isEqualTo(needle);
        assertThat(filtered.get("total").asInt()).isEqualTo(matching.size());
        assertThat(filtered.get("stores").get(0).get("store_id").asText()).isEqualTo(matching.get(0));

        JsonNode page = http.get("/stores?limit=5&offset=20").json();
        assertThat(page.get("total").asInt()).isEqualTo(24);
        assertThat(page.get("stores")).hasSize(4);
        assertThat(page.get("stores").get(0).get("store_id").asText())
                .isEqualTo(DATA.storeIds().stream().skip(20).findFirst().orElseThrow());
        assertThat(http.get("/stores?offset=100").json().get("stores")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"limit=0, limit", "limit=501, limit", "limit=ten, limit", "offset=-1, offset", "offset=1.5, offset"})
    void badListingParametersAre400(String query, String named) {
        Http.Response r = http.get("/stores?" + query);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).startsWith(named + ":");
    }

    @Test
    void listingShowsTheNewestCompleteReportsRow() {
        String id = http.post("/reports", "{\"now\": \"2023-01-24T12:00:00Z\"}").json().get("id").asText();
        http.awaitReport("", id, Duration.ofSeconds(60));
        JsonNode store = http.get("/stores?limit=1").json().get("stores").get(0);
        JsonNode report = store.get("report");
        assertThat(report.get("report_id").asText()).isEqualTo(id);
        assertThat(report.get("now").asText()).isEqualTo("2023-01-24T12:00:00Z");
        StoreUptime row = UptimeEngine.create().report(DATA, Instant.parse("2023-01-24T12:00:00Z")).rows().get(0);
        ReportRow csv = ReportRow.of(row);
        assertThat(report.get("uptime_last_week").decimalValue()).isEqualByComparingTo(csv.uptimeLastWeek());
        assertThat(report.get("downtime_last_day").decimalValue()).isEqualByComparingTo(csv.downtimeLastDay());
        assertThat(report.get("uptime_last_hour").decimalValue()).isEqualByComparingTo(csv.uptimeLastHour());
        BigDecimal percent = csv.uptimeLastWeek().multiply(BigDecimal.valueOf(100))
                .divide(csv.uptimeLastWeek().add(csv.downtimeLastWeek()), 2, java.math.RoundingMode.HALF_UP);
        assertThat(report.get("uptime_percent_last_week").decimalValue()).isEqualByComparingTo(percent);
        // the same row as the report's CSV
        String line = new String(http.get("/reports/" + id + "/csv").bytes()).lines()
                .filter(l -> l.startsWith(store.get("store_id").asText() + ",")).findFirst().orElseThrow();
        assertThat(line).contains("," + csv.uptimeLastWeek().toPlainString() + ",");
    }

    @Test
    void storeFiguresAreTheReportsRow() {
        Instant now = Instant.parse("2023-01-24T12:00:00Z");
        JsonNode body = http.get("/stores/" + WITH_HOURS + "?now=2023-01-24T12:00:00Z").json();
        StoreTimeline expected = expected(WITH_HOURS, now, ReportOptions.DEFAULTS);
        ReportRow row = ReportRow.of(UptimeEngine.create().report(DATA, now).rows().stream()
                .filter(r -> r.storeId().equals(WITH_HOURS)).findFirst().orElseThrow());
        assertThat(body.get("store_id").asText()).isEqualTo(WITH_HOURS);
        assertThat(body.get("timezone").asText()).isEqualTo(expected.store().zone().getId());
        assertThat(body.get("timezone_defaulted").asBoolean()).isFalse();
        assertThat(body.get("now").asText()).isEqualTo("2023-01-24T12:00:00Z");
        assertThat(OffsetDateTime.parse(body.get("now_local").asText()).toInstant()).isEqualTo(now);
        assertThat(body.get("options").get("lookback").asText()).isEqualTo("PT24H");
        assertThat(body.get("options").get("extrapolation").asText()).isEqualTo("nearest-poll");
        assertThat(body.get("open_all_week").asBoolean()).isFalse();
        assertThat(body.get("business_hours")).hasSize(7);
        JsonNode monday = body.get("business_hours").get(0);
        assertThat(monday.get("day_of_week").asInt()).isZero();
        assertThat(monday.get("day").asText()).isEqualTo("MONDAY");
        assertThat(monday.get("start_time_local").asText()).matches("0[89]:00:00");
        assertThat(monday.get("end_time_local").asText()).isEqualTo("20:30:00");
        // the CSV's figures keep its two decimals in the JSON text
        String text = http.get("/stores/" + WITH_HOURS + "?now=2023-01-24T12:00:00Z").text();
        assertThat(text).contains("\"uptime_last_week\":" + row.uptimeLastWeek().toPlainString() + ",")
                .contains("\"downtime_last_hour\":" + row.downtimeLastHour().toPlainString() + ",");
        assertThat(body.get("uptime_last_hour").decimalValue()).isEqualByComparingTo(row.uptimeLastHour());
        assertThat(body.get("uptime_last_day").decimalValue()).isEqualByComparingTo(row.uptimeLastDay());
        assertThat(body.get("uptime_last_week").decimalValue()).isEqualByComparingTo(row.uptimeLastWeek());
        assertThat(body.get("downtime_last_hour").decimalValue()).isEqualByComparingTo(row.downtimeLastHour());
        assertThat(body.get("downtime_last_day").decimalValue()).isEqualByComparingTo(row.downtimeLastDay());
        assertThat(body.get("downtime_last_week").decimalValue()).isEqualByComparingTo(row.downtimeLastWeek());
        for (UptimeWindow w : UptimeWindow.values()) {
            JsonNode window = body.get("windows").get(w.name().toLowerCase(java.util.Locale.ROOT));
            StoreTimeline.WindowFigures f = expected.window(w);
            assertThat(window.get("start").asText()).isEqualTo(f.range().start().toString());
            assertThat(window.get("end").asText()).isEqualTo("2023-01-24T12:00:00Z");
            assertThat(window.get("uptime_seconds").asDouble()).isEqualTo(f.uptime().toNanos() / 1e9);
            assertThat(window.get("downtime_seconds").asDouble()).isEqualTo(f.downtime().toNanos() / 1e9);
            if (f.uptimePercent() == null) {
                assertThat(window.get("uptime_percent").isNull()).isTrue();
            } else {
                assertThat(window.get("uptime_percent").decimalValue()).isEqualByComparingTo(f.uptimePercent());
            }
            assertThat(window.get("outage_count").asInt()).isEqualTo(f.outageCount());
            assertThat(window.get("longest_outage_seconds").asDouble()).isEqualTo(f.longestOutage().toNanos() / 1e9);
        }
        assertThat(body.get("outages")).hasSize(expected.outages().size());
    }

    @Test
    void storeDefaultsNowToTheLatestPollAndTakesOptions() {
        JsonNode body = http.get("/stores/" + DEFAULTED).json();
        assertThat(Instant.parse(body.get("now").asText())).isEqualTo(LATEST);
        assertThat(body.get("timezone_defaulted").asBoolean()).isTrue();
        assertThat(body.get("open_all_week").asBoolean()).isTrue();
        assertThat(body.get("business_hours")).isEmpty();

        ReportOptions options = new ReportOptions(Duration.ofHours(6), Extrapolation.CARRY_FORWARD);
        JsonNode carry = http.get("/stores/" + WITH_HOURS + "?now=2023-01-22T03:00:00Z&lookback=PT6H"
                + "&extrapolation=carry-forward").json();
        assertThat(carry.get("options").get("extrapolation").asText()).isEqualTo("carry-forward");
        assertThat(carry.get("options").get("lookback").asText()).isEqualTo("PT6H");
        ReportRow row = ReportRow.of(expected(WITH_HOURS, Instant.parse("2023-01-22T03:00:00Z"), options).uptime());
        assertThat(carry.get("uptime_last_week").decimalValue()).isEqualByComparingTo(row.uptimeLastWeek());
        assertThat(carry.get("downtime_last_day").decimalValue()).isEqualByComparingTo(row.downtimeLastDay());
    }

    @Test
    void unknownStoreIs404() {
        for (String path : List.of("/stores/no-such-store", "/stores/no-such-store/timeline")) {
            Http.Response r = http.get(path);
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.json().get("error").asText()).isEqualTo("unknown store 'no-such-store'");
            assertThat(r.json().get("store_id").asText()).isEqualTo("no-such-store");
        }
    }

    @ParameterizedTest
    @CsvSource({"now=yesterday, now", "now=2023-02-30T00:00:00Z, now", "lookback=24h, lookback",
            "lookback=-PT1H, lookback", "extrapolation=linear, extrapolation", "days=0, days", "days=8, days",
            "days=seven, days"})
    void badStoreParametersAre400(String query, String named) {
        Http.Response r = http.get("/stores/" + WITH_HOURS + "/timeline?" + query);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).startsWith(named + ":");
        if (!named.equals("days")) {
            assertThat(http.get("/stores/" + WITH_HOURS + "?" + query).status()).isEqualTo(400);
        }
    }

    @Test
    void aWholeNumberBeyondAnIntIsOutOfRangeNotMalformed() {
        Http.Response days = http.get("/stores/" + WITH_HOURS + "/timeline?days=99999999999");
        assertThat(days.status()).isEqualTo(400);
        assertThat(days.json().get("error").asText()).isEqualTo("days: 99999999999 is out of range (1 to 7)");
        Http.Response offset = http.get("/stores?offset=-99999999999");
        assertThat(offset.json().get("error").asText())
                .isEqualTo("offset: -99999999999 is out of range (0 or more)");
        Http.Response limit = http.get("/reports?limit=99999999999");
        assertThat(limit.json().get("error").asText()).isEqualTo("limit: 99999999999 is out of range (1 to 500)");
        assertThat(http.get("/stores/" + WITH_HOURS + "/timeline?days=9x").json().get("error").asText())
                .isEqualTo("days: '9x' is not a whole number (1 to 7)");
    }

    @Test
    void timelineSegmentsAddUpToTheFigures() {
        Instant now = Instant.parse("2023-01-24T12:00:00Z");
        JsonNode body = http.get("/stores/" + WITH_HOURS + "/timeline?now=2023-01-24T12:00:00Z").json();
        StoreTimeline expected = expected(WITH_HOURS, now, ReportOptions.DEFAULTS);
        assertThat(body.get("from").asText()).isEqualTo("2023-01-17T12:00:00Z");
        assertThat(body.get("to").asText()).isEqualTo("2023-01-24T12:00:00Z");
        assertThat(OffsetDateTime.parse(body.get("from_local").asText()).toInstant())
                .isEqualTo(Instant.parse("2023-01-17T12:00:00Z"));
        assertThat(body.get("business_intervals")).hasSize(expected.businessIntervals().size());
        double up = 0;
        double down = 0;
        for (JsonNode s : body.get("segments")) {
            double seconds = Duration.between(Instant.parse(s.get("start").asText()),
                    Instant.parse(s.get("end").asText())).toNanos() / 1e9;
            if (s.get("state").asText().equals("up")) {
                up += seconds;
            } else {
                assertThat(s.get("state").asText()).isEqualTo("down");
                down += seconds;
            }
            assertThat(OffsetDateTime.parse(s.get("start_local").asText()).toInstant())
                    .isEqualTo(Instant.parse(s.get("start").asText()));
        }
        assertThat(up).isCloseTo(expected.uptime().uptimeLastWeek().toNanos() / 1e9,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(down).isCloseTo(expected.uptime().downtimeLastWeek().toNanos() / 1e9,
                org.assertj.core.data.Offset.offset(1e-6));

        Map<String, Long> verdicts = new java.util.TreeMap<>();
        for (JsonNode p : body.get("polls")) {
            String reason = p.get("ignored_reason").isNull() ? "counted" : p.get("ignored_reason").asText();
            verdicts.merge(reason, 1L, Long::sum);
            assertThat(p.get("counted").asBoolean()).isEqualTo(reason.equals("counted"));
        }
        Map<String, Long> expectedVerdicts = expected.polls().stream().collect(Collectors.groupingBy(
                p -> p.verdict().counted() ? "counted" : p.verdict().reason(), java.util.TreeMap::new,
                Collectors.counting()));
        assertThat(verdicts).isEqualTo(expectedVerdicts).containsKeys("counted", "outside_business_hours",
                "outside_lookback");
        assertThat(body.get("outages")).hasSize(expected.outages().size());
        for (JsonNode o : body.get("outages")) {
            assertThat(o.get("duration_seconds").asDouble()).isPositive();
        }
    }

    @Test
    void timelineOfOneDay() {
        JsonNode body = http.get("/stores/" + WITH_HOURS + "/timeline?now=2023-01-24T12:00:00Z&days=1").json();
        assertThat(body.get("from").asText()).isEqualTo("2023-01-23T12:00:00Z");
        Instant from = Instant.parse("2023-01-23T12:00:00Z");
        for (JsonNode s : body.get("segments")) {
            assertThat(Instant.parse(s.get("start").asText())).isAfterOrEqualTo(from);
        }
        for (JsonNode p : body.get("polls")) {
            assertThat(Instant.parse(p.get("timestamp").asText())).isAfterOrEqualTo(from.minus(Duration.ofHours(48)));
        }
        List<Poll> all = DATA.polls(WITH_HOURS);
        assertThat(body.get("polls").size()).isLessThan(all.size());
    }

    @Test
    void timelineOfAWindowAddsUpToTheWindowsFigures() {
        String window = "2023-01-18/2023-01-22";
        String query = "now=2023-01-24T12:00:00Z&window=" + window;
        JsonNode body = http.get("/stores/" + WITH_HOURS + "/timeline?" + query).json();
        JsonNode figures = http.get("/stores/" + WITH_HOURS + "?" + query).json().get("windows").get(window);
        StoreTimeline.WindowTimeline expected = UptimeEngine.create().timeline(DATA, WITH_HOURS,
                org.storeuptime.core.ReportRequest.builder().now(Instant.parse("2023-01-24T12:00:00Z")).window(window)
                        .build()).orElseThrow().windowTimelines().get(0);
        assertThat(body.get("window").asText()).isEqualTo(window);
        assertThat(body.get("label").asText()).isEqualTo("2023_01_18_2023_01_22");
        assertThat(body.has("days")).isFalse();
        assertThat(body.get("from").asText()).isEqualTo(figures.get("start").asText())
                .isEqualTo(expected.range().start().toString());
        assertThat(body.get("to").asText()).isEqualTo(figures.get("end").asText())
                .isEqualTo(expected.range().end().toString());
        assertThat(body.get("from_local").asText()).endsWith(figures.get("start_local").asText().substring(10))
                .contains("T00:00:00");
        assertThat(body.get("business_intervals")).hasSize(expected.businessIntervals().size()).hasSizeGreaterThan(3);
        assertThat(body.get("polls")).hasSize(expected.polls().size());
        assertThat(Instant.parse(body.get("polls").get(0).get("timestamp").asText()))
                .isBefore(Instant.parse(body.get("from").asText()));
        double up = 0;
        double down = 0;
        for (JsonNode s : body.get("segments")) {
            double seconds = Duration.between(Instant.parse(s.get("start").asText()),
                    Instant.parse(s.get("end").asText())).toNanos() / 1e9;
            if (s.get("state").asText().equals("up")) {
                up += seconds;
            } else {
                down += seconds;
            }
        }
        assertThat(up).isPositive().isCloseTo(figures.get("uptime_seconds").asDouble(),
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(down).isPositive().isCloseTo(figures.get("downtime_seconds").asDouble(),
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(body.get("figures")).isEqualTo(figures);
        assertThat(body.get("outages")).hasSize(figures.get("outage_count").asInt());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"window=1d&window=2d | window: a timeline draws one window, not 2",
            "window=1d&days=3 | window and days:", "window=94d | window '94d': longer than the 93 days",
            "window=2023-01-01/2023-04-05 | window '2023-01-01/2023-04-05': longer than the 93 days",
            "window=fortnight | window 'fortnight': not a window"})
    void aTimelineOfAWindowTakesOneWindowOfAtMost93Days(String query, String message) {
        Http.Response r = http.get("/stores/" + WITH_HOURS + "/timeline?now=2023-01-24T12:00:00Z&" + query);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).startsWith(message);
        assertThat(r.json().get("field").asText()).isEqualTo("window");
    }

    @Test
    void aTimelineOfAWindowOf93DaysOrAMonthIsDrawn() {
        for (String window : List.of("93d", "2023-01-01/2023-04-04", "month", "previous-month", "2023-01")) {
            Http.Response r = http.get("/stores/" + WITH_HOURS + "/timeline?now=2023-01-24T12:00:00Z&window="
                    + window);
            assertThat(r.status()).as(window).isEqualTo(200);
            assertThat(r.json().get("window").asText()).isEqualTo(window);
        }
    }

    @Test
    void storeRoutesNeedTheToken() {
        UptimeServer guarded = server("s3cret");
        try {
            Http anonymous = new Http(guarded.url());
            for (String path : List.of("/stores", "/stores/" + WITH_HOURS, "/stores/" + WITH_HOURS + "/timeline")) {
                assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
                assertThat(anonymous.withHeader("Authorization", "Bearer s3cret").get(path).status()).as(path)
                        .isEqualTo(200);
            }
            assertThat(anonymous.send("POST", "/stores", "").status()).isEqualTo(401);
            assertThat(anonymous.withHeader("Authorization", "Bearer s3cret").send("POST", "/stores", "").status())
                    .isEqualTo(405);
        } finally {
            guarded.stop();
        }
    }

    /** The in-memory CSV of the data set's report, for subclasses. */
    static byte[] csv(Instant now) {
        return ReportCsv.toBytes(UptimeEngine.create().report(DATA, now));
    }
}
