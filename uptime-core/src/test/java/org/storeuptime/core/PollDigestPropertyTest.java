package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Reports computed from each store's {@link PollDigest} equal reports from all its polls, for every request whose
 * windows consider ranges of at least a week: random stores (zones with DST changes, hours with overnight rows,
 * closures), polls in runs of one status over two months, {@code now}, lookbacks, both extrapolations and windows of
 * every kind. The engine hands the source the digest only where it may, which the raw comparison here would catch
 * on a window of a day: a digest of week-long runs loses what such a window sees.
 */
class PollDigestPropertyTest {

    private static final List<ZoneId> ZONES = List.of("America/Chicago", "America/New_York", "Europe/Berlin",
            "Australia/Lord_Howe", "Asia/Kathmandu", "America/Santiago", "Pacific/Apia", "UTC").stream()
            .map(ZoneId::of).toList();
    private static final Instant START = Instant.parse("2026-08-20T00:00:00Z");

    @Property(tries = 300, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void aReportFromTheDigestEqualsOneFromAllPolls(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Store> stores = new ArrayList<>();
        List<PollSeries> polls = new ArrayList<>();
        List<Closure> closures = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            Store store = Store.of("s" + s, ZONES.get(random.nextInt(ZONES.size())), hours(random));
            stores.add(store);
            polls.add(polls(random));
            if (random.nextInt(3) == 0) {
                LocalDateTime from = LocalDateTime.of(2026, 9, 1 + random.nextInt(28), random.nextInt(24), 0);
                closures.add(Closure.of(random.nextBoolean() ? store.id() : Closure.ALL_STORES, from,
                        from.plusHours(1 + random.nextInt(80)), "planned"));
            }
        }
        Instant now = START.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 62)));
        ReportRequest.Builder request = ReportRequest.builder().now(now)
                .lookback(Duration.ofMinutes(random.nextInt(4) == 0 ? 0 : random.nextInt(3 * 24 * 60)))
                .extrapolation(random.nextBoolean() ? Extrapolation.NEAREST_POLL : Extrapolation.CARRY_FORWARD);
        if (random.nextInt(5) > 0) {
            java.util.Set<ReportWindow> asked = new java.util.HashSet<>();
            for (int w = 1 + random.nextInt(3); w > 0; w--) {
                ReportWindow window = window(random, now);
                if (asked.add(window)) {
                    request.window(window);
                }
            }
        }
        ReportRequest built = request.build();
        Duration shortest = UptimeEngine.shortestConsideredRange(built);
        Statistics.label("digest served").collect(PollDigest.serves(shortest));

        UptimeEngine engine = UptimeEngine.create();
        UptimeReport all = engine.report(new TestSource(stores, polls, closures, false), built);
        TestSource digestSource = new TestSource(stores, polls, closures, true);
        UptimeReport fromDigest = engine.report(digestSource, built);
        assertThat(fromDigest).isEqualTo(all);
        assertThat(digestSource.served).isEqualTo(PollDigest.serves(shortest));
        if (digestSource.served) {
            assertThat(digestSource.kept).isLessThanOrEqualTo(digestSource.consideredCount);
        }
    }

    @Test
    void keepsTheEndsOfRunsAndOfTheirWeeks() {
        long hour = 3_600_000_000L;
        long week = 7 * 24 * hour;
        // a run of up polls over two buckets, one down poll, then up again
        long[] t = {week - 2 * hour, week - hour, week, week + hour, week + 2 * hour, week + 3 * hour, week + 4 * hour};
        boolean[] up = {true, true, true, true, false, true, true};
        boolean[] kept = PollDigest.keep(t, up, t.length, 0, t.length);
        assertThat(kept).containsExactly(true, true, true, true, true, true, true);
        boolean[] longRun = {true, true, true, true, true, true, true};
        assertThat(PollDigest.keep(t, longRun, t.length, 0, t.length))
                .containsExactly(true, true, true, false, false, false, true);
        // the middle of the array only: its ends are neighbours, not decided
        assertThat(PollDigest.keep(t, longRun, t.length, 4, 6)).containsExactly(false, false);
    }

    @Test
    void aWindowOfADayIsNotServedTheDigest() {
        ReportRequest day = ReportRequest.builder().now(Instant.parse("2026-10-20T00:00:00Z"))
                .window("2026-09-03/2026-09-04").build();
        assertThat(PollDigest.serves(UptimeEngine.shortestConsideredRange(day))).isFalse();
        ReportRequest classic = ReportRequest.builder().lookback(Duration.ZERO).build();
        assertThat(UptimeEngine.shortestConsideredRange(classic)).isEqualTo(Duration.ofDays(7));
        assertThat(PollDigest.serves(UptimeEngine.shortestConsideredRange(classic))).isTrue();
    }

    private static ReportWindow window(SplittableRandom random, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of("UTC"));
        switch (random.nextInt(6)) {
            case 0:
                return ReportWindow.parse((1 + random.nextInt(40)) + "d");
            case 1:
                return ReportWindow.parse(random.nextBoolean() ? "month" : "previous-month");
            case 2:
                return ReportWindow.calendarMonth(YearMonth.from(today).minusMonths(random.nextInt(3)));
            case 3: {
                LocalDate from = today.minusDays(random.nextInt(60));
                return ReportWindow.localDates(from, from.plusDays(1 + random.nextInt(20)));
            }
            case 4: {
                Instant from = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 50)));
                return ReportWindow.instants(from, from.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 20))));
            }
            default:
                return ReportWindow.parse((1 + random.nextInt(30)) + "h");
        }
    }

    private static BusinessHours hours(SplittableRandom random) {
        if (random.nextInt(4) == 0) {
            return BusinessHours.alwaysOpen();
        }
        List<OpeningPeriod> periods = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (random.nextInt(6) == 0) {
                continue;
            }
            LocalTime start = LocalTime.of(random.nextInt(24), random.nextInt(2) * 30);
            LocalTime end = LocalTime.of(random.nextInt(24), random.nextInt(2) * 30);
            periods.add(OpeningPeriod.of(day, start, end));
        }
        return periods.isEmpty() ? BusinessHours.alwaysOpen() : BusinessHours.of(periods);
    }

    /** Polls over two months, minutes to hours apart, in runs of one status; now and then a long gap. */
    private static PollSeries polls(SplittableRandom random) {
        PollBuffer buffer = new PollBuffer();
        long micros = EpochMicros.of(START.minus(Duration.ofDays(10)));
        long end = EpochMicros.of(START.plus(Duration.ofDays(64)));
        boolean up = true;
        double switchChance = new double[] {0.01, 0.05, 0.3}[random.nextInt(3)];
        while (micros < end) {
            micros += 1_000_000L * (random.nextInt(10) == 0 ? random.nextInt(4 * 86_400) : 60 + random.nextInt(7200));
            if (random.nextDouble() < switchChance) {
                up = !up;
            }
            buffer.add(micros, up);
        }
        return buffer;
    }

    /** One source over a few stores, handing out all polls or, when the engine allows it, each store's digest. */
    private static final class TestSource implements ReportSource {
        private final List<Store> stores;
        private final List<PollSeries> polls;
        private final List<Closure> closures;
        private final boolean digest;
        boolean served;
        int consideredCount;
        int kept;

        TestSource(List<Store> stores, List<PollSeries> polls, List<Closure> closures, boolean digest) {
            this.stores = stores;
            this.polls = polls;
            this.closures = closures;
            this.digest = digest;
        }

        @Override
        public Optional<Instant> latestPollTime() {
            return Optional.empty();
        }

        @Override
        public int storeCount() {
            return stores.size();
        }

        @Override
        public List<Closure> closures() {
            return closures;
        }

        @Override
        public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
            for (int s = 0; s < stores.size(); s++) {
                consumer.accept(stores.get(s), range(polls.get(s), from, to));
            }
        }

        @Override
        public void forEachStore(ConsideredPolls considered, StoreConsumer consumer) {
            if (!digest || !PollDigest.serves(considered.shortestRange())) {
                forEachStore(considered.from(), considered.to(), consumer);
                return;
            }
            served = true;
            List<TimeInterval> edges = PollDigest.bucketEndRanges(considered);
            for (int s = 0; s < stores.size(); s++) {
                PollSeries all = polls.get(s);
                long[] micros = new long[all.size()];
                boolean[] active = new boolean[all.size()];
                for (int i = 0; i < all.size(); i++) {
                    micros[i] = all.epochMicros(i);
                    active[i] = all.isActive(i);
                }
                // the digest of the whole history, as the database keeps it, then what the report reads of it:
                // the run ends, and the bucket ends near the windows' edges
                int n = PollDigest.considered(stores.get(s), closures, micros, active, all.size());
                boolean[] keep = PollDigest.keep(micros, active, n, 0, n);
                PollBuffer digestPolls = new PollBuffer();
                for (int i = 0; i < n; i++) {
                    if (keep[i] && (PollDigest.runEnd(active, n, i) || near(edges, micros[i]))) {
                        digestPolls.add(micros[i], active[i]);
                        kept++;
                    }
                }
                consideredCount += n;
                consumer.accept(stores.get(s), range(digestPolls, considered.from(), considered.to()));
            }
        }

        private static boolean near(List<TimeInterval> edges, long micros) {
            for (TimeInterval edge : edges) {
                if (EpochMicros.of(edge.start()) <= micros && micros <= EpochMicros.of(edge.end())) {
                    return true;
                }
            }
            return false;
        }

        private static PollSeries range(PollSeries polls, Instant from, Instant to) {
            long a = EpochMicros.of(from);
            long b = EpochMicros.of(to);
            PollBuffer out = new PollBuffer();
            for (int i = 0; i < polls.size(); i++) {
                long t = polls.epochMicros(i);
                if (t >= a && t <= b) {
                    out.add(t, polls.isActive(i));
                }
            }
            return out;
        }
    }
}
