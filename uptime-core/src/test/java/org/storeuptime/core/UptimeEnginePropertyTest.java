package org.storeuptime.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The engine against a brute-force reference written here from the uptime rules alone (docs/rules.md), on random
 * stores, schedules, zones, polls, {@code now}, lookbacks and both extrapolations, and on random report windows and
 * planned closures.
 *
 * <p>The reference shares no code with the engine: it never calls {@link BusinessHours}, does not merge
 * intervals and does not compute midpoints. It walks the week in half-second slots and, for each slot, asks
 * whether the slot lies in business time (a set of per-local-date intervals built with
 * {@code ZonedDateTime.of}, exactly as the rules define them), which considered poll is nearest (by comparing
 * distances) or latest (carry-forward), and which windows hold it.
 */
class UptimeEnginePropertyTest {

    private static final long WEEK = 7 * 86_400L;
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Chicago");
    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    /**
     * Zones with DST at 02:00 and at midnight (Santiago, Havana, Beirut), negative DST (Dublin), Ramadan
     * changes (Casablanca), half- and quarter-hour offsets and fixed offsets.
     */
    private static final List<String> ZONES = List.of("America/New_York", "America/Chicago",
            "America/Los_Angeles", "America/St_Johns", "America/Santiago", "America/Havana", "America/Sao_Paulo",
            "Europe/Berlin", "Europe/London", "Europe/Dublin", "Africa/Casablanca", "Asia/Beirut", "Asia/Tehran",
            "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Australia/Adelaide", "Pacific/Chatham",
            "Pacific/Auckland", "Pacific/Apia", "UTC", "+05:30", "-03:30", "+14:00", "-12:00", "Etc/GMT+12");

    /** Wall-clock times where DST changes happen or rows often start and end. */
    private static final List<LocalTime> NOTABLE_TIMES = Stream.of("00:00", "00:30", "01:00", "01:30", "01:45",
            "02:00", "02:15", "02:30", "03:00", "03:30", "09:00", "12:00", "17:00", "22:00", "23:00", "23:30",
            "23:59:59").map(LocalTime::parse).toList();

    /**
     * Every boundary is a multiple of half a second: polls, {@code now} and rows are whole seconds, zone
     * offsets and lookbacks whole minutes, so midpoints fall on whole or half seconds. Sampling each half-second
     * slot at its centre is therefore exact, not an approximation, and the figures must agree to the
     * microsecond. (With one sample per second the allowance would have to be about half a second per midpoint
     * and window edge.)
     */
    private static final Duration TOLERANCE = Duration.ZERO;

    /*
     * jqwik's generic edge cases (empty lists, extreme numbers) would crowd out the interesting data sets: most
     * stores would get no poll at all. The edges that matter here (a poll exactly at now, at the window starts
     * and at now - 7d - lookback, duplicates, midnight ends) are generated on purpose instead.
     */
    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void engineAgreesWithABruteForceWalkOfTheWeek(@ForAll("cases") Case c) {
        Instant anchor = Instant.ofEpochSecond(c.anchor());
        List<List<Poll>> polls = c.stores().stream().map(s -> s.resolvePolls(c.anchor(), c.lookback())).toList();
        StoreDataSet data = dataSet(c.stores(), polls);
        ReportOptions options = new ReportOptions(c.lookback(), c.extrapolation());
        UptimeEngine engine = UptimeEngine.builder().options(options).clock(Clock.fixed(anchor, ZoneOffset.UTC))
                .build();

        UptimeReport report = engine.report(data, c.defaultNow() ? null : anchor);

        long now = c.defaultNow()
                ? polls.stream().flatMap(List::stream).mapToLong(p -> p.timestamp().getEpochSecond()).max()
                        .orElse(c.anchor())
                : c.anchor();
        assertThat(report.now()).isEqualTo(Instant.ofEpochSecond(now));
        assertThat(report.rows()).hasSize(c.stores().size());
        for (int i = 0; i < c.stores().size(); i++) {
            StoreSpec spec = c.stores().get(i);
            StoreUptime actual = report.rows().get(i);
            StoreUptime expected = reference("s" + i, spec.zone().orElse(DEFAULT_ZONE), spec.rows(), polls.get(i),
                    now, c.lookback().getSeconds(), c.extrapolation());
            Statistics.label("store").collect(spec.rows().isEmpty() ? "24/7" : "business hours",
                    expected.equals(StoreUptime.unknown(expected.storeId())) ? "all zero" : "figures");
            assertThat(actual.storeId()).isEqualTo(expected.storeId());
            for (UptimeWindow w : UptimeWindow.values()) {
                assertThat(actual.uptime(w)).as("uptime %s of %s", w, expected.storeId())
                        .isCloseTo(expected.uptime(w), TOLERANCE);
                assertThat(actual.downtime(w)).as("downtime %s of %s", w, expected.storeId())
                        .isCloseTo(expected.downtime(w), TOLERANCE);
            }
        }
        Statistics.label("now").collect(c.defaultNow() ? "latest poll" : "explicit");
        // the comparison only means something when most stores have figures to compare
        Statistics.label("store").coverage(coverage -> {
            coverage.check("business hours", "figures").percentage(p -> p >= 50);
            coverage.check("24/7", "figures").percentage(p -> p >= 10);
        });
    }

