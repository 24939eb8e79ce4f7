package org.storeuptime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.StoreDataSet;
import org.storeuptime.core.StoreTimeline;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.UptimeWindow;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.core.csv.ReportRow;
import org.storeuptime.jdbc.DatabaseSchemaExtension;
import org.storeuptime.server.Http;
import org.storeuptime.server.UptimeServer;
import org.storeuptime.server.reports.ReportService;

/** {@code uptime store}: text, {@code --json} equal to the API, files and database alike, and its failures. */
class StoreCommandTest {

    @RegisterExtension
    static final DatabaseSchemaExtension DB = new DatabaseSchemaExtension(false);

    private static Path examples;
    private static StoreDataSet data;
    /** A store of the sample with business hours and a zone of its own. */
    private static String storeId;

    @BeforeAll
    static void load() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("examples/data"))) {
            dir = dir.getParent();
        }
        examples = dir.resolve("examples/data");
        data = InputLoader.load(InputFiles.inDirectory(examples), LoadOptions.LENIENT).data();
        storeId = data.storeIds().stream()
                .filter(id -> !data.store(id).hours().isAlwaysOpen() && !data.profile(id).orElseThrow().zoneDefaulted())
                .filter(id -> UptimeEngine.create().timeline(data, id, ReportRequest.classic()).orElseThrow().outages().size() > 1)
                .findFirst().orElseThrow();
    }

    record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment env = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(),
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
        int status = UptimeCli.run(env, args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void textShowsZoneHoursFiguresAndOutages() {
        Run run = run("store", storeId, "--data", examples.toString());
        assertThat(run.status()).as(run.err()).isZero();
        StoreTimeline expected = UptimeEngine.create().timeline(data, storeId, ReportRequest.classic()).orElseThrow();
        ReportRow row = ReportRow.of(expected.uptime());
        assertThat(run.out())
                .startsWith("store " + storeId + "\n")
                .contains("time zone  " + expected.store().zone().getId() + "\n")
                .contains("now        " + expected.now())
                .contains("business hours (local time)")
                .contains(row.uptimeLastHour() + " min")
                .contains(row.downtimeLastWeek() + " h")
                .contains("outages in the last week: " + expected.outages().size() + "\n");
        String weekLine = run.out().lines().filter(l -> l.startsWith("  last week")).findFirst().orElseThrow();
        assertThat(weekLine).contains(expected.window(UptimeWindow.LAST_WEEK).uptimePercent().toPlainString());
        long outageLines = run.out().lines().filter(l -> l.contains("  to  ")).count();
        assertThat(outageLines).isEqualTo(expected.outages().size());
        assertThat(run.err()).contains("store_status.csv");
    }

    @Test
    void textShowsTheFiguresOfEachWindowAskedFor() {
        Run run = run("store", storeId, "--data", examples.toString(), "--window", "30d", "--window", "2024-10",
                "--window", "2024-10-07/2024-10-10");
        assertThat(run.status()).as(run.err()).isZero();
        StoreTimeline expected = UptimeEngine.create().timeline(data, storeId,
                ReportRequest.parse(null, null, null, java.util.List.of("30d", "2024-10", "2024-10-07/2024-10-10")))
                .orElseThrow();
        assertThat(expected.windows()).hasSize(3);
        for (StoreTimeline.ReportWindowFigures f : expected.windows()) {
            String line = run.out().lines().filter(l -> l.startsWith("  " + f.window().text() + " ")).findFirst()
                    .orElseThrow();
            assertThat(line.trim().split(" {2,}")).containsExactly(f.window().text(), StoreCommand.duration(f.uptime()),
                    StoreCommand.duration(f.downtime()),
                    f.uptimePercent() == null ? "-" : f.uptimePercent().toPlainString(),
                    String.valueOf(f.outageCount()), StoreCommand.duration(f.longestOutage()));
        }
        assertThat(expected.windows().get(1).uptime()).isNotEqualTo(expected.windows().get(2).uptime());
        assertThat(run.out()).doesNotContain("  last week ").contains("  2024-10: ");
    }

    @Test
    void jsonIsExactlyTheApisBody() {
        String now = "2024-10-14T12:00:00Z";
        Run run = run("store", storeId, "--data", examples.toString(), "--json", "--now", now,
                "--extrapolation", "carry-forward", "--lookback", "PT6H");
        assertThat(run.status()).as(run.err()).isZero();
        try (UptimeServer server = UptimeServer.builder(ReportService.builder().source(data).build()).port(0).build()
                .start()) {
            String api = new Http(server.url()).get("/stores/" + storeId + "?now=" + now
                    + "&extrapolation=carry-forward&lookback=PT6H").text();
            assertThat(run.out()).isEqualTo(api + "\n");
        }
    }

    @Test
    void theDatabaseGivesTheSameAnswerAsTheFiles() {
        String url = DB.database().urlWithSettings();
        Run imported = run("import", "--jdbc-url", url, "--schema", DB.schema(), "--data", examples.toString());
        assertThat(imported.status()).as(imported.err()).isZero();
        for (String flag : new String[] {"", "--json"}) {
            String[] common = flag.isEmpty() ? new String[] {"store", storeId} : new String[] {"store", storeId, flag};
            Run files = run(concat(common, "--data", examples.toString()));
            Run database = run(concat(common, "--jdbc-url", url, "--schema", DB.schema()));
            assertThat(database.status()).as(database.err()).isZero();
            assertThat(database.out()).isEqualTo(files.out());
        }
        Run unknown = run("store", "nope", "--jdbc-url", url, "--schema", DB.schema());
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("uptime store: failed: unknown store 'nope'\n");
        Run prefix = run("store", prefix(), "--jdbc-url", url, "--schema", DB.schema());
        assertThat(prefix.status()).isEqualTo(1);
        assertThat(prefix.err()).isEqualTo(suggestion() + "\n");
    }

    /** The first characters of {@link #storeId}: a prefix shared with other ids of the sample, and no id itself. */
    private static String prefix() {
        for (int length = 1; length < storeId.length(); length++) {
            String prefix = storeId.substring(0, length);
            long sharing = data.storeIds().stream().filter(id -> id.startsWith(prefix)).count();
            if (sharing <= StoreCommand.SUGGESTED && !data.storeIds().contains(prefix)) {
                return prefix;
            }
        }
        throw new AssertionError("no prefix of " + storeId + " fits");
    }

    /** The line for {@link #prefix()}: the sample's ids that start with it, in id order. */
    private static String suggestion() {
        String prefix = prefix();
        java.util.List<String> similar = data.storeIds().stream().filter(id -> id.startsWith(prefix)).sorted().toList();
        assertThat(similar).contains(storeId);
        return "uptime store: failed: unknown store '" + prefix + "'; ids that start with it: "
                + String.join(", ", similar);
    }

    @Test
    void anIdPrefixSuggestsTheIdsThatStartWithIt() {
        Run run = run("store", prefix(), "--data", examples.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("uptime store:"))).containsExactly(suggestion());
        assertThat(run.out()).isEmpty();
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void anUnknownStoreFailsWithOneLine() {
        Run run = run("store", "no-such-store", "--data", examples.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("uptime store:")))
                .containsExactly("uptime store: failed: unknown store 'no-such-store'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void wrongUsageExitsWithTwo() {
        assertThat(run("store", storeId).err()).contains("missing the input");
        assertThat(run("store", storeId).status()).isEqualTo(2);
        assertThat(run("store", "--data", examples.toString()).status()).isEqualTo(2);
        Run both = run("store", storeId, "--data", examples.toString(), "--jdbc-url", "jdbc:postgresql://x/y");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        Run badNow = run("store", storeId, "--data", examples.toString(), "--now", "yesterday");
        assertThat(badNow.status()).isEqualTo(2);
        assertThat(badNow.err()).contains("--now").contains("ISO-8601");
    }

    @Test
    void durationsReadInHoursMinutesAndSeconds() {
        assertThat(StoreCommand.duration(Duration.ofMinutes(65))).isEqualTo("1 h 05 min");
        assertThat(StoreCommand.duration(Duration.ofSeconds(750))).isEqualTo("12 min 30 s");
        assertThat(StoreCommand.duration(Duration.ZERO)).isEqualTo("0 s");
    }
}
