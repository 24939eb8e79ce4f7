package org.storeuptime.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Computes uptime reports exactly per the uptime rules: business hours projected onto UTC, polls considered
 * only inside business time and the lookback range, status extrapolated between them, and the three windows
 * ending at {@code now}, or any {@link ReportWindow}s a {@link ReportRequest} asks for, with the store's planned
 * {@link Closure}s taken out of its business time.
 *
 * <p>Each store is computed in one pass over its time-ordered polls and its merged business intervals, so a
 * report streams store by store. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * UptimeEngine engine = UptimeEngine.create();
 * UptimeReport report = engine.report(dataSet);
 * }</pre>
 */
public final class UptimeEngine {

    /** The earliest {@code now} a report accepts. */
    public static final Instant EARLIEST_NOW = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest {@code now} a report accepts. */
    public static final Instant LATEST_NOW = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** How far before the considered range a timeline read from a {@link StoreReader} starts listing polls. */
    private static final Duration TIMELINE_POLL_MARGIN = Duration.ofDays(1);

    private final ReportOptions options;
    private final Clock clock;

    private UptimeEngine(Builder builder) {
        this.options = builder.options;
        this.clock = builder.clock;
    }

    /** An engine with the rules' defaults. */
    public static UptimeEngine create() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The options every report of this engine uses. */
    public ReportOptions options() {
        return options;
    }

    /** A classic report over {@code source} with the default {@code now} (the latest poll). */
    public UptimeReport report(ReportSource source) {
        return report(source, ReportRequest.classic().withOptions(options), ProgressListener.NONE);
    }

    /**
     * A classic report over {@code source} whose windows end at {@code now}.
     *
     * @param now where the windows end; {@code null} still stands for the latest poll, for callers written before
     *     {@link #report(ReportSource)}, and will be refused in a later release
     */
    public UptimeReport report(ReportSource source, @Nullable Instant now) {
        return report(source, now, ProgressListener.NONE);
    }

    /**
     * A classic report over {@code source}.
     *
     * @param now where the windows end; {@code null} for the latest poll of any store (or the engine's clock
     *     when there is no poll at all)
     * @deprecated {@code null} standing for the default: use {@link #report(ReportSource, ReportRequest,
     *     ProgressListener)}
     */
    @Deprecated
    public UptimeReport report(ReportSource source, @Nullable Instant now, ProgressListener progress) {
        ReportRequest request = ReportRequest.classic().withOptions(options);
        return report(source, now == null ? request : request.withNow(checkedNow(now)), progress);
    }

    /**
     * The report {@code request} asks for over {@code source}, computed with the request's lookback and
     * extrapolation (not this engine's {@link #options()}).
     *
     * @throws IllegalArgumentException when the request's {@code now} is outside {@link #EARLIEST_NOW} to
     *     {@link #LATEST_NOW}
     */
    public UptimeReport report(ReportSource source, ReportRequest request) {
        return report(source, request, ProgressListener.NONE);
    }

