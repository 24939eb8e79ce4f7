package org.storeuptime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.ReportCsv;

/**
 * The web page in a real browser (headless Chromium, see {@link Chromium}) against a real in-memory server: reports
 * and their CSV, the token prompt, the keyboard and a phone's width. Screenshots of each view go to
 * {@code target/screenshots}, or to {@code -Duptime.screenshots=DIR} (the README's come from here: see
 * docs/web.md).
 */
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
        server = UptimeServer.builder(ReportService.builder().source(source).progressInterval(Duration.ZERO).build())
                .port(0).build().start();
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
                .build().report(data, null));
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
        assertThat(driver.switchTo().activeElement().getTagName()).isEqualTo("h1");
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

    byte[] awaitDownload(String name) throws IOException {
        Path file = chromium.downloads().resolve(name);
        new WebDriverWait(driver, WAIT).until(d -> Files.exists(file)
                && !Files.exists(chromium.downloads().resolve(name + ".crdownload")));
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
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
