package org.storeuptime.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven through the system's chromedriver: Debian's {@code chromium} and
 * {@code chromium-driver} ({@code .ci/run} installs them). Selenium is given both paths, so it never looks for or
 * downloads a driver or a browser of its own. Other paths: {@code -Duptime.test.chromium=...} and
 * {@code -Duptime.test.chromedriver=...}.
 *
 * <p>The browser runs in the {@code Pacific/Chatham} zone with a German locale, like the test JVM, so the page
 * cannot lean on the browser's zone or language.
 */
public final class Chromium implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;

    private Chromium(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** Starts a browser with a fresh profile, 1280 px wide; fails with what to install when it cannot. */
    public static Chromium start() {
        Path browser = executable("uptime.test.chromium", "/usr/bin/chromium");
        Path driverBinary = executable("uptime.test.chromedriver", "/usr/bin/chromedriver");
        Path profile;
        Path downloads;
        try {
            profile = Files.createTempDirectory("uptime-chromium-profile");
            downloads = Files.createTempDirectory("uptime-chromium-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverBinary.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", "Pacific/Chatham", "LANG", "de_DE.UTF-8"))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--lang=de-DE", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--window-size=1280,900", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "intl.accept_languages", "de-DE,de"));
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            delete(profile);
            delete(downloads);
            throw new IllegalStateException("cannot start " + browser + " through " + driverBinary + ": "
                    + e.getMessage(), e);
        }
        // downloads in headless mode go where the profile's preference says only once the browser allows them
        driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, profile, downloads);
    }

    private static Path executable(String property, String fallback) {
        Path path = Path.of(System.getProperty(property, fallback));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " is missing: the web page's browser tests need Debian's "
                    + "chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does it), "
                    + "or -D" + property + "=<path>");
        }
        return path;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** The folder the browser downloads into. */
    public Path downloads() {
        return downloads;
    }

    /** Sets the size of the page's viewport (not of the window around it). */
    public void viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A PNG of the whole page (beyond the viewport), at the current width. */
    public byte[] fullPageScreenshot() {
        @SuppressWarnings("unchecked")
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "fromSurface", true));
        return java.util.Base64.getDecoder().decode((String) shot.get("data"));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
            delete(downloads);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temp folder left behind is harmless; the test's result does not depend on it
        }
    }
}
