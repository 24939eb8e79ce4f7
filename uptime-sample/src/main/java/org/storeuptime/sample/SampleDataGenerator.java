package org.storeuptime.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.storeuptime.core.Store;
import org.storeuptime.core.ReportFailedException;
import org.storeuptime.core.csv.InputFiles;

/**
 * Writes a realistic data set in the three input files (2024 names and columns), shaped like the published
 * store monitoring data: mostly UUID store ids and some 64-bit integer ids; about 82% of stores polled,
 * roughly hourly with jitter in the last 7 days and sparser before, with gaps, outages, duplicate polls,
 * stores switched off outside their hours, and timestamps with 0 to 6 fractional digits (a few in ISO-8601);
 * about 10% of stores without hours and 10% without a zone; split shifts, overnight hours, {@code 23:59:59}
 * ends, {@code end == start} rows; zones with DST and odd offsets.
 *
 * <p>The same settings give byte-identical files. Rows are written as they are generated (polls shuffled
 * within chunks of stores, like the unsorted real file), so memory stays small whatever the size.
 *
 * <pre>{@code
 * GeneratedData data = SampleDataGenerator.builder().stores(4500).days(70).seed(7).build().generate(dir);
 * }</pre>
 */
public final class SampleDataGenerator {

    /** The default end of the data: the latest poll of the published 2024 edition. */
    public static final Instant DEFAULT_NOW = Instant.parse("2024-10-14T23:55:18Z");

    private static final long MICROS_PER_HOUR = 3_600_000_000L;
    private static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
    private static final int RECENT_DAYS = 7;
    /** Chance of a poll in an hour before the last week (sparser history, as in the real data). */
    private static final double EARLY_POLL_CHANCE = 0.232;
    private static final int STORES_PER_SHUFFLED_CHUNK = 64;

    private static final String[] ZONES = {
        "America/Chicago", "America/New_York", "America/Los_Angeles", "America/Denver", "America/Phoenix",
        "America/Boise", "America/Detroit", "America/Indiana/Indianapolis", "America/Anchorage", "Pacific/Honolulu",
        "America/Puerto_Rico", "America/St_Johns", "Europe/London", "Europe/Berlin", "Australia/Lord_Howe",
        "Asia/Kathmandu", "Asia/Kolkata", "Asia/Beirut"};
    private static final int[] ZONE_WEIGHTS = {25, 20, 15, 8, 4, 2, 2, 2, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1};

    private final int stores;
    private final int days;
    private final long seed;
    private final Instant now;

    private SampleDataGenerator(Builder builder) {
        this.stores = builder.stores;
        this.days = builder.days;
        this.seed = builder.seed;
        this.now = builder.now;
    }

