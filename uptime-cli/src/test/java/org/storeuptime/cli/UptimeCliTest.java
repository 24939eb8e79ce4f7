package org.storeuptime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.storeuptime.core.UptimeEngine;
import org.storeuptime.core.csv.InputFiles;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.core.csv.ReportCsv;
import org.storeuptime.core.csv.ReportRow;

class UptimeCliTest {

    private static final String HEADER = "store_id,uptime_last_hour,uptime_last_day,uptime_last_week,"
            + "downtime_last_hour,downtime_last_day,downtime_last_week";

    private static Path root;
    private static Path examples;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findRepository() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && root == null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>store-uptime-parent</artifactId>")
                    && !Files.readString(pom).contains("<parent>")) {
                root = dir;
            }
        }
        assertThat(root).as("repository root (the directory of the parent pom)").isNotNull();
        examples = root.resolve("examples/data");
    }

    /** The outcome of one in-process run. */
    record Run(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
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
    void reportOnTheBundledSampleWritesTheHeaderAndOneSortedRowPerStore() throws IOException {
        Run run = run("report", "--data", examples.toString());

        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.lines();
        assertThat(lines.get(0)).isEqualTo(HEADER);
        List<String> ids = lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(ids).hasSize(40).isSorted().doesNotHaveDuplicates();
        assertThat(run.out()).doesNotContain("\r").endsWith("\n");
        assertThat(run.err()).contains("store_status.csv: 4393 rows read, ", "menu_hours.csv: 322 rows read, ",
                "timezones.csv: 39 rows read, 39 loaded, 0 duplicate, 0 rejected",
                "now 2024-10-14T", "(the latest poll), extrapolation nearest-poll, lookback PT24H", "wrote 40 rows");

        // the same as the library computes
        var input = InputLoader.load(InputFiles.inDirectory(examples), LoadOptions.STRICT);
        byte[] expected = ReportCsv.toBytes(UptimeEngine.create().report(input.data()));
        assertThat(run.out()).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(ReportCsv.read(expected)).extracting(ReportRow::figures)
                .anyMatch(f -> f.stream().anyMatch(v -> v.signum() > 0));
    }

    @Test
    void outWritesTheFileAtomicallyAndNothingToStandardOut() throws IOException {
        Path file = tmp.resolve("report.csv");
        Files.writeString(file, "old content");
        Run run = run("report", "--data", examples.toString(), "--out", file.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(run("report", "--data", examples.toString()).out());
        assertThat(run.err()).contains("wrote 40 rows to " + file);
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(file);
        }
        // a windowed report counts its stores' rows too
        Run windowed = run("report", "--data", examples.toString(), "--window", "30d", "--out", file.toString());
        assertThat(windowed.err()).as(windowed.err()).contains("wrote 40 rows to " + file);
    }

    @Test
    void optionsChangeTheReportAndAreNamed() {
        String defaults = run("report", "--data", examples.toString()).out();
        Run carry = run("report", "--data", examples.toString(), "--extrapolation", "carry-forward", "--lookback", "PT2H");
        assertThat(carry.status()).isZero();
        assertThat(carry.err()).contains("extrapolation carry-forward, lookback PT2H");
        assertThat(carry.out()).isNotEqualTo(defaults);

        Run earlier = run("report", "--data", examples.toString(), "--now", "2024-10-12T00:00:00Z");
        assertThat(earlier.status()).isZero();
        assertThat(earlier.err()).contains("now 2024-10-12T00:00:00Z, extrapolation");
        assertThat(earlier.out()).startsWith(HEADER).isNotEqualTo(defaults);
    }

    @Test
    void readsThe2023EditionFromExplicitFiles() throws IOException {
        Path sample = root.resolve("examples/data-2023");
        // the published names, uncompressed as published
        Path status = gunzip(sample.resolve("store_status.csv.gz"), tmp.resolve("store status.csv"));
        Path hours = gunzip(sample.resolve("menu_hours.csv.gz"), tmp.resolve("Menu hours.csv"));
        Path zones = gunzip(sample.resolve("timezones.csv.gz"), tmp.resolve("bq-results-20230125-202210-1674678181880.csv"));

        Run run = run("report", "--status", status.toString(), "--hours", hours.toString(), "--timezones", zones.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.lines()).hasSize(1 + 13_822);
        assertThat(run.err()).contains("store status.csv: 5032 rows read, 5032 loaded, 0 duplicate, 0 rejected",
                "Menu hours.csv: 86198 rows read, 86198 loaded", "now 2023-01-25T18:11:39.622234Z");

        Run compressed = run("report", "--data", sample.toString());
        assertThat(compressed.status()).as(compressed.err()).isZero();
        assertThat(compressed.out()).isEqualTo(run.out());
        assertThat(compressed.err()).contains("store_status.csv.gz: 5032 rows read, 5032 loaded",
                "menu_hours.csv.gz: 86198 rows read", "timezones.csv.gz: 13559 rows read");
    }

    @Test
    void theReadmeCommandsForThe2023DataWorkOnTheShippedSample() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        int from = readme.indexOf("Offline report of the published 2023 data");
        assertThat(from).as("the README's paragraph on the 2023 data").isNotNegative();
        int start = readme.indexOf("```sh\n", from) + "```sh\n".length();
        String block = readme.substring(start, readme.indexOf("```", start)).replace("\\\n", " ");
        List<String> commands = block.lines().filter(l -> l.startsWith("uptime ")).toList();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(2);

        String expected = null;
        for (String command : commands) {
            List<String> args = new ArrayList<>(shellWords(command.substring("uptime ".length())));
            Path out = tmp.resolve("readme-report.csv");
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).equals("--out")) {
                    args.set(i + 1, out.toString());
                } else if (args.get(i).startsWith("examples/")) {
                    args.set(i, root.resolve(args.get(i)).toString()); // the README runs from the repository root
                }
            }
            Run run = run(args.toArray(String[]::new));
            assertThat(run.status()).as(command + "\n" + run.err()).isZero();
            String report = Files.readString(out);
            assertThat(report.lines()).as(command).hasSize(1 + 13_822);
            if (expected != null) {
                assertThat(report).as(command).isEqualTo(expected);
            }
            expected = report;
        }
    }

    @Test
    void dataFolderWithoutAFileNamesBothForms() throws IOException {
        Files.copy(root.resolve("examples/data-2023/store_status.csv.gz"), tmp.resolve("store_status.csv.gz"));
        Files.copy(root.resolve("examples/data-2023/timezones.csv.gz"), tmp.resolve("timezones.csv.gz"));

        Run run = run("report", "--data", tmp.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--data " + tmp + ": no such file: " + tmp.resolve("menu_hours.csv")
                + " (nor menu_hours.csv.gz)");
    }

    private static Path gunzip(Path gz, Path target) throws IOException {
        try (var in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, target);
        }
        return target;
    }

    /** Splits a command line as a POSIX shell does for words and double-quoted strings. */
    private static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void leniantRunWithRejectedRowsIsDoneAndSaysSo() throws IOException {
        Path dir = dataWithOneBadStatusRow();
        Run run = run("report", "--data", dir.toString());
        assertThat(run.status()).isZero();
        assertThat(run.lines()).containsExactly(HEADER, "s1,60.00,24.00,168.00,0.00,0.00,0.00");
        assertThat(run.err()).contains(
                "rejected: store_status.csv:3: status: unknown status 'sleeping' (expected active or inactive)",
                "store_status.csv: 2 rows read, 1 loaded, 0 duplicate, 1 rejected",
                "done, but 1 input row was rejected and left out");
    }

    @Test
    void strictRunWithRejectedRowsFailsAndWritesNothing() throws IOException {
        Path dir = dataWithOneBadStatusRow();
        Path file = tmp.resolve("r.csv");
        Run run = run("report", "--data", dir.toString(), "--strict", "--out", file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(file).doesNotExist();
        assertThat(run.err()).contains("store_status.csv: 2 rows read, 1 rejected")
                .endsWith("uptime report: failed: strict mode: 1 row was rejected (see above), nothing was loaded"
                        + System.lineSeparator());
        // each rejected row once: as it is met, not again in the failure's message
        assertThat(run.err().split("store_status.csv:3: status: unknown status 'sleeping'", -1)).hasSize(2);
    }

    @Test
    void aFileWithAWrongHeaderFails() throws IOException {
        Path dir = dataWithOneBadStatusRow();
        Files.writeString(dir.resolve("timezones.csv"), "store,zone\ns1,America/Chicago\n");
        Run run = run("report", "--data", dir.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("uptime report: failed: timezones.csv:1: wrong header 'store,zone': "
                + "expected the columns store_id,timezone_str");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no command                 |                                                        | uptime: missing a command
            unknown command            | frobnicate                                             | Unmatched argument at index 0: 'frobnicate'
            no input                   | report                                                 | missing the input: give --data DIR, or --status F --hours F --timezones F, or --jdbc-url URL (or set UPTIME_JDBC_URL)
            missing data folder        | report --data <tmp>/nope                               | --data <tmp>/nope: no such directory
            folder without the files   | report --data <tmp>                                    | --data <tmp>: no such file: <tmp>/store_status.csv
            missing status file        | report --status <tmp>/s.csv --hours <ex>/menu_hours.csv --timezones <ex>/timezones.csv | --status: no such file: <tmp>/s.csv
            half the separate files    | report --status <ex>/store_status.csv                  | Missing required argument(s): --hours=F, --timezones=F
            folder and files           | report --data <ex> --status <ex>/store_status.csv --hours <ex>/menu_hours.csv --timezones <ex>/timezones.csv | mutually exclusive
            unparsable now             | report --data <ex> --now yesterday                     | Invalid value for option '--now': 'yesterday' is not an instant; accepted: an ISO-8601 instant such as 2024-10-14T23:55:18Z
            unknown extrapolation      | report --data <ex> --extrapolation sideways            | Invalid value for option '--extrapolation': 'sideways' is not an extrapolation; accepted: nearest-poll or carry-forward
            negative lookback          | report --data <ex> --lookback -PT1H                    | Invalid value for option '--lookback': '-PT1H' is negative; accepted: an ISO-8601 duration
            now beyond year 9999       | report --data <ex> --now +1000000000-01-01T00:00:00Z   | Invalid value for option '--now': +1000000000-01-01T00:00:00Z is outside the years 1 to 9999
            lookback beyond ten years  | report --data <ex> --lookback P3651D                   | Invalid value for option '--lookback': 'P3651D' is longer than PT87600H
            zero window                | report --data <ex> --window 0d                         | Invalid value for option '--window': window '0d': a window of length zero; accepted forms: <N>h, <N>d, <N>w
            month thirteen             | report --data <ex> --window 2024-13                    | Invalid value for option '--window': window '2024-13'
            backwards dates            | report --data <ex> --window 2024-09-10/2024-09-01      | Invalid value for option '--window': window '2024-09-10/2024-09-01'
            unknown window word        | report --data <ex> --window fortnight                  | Invalid value for option '--window': window 'fortnight'
            window too long            | report --data <ex> --window 3661d                      | Invalid value for option '--window': window '3661d': longer than 3,660 days
            window asked twice         | report --data <ex> --window 30d --window 30d           | Invalid value for option '--window': window '30d': asked for twice
            store bad window           | store s1 --data <ex> --window 0h                       | Invalid value for option '--window': window '0h': a window of length zero
            missing closures file      | report --status <ex>/store_status.csv --hours <ex>/menu_hours.csv --timezones <ex>/timezones.csv --closures <tmp>/c.csv | --closures: no such file: <tmp>/c.csv
            unknown flag               | report --data <ex> --bogus                             | Unknown option: '--bogus'
            out in a missing folder    | report --data <ex> --out <tmp>/no/r.csv                | --out <tmp>/no/r.csv: no such directory
            out is a folder            | report --data <ex> --out <tmp>                         | --out <tmp>: is a directory
            generate without out       | generate                                               | Missing required option: '--out=DIR'
            generate no stores         | generate --out <tmp>/g --stores 0                      | --stores must be at least 1: 0
            generate bad days          | generate --out <tmp>/g --days many                     | Invalid value for option '--days': 'many' is not an int
            generate out is a file     | generate --out <ex>/store_status.csv                   | is a file, not a directory
            """)
    void wrongUsageExitsTwoWithAMessage(String kind, String args, String message) {
        String[] argv = args == null ? new String[0] : args.replace("<tmp>", tmp.toString())
                .replace("<ex>", examples.toString()).split(" ");
        Run run = run(argv);
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(message.replace("<tmp>", tmp.toString()).replace("<ex>", examples.toString()))
                .contains("--help");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--help", "report --help", "import --help", "generate --help", "help report", "report -h"})
    void helpOnEveryCommand(String args) {
        Run run = run(args.split(" "));
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("Usage: uptime").contains("Exit status:");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"report", "import", "store", "prune", "rollups", "serve", "generate"})
    void aRunGivenOnlyItsCommandHelpsAndVerifiesAsWithAllOfThem(String command) {
        // the usage a run shows with only its command made, and the one of the full command line
        Run alone = run("--verbose", command, "--help");
        String full = UptimeCli.commandLine(new CliEnvironment(System.out, System.err, Map.of(),
                Clock.systemUTC())).getSubcommands().get(command).getUsageMessage();
        assertThat(alone.status()).isZero();
        assertThat(alone.out()).isEqualTo(full);
        Run wrong = run(command, "--no-such-option");
        assertThat(wrong.status()).isEqualTo(UptimeCli.USAGE);
        assertThat(wrong.err()).startsWith("uptime " + command + ": ")
                .endsWith("Try 'uptime " + command + " --help' for more information.\n");
    }

    @Test
    void onlyTheCommandARunNamesIsMade() {
        assertThat(UptimeCli.invokedCommand("report", "--jdbc-url", "x")).isEqualTo("report");
        assertThat(UptimeCli.invokedCommand("--verbose", "store", "s1")).isEqualTo("store");
        // every command: the help lists them, and a typo is answered with the closest one
        assertThat(UptimeCli.invokedCommand("--help", "report")).isNull();
        assertThat(UptimeCli.invokedCommand("help", "report")).isNull();
        assertThat(UptimeCli.invokedCommand("reprot")).isNull();
        assertThat(UptimeCli.invokedCommand()).isNull();
        assertThat(run("--help").out()).contains("report", "import", "store", "prune", "rollups", "serve", "generate",
                "help");
        Run typo = run("reprot");
        assertThat(typo.status()).isEqualTo(UptimeCli.USAGE);
        assertThat(typo.err()).contains("report");
    }

    @Test
    void reportHelpNamesEveryOption() {
        assertThat(run("report", "--help").out()).contains("--data=DIR", "--status=F", "--hours=F", "--timezones=F",
                "--now=T", "--out=F", "--extrapolation=MODE", "--lookback=DURATION", "--strict", "--jdbc-url=URL",
                "--schema=NAME");
    }

    @Test
    void generateThenReportRoundTrip() throws IOException {
        Path dir = tmp.resolve("gen");
        Run generate = run("generate", "--out", dir.toString(), "--stores", "30", "--days", "10", "--seed", "3",
                "--now", "2024-03-10T12:00:00Z");
        assertThat(generate.status()).as(generate.err()).isZero();
        assertThat(generate.out()).isEmpty();
        assertThat(generate.err()).contains("generating 30 stores, 10 days up to 2024-03-10T12:00:00Z, seed 3", "done");
        byte[] first = Files.readAllBytes(dir.resolve("store_status.csv"));

        Run report = run("report", "--data", dir.toString());
        assertThat(report.status()).as(report.err()).isZero();
        assertThat(report.lines()).hasSize(31).first().isEqualTo(HEADER);
        assertThat(report.err()).contains("now 2024-03-10T1", "0 rejected");

        assertThat(run("generate", "--out", dir.toString(), "--stores", "30", "--days", "10", "--seed", "3",
                "--now", "2024-03-10T12:00:00Z").status()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("store_status.csv"))).isEqualTo(first);
    }

    @Test
    void theBundledSampleIsWhatTheGeneratorWritesForItsDocumentedSeed() throws IOException {
        Path dir = tmp.resolve("again");
        assertThat(run("generate", "--out", dir.toString(), "--stores", "40", "--days", "7", "--seed", "15").status())
                .isZero();
        for (String name : List.of("store_status.csv", "menu_hours.csv", "timezones.csv")) {
            assertThat(Files.readAllBytes(dir.resolve(name))).as(name).isEqualTo(Files.readAllBytes(examples.resolve(name)));
        }
    }

    private Path dataWithOneBadStatusRow() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        List<String> status = new ArrayList<>(List.of("store_id,status,timestamp_utc",
                "s1,active,2024-10-14 10:00:00 UTC", "s1,sleeping,2024-10-14 11:00:00 UTC"));
        Files.write(dir.resolve("store_status.csv"), status);
        Files.writeString(dir.resolve("menu_hours.csv"), "store_id,dayOfWeek,start_time_local,end_time_local\n");
        Files.writeString(dir.resolve("timezones.csv"), "store_id,timezone_str\ns1,America/Chicago\n");
        return dir;
    }
}