    /**
     * The report {@code request} asks for over {@code source}, computed with the request's lookback and
     * extrapolation (not this engine's {@link #options()}). {@code now} is resolved once: the request's, else the
     * latest poll of any store, else the engine's clock; the report says which ({@link UptimeReport#nowSource()}).
     * The source is asked for the polls of {@link #pollRange} only.
     *
     * @param progress told how many stores are done; with {@link ProgressListener#NONE} the source's
     *     {@link ReportSource#storeCount()}, which only serves progress, is not asked (from a database it is a
     *     query of its own)
     */
    public UptimeReport report(ReportSource source, ReportRequest request, ProgressListener progress) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(progress, "progress");
        Optional<Instant> latest = request.now().isPresent() ? Optional.empty() : source.latestPollTime();
        NowSource nowSource = request.now().isPresent() ? NowSource.GIVEN
                : latest.isPresent() ? NowSource.LATEST_POLL : NowSource.CLOCK;
        Instant reportNow = resolveNow(request.now().isPresent() ? Optional.empty() : latest,
                request.now().orElse(null));
        long nowMicros = EpochMicros.of(reportNow);
        ReportOptions reportOptions = request.options();
        List<ReportWindow> windows = request.windows();
        ClosureIndex closures = ClosureIndex.of(source.closures());
        List<TimeInterval> windowRanges = windowRanges(reportNow, request);
        TimeInterval range = union(windowRanges);
        ConsideredPolls considered = new ConsideredPolls(range.start(), range.end(), shortestConsideredRange(request),
                windowRanges);
        List<StoreUptime> rows = new ArrayList<>();
        List<StoreWindowUptime> windowRows = new ArrayList<>();
        ReportSource.StoreConsumer compute = windows.isEmpty()
                ? (store, polls) -> rows.add(StoreComputation.compute(store, polls, nowMicros, reportOptions,
                        closures.closed(store), null))
                : (store, polls) -> windowRows.add(computeWindows(store, polls, closures.closed(store), reportNow,
                        reportOptions, windows));
        if (progress == ProgressListener.NONE) {
            source.forEachStore(considered, compute);
        } else {
            int total = source.storeCount();
            int step = Math.max(1, total / 200);
            int[] done = {0};
            source.forEachStore(considered, (store, polls) -> {
                compute.accept(store, polls);
                done[0]++;
                if (done[0] % step == 0 || done[0] == total) {
                    progress.progress(done[0], total);
                }
            });
        }
        rows.sort(Comparator.comparing(StoreUptime::storeId));
        windowRows.sort(Comparator.comparing(StoreWindowUptime::storeId));
        return new UptimeReport(reportNow, nowSource, reportOptions, windows, rows, windowRows);
    }

    /**
     * The {@code now} a report uses: {@code explicitNow} when given, else the source's latest poll, else the
     * clock. Truncated to microseconds, the resolution of polls.
     *
     * @throws IllegalArgumentException when {@code explicitNow} is outside {@link #EARLIEST_NOW} to
     *     {@link #LATEST_NOW}
     * @deprecated {@code null} standing for the default: use {@link #resolveNow(ReportSource)}, or read
     *     {@link UptimeReport#now()} of the report
     */
    @Deprecated
    public Instant resolveNow(ReportSource source, @Nullable Instant explicitNow) {
        Objects.requireNonNull(source, "source");
        return resolveNow(explicitNow == null ? source.latestPollTime() : Optional.empty(), explicitNow);
    }

    /** The default {@code now} of a report over {@code source}: its latest poll, else the clock (microseconds). */
    public Instant resolveNow(ReportSource source) {
        Objects.requireNonNull(source, "source");
        return resolveNow(source.latestPollTime(), null);
    }

    private static Instant checkedNow(Instant now) {
        if (now.isBefore(EARLIEST_NOW) || now.isAfter(LATEST_NOW)) {
            throw new IllegalArgumentException("now " + now + " is outside the years 1 to 9999");
        }
        return now;
    }

    private Instant resolveNow(Optional<Instant> latestPoll, @Nullable Instant explicitNow) {
        if (explicitNow != null) {
            checkedNow(explicitNow);
        }
        Instant now = explicitNow != null ? explicitNow : latestPoll.orElseGet(clock::instant);
        return now.truncatedTo(ChronoUnit.MICROS);
    }

    /** The earliest poll timestamp a classic report ending at {@code now} considers: {@code now - 7d - lookback}. */
    public Instant consideredFrom(Instant now) {
        return now.minus(Duration.ofDays(7)).minus(options.lookback());
    }

    /**
     * The polls a report of {@code request} ending at {@code now} reads, {@code [start, end]} (both included): the
     * union over its windows {@code W} of {@code min(start(W), now - 7d) - lookback <= t <= min(end(W) + lookback,
     * now)} for every zone; {@code [now - 7d - lookback, now]} for the classic windows. Uses the request's lookback.
     */
    public TimeInterval pollRange(Instant now, ReportRequest request) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(request, "request");
        return union(windowRanges(now, request));
    }

    /** The smallest interval holding all of {@code ranges} (at least one). */
    private static TimeInterval union(List<TimeInterval> ranges) {
        Instant from = null;
        Instant to = null;
        for (TimeInterval range : ranges) {
            from = from == null || range.start().isBefore(from) ? range.start() : from;
            to = to == null || range.end().isAfter(to) ? range.end() : to;
        }
        return TimeInterval.of(from, to);
    }

    private static Instant clamp(Instant from) {
        return from.isBefore(EARLIEST_NOW) ? EARLIEST_NOW : from;
    }

    /**
     * Each window's considered range {@code [min(start, now - 7d) - lookback, min(end + lookback, now)]} widened to
     * hold it in every zone, a window's start no earlier than {@link #EARLIEST_NOW} (one range for the classic
     * windows), for {@link ConsideredPolls} and {@link #pollRange}.
     */
    static List<TimeInterval> windowRanges(Instant now, ReportRequest request) {
        Instant weekStart = now.minus(Duration.ofDays(7));
        if (request.isClassic()) {
            return List.of(TimeInterval.of(weekStart.minus(request.lookback()), now));
        }
        List<TimeInterval> ranges = new ArrayList<>();
        for (ReportWindow window : request.windows()) {
            TimeInterval bounds = window.bounds(now);
            Instant start = (bounds.start().isBefore(weekStart) ? bounds.start() : weekStart).minus(request.lookback());
            Instant end = bounds.end().plus(request.lookback());
            ranges.add(TimeInterval.of(clamp(start), end.isAfter(now) ? now : end));
        }
        return ranges;
    }

    /**
     * A lower bound of the considered range {@code [a, b]} of every window of {@code request} for every store:
     * {@code 7d + lookback} for the classic windows and any window that reaches to within a lookback of
     * {@code now}, else about the window's length plus two lookbacks. What the source is told, so that it may
     * serve a {@link PollDigest} ({@link ReportSource#forEachStore(Instant, Instant, Duration,
     * ReportSource.StoreConsumer)}).
     */
    static Duration shortestConsideredRange(ReportRequest request) {
        Duration shortest = Duration.ofDays(7).plus(request.lookback());
        for (ReportWindow window : request.windows()) {
            Duration range = window.shortestConsideredRange(request.lookback());
            shortest = range.compareTo(shortest) < 0 ? range : shortest;
        }
        return shortest;
    }

    /**
     * One store's week explained: business time, polls with their verdicts, segments, outages and per-window
     * figures. Its figures are this engine's {@link #compute} row for the same store, polls and {@code now}.
     *
     * @param polls the store's polls in time order (any range; polls outside the considered range are listed
     *     as {@link PollVerdict#OUTSIDE_LOOKBACK})
     * @param now where the windows end (truncated to microseconds)
     */
    public StoreTimeline timeline(StoreProfile profile, PollSeries polls, Instant now) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(polls, "polls");
        Instant at = resolveNow(Optional.empty(), Objects.requireNonNull(now, "now"));
        return StoreTimeline.compute(profile, polls, at, options, new long[0], List.of());
    }

    /**
     * One store's timeline read from {@code reader}: its polls from a day before the considered range up to
     * {@code now}, so that the polls just outside the lookback show up as such.
     *
     * @param now where the windows end; {@code null} for the latest poll of any store (or the clock without polls)
     * @return empty when the reader does not know the store
     * @throws IllegalArgumentException when {@code now} is outside {@link #EARLIEST_NOW} to {@link #LATEST_NOW}
     * @deprecated {@code null} standing for the default: use {@link #timeline(StoreReader, String, ReportRequest)}
     */
    @Deprecated
    public Optional<StoreTimeline> timeline(StoreReader reader, String storeId, @Nullable Instant now) {
        ReportRequest request = ReportRequest.classic().withOptions(options);
        return timeline(reader, storeId, now == null ? request : request.withNow(checkedNow(now)));
    }

    /**
     * One store's timeline read from {@code reader} for {@code request} (its lookback and extrapolation, not this
     * engine's): the last week explained as in a classic report, with the store's planned closures, and the figures
     * of each window the request asks for ({@link StoreTimeline#windows()}) with its own timeline
     * ({@link StoreTimeline#windowTimelines()}). Its polls are listed from a day before the week's (or a window's)
     * considered range up to {@code now}, so that the polls just outside the lookback show up as such.
     *
     * @return empty when the reader does not know the store
     * @throws IllegalArgumentException when the request's {@code now} is outside {@link #EARLIEST_NOW} to
     *     {@link #LATEST_NOW}
     */
    public Optional<StoreTimeline> timeline(StoreReader reader, String storeId, ReportRequest request) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(request, "request");
        Optional<StoreProfile> profile = reader.profile(storeId);
        if (profile.isEmpty()) {
            return Optional.empty();
        }
        Instant at = resolveNow(request.now().isPresent() ? Optional.empty() : reader.latestPollTime(),
                request.now().orElse(null));
        Instant from = clamp(at.minus(Duration.ofDays(7)).minus(request.lookback()).minus(TIMELINE_POLL_MARGIN));
        TimeInterval range = pollRange(at, request);
        // a window's timeline lists its polls from a day before the window's considered range too
        Instant windowsFrom = clamp(range.start().minus(TIMELINE_POLL_MARGIN));
        PollSeries polls = reader.polls(storeId, windowsFrom.isBefore(from) ? windowsFrom : from, at);
        long[] closed = ClosureIndex.micros(reader.closures(storeId), profile.get().store().zone());
        return Optional.of(StoreTimeline.compute(profile.get(), polls, at, request.options(), closed,
                request.windows()));
    }

    /** The classic row of one store whose polls (in time order) are {@code polls}, for windows ending at {@code now}. */
    public StoreUptime compute(Store store, PollSeries polls, Instant now) {
        return compute(store, polls, List.of(), now);
    }

    /**
     * The classic row of one store whose polls (in time order) are {@code polls} and whose planned closures are
     * {@code closures} (those of other stores are left out), for windows ending at {@code now}.
     */
    public StoreUptime compute(Store store, PollSeries polls, List<Closure> closures, Instant now) {
        Objects.requireNonNull(store, "store");
        return StoreComputation.compute(store, polls, EpochMicros.of(now), options,
                ClosureIndex.micros(applying(closures, store), store.zone()), null);
    }

    /**
     * The row of one store in {@code windows}, each window computed on its own from the polls it considers (see
     * {@link #pollRange}), with this engine's options; {@code polls} must cover the poll range.
     */
    public StoreWindowUptime compute(Store store, PollSeries polls, List<Closure> closures, Instant now,
            List<ReportWindow> windows) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(polls, "polls");
        return computeWindows(store, polls, ClosureIndex.micros(applying(closures, store), store.zone()),
                now.truncatedTo(ChronoUnit.MICROS), options, List.copyOf(windows));
    }

    private static List<Closure> applying(List<Closure> closures, Store store) {
        return closures.stream().filter(c -> c.appliesTo(store.id())).toList();
    }

    static StoreWindowUptime computeWindows(Store store, PollSeries polls, long[] closed, Instant now,
            ReportOptions options, List<ReportWindow> windows) {
        long[][] ranges = new long[windows.size()][];
        TimeInterval[] intervals = new TimeInterval[windows.size()];
        for (int w = 0; w < ranges.length; w++) {
            intervals[w] = windows.get(w).range(store.zone(), now);
            ranges[w] = new long[] {EpochMicros.of(intervals[w].start()), EpochMicros.of(intervals[w].end())};
        }
        long[][] figures = StoreComputation.computeWindows(store, polls, EpochMicros.of(now), options, closed, ranges,
                null);
        List<WindowUptime> result = new ArrayList<>(ranges.length);
        for (int w = 0; w < ranges.length; w++) {
            result.add(new WindowUptime(windows.get(w), intervals[w], Duration.of(figures[w][0], ChronoUnit.MICROS),
                    Duration.of(figures[w][1], ChronoUnit.MICROS)));
        }
        return new StoreWindowUptime(store.id(), result);
    }

    /** Configures an {@link UptimeEngine}; every setting has a default. */
    public static final class Builder {
        private ReportOptions options = ReportOptions.DEFAULTS;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Lookback and extrapolation (default {@link ReportOptions#DEFAULTS}). */
        public Builder options(ReportOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The clock giving {@code now} when a source has no poll at all (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The engine. */
        public UptimeEngine build() {
            return new UptimeEngine(this);
        }
    }
}