    /**
     * A store's timeline, read through the {@link StoreReader} port, has exactly the report's row for every
     * store, and its segments and outages add up to the same figures; asked with a window, that window's own
     * timeline adds up to the report's columns for the window.
     */
    @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void timelineFiguresEqualTheReportRow(@ForAll("cases") Case c) {
        Instant anchor = Instant.ofEpochSecond(c.anchor());
        List<List<Poll>> polls = c.stores().stream().map(s -> s.resolvePolls(c.anchor(), c.lookback())).toList();
        StoreDataSet data = dataSet(c.stores(), polls);
        ReportOptions options = new ReportOptions(c.lookback(), c.extrapolation());
        UptimeEngine engine = UptimeEngine.builder().options(options).clock(Clock.fixed(anchor, ZoneOffset.UTC))
                .build();
        Instant explicitNow = c.defaultNow() ? null : anchor;
        UptimeReport report = engine.report(data, explicitNow);
        // and one more window, of a length from an hour to 20 days picked by the case
        ReportWindow extra = ReportWindow.lastHours(1 + (int) Math.floorMod(c.anchor(), 480L));
        ReportRequest.Builder windowed = ReportRequest.builder().lookback(c.lookback()).extrapolation(c.extrapolation())
                .window(extra);
        if (explicitNow != null) {
            windowed.now(explicitNow);
        }
        ReportRequest extraRequest = windowed.build();
        UptimeReport extraReport = engine.report(data, extraRequest);

        for (StoreUptime row : report.rows()) {
            StoreTimeline timeline = engine.timeline(data, row.storeId(), explicitNow).orElseThrow();
            assertThat(timeline.now()).isEqualTo(report.now());
            assertThat(timeline.uptime()).isEqualTo(row);
            for (UptimeWindow w : UptimeWindow.values()) {
                TimeInterval range = w.endingAt(report.now());
                Duration up = Duration.ZERO;
                Duration down = Duration.ZERO;
                for (StoreTimeline.StatusSegment segment : timeline.segments()) {
                    if (segment.interval().overlaps(range)) {
                        Duration inside = segment.interval().intersection(range).duration();
                        up = segment.up() ? up.plus(inside) : up;
                        down = segment.up() ? down : down.plus(inside);
                    }
                }
                assertThat(up).as("up segments in %s of %s", w, row.storeId()).isEqualTo(row.uptime(w));
                assertThat(down).as("down segments in %s of %s", w, row.storeId()).isEqualTo(row.downtime(w));
                StoreTimeline.WindowFigures figures = timeline.window(w);
                assertThat(figures.uptime()).isEqualTo(row.uptime(w));
                assertThat(figures.downtime()).isEqualTo(row.downtime(w));
                assertThat(figures.outageCount()).isLessThanOrEqualTo(timeline.outages().size());
                assertThat(figures.longestOutage()).isLessThanOrEqualTo(row.downtime(w));
            }
            Duration outageTotal = timeline.outages().stream().map(StoreTimeline.Outage::duration)
                    .reduce(Duration.ZERO, Duration::plus);
            assertThat(outageTotal).isEqualTo(row.downtimeLastWeek());
            long counted = timeline.polls().stream().filter(p -> p.verdict().counted()).count();
            assertThat(timeline.segments().isEmpty()).isEqualTo(counted == 0 || timeline.businessIntervals().isEmpty()
                    || row.equals(StoreUptime.unknown(row.storeId())));

            StoreTimeline withWindow = engine.timeline(data, row.storeId(), extraRequest).orElseThrow();
            StoreWindowUptime extraRow = extraReport.windowRows().stream()
                    .filter(r -> r.storeId().equals(row.storeId())).findFirst().orElseThrow();
            assertWindowTimelineAddsUp(withWindow.windowTimelines().get(0), extraRow.windows().get(0), row.storeId());
        }
    }

