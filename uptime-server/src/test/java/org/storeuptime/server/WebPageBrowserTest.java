package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.storeuptime.core.Extrapolation;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.PollStatus;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.server.reports.ReportService;

/**
 * The web page in a real browser (headless Chromium, see {@link Chromium}) against a real in-memory server: reports
 * and their CSV, the stores, one store's figures and timeline against the API, the token prompt, the keyboard,
 * a phone's width and a mount prefix. Screenshots of each view go to
 * {@code target/screenshots}, or to {@code -Duptime.screenshots=DIR} (the README's come from here: see
 * docs/web.md).
 */
@Tag("browser") // left out of builds without Chromium (uptime-server/pom.xml); .ci/run insists on it
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    final StoreDataSet data = WebTestData.stores();
    ControlledSource source;
    UptimeServer server;
    Http http;
    Chromium chromium;
    WebDriver driver;
    WebDriverWait wait;

    @BeforeAll
    void start() {
        source = new ControlledSource(data);
        server = UptimeServer.builder(ReportService.builder().source(source).stores(data)
                .progressInterval(Duration.ZERO).build()).port(0).build().start();
        http = new Http(server.url());
        chromium = Chromium.start();
        driver = chromium.driver();
        wait = new WebDriverWait(driver, WAIT);
    }

    @AfterAll
    void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            source.open();
            server.stop();
        }
    }

    @BeforeEach
    void desktop() {
        chromium.viewport(1280, 900);
    }

    @AfterEach
    void noScriptError() {
        // the page shows its own failures in a banner; none may have happened
        Object banner = js("var b = document.getElementById('banner'); return b && !b.hidden ? b.textContent : null;");
        assertThat(banner).as("the page's error banner").isNull();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Loads the page afresh (a mere change of the fragment would not reload it). */
    void open(String fragment) {
        driver.get("about:blank");
        driver.get(server.url() + "/" + fragment);
    }

    WebElement reportRow(String id, String state) {
        return new WebDriverWait(driver, WAIT).withMessage(() -> "report " + id + " is not shown as " + state
                + "; the page shows: " + js("var r = document.querySelector(\"tr[data-report-id='" + id
                + "']\"); return r ? r.dataset.state : 'no row';") + "; the API says: "
                + http.get("/reports/" + id).text()).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-report-id='" + id + "'][data-state='" + state + "']")));
    }

    @Test
    void triggerAReportWatchItRunAndDownloadItsCsv() throws IOException {
        source.holdNext();
        open("#/reports");
        driver.findElement(By.id("report-lookback")).sendKeys("PT12H");
        new Select(driver.findElement(By.id("report-extrapolation"))).selectByValue("carry-forward");
        driver.findElement(By.id("trigger")).click();

        WebElement running = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#report-rows tr.new[data-state='running']")));
        String id = running.getDomAttribute("data-report-id");
        WebElement progress = running.findElement(By.tagName("progress"));
        assertThat(progress.getDomProperty("max")).isEqualTo(String.valueOf(WebTestData.STORES));
        assertThat(running.getText()).contains("/ " + WebTestData.STORES + " stores").contains("PT12H, carry-forward");
        source.open();

        WebElement complete = reportRow(id, "complete");
        WebElement link = complete.findElement(By.cssSelector("a.download"));
        assertThat(link.getDomAttribute("href")).isEqualTo("reports/" + id + "/csv");
        link.click();
        byte[] downloaded = awaitDownload("store_report_" + id + ".csv");

        byte[] expected = ReportCsv.toBytes(UptimeEngine.builder()
                .options(ReportOptions.DEFAULTS.withLookback(Duration.ofHours(12))
                        .withExtrapolation(Extrapolation.CARRY_FORWARD))
                .build().report(data));
        assertThat(downloaded).isEqualTo(expected);
        assertThat(http.get("/reports/" + id + "/csv").bytes()).isEqualTo(expected);
    }

    @Test
    void aFailedReportShowsItsError() {
        source.failNext("the poll store could not be read");
        open("#/reports");
        driver.findElement(By.id("report-now")).sendKeys("2023-03-10T12:00:00Z");
        driver.findElement(By.id("trigger")).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#report-rows tr.new[data-state='failed']")));
        assertThat(row.findElement(By.cssSelector(".report-error")).getText())
                .contains("the poll store could not be read");
        assertThat(row.findElements(By.cssSelector("a.download"))).isEmpty();
        String id = row.getDomAttribute("data-report-id");
        assertThat(http.get("/reports/" + id).json().get("state").asText()).isEqualTo("failed");
    }

    @Test
    void aRejectedTriggerSaysWhy() {
        open("#/reports");
        driver.findElement(By.id("report-now")).sendKeys("2023-02-30T00:00:00Z");
        driver.findElement(By.id("trigger")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#trigger-form .error")));
        String fromApi = http.post("/reports", "{\"now\":\"2023-02-30T00:00:00Z\"}").json().get("error").asText();
        assertThat(error.getText()).isEqualTo("Not started: " + fromApi);
    }

    @Test
    void theTokenIsAskedOnceAndSentOnlyAsAHeader() throws IOException {
        String token = "t0ken-of-this-test";
        try (UptimeServer guarded = UptimeServer.builder(ReportService.builder().source(data).build())
                .port(0).apiToken(token).build().start()) {
            driver.get(guarded.url() + "/#/reports");
            WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-dialog")));
            driver.findElement(By.id("token-input")).sendKeys("wrong");
            driver.findElement(By.id("token-ok")).click();
            wait.until(d -> driver.findElement(By.id("token-message")).getText().contains("refused"));
            assertThat(dialog.isDisplayed()).isTrue();
            driver.findElement(By.id("token-input")).sendKeys(token + Keys.ENTER);
            wait.until(ExpectedConditions.textToBe(By.id("reports-empty"), "No reports yet: generate one above."));
            assertThat(dialog.isDisplayed()).isFalse();

            driver.findElement(By.id("trigger")).click();
            WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#report-rows tr[data-state='complete']")));
            String id = row.getDomAttribute("data-report-id");
            row.findElement(By.cssSelector("a.download")).click();
            byte[] csv = awaitDownload("store_report_" + id + ".csv");
            assertThat(csv).isEqualTo(new Http(guarded.url()).withHeader("Authorization", "Bearer " + token)
                    .get("/reports/" + id + "/csv").bytes());

            // once per session: a reload (same tab) asks no more, and the token never was in a URL
            driver.navigate().refresh();
            reportRow(id, "complete");
            assertThat(driver.findElement(By.id("token-dialog")).isDisplayed()).isFalse();
            @SuppressWarnings("unchecked")
            List<String> urls = (List<String>) js(
                    "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);");
            assertThat(urls).isNotEmpty().noneMatch(url -> url.contains(token));
        } finally {
            js("sessionStorage.clear();");
        }
    }

    @Test
    void theKeyboardReachesEveryView() {
        open("#/reports");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("trigger")));
        WebElement stores = driver.findElement(By.cssSelector("[data-nav='stores']"));
        // from the top of a freshly loaded page: the brand, Reports, then Stores
        for (int i = 0; i < 3; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        assertThat(driver.switchTo().activeElement()).isEqualTo(stores);
        // a keyboard user sees where the focus is
        assertThat(stores.getCssValue("outline-style")).isEqualTo("solid");
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        wait.until(ExpectedConditions.urlContains("#/stores"));
        // the view moves the focus to its heading, as a page load would
        wait.until(d -> d.switchTo().activeElement().getTagName().equals("h1"));
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Stores");
        assertThat(stores.getDomAttribute("aria-current")).isEqualTo("page");
    }

    @Test
    void aPhoneWidthNeedsNoSidewaysScrolling() {
        chromium.viewport(390, 844);
        String id = http.post("/trigger_report", "").json().get("report_id").asText();
        http.awaitReport("", id, WAIT);
        open("#/reports");
        reportRow(id, "complete");
        assertThat(((Number) js("return document.documentElement.scrollWidth;")).intValue()).isLessThanOrEqualTo(390);
        assertThat(driver.findElement(By.id("trigger")).isDisplayed()).isTrue();
        screenshot("reports-390.png");
    }

    @Test
    void screenshotOfTheReportsPage() {
        String complete = http.post("/trigger_report", "{\"lookback\":\"PT12H\"}").json().get("report_id").asText();
        http.awaitReport("", complete, WAIT);
        source.failNext("the database is unavailable; try again later");
        String failed = http.post("/trigger_report", "{\"now\":\"2023-03-13T09:00:00Z\"}").json()
                .get("report_id").asText();
        http.awaitReport("", failed, WAIT);
        source.holdNext();
        String running = http.post("/trigger_report", "").json().get("report_id").asText();
        try {
            open("#/reports");
            reportRow(running, "running");
            reportRow(failed, "failed");
            reportRow(complete, "complete");
            screenshot("reports.png");
        } finally {
            source.open();
        }
        http.awaitReport("", running, WAIT);
    }

    // ------------------------------------------------------------------ stores

    /** A complete report with the default options: the store list's bars come from it. */
    String completeReport() {
        String id = http.post("/trigger_report", "").json().get("report_id").asText();
        assertThat(http.awaitReport("", id, WAIT).header("X-Report-Status")).isEqualTo("Complete");
        return id;
    }

    @Test
    void searchAndPageTheStoresThenOpenOne() {
        completeReport();
        open("#/stores");
        JsonNode first = http.get("/stores?limit=50&offset=0").json();
        WebElement count = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("store-count")));
        assertThat(count.getDomAttribute("data-total")).isEqualTo(String.valueOf(WebTestData.STORES))
                .isEqualTo(first.get("total").asText());
        assertThat(driver.findElements(By.cssSelector("table.stores tbody tr"))).hasSize(50);
        int bars = 0;
        for (JsonNode store : first.get("stores")) {
            WebElement row = driver.findElement(By.cssSelector(
                    "table.stores tr[data-store-id='" + store.get("store_id").asText() + "']"));
            assertThat(row.getText()).contains(store.get("timezone").asText());
            JsonNode percent = store.path("report").path("uptime_percent_last_week");
            if (percent.isNumber()) {
                String shown = row.findElement(By.cssSelector(".bar-cell")).getDomAttribute("data-percent");
                assertThat(Double.parseDouble(shown)).isEqualTo(percent.asDouble());
                bars++;
            } else {
                assertThat(row.findElements(By.cssSelector(".bar-cell"))).isEmpty();
            }
        }
        assertThat(bars).as("stores with a bar").isGreaterThan(40);
        screenshot("stores.png");

        driver.findElement(By.cssSelector(".pager a[rel='next']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("store-count"), "Stores 51–60 of 60"));
        assertThat(driver.findElements(By.cssSelector("table.stores tbody tr"))).hasSize(10);

        WebElement query = driver.findElement(By.id("store-query"));
        query.clear();
        query.sendKeys("CHI-00" + Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("query=CHI-00"));
        JsonNode found = http.get("/stores?query=CHI-00").json();
        assertThat(found.get("total").asInt()).isEqualTo(10);
        wait.until(ExpectedConditions.attributeToBe(By.id("store-count"), "data-total", "10"));
        assertThat(driver.findElements(By.cssSelector("table.stores tbody tr"))).hasSize(10);

        driver.findElement(By.linkText(WebTestData.CHICAGO)).click();
        wait.until(ExpectedConditions.urlContains("#/stores/" + WebTestData.CHICAGO));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
        assertThat(driver.findElement(By.id("store-zone")).getText()).isEqualTo("America/Chicago");
    }

    @Test
    void aStoresPageShowsTheApisFiguresHoursAndTimeline() {
        open("#/stores/" + WebTestData.CHICAGO);
        WebElement svg = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
        JsonNode store = http.get("/stores/" + WebTestData.CHICAGO).json();
        JsonNode timeline = http.get("/stores/" + WebTestData.CHICAGO + "/timeline").json();

        // every segment of the API, once, in order, with its instants and state (split over days as pieces)
        List<WebElement> segments = svg.findElements(By.cssSelector("g.segment"));
        JsonNode apiSegments = timeline.get("segments");
        assertThat(apiSegments.size()).isGreaterThan(10);
        assertThat(segments).hasSize(apiSegments.size());
        for (int i = 0; i < segments.size(); i++) {
            WebElement g = segments.get(i);
            JsonNode api = apiSegments.get(i);
            assertThat(g.getDomAttribute("data-start")).isEqualTo(api.get("start").asText());
            assertThat(g.getDomAttribute("data-end")).isEqualTo(api.get("end").asText());
            assertThat(g.getDomAttribute("data-state")).isEqualTo(api.get("state").asText());
            assertThat(g.findElements(By.cssSelector("rect.piece"))).isNotEmpty();
        }
        assertThat(svg.findElements(By.cssSelector("g.segment.down"))).isNotEmpty();

        // every poll of the API inside the days drawn (it also gives earlier ones, which only explain the first
        // segment), counted or ignored as the API says
        List<WebElement> days = svg.findElements(By.cssSelector("g.day"));
        Instant drawnFrom = Instant.parse(days.get(0).getDomAttribute("data-start"));
        Instant drawnTo = Instant.parse(days.get(days.size() - 1).getDomAttribute("data-end"));
        Map<String, Boolean> expectedPolls = new HashMap<>();
        for (JsonNode poll : timeline.get("polls")) {
            Instant at = Instant.parse(poll.get("timestamp").asText());
            if (!at.isBefore(drawnFrom) && at.isBefore(drawnTo)) {
                expectedPolls.merge(poll.get("timestamp").asText(), poll.get("counted").asBoolean(), Boolean::logicalOr);
            }
        }
        Map<String, Boolean> drawnPolls = new HashMap<>();
        for (WebElement poll : svg.findElements(By.cssSelector(".poll"))) {
            drawnPolls.merge(poll.getDomAttribute("data-timestamp"),
                    Boolean.parseBoolean(poll.getDomAttribute("data-counted")), Boolean::logicalOr);
        }
        assertThat(drawnPolls).isEqualTo(expectedPolls).containsValue(false).containsValue(true);

        JsonNode outages = timeline.get("outages");
        assertThat(outages.size()).isPositive();
        assertThat(svg.findElements(By.cssSelector("g.outage"))).hasSize(outages.size());
        List<WebElement> listed = driver.findElements(By.cssSelector("#outages tbody tr"));
        assertThat(listed).hasSize(outages.size());
        for (int i = 0; i < listed.size(); i++) {
            assertThat(listed.get(i).getDomAttribute("data-start")).isEqualTo(outages.get(i).get("start").asText());
        }

        // one row per local day; the Sunday clocks went forward is 23 hours long, and drawn shorter
        assertThat(days).extracting(d -> d.getDomAttribute("data-date")).containsExactly("2023-03-07",
                "2023-03-08", "2023-03-09", "2023-03-10", "2023-03-11", "2023-03-12", "2023-03-13", "2023-03-14");
        WebElement sunday = days.get(5);
        assertThat(sunday.getDomAttribute("data-hours")).isEqualTo("23");
        assertThat(sunday.findElement(By.cssSelector(".dst-label")).getText()).isEqualTo("23 h · 02:00 → 03:00");
        assertThat(sunday.findElements(By.cssSelector(".dst-line"))).hasSize(1);
        assertThat(days.get(6).findElements(By.cssSelector(".dst-line, .dst-label"))).isEmpty();
        double shortDay = Double.parseDouble(sunday.findElement(By.cssSelector(".day-bg")).getDomAttribute("width"));
        double monday = Double.parseDouble(days.get(6).findElement(By.cssSelector(".day-bg")).getDomAttribute("width"));
        assertThat(shortDay / monday).isCloseTo(23.0 / 24.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(svg.findElement(By.cssSelector(".axis-zone")).getText()).contains("America/Chicago");

        // the figures, with the CSV's names and units
        for (String[] w : new String[][] {{"last_hour", "min"}, {"last_day", "h"}, {"last_week", "h"}}) {
            List<WebElement> cells = driver.findElements(By.cssSelector("#figures tr[data-window='" + w[0] + "'] td"));
            assertThat(cells.get(0).getText()).isEqualTo(
                    String.format(Locale.ROOT, "%.2f %s", store.get("uptime_" + w[0]).asDouble(), w[1]));
            assertThat(cells.get(1).getText()).isEqualTo(
                    String.format(Locale.ROOT, "%.2f %s", store.get("downtime_" + w[0]).asDouble(), w[1]));
            assertThat(cells.get(3).getText()).isEqualTo(store.get("windows").get(w[0]).get("outage_count").asText());
        }
        // hours, as the store's own clock reads them
        assertThat(driver.findElements(By.cssSelector("#hours tr"))).hasSize(7);
        assertThat(driver.findElement(By.cssSelector("#hours tr[data-day='MONDAY'] td")).getText())
                .isEqualTo("08:00–12:30, 13:00–21:00");

        // a tooltip on hover, and on keyboard focus
        WebElement outage = svg.findElement(By.cssSelector("g.outage"));
        new Actions(driver).moveToElement(outage.findElement(By.cssSelector("rect"))).perform();
        WebElement tooltip = driver.findElement(By.id("tooltip"));
        wait.until(ExpectedConditions.visibilityOf(tooltip));
        assertThat(tooltip.getText()).startsWith("Outage ").isEqualTo(outage.getDomAttribute("data-tip"));
        new Actions(driver).moveToElement(driver.findElement(By.tagName("h1"))).perform();
        wait.until(ExpectedConditions.invisibilityOf(tooltip));
        js("arguments[0].focus();", outage);
        wait.until(ExpectedConditions.visibilityOf(tooltip));
        assertThat(tooltip.getText()).isEqualTo(outage.getDomAttribute("data-tip"));
        js("arguments[0].blur();", outage);

        screenshot("store.png");
        chromium.viewport(390, 844);
        open("#/stores/" + WebTestData.CHICAGO);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
        assertThat(((Number) js("return document.documentElement.scrollWidth;")).intValue()).isLessThanOrEqualTo(390);
        screenshot("store-390.png");
    }

    @Test
    void theDayClocksGoBackIs25HoursLong() {
        open("#/stores/" + WebTestData.CHICAGO + "?now=2023-11-07T12:00:00Z");
        WebElement day = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#timeline g.day[data-date='2023-11-05']")));
        assertThat(day.getDomAttribute("data-hours")).isEqualTo("25");
        assertThat(day.findElement(By.cssSelector(".dst-label")).getText()).isEqualTo("25 h · 02:00 → 01:00");
        assertThat(day.findElements(By.cssSelector(".dst-line"))).hasSize(1);
        assertThat(driver.findElement(By.id("store-now")).getText()).isEqualTo("Tue 7 Nov 2023 06:00 (UTC−06:00)");
    }

    @Test
    void lastSeenIsEachStoresLatestPollInItsOwnTime() {
        open("#/stores");
        WebElement cell = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("table.stores tr[data-store-id='" + WebTestData.CHICAGO + "'] td.last-seen")));
        Instant last = data.lastPoll(WebTestData.CHICAGO).orElseThrow();
        ZoneId chicago = ZoneId.of("America/Chicago");
        assertThat(cell.getText()).isEqualTo(clockText(last, chicago));
        assertThat(cell.findElement(By.tagName("time")).getDomAttribute("datetime")).isEqualTo(last.toString());
        JsonNode listed = http.get("/stores?query=" + WebTestData.CHICAGO).json().get("stores").get(0);
        assertThat(listed.get("last_poll").asText()).isEqualTo(last.toString());

        // the store page as of a time long after it: still its last poll, not the "as of"
        open("#/stores/" + WebTestData.CHICAGO + "?now=2023-11-07T12:00:00Z");
        WebElement seen = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("store-last-seen")));
        assertThat(seen.getText()).isEqualTo(clockText(last, chicago));
    }

    /** An instant as the page shows a store's clock: "Tue 14 Mar 2023 12:01:13 (UTC−05:00)". */
    static String clockText(Instant instant, ZoneId zone) {
        var local = instant.atZone(zone);
        String time = local.format(java.time.format.DateTimeFormatter.ofPattern(local.getSecond() == 0
                ? "EEE d MMM yyyy HH:mm" : "EEE d MMM yyyy HH:mm:ss", Locale.ENGLISH));
        return time + " (UTC" + local.getOffset().getId().replace('-', '\u2212') + ")";
    }

    @Test
    void anUnknownStoreSaysSo() {
        open("#/stores/no-such-store");
        WebElement error = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main .error")));
        assertThat(error.getText()).isEqualTo(http.get("/stores/no-such-store").json().get("error").asText());
    }

    @Test
    void aStoreWithHoursButNoPollsSaysNoPolls() {
        StoreDataSet quiet = StoreDataSet.builder()
                .openingPeriod("quiet", new OpeningPeriod(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .poll("busy", WebTestData.LATEST, PollStatus.ACTIVE)
                .build();
        try (UptimeServer own = UptimeServer.builder(ReportService.builder().source(quiet).build()).port(0).build()
                .start()) {
            Http api = new Http(own.url());
            String id = api.post("/trigger_report", "").json().get("report_id").asText();
            api.awaitReport("", id, Duration.ofSeconds(30));
            driver.get("about:blank");
            driver.get(own.url() + "/#/stores");
            WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("table.stores tr[data-store-id='quiet'] td.bar-col")));
            assertThat(row.getText()).isEqualTo("no polls");
            assertThat(driver.findElement(By.cssSelector("table.stores tr[data-store-id='quiet'] td.last-seen"))
                    .getText()).isEqualTo("never");
        }
    }

    @Test
    void theStoreIdsDotAndDotDotAreNotReadAsDirectorySteps() {
        StoreDataSet dots = StoreDataSet.builder()
                .timeZone(".", ZoneId.of("Asia/Tokyo"))
                .timeZone("..", ZoneId.of("Europe/Paris"))
                .timeZone("stores", ZoneId.of("America/Denver"))
                .poll(".", WebTestData.LATEST, PollStatus.ACTIVE)
                .poll("..", WebTestData.LATEST, PollStatus.INACTIVE)
                .poll("stores", WebTestData.LATEST, PollStatus.ACTIVE)
                .build();
        try (UptimeServer own = UptimeServer.builder(ReportService.builder().source(dots).build()).port(0).build()
                .start()) {
            for (Map.Entry<String, String> store : Map.of(".", "Asia/Tokyo", "..", "Europe/Paris").entrySet()) {
                driver.get("about:blank");
                driver.get(own.url() + "/#/stores/" + store.getKey());
                WebElement zone = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("store-zone")));
                assertThat(zone.getText()).as("store '%s'", store.getKey()).isEqualTo(store.getValue());
                assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Store " + store.getKey());
            }
        }
    }

    @Test
    void underAHostsPrefixThePageUsesThePrefixedApi() {
        ReportService service = ReportService.builder().source(data).build();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            UptimeRoutes.register(config, "/uptime", service);
        }).start("127.0.0.1", 0);
        try {
            driver.get("about:blank");
            driver.get("http://127.0.0.1:" + app.port() + "/uptime");
            wait.until(ExpectedConditions.urlContains("/uptime/"));
            wait.until(ExpectedConditions.textToBe(By.id("reports-empty"), "No reports yet: generate one above."));
            driver.findElement(By.id("trigger")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#report-rows tr[data-state='complete']")));
            driver.findElement(By.cssSelector("[data-nav='stores']")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("store-count"), "data-total",
                    String.valueOf(WebTestData.STORES)));
        } finally {
            app.stop();
        }
    }

    byte[] awaitDownload(String name) throws IOException {
        Path file = chromium.downloads().resolve(name);
        new WebDriverWait(driver, WAIT).until(d -> Files.exists(file)
                && !Files.exists(chromium.downloads().resolve(name + ".crdownload")));
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    @Test
    void theWindowPickerSortsTheFleetWorstFirstForThatWindow() {
        open("#/stores");
        WebElement picker = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("window-select")));
        new Select(picker).selectByValue("7d");
        driver.findElement(By.id("window-apply")).click();
        wait.until(ExpectedConditions.urlContains("window=7d"));
        WebElement count = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#store-count[data-report-id]")));
        String id = count.getDomAttribute("data-report-id");
        assertThat(count.getText()).contains("worst first").contains("the last 7 days");

        // the page's report is the engine's for that window, and the rows are its rows, worst first
        JsonNode meta = http.get("/reports/" + id).json();
        assertThat(meta.get("options").get("windows").get(0).asText()).isEqualTo("7d");
        byte[] csv = http.get("/reports/" + id + "/csv").bytes();
        assertThat(csv).isEqualTo(ReportCsv.toBytes(UptimeEngine.create().report(data,
                ReportRequest.parse(null, null, null, List.of("7d")))));
        List<String[]> rows = new ArrayList<>();
        for (String line : new String(csv, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("store_id,")) {
                rows.add(line.split(",", -1));
            }
        }
        rows.sort(Comparator.<String[], Boolean>comparing(r -> r[3].isEmpty())
                .thenComparing(r -> r[3].isEmpty() ? 0.0 : Double.parseDouble(r[3]))
                .thenComparing(r -> r[0]));
        List<WebElement> shown = driver.findElements(By.cssSelector("#fleet-window tbody tr"));
        assertThat(shown).hasSize(50);
        for (int i = 0; i < shown.size(); i++) {
            assertThat(shown.get(i).getDomAttribute("data-store-id")).isEqualTo(rows.get(i)[0]);
        }
        assertThat(Double.parseDouble(shown.get(0).getDomAttribute("data-percent")))
                .isLessThan(Double.parseDouble(shown.get(49).getDomAttribute("data-percent")));
        screenshot("stores-window.png");

        // the same window again, as of the same latest poll: the report is reused, not made again
        int reports = http.get("/reports?limit=500").json().get("reports").size();
        open("#/stores?window=7d");
        wait.until(ExpectedConditions.attributeToBe(By.id("store-count"), "data-report-id", id));
        assertThat(http.get("/reports?limit=500").json().get("reports")).hasSize(reports);

        // local dates, the second one included
        new Select(driver.findElement(By.id("window-select"))).selectByValue("custom");
        js("arguments[0].value = '2023-03-06'; arguments[1].value = '2023-03-12';",
                driver.findElement(By.id("window-from")), driver.findElement(By.id("window-through")));
        driver.findElement(By.id("window-apply")).click();
        wait.until(ExpectedConditions.urlContains("window=2023-03-06%2F2023-03-13"));
        WebElement dates = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#store-count[data-report-id]:not([data-report-id='" + id + "'])")));
        assertThat(http.get("/reports/" + dates.getDomAttribute("data-report-id")).json().get("options")
                .get("windows").get(0).asText()).isEqualTo("2023-03-06/2023-03-13");
        assertThat(driver.findElement(By.id("window-through")).getDomProperty("value")).isEqualTo("2023-03-12");

        // back to the classic listing
        new Select(driver.findElement(By.id("window-select"))).selectByValue("");
        driver.findElement(By.id("window-apply")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.stores:not(#fleet-window)")));
    }

    @Test
    void aBackwardsDateRangeIsRefusedOnThePage() {
        open("#/stores");
        new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("window-select"))))
                .selectByValue("custom");
        js("arguments[0].value = '2023-03-12'; arguments[1].value = '2023-03-06';",
                driver.findElement(By.id("window-from")), driver.findElement(By.id("window-through")));
        driver.findElement(By.id("window-apply")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("window-error")));
        assertThat(error.getText()).contains("on or after the first");
        assertThat(driver.getCurrentUrl()).doesNotContain("window=");
    }

    @Test
    void aStoresPageShowsThePickedWindowAndItsPlannedClosures() {
        open("#/stores/" + WebTestData.CHICAGO + "?window=month");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#figures tr[data-window='month']")));
        JsonNode month = http.get("/stores/" + WebTestData.CHICAGO + "?window=month").json();
        List<WebElement> cells = driver.findElements(By.cssSelector("#figures tr[data-window='month'] td"));
        assertThat(cells.get(0).getText()).isEqualTo(
                String.format(Locale.ROOT, "%.2f h", month.get("uptime_month_hours").asDouble()));
        assertThat(cells.get(1).getText()).isEqualTo(
                String.format(Locale.ROOT, "%.2f h", month.get("downtime_month_hours").asDouble()));
        assertThat(cells.get(3).getText()).isEqualTo(month.get("windows").get("month").get("outage_count").asText());
        assertThat(driver.findElement(By.cssSelector("#figures tr[data-window='month'] th")).getText())
                .isEqualTo("This month");
        // the classic three stay
        assertThat(driver.findElements(By.cssSelector("#figures tbody tr"))).hasSize(4);

        // the timeline draws the month so far (1 to 14 March), with the planned closure where the API puts it
        JsonNode timeline = http.get("/stores/" + WebTestData.CHICAGO + "/timeline?window=month").json();
        WebElement svg = driver.findElement(By.id("timeline"));
        assertThat(svg.getDomAttribute("data-window")).isEqualTo("month");
        assertThat(svg.getDomAttribute("data-from")).isEqualTo(timeline.get("from").asText())
                .isEqualTo("2023-03-01T06:00:00Z");
        assertThat(svg.findElements(By.cssSelector("g.day"))).hasSize(14);
        assertThat(driver.findElement(By.id("timeline-title")).getText())
                .isEqualTo("This month, day by day in local time");
        JsonNode closures = timeline.get("planned_closures");
        assertThat(closures).hasSize(1);
        List<WebElement> drawn = driver.findElements(By.cssSelector("#timeline rect.planned-closure"));
        assertThat(drawn).hasSize(1);
        assertThat(drawn.get(0).getDomAttribute("data-start")).isEqualTo(closures.get(0).get("start").asText())
                .isEqualTo("2023-03-10T19:00:00Z");
        assertThat(drawn.get(0).getDomAttribute("data-end")).isEqualTo(closures.get(0).get("end").asText());
        assertThat(driver.findElements(By.cssSelector(".legend .key-closure"))).hasSize(1);
        screenshot("store-window.png");

        new Select(driver.findElement(By.id("window-select"))).selectByValue("previous-month");
        driver.findElement(By.id("window-apply")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#figures tr[data-window='previous-month']")));
        assertThat(driver.getCurrentUrl()).contains("#/stores/" + WebTestData.CHICAGO + "?window=previous-month");
        assertThat(driver.findElement(By.cssSelector(".back a")).getDomAttribute("href"))
                .isEqualTo("#/stores?window=previous-month");
        // last month is February: 28 rows, before the polls (the first one's status holds back to its start)
        WebElement february = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#timeline[data-window='previous-month']")));
        List<WebElement> days = february.findElements(By.cssSelector("g.day"));
        assertThat(days).hasSize(28);
        assertThat(days.get(0).getDomAttribute("data-date")).isEqualTo("2023-02-01");
        assertThat(days.get(27).getDomAttribute("data-date")).isEqualTo("2023-02-28");
        assertThat(driver.findElement(By.id("timeline-title")).getText())
                .isEqualTo("Last month, day by day in local time");
    }

    @Test
    void theTimelineDrawsThePickedWindowDayByDay() {
        open("#/stores/" + WebTestData.CHICAGO);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline[data-window='']")));
        assertThat(driver.findElement(By.id("timeline-title")).getText())
                .isEqualTo("The last 7 days, day by day in local time");
        new Select(driver.findElement(By.id("window-select"))).selectByValue("30d");
        driver.findElement(By.id("window-apply")).click();
        WebElement svg = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#timeline[data-window='30d']")));
        JsonNode timeline = http.get("/stores/" + WebTestData.CHICAGO + "/timeline?window=30d").json();
        assertThat(timeline.get("label").asText()).isEqualTo("30d");
        assertThat(svg.getDomAttribute("data-from")).isEqualTo(timeline.get("from").asText())
                .isEqualTo(WebTestData.LATEST.minus(Duration.ofDays(30)).toString());
        assertThat(svg.getDomAttribute("data-to")).isEqualTo(timeline.get("to").asText())
                .isEqualTo(WebTestData.LATEST.toString());
        assertThat(driver.findElement(By.id("timeline-title")).getText())
                .isEqualTo("The last 30 days, day by day in local time");
        assertThat(svg.getDomAttribute("aria-label")).startsWith("Timeline of the last 30 days in America/Chicago");
        // one row per local day from 12 February (the window starts that morning) to 14 March
        List<WebElement> days = svg.findElements(By.cssSelector("g.day"));
        assertThat(days).hasSize(31);
        assertThat(days.get(0).getDomAttribute("data-date")).isEqualTo("2023-02-12");
        assertThat(days.get(30).getDomAttribute("data-date")).isEqualTo("2023-03-14");
        // every segment and outage of the window's timeline, which add up to the window's figures
        List<WebElement> segments = svg.findElements(By.cssSelector("g.segment"));
        assertThat(segments).hasSize(timeline.get("segments").size());
        double drawn = 0;
        for (int i = 0; i < segments.size(); i++) {
            assertThat(segments.get(i).getDomAttribute("data-start"))
                    .isEqualTo(timeline.get("segments").get(i).get("start").asText());
            drawn += Duration.between(Instant.parse(segments.get(i).getDomAttribute("data-start")),
                    Instant.parse(segments.get(i).getDomAttribute("data-end"))).toNanos() / 1e9;
        }
        JsonNode figures = timeline.get("figures");
        assertThat(drawn).isCloseTo(figures.get("uptime_seconds").asDouble() + figures.get("downtime_seconds")
                .asDouble(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(svg.findElements(By.cssSelector("g.outage"))).hasSize(timeline.get("outages").size());
        assertThat(driver.findElement(By.id("outages-title")).getText()).isEqualTo("Outages in the window");
        assertThat(driver.findElements(By.cssSelector("#figures tr[data-window='30d']"))).hasSize(1);

        // a window too long to draw leaves the timeline at the week, and says why
        open("#/stores/" + WebTestData.CHICAGO + "?window=2022-10-01/2023-03-01");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline[data-window='']")));
        assertThat(driver.findElement(By.id("timeline-note")).getText())
                .startsWith("The timeline shows the last 7 days: ").contains("93 days");
        assertThat(driver.findElements(By.cssSelector("#figures tr[data-window='2022-10-01/2023-03-01']"))).hasSize(1);
    }

    void screenshot(String name) {
        Path dir = Path.of(System.getProperty("uptime.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), chromium.fullPageScreenshot());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
