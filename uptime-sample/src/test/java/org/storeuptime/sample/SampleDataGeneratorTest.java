package org.storeuptime.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storeuptime.core.OpeningPeriod;
import org.storeuptime.core.csv.FileSummary;
import org.storeuptime.core.csv.InputLoader;
import org.storeuptime.core.csv.LoadOptions;
import org.storeuptime.core.csv.LoadedInput;

class SampleDataGeneratorTest {

    private static final Instant NOW = Instant.parse("2024-10-14T23:55:18Z");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    @TempDir
    Path dir;

    @Test
    void theSameSeedGivesByteIdenticalFilesAndAnotherSeedOthers() throws IOException {
        SampleDataGenerator generator = SampleDataGenerator.builder().stores(60).days(10).seed(42).now(NOW).build();
        GeneratedData first = generator.generate(dir.resolve("a"));
        GeneratedData second = generator.generate(dir.resolve("b"));
        GeneratedData other = SampleDataGenerator.builder().stores(60).days(10).seed(43).now(NOW).build()
                .generate(dir.resolve("c"));
        for (String name : List.of("store_status.csv", "menu_hours.csv", "timezones.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(name)))
                    .as(name).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(name)));
            assertThat(Files.readAllBytes(dir.resolve("c").resolve(name)))
                    .as(name).isNotEqualTo(Files.readAllBytes(dir.resolve("a").resolve(name)));
        }
        assertThat(second).isEqualTo(new GeneratedData(second.files(), first.stores(), first.statusRows(),
                first.hoursRows(), first.timeZoneRows()));
        assertThat(other.statusRows()).isPositive();
        try (var files = Files.list(dir.resolve("a"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("store_status.csv", "menu_hours.csv", "timezones.csv");
        }
    }

    @Test
    void writesDataShapedLikeTheRealSet() throws IOException {
        int stores = 600;
        int days = 70;
        GeneratedData data = SampleDataGenerator.builder().stores(stores).days(days).seed(7).now(NOW).build()
                .generate(dir);

        LoadedInput input = InputLoader.load(data.files(), LoadOptions.STRICT);
        FileSummary status = input.summaries().get(0);
        assertThat(status.read()).isEqualTo(data.statusRows());
        assertThat(input.data().storeCount()).isEqualTo(stores);
        // --stores 4500 --days 70 is meant to give about 1.85 million rows: ~411 per store
        assertThat(data.statusRows() / (double) stores).isCloseTo(1_850_000 / 4500.0, within(25.0));
        assertThat(status.duplicate()).isPositive().isLessThan(status.read() / 100);
        assertThat(input.data().latestPollTime()).get().matches(t -> t.isBefore(NOW) && t.isAfter(NOW.minusSeconds(7200)));

        List<String> lines = Files.readAllLines(data.files().status());
        Map<String, Integer> recentPolls = new HashMap<>();
        Set<Integer> fractionDigits = new HashSet<>();
        int iso = 0;
        int inactive = 0;
        int outOfOrder = 0;
        String previous = null;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            String ts = f[2];
            if (ts.charAt(10) == 'T') {
                iso++;
                assertThat(ts).endsWith("Z");
            } else {
                assertThat(ts).endsWith(" UTC");
                fractionDigits.add(ts.contains(".") ? ts.indexOf(" UTC") - ts.indexOf('.') - 1 : 0);
            }
            if (f[1].equals("inactive")) {
                inactive++;
            }
            String isoTs = ts.replace(" UTC", "Z").replace(' ', 'T');
            Instant t = Instant.parse(isoTs);
            assertThat(t).isBetween(NOW.minusSeconds(days * 86_400L), NOW);
            if (t.isAfter(NOW.minusSeconds(7 * 86_400L))) {
                recentPolls.merge(f[0], 1, Integer::sum);
            }
            if (previous != null && previous.compareTo(isoTs) > 0) {
                outOfOrder++;
            }
            previous = isoTs;
        }
        int rows = lines.size() - 1;
        assertThat(fractionDigits).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
        assertThat(iso).isBetween(rows / 200, rows / 50);
        assertThat(inactive).isBetween(rows / 50, rows / 3);
        assertThat(outOfOrder).isGreaterThan(rows / 4);

        // about 82% of stores polled, roughly hourly in the last week (168 hours, some gaps)
        assertThat(recentPolls.size() / (double) stores).isCloseTo(0.82, within(0.05));
        double perStore = recentPolls.values().stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertThat(perStore).isBetween(150.0, 168.0);

        Set<String> ids = input.data().storeIds();
        long uuids = ids.stream().filter(id -> UUID.matcher(id).matches()).count();
        long numeric = ids.stream().filter(id -> id.matches("\\d{16,19}")).count();
        assertThat(uuids + numeric).isEqualTo(stores);
        assertThat(numeric / (double) stores).isBetween(0.08, 0.25);

        // the strict load above accepted every row, so the plain rows the generator writes split on commas
        Map<String, List<OpeningPeriod>> hours = new HashMap<>();
        for (String[] row : rows(data.files().hours())) {
            hours.computeIfAbsent(row[0], k -> new ArrayList<>()).add(
                    OpeningPeriod.of(Integer.parseInt(row[1]), LocalTime.parse(row[2]), LocalTime.parse(row[3])));
        }
        Map<String, ZoneId> zones = new HashMap<>();
        for (String[] row : rows(data.files().timezones())) {
            zones.put(row[0], ZoneId.of(row[1]));
        }
        assertThat(1 - hours.size() / (double) stores).isCloseTo(0.10, within(0.04));
        assertThat(1 - zones.size() / (double) stores).isCloseTo(0.10, within(0.04));
        assertThat(zones.values()).extracting(ZoneId::getId).contains("America/Chicago", "America/New_York",
                "America/Los_Angeles", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kathmandu", "Asia/Kolkata");

        List<OpeningPeriod> all = hours.values().stream().flatMap(List::stream).toList();
        assertThat(all).anyMatch(p -> p.end().isBefore(p.start()));
        assertThat(all).anyMatch(p -> p.end().equals(p.start()));
        assertThat(all).anyMatch(p -> p.start().equals(LocalTime.MIDNIGHT) && p.end().equals(LocalTime.of(23, 59, 59)));
        assertThat(hours.values()).anyMatch(list -> list.stream().filter(p -> p.dayIndex() == 2).count() == 3);
        assertThat(input.summaries().get(1).duplicate()).isPositive();
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> SampleDataGenerator.builder().stores(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stores");
        assertThatThrownBy(() -> SampleDataGenerator.builder().days(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("days");
    }

    /** The data rows of a generated file (no header, no quoting: the generator writes neither commas nor quotes). */
    private static List<String[]> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList();
    }
}