    /**
     * Reports with random windows (rolling, local dates, calendar months, instants; before the first poll, after
     * the last, empty, cut at now) and random planned closures (of one store, of another, of every store;
     * overlapping each other and overnight hours) agree with a brute-force walk of each window, window by window;
     * the classic report with the same closures agrees with the walk of the classic windows; a timeline's window
     * figures are the report's; and each window's own timeline's segments add up to the report's columns for it.
     */
    @Property(tries = 80, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void windowsAndClosuresAgreeWithABruteForceWalkOfEachWindow(@ForAll("windowCases") WindowCase wc) {
        Case c = wc.base();
        Instant anchor = Instant.ofEpochSecond(c.anchor());
        List<List<Poll>> polls = c.stores().stream().map(s -> s.resolvePolls(c.anchor(), c.lookback())).toList();
        StoreDataSet.Builder builder = builder(c.stores(), polls);
        List<Closure> closures = wc.closures().stream().map(spec -> spec.resolve(c, anchor)).toList();
        closures.forEach(builder::closure);
        StoreDataSet data = builder.build();
        UptimeEngine engine = UptimeEngine.builder().clock(Clock.fixed(anchor, ZoneOffset.UTC)).build();
        ReportRequest.Builder request = ReportRequest.builder().lookback(c.lookback()).extrapolation(c.extrapolation());
        if (!c.defaultNow()) {
            request.now(anchor);
        }
        wc.windows().forEach(w -> request.window(w.text()));
        ReportRequest windowed = request.build();
        UptimeReport report = engine.report(data, windowed);
        UptimeReport classic = engine.report(data, new ReportRequest(windowed.now(), c.lookback(), c.extrapolation(),
                List.of()));

        long now = report.now().getEpochSecond();
        assertThat(report.now()).isEqualTo(classic.now());
        assertThat(report.windowRows()).hasSize(c.stores().size());
        for (int i = 0; i < c.stores().size(); i++) {
            String id = "s" + i;
            StoreSpec spec = c.stores().get(i);
            ZoneId zone = spec.zone().orElse(DEFAULT_ZONE);
            List<Closure> own = closures.stream().filter(cl -> cl.storeId().equals(id)
                    || cl.storeId().equals(Closure.ALL_STORES)).toList();
            StoreWindowUptime row = report.windowRows().get(i);
            assertThat(row.storeId()).isEqualTo(id);
            StoreTimeline timeline = engine.timeline(data, id, windowed).orElseThrow();
            for (int w = 0; w < wc.windows().size(); w++) {
                WindowSpec window = wc.windows().get(w);
                long[] range = window.range(zone, now);
                WindowUptime actual = row.windows().get(w);
                assertThat(actual.range()).as("range of %s for %s in %s", window.text(), id, zone)
                        .isEqualTo(TimeInterval.of(Instant.ofEpochSecond(range[0]), Instant.ofEpochSecond(range[1])));
                long[] expected = walk(zone, spec.rows(), own, polls.get(i), now, c.lookback().getSeconds(),
                        c.extrapolation(), range[0], range[1]);
                Statistics.label("window").collect(window.kind(), range[0] == range[1] ? "empty"
                        : expected[0] + expected[1] == 0 ? "no figures" : "figures");
                assertThat(actual.uptime()).as("uptime %s of %s", window.text(), id).isEqualTo(halfSeconds(expected[0]));
                assertThat(actual.downtime()).as("downtime %s of %s", window.text(), id)
                        .isEqualTo(halfSeconds(expected[1]));
                assertThat(timeline.windows().get(w).uptime()).isEqualTo(actual.uptime());
                assertThat(timeline.windows().get(w).downtime()).isEqualTo(actual.downtime());
                assertWindowTimelineAddsUp(timeline.windowTimelines().get(w), actual, id);
            }
            StoreUptime classicRow = classic.rows().get(i);
            long[][] classicRanges = {{now - 3_600, now}, {now - 86_400, now}, {now - WEEK, now}};
            for (int k = 0; k < 3; k++) {
                long[] expected = walk(zone, spec.rows(), own, polls.get(i), now, c.lookback().getSeconds(),
                        c.extrapolation(), classicRanges[k][0], classicRanges[k][1]);
                UptimeWindow uw = UptimeWindow.values()[k];
                assertThat(classicRow.uptime(uw)).as("classic uptime %s of %s", uw, id).isEqualTo(halfSeconds(expected[0]));
                assertThat(classicRow.downtime(uw)).as("classic downtime %s of %s", uw, id)
                        .isEqualTo(halfSeconds(expected[1]));
            }
            assertThat(engine.timeline(data, id, windowed.withOptions(new ReportOptions(c.lookback(),
                    c.extrapolation()))).orElseThrow().uptime()).isEqualTo(classicRow);
        }
        Statistics.label("closures").collect(closures.isEmpty() ? "none" : "some");
        // windows with figures, windows without a considered poll and empty ones all occur
        Statistics.label("window").coverage(coverage -> {
            coverage.check("local dates", "figures").percentage(p -> p > 0);
            coverage.check("local dates", "no figures").percentage(p -> p > 0);
            coverage.check("local dates", "empty").percentage(p -> p > 0);
        });
        Statistics.label("closures").coverage(coverage -> coverage.check("some").percentage(p -> p >= 50));
    }

    /**
     * A window's own timeline explains the report's columns for it: its segments lie in its business time, inside
     * its range, in order, and add up to exactly the report's uptime and downtime of the window; its outages add up
     * to the downtime; its polls are in time order.
     */
    private static void assertWindowTimelineAddsUp(StoreTimeline.WindowTimeline timeline, WindowUptime columns,
            String id) {
        String text = timeline.window().text();
        assertThat(timeline.range()).as("timeline range of %s for %s", text, id).isEqualTo(columns.range());
        Duration up = Duration.ZERO;
        Duration down = Duration.ZERO;
        Instant previousEnd = timeline.range().start();
        for (StoreTimeline.StatusSegment segment : timeline.segments()) {
            TimeInterval in = segment.interval();
            assertThat(in.start()).as("segments of %s for %s in order", text, id).isAfterOrEqualTo(previousEnd);
            assertThat(in.end()).isBeforeOrEqualTo(timeline.range().end());
            assertThat(timeline.businessIntervals()).as("segment %s of %s in business time", in, text)
                    .anyMatch(open -> !open.start().isAfter(in.start()) && !open.end().isBefore(in.end()));
            up = segment.up() ? up.plus(in.duration()) : up;
            down = segment.up() ? down : down.plus(in.duration());
            previousEnd = in.end();
        }
        assertThat(up).as("up segments of the timeline of %s for %s", text, id).isEqualTo(columns.uptime());
        assertThat(down).as("down segments of the timeline of %s for %s", text, id).isEqualTo(columns.downtime());
        assertThat(timeline.figures().uptime()).isEqualTo(columns.uptime());
        assertThat(timeline.figures().downtime()).isEqualTo(columns.downtime());
        assertThat(timeline.outages().stream().map(StoreTimeline.Outage::duration).reduce(Duration.ZERO,
                Duration::plus)).as("outages of %s for %s", text, id).isEqualTo(columns.downtime());
        assertThat(timeline.polls()).extracting(StoreTimeline.TimelinePoll::timestamp).isSorted();
        for (TimeInterval closure : timeline.plannedClosures()) {
            assertThat(closure.start()).isAfterOrEqualTo(timeline.range().start());
            assertThat(closure.end()).isBeforeOrEqualTo(timeline.range().end());
        }
    }

    /**
     * The up and down time of one window {@code [start, end)} in half seconds, by walking it: each half-second slot
     * is in business time when it is inside an opening interval and outside every closure, and takes the status of
     * the nearest (or latest) poll among those at {@code min(start, now - 7d) - lookback <= t <= min(end + lookback,
     * now)} in business time.
     */
    static long[] walk(ZoneId zone, List<OpeningPeriod> rows, List<Closure> closures, List<Poll> polls, long now,
            long lookback, Extrapolation extrapolation, long start, long end) {
        long consideredFrom = Math.min(start, now - WEEK) - lookback;
        long consideredTo = Math.min(end + lookback, now);
        List<long[]> open = businessIntervals(zone, rows, Math.min(consideredFrom, start), Math.max(consideredTo, end));
        List<long[]> closed = new ArrayList<>();
        for (Closure c : closures) {
            long a = epochSecond(ZonedDateTime.of(c.start(), zone));
            long b = epochSecond(ZonedDateTime.of(c.end(), zone));
            if (b > a) {
                closed.add(new long[] {a, b});
            }
        }
        Map<Long, Boolean> firstRead = new LinkedHashMap<>();
        for (Poll p : polls) {
            firstRead.putIfAbsent(p.timestamp().getEpochSecond(), p.status() == PollStatus.ACTIVE);
        }
        TreeMap<Long, Boolean> considered = new TreeMap<>();
        firstRead.forEach((t, active) -> {
            if (t >= consideredFrom && t <= consideredTo && isOpen(rows, open, t) && !inside(closed, t)) {
                considered.put(t, active);
            }
        });
        if (considered.isEmpty() || end <= start) {
            return new long[] {0, 0};
        }
        long[] times = considered.keySet().stream().mapToLong(t -> 4 * t).toArray();
        boolean[] status = new boolean[times.length];
        int k = 0;
        for (boolean active : considered.values()) {
            status[k++] = active;
        }
        int slots = (int) (2 * (end - start));
        boolean[] inBusiness = new boolean[slots];
        if (rows.isEmpty()) {
            Arrays.fill(inBusiness, true);
        }
        for (long[] interval : open) {
            for (long slot = 2 * (Math.max(interval[0], start) - start); slot < 2 * (Math.min(interval[1], end) - start);
                    slot++) {
                inBusiness[(int) slot] = true;
            }
        }
        for (long[] interval : closed) {
            for (long slot = 2 * (Math.max(interval[0], start) - start); slot < 2 * (Math.min(interval[1], end) - start);
                    slot++) {
                inBusiness[(int) slot] = false;
            }
        }
        long up = 0;
        long down = 0;
        int j = 0;
        for (int slot = 0; slot < slots; slot++) {
            if (!inBusiness[slot]) {
                continue;
            }
            long q = 4 * start + 2L * slot + 1;
            if (extrapolation == Extrapolation.NEAREST_POLL) {
                while (j + 1 < times.length && Math.abs(q - times[j + 1]) <= Math.abs(q - times[j])) {
                    j++;
                }
            } else {
                while (j + 1 < times.length && times[j + 1] <= q) {
                    j++;
                }
            }
            if (status[j]) {
                up++;
            } else {
                down++;
            }
        }
        return new long[] {up, down};
    }

    private static StoreDataSet dataSet(List<StoreSpec> stores, List<List<Poll>> polls) {
        return builder(stores, polls).build();
    }

    private static StoreDataSet.Builder builder(List<StoreSpec> stores, List<List<Poll>> polls) {
        StoreDataSet.Builder builder = StoreDataSet.builder();
        for (int i = 0; i < stores.size(); i++) {
            String id = "s" + i;
            StoreSpec spec = stores.get(i);
            builder.store(id);
            spec.zone().ifPresent(zone -> builder.timeZone(id, zone));
            spec.rows().forEach(row -> builder.openingPeriod(id, row));
            polls.get(i).forEach(p -> builder.poll(id, p.timestamp(), p.status()));
        }
        return builder;
    }

    // ---------------------------------------------------------------- the reference

    /**
     * The six figures of one store by walking {@code [now - 7d, now)} in half-second slots. Times are epoch
     * seconds; slot {@code i} is {@code [weekStart + i/2, weekStart + (i+1)/2)}, sampled at its centre, which in
     * quarter seconds is {@code 4 * weekStart + 2i + 1}.
     */
    static StoreUptime reference(String id, ZoneId zone, List<OpeningPeriod> rows, List<Poll> polls, long now,
            long lookback, Extrapolation extrapolation) {
        long weekStart = now - WEEK;
        long consideredFrom = weekStart - lookback;
        List<long[]> open = businessIntervals(zone, rows, consideredFrom, now);

        // first read wins, then time order
        Map<Long, Boolean> firstRead = new LinkedHashMap<>();
        for (Poll p : polls) {
            firstRead.putIfAbsent(p.timestamp().getEpochSecond(), p.status() == PollStatus.ACTIVE);
        }
        TreeMap<Long, Boolean> considered = new TreeMap<>();
        firstRead.forEach((t, active) -> {
            if (t >= consideredFrom && t <= now && isOpen(rows, open, t)) {
                considered.put(t, active);
            }
        });
        if (considered.isEmpty()) {
            return StoreUptime.unknown(id);
        }
        long[] times = considered.keySet().stream().mapToLong(t -> 4 * t).toArray();
        boolean[] status = new boolean[times.length];
        int k = 0;
        for (boolean active : considered.values()) {
            status[k++] = active;
        }

        int slots = (int) (2 * WEEK);
        boolean[] inBusiness = new boolean[slots];
        if (rows.isEmpty()) {
            Arrays.fill(inBusiness, true);
        }
        for (long[] interval : open) {
            long from = Math.max(interval[0], weekStart);
            long to = Math.min(interval[1], now);
            for (long slot = 2 * (from - weekStart); slot < 2 * (to - weekStart); slot++) {
                inBusiness[(int) slot] = true;
            }
        }

        long hourStart = 4 * (now - 3_600);
        long dayStart = 4 * (now - 86_400);
        long[] up = new long[3];
        long[] down = new long[3];
        int j = 0;
        for (int slot = 0; slot < slots; slot++) {
            if (!inBusiness[slot]) {
                continue;
            }
            long q = 4 * weekStart + 2L * slot + 1;
            if (extrapolation == Extrapolation.NEAREST_POLL) {
                // the nearest poll; at equal distance (the midpoint) the later one
                while (j + 1 < times.length && Math.abs(q - times[j + 1]) <= Math.abs(q - times[j])) {
                    j++;
                }
            } else {
                // the latest poll at or before q; before the first poll, the first
                while (j + 1 < times.length && times[j + 1] <= q) {
                    j++;
                }
            }
            long[] sums = status[j] ? up : down;
            sums[2]++;
            if (q > dayStart) {
                sums[1]++;
            }
            if (q > hourStart) {
                sums[0]++;
            }
        }
        return new StoreUptime(id, halfSeconds(up[0]), halfSeconds(up[1]), halfSeconds(up[2]),
                halfSeconds(down[0]), halfSeconds(down[1]), halfSeconds(down[2]));
    }

    /**
     * For every local date around {@code [from, to]} and every row of that weekday, the interval the rules
     * define, as {@code [start, end)} epoch seconds; unmerged, unclipped, empty ones dropped.
     */
    private static List<long[]> businessIntervals(ZoneId zone, List<OpeningPeriod> rows, long from, long to) {
        List<long[]> intervals = new ArrayList<>();
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochSecond(from), zone).minusDays(2);
        LocalDate last = LocalDate.ofInstant(Instant.ofEpochSecond(to), zone).plusDays(1);
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (OpeningPeriod row : rows) {
                if (row.day() != d.getDayOfWeek()) {
                    continue;
                }
                LocalDateTime start = d.atTime(row.start());
                LocalDateTime end;
                if (row.end().equals(row.start())) {
                    end = start.plusDays(1); // 24 hours from start
                } else if (row.end().isAfter(row.start())) {
                    end = row.end().isBefore(END_OF_DAY) ? d.atTime(row.end()) : d.plusDays(1).atStartOfDay();
                } else {
                    end = d.plusDays(1).atTime(row.end()); // overnight
                }
                long a = epochSecond(ZonedDateTime.of(start, zone));
                long b = epochSecond(ZonedDateTime.of(end, zone));
                if (b > a) {
                    intervals.add(new long[] {a, b});
                }
            }
        }
        return intervals;
    }

    private static boolean inside(List<long[]> intervals, long t) {
        for (long[] interval : intervals) {
            if (interval[0] <= t && t < interval[1]) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOpen(List<OpeningPeriod> rows, List<long[]> intervals, long t) {
        if (rows.isEmpty()) {
            return true;
        }
        for (long[] interval : intervals) {
            if (interval[0] <= t && t < interval[1]) {
                return true;
            }
        }
        return false;
    }

    private static long epochSecond(ZonedDateTime time) {
        Instant instant = time.toInstant();
        if (instant.getNano() != 0) {
            throw new IllegalStateException("the reference needs whole-second boundaries: " + time);
        }
        return instant.getEpochSecond();
    }

    private static Duration halfSeconds(long count) {
        return Duration.ofMillis(500 * count);
    }

    // ---------------------------------------------------------------- generators

    /**
     * A report window as written and, independently of the engine's parser, its instants: {@code kind} names the
     * form; rolling windows hold their length in seconds, local and calendar windows their dates (relative to the
     * local date of {@code now}) and instant ranges their offsets from {@code now}.
     */
    record WindowSpec(String kind, String text, long a, long b) {
        static WindowSpec rolling(long n, char unit) {
            long seconds = n * (unit == 'h' ? 3_600 : unit == 'd' ? 86_400 : WEEK);
            return new WindowSpec("rolling", n + String.valueOf(unit), seconds, 0);
        }

        /** {@code [start, end)} in epoch seconds for a store in {@code zone}, cut at {@code now}. */
        long[] range(ZoneId zone, long now) {
            LocalDate today = LocalDate.ofInstant(Instant.ofEpochSecond(now), zone);
            long start;
            long end;
            switch (kind) {
                case "rolling" -> {
                    start = now - a;
                    end = now;
                }
                case "instants" -> {
                    start = Instant.parse(text.substring(0, text.indexOf('/'))).getEpochSecond();
                    end = Instant.parse(text.substring(text.indexOf('/') + 1)).getEpochSecond();
                }
                case "month" -> {
                    start = midnight(today.withDayOfMonth(1), zone);
                    end = now;
                }
                case "previous-month" -> {
                    start = midnight(today.withDayOfMonth(1).minusMonths(1), zone);
                    end = midnight(today.withDayOfMonth(1), zone);
                }
                case "calendar month" -> {
                    LocalDate first = LocalDate.parse(text + "-01");
                    start = midnight(first, zone);
                    end = midnight(first.plusMonths(1), zone);
                }
                default -> {
                    start = midnight(LocalDate.parse(text.substring(0, 10)), zone);
                    end = midnight(LocalDate.parse(text.substring(11)), zone);
                }
            }
            start = Math.min(start, now);
            end = Math.max(start, Math.min(end, now));
            return new long[] {start, end};
        }

        private static long midnight(LocalDate date, ZoneId zone) {
            return epochSecond(ZonedDateTime.of(date.atStartOfDay(), zone));
        }
    }

    /** A closure of store {@code store} ({@code -1}: every store), local days and minutes from the anchor's date. */
    record ClosureSpec(int store, int startDay, int startMinute, int lengthMinutes) {
        Closure resolve(Case c, Instant anchor) {
            ZoneId zone = c.stores().get(0).zone().orElse(DEFAULT_ZONE);
            LocalDateTime start = LocalDate.ofInstant(anchor, zone).plusDays(startDay).atStartOfDay()
                    .plusMinutes(startMinute);
            String id = store < 0 ? Closure.ALL_STORES : "s" + store;
            return Closure.of(id, start, start.plusMinutes(lengthMinutes), "");
        }
    }

    /** A data set and its report, with closures and windows. */
    record WindowCase(Case base, List<ClosureSpec> closures, List<WindowSpec> windows) {
    }

    @Provide
    Arbitrary<WindowCase> windowCases() {
        return cases().flatMap(c -> Combinators.combine(closures(c.stores().size()), windows(c))
                .as((closures, windows) -> new WindowCase(c, closures, windows)));
    }

    private Arbitrary<List<ClosureSpec>> closures(int stores) {
        Arbitrary<ClosureSpec> closure = Combinators.combine(
                Arbitraries.integers().between(-1, stores), // stores: a store of no other input
                Arbitraries.integers().between(-9, 1),
                Arbitraries.frequencyOf(
                        Tuple.of(2, Arbitraries.integers().between(0, 1_439)),
                        Tuple.of(1, Arbitraries.of(0, 60, 90, 120, 150, 180, 1_380, 1_410))),
                Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.integers().between(1, 600)),
                        Tuple.of(2, Arbitraries.integers().between(1, 4_320)),
                        Tuple.of(1, Arbitraries.of(30, 60, 1_440))))
                .as(ClosureSpec::new);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.<ClosureSpec>of())),
                Tuple.of(3, closure.list().ofMinSize(1).ofMaxSize(4)));
    }

    private Arbitrary<List<WindowSpec>> windows(Case c) {
        ZoneId zone = c.stores().get(0).zone().orElse(DEFAULT_ZONE);
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochSecond(c.anchor()), zone);
        Arbitrary<WindowSpec> rolling = Combinators.combine(Arbitraries.of('h', 'd', 'w'),
                Arbitraries.integers().between(1, 240))
                .as((unit, n) -> WindowSpec.rolling(unit == 'h' ? n : unit == 'd' ? 1 + n % 10 : 1 + n % 2, unit));
        Arbitrary<WindowSpec> words = Arbitraries.of(
                new WindowSpec("rolling", "hour", 3_600, 0), new WindowSpec("rolling", "day", 86_400, 0),
                new WindowSpec("rolling", "week", WEEK, 0));
        // local dates from twelve days before now to two days after, one to ten days long: before the first
        // poll, around DST changes (the anchor is often near one), after now
        Arbitrary<WindowSpec> dates = Combinators.combine(Arbitraries.integers().between(-12, 2),
                Arbitraries.integers().between(1, 10))
                .as((from, length) -> {
                    LocalDate d = today.plusDays(from);
                    return new WindowSpec("local dates", d + "/" + d.plusDays(length), 0, 0);
                });
        Arbitrary<WindowSpec> instants = Combinators.combine(
                Arbitraries.longs().between(-11 * 86_400L, 86_400L), Arbitraries.longs().between(1, 10 * 86_400L))
                .as((from, length) -> {
                    Instant a = Instant.ofEpochSecond(c.anchor() + from);
                    return new WindowSpec("instants", a + "/" + a.plusSeconds(length), 0, 0);
                });
        Arbitrary<WindowSpec> months = Arbitraries.of(
                new WindowSpec("month", "month", 0, 0), new WindowSpec("previous-month", "previous-month", 0, 0),
                new WindowSpec("calendar month", YearMonth.from(today).toString(), 0, 0),
                new WindowSpec("calendar month", YearMonth.from(today).minusMonths(1).toString(), 0, 0));
        Arbitrary<WindowSpec> window = Arbitraries.frequencyOf(Tuple.of(3, rolling), Tuple.of(1, words),
                Tuple.of(5, dates), Tuple.of(2, instants), Tuple.of(1, months));
        return window.list().ofMinSize(1).ofMaxSize(3).uniqueElements(WindowSpec::text);
    }

    /** A poll relative to {@code now} or (to hit the edge of the considered range) to {@code now - 7d - lookback}. */
    record PollSpec(boolean fromConsideredStart, long offsetSeconds, boolean active) {
        Instant at(long anchor, Duration lookback) {
            long base = fromConsideredStart ? anchor - WEEK - lookback.getSeconds() : anchor;
            return Instant.ofEpochSecond(base + offsetSeconds);
        }
    }

    /** A store: zone (empty: none given), rows (none: 24/7) and polls in the order they are read. */
    record StoreSpec(Optional<ZoneId> zone, List<OpeningPeriod> rows, List<PollSpec> polls) {
        List<Poll> resolvePolls(long anchor, Duration lookback) {
            return polls.stream().map(p -> Poll.of(p.at(anchor, lookback),
                    p.active() ? PollStatus.ACTIVE : PollStatus.INACTIVE)).toList();
        }
    }

    /** A data set and how its report is asked for; {@code anchor} is {@code now} unless {@code defaultNow}. */
    record Case(List<StoreSpec> stores, long anchor, boolean defaultNow, Duration lookback,
            Extrapolation extrapolation) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return store().list().ofMinSize(1).ofMaxSize(3).flatMap(stores -> Combinators.combine(
                anchor(stores.get(0).zone().orElse(DEFAULT_ZONE)),
                Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)),
                lookback(),
                Arbitraries.of(Extrapolation.class))
                .as((anchor, defaultNow, lookback, extrapolation) ->
                        new Case(stores, anchor, defaultNow, lookback, extrapolation)));
    }

    private Arbitrary<StoreSpec> store() {
        Arbitrary<Optional<ZoneId>> zone = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Optional.<ZoneId>empty())),
                Tuple.of(8, Arbitraries.of(ZONES).map(z -> Optional.of(ZoneId.of(z)))));
        Arbitrary<List<OpeningPeriod>> rows = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.<OpeningPeriod>of())),
                Tuple.of(3, week()));
        return Combinators.combine(zone, rows, polls()).as(StoreSpec::new);
    }

    /** 0-3 rows for each day of the week. */
    private Arbitrary<List<OpeningPeriod>> week() {
        return Combinators.combine(day(DayOfWeek.MONDAY), day(DayOfWeek.TUESDAY), day(DayOfWeek.WEDNESDAY),
                day(DayOfWeek.THURSDAY), day(DayOfWeek.FRIDAY), day(DayOfWeek.SATURDAY), day(DayOfWeek.SUNDAY))
                .as((mo, tu, we, th, fr, sa, su) -> Stream.of(mo, tu, we, th, fr, sa, su)
                        .flatMap(List::stream).toList());
    }

    private Arbitrary<List<OpeningPeriod>> day(DayOfWeek day) {
        // end: any time (before start = overnight), equal to start (24 h), or 23:59:59 (midnight)
        return Combinators.combine(time(), time(), Arbitraries.integers().between(0, 9))
                .as((start, end, kind) -> OpeningPeriod.of(day, start,
                        kind == 0 ? start : kind == 1 ? END_OF_DAY : end))
                .list().ofMaxSize(3);
    }

    private Arbitrary<LocalTime> time() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 1_439).map(m -> LocalTime.ofSecondOfDay(60L * m))),
                Tuple.of(2, Arbitraries.integers().between(0, 86_399).map(LocalTime::ofSecondOfDay)),
                Tuple.of(3, Arbitraries.of(NOTABLE_TIMES)));
    }

    /** 0-60 polls over about nine days up to a day after now, some at the same instant, in random order. */
    private Arbitrary<List<PollSpec>> polls() {
        Arbitrary<PollSpec> uniform = Combinators.combine(
                Arbitraries.longs().between(-9 * 86_400L, 86_400L).withDistribution(RandomDistribution.uniform()),
                Arbitraries.of(true, false))
                .as((offset, active) -> new PollSpec(false, offset, active));
        Arbitrary<PollSpec> windowEdges = Combinators.combine(
                Arbitraries.of(0L, -1L, 1L, -3_600L, -86_400L, -WEEK), Arbitraries.of(true, false))
                .as((offset, active) -> new PollSpec(false, offset, active));
        Arbitrary<PollSpec> consideredEdge = Combinators.combine(
                Arbitraries.of(-1L, 0L, 1L), Arbitraries.of(true, false))
                .as((offset, active) -> new PollSpec(true, offset, active));
        Arbitrary<PollSpec> poll = Arbitraries.frequencyOf(
                Tuple.of(20, uniform), Tuple.of(2, windowEdges), Tuple.of(1, consideredEdge));
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.<PollSpec>of())),
                Tuple.of(9, poll.injectDuplicates(0.05).list().ofMinSize(1).ofMaxSize(60)
                        .withSizeDistribution(RandomDistribution.uniform())));
    }

    /** Epoch seconds in 2023-2025, often within three days of one of the zone's offset changes. */
    private Arbitrary<Long> anchor(ZoneId zone) {
        long from = Instant.parse("2023-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        Arbitrary<Long> any = Arbitraries.longs().between(from, to).withDistribution(RandomDistribution.uniform());
        Arbitrary<Long> nearChange = Combinators.combine(any, Arbitraries.longs().between(-3 * 86_400L, 3 * 86_400L).withDistribution(RandomDistribution.uniform()))
                .as((base, offset) -> {
                    ZoneOffsetTransition next = zone.getRules().nextTransition(Instant.ofEpochSecond(base));
                    return (next == null ? base : next.getInstant().getEpochSecond()) + offset;
                });
        return Arbitraries.frequencyOf(Tuple.of(1, any), Tuple.of(2, nearChange));
    }

    private Arbitrary<Duration> lookback() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Duration.ofHours(24))),
                Tuple.of(1, Arbitraries.just(Duration.ZERO)),
                Tuple.of(2, Arbitraries.integers().between(0, 72 * 60).map(Duration::ofMinutes)));
    }
}