    /** A builder with defaults: 100 stores, 7 days, seed 1, now {@link #DEFAULT_NOW}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes {@code store_status.csv}, {@code menu_hours.csv} and {@code timezones.csv} into {@code dir}
     * (created if missing). Each file is written to a temporary file first and then renamed, so a failed run
     * leaves no half-written file under those names.
     *
     * @throws ReportFailedException when the files cannot be written
     */
    public GeneratedData generate(Path dir) {
        Objects.requireNonNull(dir, "dir");
        InputFiles files = InputFiles.inDirectory(dir);
        SplittableRandom random = new SplittableRandom(seed);
        List<StoreSpec> specs = storeSpecs(random);
        try {
            Files.createDirectories(dir);
            long zoneRows = writeAtomically(files.timezones(), out -> writeTimeZones(specs, out));
            long hoursRows = writeAtomically(files.hours(), out -> writeHours(specs, out));
            long statusRows = writeAtomically(files.status(), out -> writeStatus(specs, random.split(), out));
            return new GeneratedData(files, specs.size(), statusRows, hoursRows, zoneRows);
        } catch (IOException e) {
            throw new ReportFailedException("cannot write sample data to " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    // ---- stores ------------------------------------------------------------------------------------------

    private List<StoreSpec> storeSpecs(SplittableRandom random) {
        List<StoreSpec> specs = new ArrayList<>(stores);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < stores; i++) {
            SplittableRandom r = random.split();
            String id;
            do {
                id = r.nextDouble() < 0.85 ? uuid(r) : Long.toString(r.nextLong(1_000_000_000_000_000L, Long.MAX_VALUE));
            } while (!ids.add(id));
            boolean polled = r.nextDouble() < 0.82;
            boolean hasHours = r.nextDouble() < 0.90;
            boolean hasZone = r.nextDouble() < 0.90;
            if (!polled && !hasHours && !hasZone) {
                hasZone = true; // a store exists only through some file
            }
            ZoneId zone = ZoneId.of(ZONES[weighted(r, ZONE_WEIGHTS)]);
            List<Hours> hours = hasHours ? hours(r) : List.of();
            double reliability = r.nextDouble();
            double outageChance = reliability < 0.70 ? 0.004 : reliability < 0.95 ? 0.03 : 0.15;
            double closedInactiveChance = r.nextDouble() < 0.6 ? 0.9 : 0.1;
            specs.add(new StoreSpec(id, polled, hasZone, zone, hours, outageChance, closedInactiveChance, r.nextLong()));
        }
        return specs;
    }

    private static String uuid(SplittableRandom r) {
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static int weighted(SplittableRandom r, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int pick = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** One store's business hours, in one of the shapes the real data has. */
    private static List<Hours> hours(SplittableRandom r) {
        List<Hours> rows = new ArrayList<>();
        double shape = r.nextDouble();
        int closedDay = r.nextDouble() < 0.2 ? r.nextInt(7) : -1;
        for (int day = 0; day < 7; day++) {
            if (day == closedDay) {
                continue;
            }
            boolean weekend = day >= 5;
            if (shape < 0.35) {
                int open = 6 + r.nextInt(6);
                rows.add(new Hours(day, LocalTime.of(open, r.nextBoolean() ? 0 : 30),
                        LocalTime.of(weekend ? 23 : 20 + r.nextInt(3), r.nextBoolean() ? 0 : 30)));
            } else if (shape < 0.55) {
                rows.add(new Hours(day, LocalTime.of(11, 0), LocalTime.of(14, 30)));
                rows.add(new Hours(day, LocalTime.of(17, r.nextBoolean() ? 0 : 30), LocalTime.of(22, 0)));
                if (r.nextDouble() < 0.3) {
                    rows.add(new Hours(day, LocalTime.of(23, 0), LocalTime.of(23, 59, 59)));
                }
            } else if (shape < 0.65) {
                rows.add(new Hours(day, LocalTime.of(18 + r.nextInt(4), 0), LocalTime.of(1 + r.nextInt(3), 0)));
            } else if (shape < 0.75) {
                rows.add(new Hours(day, LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59)));
            } else if (shape < 0.80) {
                LocalTime at = LocalTime.of(5 + r.nextInt(6), 0);
                rows.add(new Hours(day, at, at));
            } else if (shape < 0.90) {
                rows.add(weekend ? new Hours(day, LocalTime.of(9, 0), LocalTime.of(23, 59, 59))
                        : new Hours(day, LocalTime.of(10, 30), LocalTime.of(21, 45)));
            } else {
                rows.add(new Hours(day, LocalTime.MIDNIGHT, LocalTime.of(0, 10)));
                rows.add(new Hours(day, LocalTime.of(10, 0), LocalTime.of(23, 59, 59)));
            }
        }
        if (!rows.isEmpty() && r.nextDouble() < 0.01) {
            rows.add(rows.get(r.nextInt(rows.size()))); // a repeated row, as exports sometimes have
        }
        return rows;
    }

    // ---- files -------------------------------------------------------------------------------------------

    private static long writeTimeZones(List<StoreSpec> specs, Writer out) throws IOException {
        out.write("store_id,timezone_str\n");
        long rows = 0;
        for (StoreSpec spec : specs) {
            if (spec.hasZone()) {
                out.write(spec.id() + ',' + spec.zone().getId() + '\n');
                rows++;
            }
        }
        return rows;
    }

    private static long writeHours(List<StoreSpec> specs, Writer out) throws IOException {
        out.write("store_id,dayOfWeek,start_time_local,end_time_local\n");
        long rows = 0;
        StringBuilder line = new StringBuilder(80);
        for (StoreSpec spec : specs) {
            for (Hours h : spec.hours()) {
                line.setLength(0);
                line.append(spec.id()).append(',').append(h.day()).append(',');
                appendTime(line, h.start()).append(',');
                appendTime(line, h.end()).append('\n');
                out.append(line);
                rows++;
            }
        }
        return rows;
    }

    private long writeStatus(List<StoreSpec> specs, SplittableRandom random, Writer out) throws IOException {
        out.write("store_id,status,timestamp_utc\n");
        long nowMicros = now.truncatedTo(ChronoUnit.MICROS).getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        long rows = 0;
        PollChunk chunk = new PollChunk();
        StringBuilder line = new StringBuilder(96);
        int storesInChunk = 0;
        for (int s = 0; s < specs.size(); s++) {
            StoreSpec spec = specs.get(s);
            if (!spec.polled()) {
                continue;
            }
            polls(s, spec, nowMicros, chunk);
            if (++storesInChunk == STORES_PER_SHUFFLED_CHUNK) {
                rows += chunk.shuffleAndWrite(specs, random, out, line);
                storesInChunk = 0;
            }
        }
        rows += chunk.shuffleAndWrite(specs, random, out, line);
        return rows;
    }

    /** Appends one store's polls: hourly with jitter in the last week, sparser before; outages as runs of inactive. */
    private void polls(int storeIndex, StoreSpec spec, long nowMicros, PollChunk chunk) {
        SplittableRandom r = new SplittableRandom(spec.pollSeed());
        long start = nowMicros - days * MICROS_PER_DAY;
        long recentStart = nowMicros - Math.min(days, RECENT_DAYS) * MICROS_PER_DAY;
        boolean down = false;
        int pollerGap = 0;
        for (long hour = start; hour < nowMicros; hour += MICROS_PER_HOUR) {
            if (down ? r.nextDouble() < 0.35 : r.nextDouble() < spec.outageChance()) {
                down = !down;
            }
            if (pollerGap > 0) {
                pollerGap--;
                continue;
            }
            if (r.nextDouble() < 0.004) {
                pollerGap = 2 + r.nextInt(10); // the poller missed this store for hours
                continue;
            }
            boolean recent = hour >= recentStart;
            if (recent ? r.nextDouble() < 0.03 : r.nextDouble() >= EARLY_POLL_CHANCE) {
                continue;
            }
            long t = hour + r.nextLong(MICROS_PER_HOUR);
            if (t >= nowMicros) {
                continue;
            }
            if (r.nextDouble() < 0.05) {
                t -= Math.floorMod(t, 1_000L); // millisecond precision
            }
            boolean active = !down;
            if (active && !spec.isOpen(t) && r.nextDouble() < spec.closedInactiveChance()) {
                active = false; // switched off while closed
            }
            byte format = r.nextDouble() < 0.01 ? PollChunk.ISO : PollChunk.UTC;
            chunk.add(storeIndex, t, active, format);
            if (r.nextDouble() < 0.003) {
                chunk.add(storeIndex, t, r.nextDouble() < 0.8 == active, PollChunk.UTC); // duplicate poll
            }
        }
    }

    private static StringBuilder appendTime(StringBuilder b, LocalTime time) {
        pad2(b, time.getHour()).append(':');
        pad2(b, time.getMinute()).append(':');
        return pad2(b, time.getSecond());
    }

    private static StringBuilder pad2(StringBuilder b, int value) {
        if (value < 10) {
            b.append('0');
        }
        return b.append(value);
    }

    @FunctionalInterface
    private interface RowWriter {
        long write(Writer out) throws IOException;
    }

    /** Writes into a temporary file beside {@code file}, renamed over it: an interrupted run leaves no half file. */
    private static long writeAtomically(Path file, RowWriter rows) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            long count;
            try (Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp),
                    StandardCharsets.UTF_8), 1 << 16)) {
                count = rows.write(writer);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return count;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    // ---- values ------------------------------------------------------------------------------------------

    private record Hours(int day, LocalTime start, LocalTime end) {
    }

    private record StoreSpec(String id, boolean polled, boolean hasZone, ZoneId zone, List<Hours> hours,
            double outageChance, double closedInactiveChance, long pollSeed) {

        /** Whether the store is open at {@code micros} by its hours (missing hours: always open). */
        boolean isOpen(long micros) {
            if (hours.isEmpty()) {
                return true;
            }
            LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L)),
                    hasZone ? zone : Store.DEFAULT_ZONE);
            int today = local.getDayOfWeek().getValue() - 1;
            int yesterday = (today + 6) % 7;
            LocalTime t = local.toLocalTime();
            for (Hours h : hours) {
                boolean toMidnight = !h.end().isBefore(LocalTime.of(23, 59, 59)) && h.start().isBefore(h.end());
                if (h.day() == today) {
                    if (toMidnight || h.end().compareTo(h.start()) <= 0 ? !t.isBefore(h.start())
                            : !t.isBefore(h.start()) && t.isBefore(h.end())) {
                        return true;
                    }
                } else if (h.day() == yesterday && h.end().compareTo(h.start()) <= 0
                        && t.isBefore(h.end().equals(h.start()) ? h.start() : h.end())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The polls of a chunk of stores, as primitives, shuffled before writing. */
    private static final class PollChunk {
        static final byte UTC = 0;
        static final byte ISO = 1;

        int[] store = new int[1024];
        long[] micros = new long[1024];
        boolean[] active = new boolean[1024];
        byte[] format = new byte[1024];
        int size;

        void add(int storeIndex, long t, boolean isActive, byte fmt) {
            if (size == store.length) {
                int capacity = size * 2;
                store = Arrays.copyOf(store, capacity);
                micros = Arrays.copyOf(micros, capacity);
                active = Arrays.copyOf(active, capacity);
                format = Arrays.copyOf(format, capacity);
            }
            store[size] = storeIndex;
            micros[size] = t;
            active[size] = isActive;
            format[size] = fmt;
            size++;
        }

        /** Writes the chunk's rows in a random order and empties it; returns the rows written. */
        long shuffleAndWrite(List<StoreSpec> specs, SplittableRandom random, Writer out, StringBuilder line)
                throws IOException {
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            for (int i = size - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            for (int k = 0; k < size; k++) {
                int i = order[k];
                line.setLength(0);
                line.append(specs.get(store[i]).id()).append(',').append(active[i] ? "active" : "inactive").append(',');
                appendTimestamp(line, micros[i], format[i] == ISO);
                out.append(line.append('\n'));
            }
            long written = size;
            size = 0;
            return written;
        }
    }

    /** {@code 2024-10-14 23:55:18.727055 UTC} (trailing zeros of the fraction dropped) or ISO {@code ...T...Z}. */
    static void appendTimestamp(StringBuilder b, long micros, boolean iso) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        b.append(t.getYear()).append('-');
        pad2(b, t.getMonthValue()).append('-');
        pad2(b, t.getDayOfMonth()).append(iso ? 'T' : ' ');
        pad2(b, t.getHour()).append(':');
        pad2(b, t.getMinute()).append(':');
        pad2(b, t.getSecond());
        if (fraction != 0) {
            int digits = 6;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            b.append('.');
            String text = Integer.toString(fraction);
            for (int i = text.length(); i < digits; i++) {
                b.append('0');
            }
            b.append(text);
        }
        b.append(iso ? "Z" : " UTC");
    }

    /** Configures a {@link SampleDataGenerator}. */
    public static final class Builder {
        private int stores = 100;
        private int days = 7;
        private long seed = 1;
        private Instant now = DEFAULT_NOW;

        private Builder() {
        }

        /** How many stores (default 100). */
        public Builder stores(int stores) {
            if (stores < 1) {
                throw new IllegalArgumentException("stores must be at least 1: " + stores);
            }
            this.stores = stores;
            return this;
        }

        /** How many days of polls end at {@code now} (default 7). */
        public Builder days(int days) {
            if (days < 1 || days > 3_660) {
                throw new IllegalArgumentException("days must be from 1 to 3660: " + days);
            }
            this.days = days;
            return this;
        }

        /** The random seed; the same settings give the same files (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Where the polls end (default {@link #DEFAULT_NOW}, so that a seed alone fixes the files). */
        public Builder now(Instant now) {
            this.now = Objects.requireNonNull(now, "now");
            return this;
        }

        /** The generator. */
        public SampleDataGenerator build() {
            return new SampleDataGenerator(this);
        }
    }
}
