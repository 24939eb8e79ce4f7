package org.storeuptime.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One store's last week ending at {@code now}, explained: its business time, every poll read with whether it
 * counted and why not, the extrapolated {@code up}/{@code down} segments, its outages and the figures of each
 * window. Made by {@link UptimeEngine#timeline}; the figures come out of the very computation that makes a
 * report row, so {@link #uptime()} equals the report's row for this store to the microsecond.
 *
 * <p>An <b>outage</b> is a maximal run of {@code down} business time. Two {@code down} runs separated only by
 * closed time, with no {@code up} time and no counted {@code active} poll between them, are one outage; its
 * {@link Outage#duration() duration} counts business time only. Outages are seen within the week: one already
 * running at the week's start begins there.
 *
 * <p>Asked with {@link ReportWindow}s, it also has each window's figures ({@link #windows()}), computed on their
 * own exactly as in a report with those windows, and each window's own timeline ({@link #windowTimelines()}): its
 * business time, closures, polls, segments and outages, whose segments add up to its figures. The store's planned
 * closures are taken out of its business time
 * ({@link #plannedClosures()}), and polls inside them are {@link PollVerdict#CLOSED}.
 *
 * <p>Immutable.
 */
public final class StoreTimeline {

    private final StoreProfile profile;
    private final Instant now;
    private final ReportOptions options;
    private final StoreUptime uptime;
    private final List<TimeInterval> businessIntervals;
    private final List<TimelinePoll> polls;
    private final List<StatusSegment> segments;
    private final List<Outage> outages;
    private final List<ReportWindowFigures> windows;
    private final List<TimeInterval> plannedClosures;
    private final List<WindowTimeline> windowTimelines;

    private StoreTimeline(StoreProfile profile, Instant now, ReportOptions options, StoreUptime uptime,
            List<TimeInterval> businessIntervals, List<TimelinePoll> polls, List<StatusSegment> segments,
            List<Outage> outages, List<ReportWindowFigures> windows, List<TimeInterval> plannedClosures,
            List<WindowTimeline> windowTimelines) {
        this.profile = profile;
        this.now = now;
        this.options = options;
        this.uptime = uptime;
        this.businessIntervals = Collections.unmodifiableList(businessIntervals);
        this.polls = Collections.unmodifiableList(polls);
        this.segments = Collections.unmodifiableList(segments);
        this.outages = Collections.unmodifiableList(outages);
        this.windows = List.copyOf(windows);
        this.plannedClosures = List.copyOf(plannedClosures);
        this.windowTimelines = List.copyOf(windowTimelines);
    }

    /**
     * Computes the timeline; {@code now} is already truncated to microseconds.
     *
     * @param series the store's polls in time order, covering the week's considered range and every window's
     * @param closed the store's planned closures as merged epoch-microsecond pairs
     * @param reportWindows the windows whose figures {@link #windows()} and timelines {@link #windowTimelines()}
     *     give
     */
    static StoreTimeline compute(StoreProfile profile, PollSeries series, Instant now, ReportOptions options,
            long[] closed, List<ReportWindow> reportWindows) {
        long nowMicros = EpochMicros.of(now);
        long weekStart = nowMicros - StoreComputation.WEEK;
        // the week lists the polls from a day before its considered range; the windows may have read far more
        long listedFrom = weekStart - options.lookback().toNanos() / 1_000L - StoreComputation.DAY;
        PollSeries weekPolls = reportWindows.isEmpty() ? series : series.slice(listedFrom, nowMicros);
        Recorder recorder = new Recorder();
        StoreUptime uptime = StoreComputation.compute(profile.store(), weekPolls, nowMicros, options, closed, recorder);
        List<TimeInterval> business = intervals(StoreComputation.clip(recorder.business, weekStart, nowMicros));
        List<StatusSegment> segments = recorder.segments();
        List<Outage> outages = outages(segments, recorder.polls);

        List<ReportWindowFigures> figures = new ArrayList<>(reportWindows.size());
        List<WindowTimeline> timelines = new ArrayList<>(reportWindows.size());
        if (!reportWindows.isEmpty()) {
            long[][] ranges = new long[reportWindows.size()][];
            Recorder[] recorders = new Recorder[ranges.length];
            for (int w = 0; w < ranges.length; w++) {
                TimeInterval range = reportWindows.get(w).range(profile.store().zone(), now);
                ranges[w] = new long[] {EpochMicros.of(range.start()), EpochMicros.of(range.end())};
                recorders[w] = new Recorder();
            }
            long[][] sums = StoreComputation.computeWindows(profile.store(), series, nowMicros, options, closed, ranges,
                    recorders);
            for (int w = 0; w < ranges.length; w++) {
                TimeInterval range = interval(ranges[w][0], ranges[w][1]);
                Duration up = Duration.of(sums[w][0], ChronoUnit.MICROS);
                Duration down = Duration.of(sums[w][1], ChronoUnit.MICROS);
                List<StatusSegment> windowSegments = recorders[w].segments();
                List<Outage> windowOutages = outages(windowSegments, recorders[w].polls);
                ReportWindowFigures f = new ReportWindowFigures(reportWindows.get(w), range, up, down,
                        percent(up, down), windowOutages.size(), longest(windowOutages, range));
                figures.add(f);
                timelines.add(new WindowTimeline(f, intervals(recorders[w].business),
                        intervals(StoreComputation.clip(closed, ranges[w][0], ranges[w][1])),
                        windowPolls(series, recorders[w].polls, ranges[w][0], nowMicros, options),
                        windowSegments, windowOutages));
            }
        }
        return new StoreTimeline(profile, now, options, uptime, business, recorder.polls, segments, outages, figures,
                intervals(StoreComputation.clip(closed, weekStart, nowMicros)), timelines);
    }

    /**
     * The polls a window's timeline lists, from {@code start - lookback - 1d} on: those its computation read
     * ({@code considered}, with their verdicts, up to {@code min(end + lookback, now)}) and, before them, the ones
     * it did not read, which are {@link PollVerdict#OUTSIDE_LOOKBACK} (or {@link PollVerdict#DUPLICATE}).
     */
    private static List<TimelinePoll> windowPolls(PollSeries series, List<TimelinePoll> considered, long start,
            long nowMicros, ReportOptions options) {
        long lookback = options.lookback().toNanos() / 1_000L;
        long listedFrom = start - lookback - StoreComputation.DAY;
        // where the window's computation starts reading (StoreComputation.computeWindows)
        long consideredFrom = Math.min(start, nowMicros - StoreComputation.WEEK) - lookback;
        List<TimelinePoll> polls = new ArrayList<>();
        long[] micros = series.rawMicros();
        boolean[] active = series.rawActive();
        int first = series.rawOffset();
        int last = first + series.size();
        for (int i = first; i < last; i++) {
            long t = micros[i];
            if (t >= consideredFrom) {
                break;
            }
            if (t < listedFrom) {
                continue;
            }
            boolean duplicate = i > first && micros[i - 1] == t;
            polls.add(new TimelinePoll(EpochMicros.toInstant(t), active[i] ? PollStatus.ACTIVE : PollStatus.INACTIVE,
                    duplicate ? PollVerdict.DUPLICATE : PollVerdict.OUTSIDE_LOOKBACK));
        }
        for (TimelinePoll poll : considered) {
            if (EpochMicros.of(poll.timestamp()) >= listedFrom) {
                polls.add(poll);
            }
        }
        return polls;
    }

    private static List<TimeInterval> intervals(long[] pairs) {
        List<TimeInterval> list = new ArrayList<>(pairs.length / 2);
        for (int i = 0; i < pairs.length; i += 2) {
            list.add(interval(pairs[i], pairs[i + 1]));
        }
        return list;
    }

    private static Duration longest(List<Outage> outages, TimeInterval range) {
        Duration longest = Duration.ZERO;
        for (Outage outage : outages) {
            Duration inside = outage.durationWithin(range);
            if (inside.compareTo(longest) > 0) {
                longest = inside;
            }
        }
        return longest;
    }

    private static List<Outage> outages(List<StatusSegment> segments, List<TimelinePoll> polls) {
        List<Outage> outages = new ArrayList<>();
        List<TimeInterval> pieces = null;
        for (StatusSegment segment : segments) {
            if (!segment.up()) {
                if (pieces != null && activePollCountedBetween(polls, pieces.get(pieces.size() - 1).end(),
                        segment.interval().start())) {
                    outages.add(new Outage(pieces));
                    pieces = null;
                }
                if (pieces == null) {
                    pieces = new ArrayList<>();
                }
                pieces.add(segment.interval());
            } else if (pieces != null) {
                outages.add(new Outage(pieces));
                pieces = null;
            }
        }
        if (pieces != null) {
            outages.add(new Outage(pieces));
        }
        return outages;
    }

    /**
     * Whether a counted active poll lies in {@code [from, to)}. A counted poll is inside business time, where
     * an {@code up} segment would normally separate the runs already; this keeps the rule literal.
     */
    private static boolean activePollCountedBetween(List<TimelinePoll> polls, Instant from, Instant to) {
        for (TimelinePoll poll : polls) {
            if (poll.verdict().counted() && poll.status() == PollStatus.ACTIVE && !poll.timestamp().isBefore(from)
                    && poll.timestamp().isBefore(to)) {
                return true;
            }
        }
        return false;
    }

    private static TimeInterval interval(long from, long to) {
        return TimeInterval.of(EpochMicros.toInstant(from), EpochMicros.toInstant(to));
    }

    /** The store, with whether its zone is the default. */
    public StoreProfile profile() {
        return profile;
    }

    /** The store: id, zone and hours. */
    public Store store() {
        return profile.store();
    }

    /** Where the windows end. */
    public Instant now() {
        return now;
    }

    /** Lookback and extrapolation used. */
    public ReportOptions options() {
        return options;
    }

    /** The last week, {@code [now - 7d, now)}. */
    public TimeInterval week() {
        return UptimeWindow.LAST_WEEK.endingAt(now);
    }

    /** The six figures: exactly the report's row for this store with the same {@code now} and options. */
    public StoreUptime uptime() {
        return uptime;
    }

    /** Business time in the last week: sorted, merged, non-empty. */
    public List<TimeInterval> businessIntervals() {
        return businessIntervals;
    }

    /** Closed time in the last week: the gaps of {@link #businessIntervals()} within {@link #week()}. */
    public List<TimeInterval> closedIntervals() {
        List<TimeInterval> closed = new ArrayList<>();
        Instant from = week().start();
        for (TimeInterval open : businessIntervals) {
            if (open.start().isAfter(from)) {
                closed.add(TimeInterval.of(from, open.start()));
            }
            from = open.end();
        }
        if (from.isBefore(now)) {
            closed.add(TimeInterval.of(from, now));
        }
        return closed;
    }

    /**
     * The store's planned closures in the last week, merged, on the UTC axis; part of {@link #closedIntervals()}
     * (closed time is neither uptime nor downtime).
     */
    public List<TimeInterval> plannedClosures() {
        return plannedClosures;
    }

    /** Every poll the timeline was given, in time order, each with its verdict. */
    public List<TimelinePoll> polls() {
        return polls;
    }

    /**
     * The business time of the last week, split into maximal runs of one extrapolated status. Empty when no poll
     * counted (the status is unknown). The up segments add up to the week's uptime, the down ones to its downtime.
     */
    public List<StatusSegment> segments() {
        return segments;
    }

    /** The outages of the last week, in time order. */
    public List<Outage> outages() {
        return outages;
    }

    /**
     * The figures of each window the timeline was asked for, in the order asked; empty for the classic windows
     * (see {@link #window(UptimeWindow)}). Each window is computed on its own, from the polls it considers, as in a
     * report with those windows; its outages are seen within the window.
     */
    public List<ReportWindowFigures> windows() {
        return windows;
    }

    /**
     * The timeline of each window the timeline was asked for, in the order asked (the same windows as
     * {@link #windows()}); empty for the classic windows. Each is that window's own computation explained: its
     * segments add up to exactly its figures.
     */
    public List<WindowTimeline> windowTimelines() {
        return windowTimelines;
    }

    /** The figures of one classic window. */
    public WindowFigures window(UptimeWindow window) {
        Objects.requireNonNull(window, "window");
        TimeInterval range = window.endingAt(now);
        Duration up = uptime.uptime(window);
        Duration down = uptime.downtime(window);
        int count = 0;
        Duration longest = Duration.ZERO;
        for (Outage outage : outages) {
            if (outage.span().overlaps(range)) {
                Duration inside = outage.durationWithin(range);
                if (inside.isZero()) {
                    continue; // only its closed time overlaps
                }
                count++;
                if (inside.compareTo(longest) > 0) {
                    longest = inside;
                }
            }
        }
        return new WindowFigures(window, range, up, down, percent(up, down), count, longest);
    }

    /** {@code up / (up + down) * 100}, half-up to 2 decimals; {@code null} when both are zero. */
    static @Nullable BigDecimal percent(Duration up, Duration down) {
        long upMicros = up.toNanos() / 1_000L;
        long total = upMicros + down.toNanos() / 1_000L;
        if (total == 0) {
            return null;
        }
        return BigDecimal.valueOf(upMicros).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_UP);
    }

    /**
     * A poll and its verdict.
     *
     * @param timestamp when it was taken
     * @param status what it said
     * @param verdict whether it counted, and why not
     */
    public record TimelinePoll(Instant timestamp, PollStatus status, PollVerdict verdict) {
        public TimelinePoll {
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /**
     * A run of business time with one extrapolated status.
     *
     * @param interval the run, {@code [start, end)}
     * @param up whether the store counts as up (active) in it
     */
    public record StatusSegment(TimeInterval interval, boolean up) {
        public StatusSegment {
            Objects.requireNonNull(interval, "interval");
        }
    }

    /**
     * An outage: the down business time it is made of.
     *
     * @param pieces its down runs in time order (more than one when it spans a closing)
     */
    public record Outage(List<TimeInterval> pieces) {
        public Outage {
            Objects.requireNonNull(pieces, "pieces");
            if (pieces.isEmpty()) {
                throw new IllegalArgumentException("an outage needs at least one piece of down time");
            }
            pieces = List.copyOf(pieces);
        }

        /** From the start of its first down run to the end of its last. */
        public TimeInterval span() {
            return TimeInterval.of(pieces.get(0).start(), pieces.get(pieces.size() - 1).end());
        }

        /** Its down business time (closed time between its runs does not count). */
        public Duration duration() {
            Duration sum = Duration.ZERO;
            for (TimeInterval piece : pieces) {
                sum = sum.plus(piece.duration());
            }
            return sum;
        }

        /** Its down business time inside {@code range}. */
        public Duration durationWithin(TimeInterval range) {
            Duration sum = Duration.ZERO;
            for (TimeInterval piece : pieces) {
                if (piece.overlaps(range)) {
                    sum = sum.plus(piece.intersection(range).duration());
                }
            }
            return sum;
        }
    }

    /**
     * The figures of one window.
     *
     * @param window which window
     * @param range its instants, {@code [now - length, now)}
     * @param uptime active business time (the report's figure)
     * @param downtime inactive business time (the report's figure)
     * @param uptimePercent {@code uptime / (uptime + downtime) * 100}, half-up to 2 decimals; {@code null} when
     *     there is no business time in the window or no poll counted
     * @param outageCount outages with down time inside the window
     * @param longestOutage the longest outage's down time inside the window; zero without outages
     */
    public record WindowFigures(UptimeWindow window, TimeInterval range, Duration uptime, Duration downtime,
            @Nullable BigDecimal uptimePercent, int outageCount, Duration longestOutage) {
        public WindowFigures {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(uptime, "uptime");
            Objects.requireNonNull(downtime, "downtime");
            Objects.requireNonNull(longestOutage, "longestOutage");
            if (outageCount < 0) {
                throw new IllegalArgumentException("outageCount must not be negative: " + outageCount);
            }
        }
    }

    /**
     * The figures of one {@link ReportWindow}.
     *
     * @param window which window
     * @param range its instants for this store, cut at {@code now}
     * @param uptime active business time (the report's figure)
     * @param downtime inactive business time (the report's figure)
     * @param uptimePercent {@code uptime / (uptime + downtime) * 100}, half-up to 2 decimals; {@code null} when
     *     there is no business time in the window or no poll counted
     * @param outageCount outages with down time inside the window
     * @param longestOutage the longest outage's down time inside the window; zero without outages
     */
    public record ReportWindowFigures(ReportWindow window, TimeInterval range, Duration uptime, Duration downtime,
            @Nullable BigDecimal uptimePercent, int outageCount, Duration longestOutage) {
        public ReportWindowFigures {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(uptime, "uptime");
            Objects.requireNonNull(downtime, "downtime");
            Objects.requireNonNull(longestOutage, "longestOutage");
            if (outageCount < 0) {
                throw new IllegalArgumentException("outageCount must not be negative: " + outageCount);
            }
        }
    }

    /**
     * One {@link ReportWindow}'s timeline: what that window's own computation saw, as a report with the window
     * computes it. Its {@link #segments()} split the window's business time, and their up and down durations add up
     * to exactly {@link ReportWindowFigures#uptime()} and {@link ReportWindowFigures#downtime()}, the report's
     * columns for the window.
     *
     * @param figures the window's figures, with its range (for this store, cut at now)
     * @param businessIntervals the store's business time inside the range (planned closures taken out): sorted,
     *     merged, non-empty
     * @param plannedClosures the store's planned closures clipped to the range, merged
     * @param polls the polls from a day plus the lookback before the range's start up to the last one the window's
     *     computation reads ({@code min(end + lookback, now)}: those after the end can set the status at the end),
     *     in time order, each with its verdict in that computation ({@link PollVerdict#OUTSIDE_LOOKBACK} for those
     *     before the ones it read)
     * @param segments the business time inside the range as maximal runs of one extrapolated status; empty when no
     *     poll counted
     * @param outages the outages seen within the range, in time order (one running at its start begins there)
     */
    public record WindowTimeline(ReportWindowFigures figures, List<TimeInterval> businessIntervals,
            List<TimeInterval> plannedClosures, List<TimelinePoll> polls, List<StatusSegment> segments,
            List<Outage> outages) {
        public WindowTimeline {
            Objects.requireNonNull(figures, "figures");
            businessIntervals = List.copyOf(Objects.requireNonNull(businessIntervals, "businessIntervals"));
            plannedClosures = List.copyOf(Objects.requireNonNull(plannedClosures, "plannedClosures"));
            polls = List.copyOf(Objects.requireNonNull(polls, "polls"));
            segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
            outages = List.copyOf(Objects.requireNonNull(outages, "outages"));
        }

        /** Which window. */
        public ReportWindow window() {
            return figures.window();
        }

        /** The window's instants for this store, cut at now. */
        public TimeInterval range() {
            return figures.range();
        }

        /** Closed time in the range: the gaps of {@link #businessIntervals()} within {@link #range()}. */
        public List<TimeInterval> closedIntervals() {
            List<TimeInterval> closed = new ArrayList<>();
            Instant from = range().start();
            for (TimeInterval open : businessIntervals) {
                if (open.start().isAfter(from)) {
                    closed.add(TimeInterval.of(from, open.start()));
                }
                from = open.end();
            }
            if (from.isBefore(range().end())) {
                closed.add(TimeInterval.of(from, range().end()));
            }
            return closed;
        }
    }

    /** Collects what the computation saw. */
    private static final class Recorder implements StoreComputation.Trace {
        long[] business = new long[0];
        final List<TimelinePoll> polls = new ArrayList<>();
        long[] segmentFrom = new long[64];
        long[] segmentTo = new long[64];
        boolean[] segmentUp = new boolean[64];
        int segmentCount;

        @Override
        public void businessTime(long[] intervals) {
            business = intervals.clone();
        }

        @Override
        public void poll(long micros, boolean active, PollVerdict verdict) {
            polls.add(new TimelinePoll(EpochMicros.toInstant(micros), active ? PollStatus.ACTIVE : PollStatus.INACTIVE,
                    verdict));
        }

        /** The recorded pieces as maximal runs of one state (the computation cuts at every poll's switch). */
        List<StatusSegment> segments() {
            List<StatusSegment> segments = new ArrayList<>(segmentCount / 2 + 1);
            for (int i = 0; i < segmentCount; i++) {
                long from = segmentFrom[i];
                long to = segmentTo[i];
                boolean up = segmentUp[i];
                int last = segments.size() - 1;
                if (last >= 0 && segments.get(last).up() == up
                        && EpochMicros.of(segments.get(last).interval().end()) == from) {
                    segments.set(last, new StatusSegment(
                            interval(EpochMicros.of(segments.get(last).interval().start()), to), up));
                } else {
                    segments.add(new StatusSegment(interval(from, to), up));
                }
            }
            return segments;
        }

        @Override
        public void segment(long from, long to, boolean up) {
            if (segmentCount == segmentFrom.length) {
                int capacity = segmentCount * 2;
                segmentFrom = Arrays.copyOf(segmentFrom, capacity);
                segmentTo = Arrays.copyOf(segmentTo, capacity);
                segmentUp = Arrays.copyOf(segmentUp, capacity);
            }
            segmentFrom[segmentCount] = from;
            segmentTo[segmentCount] = to;
            segmentUp[segmentCount] = up;
            segmentCount++;
        }
    }
}
