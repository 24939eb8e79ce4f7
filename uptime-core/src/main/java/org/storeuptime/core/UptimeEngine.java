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

/**
 * Computes uptime reports exactly per the uptime rules: business hours projected onto UTC, polls considered
 * only inside business time and the lookback range, status extrapolated between them, and the three windows
 * ending at {@code now}.
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

    /** A report over {@code source} with the default {@code now} (the latest poll). */
    public UptimeReport report(ReportSource source) {
        return report(source, null, ProgressListener.NONE);
    }

    /** A report over {@code source} whose windows end at {@code now}. */
    public UptimeReport report(ReportSource source, Instant now) {
        return report(source, now, ProgressListener.NONE);
    }

    /**
     * A report over {@code source}.
     *
     * @param now where the windows end; {@code null} for the latest poll of any store (or the engine's clock
     *     when there is no poll at all)
     * @param progress told how many stores are done; with {@link ProgressListener#NONE} the source's
     *     {@link ReportSource#storeCount()}, which only serves progress, is not asked (from a database it is a
     *     query of its own)
     */
    public UptimeReport report(ReportSource source, Instant now, ProgressListener progress) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(progress, "progress");
        Instant reportNow = resolveNow(source, now);
        long nowMicros = EpochMicros.of(reportNow);
        List<StoreUptime> rows;
        if (progress == ProgressListener.NONE) {
            rows = new ArrayList<>();
            source.forEachStore(consideredFrom(reportNow), reportNow,
                    (store, polls) -> rows.add(compute(store, polls, nowMicros)));
        } else {
            int total = source.storeCount();
            int step = Math.max(1, total / 200);
            rows = new ArrayList<>(Math.max(16, total));
            source.forEachStore(consideredFrom(reportNow), reportNow, (store, polls) -> {
                rows.add(compute(store, polls, nowMicros));
                int done = rows.size();
                if (done % step == 0 || done == total) {
                    progress.progress(done, total);
                }
            });
        }
        rows.sort(Comparator.comparing(StoreUptime::storeId));
        return new UptimeReport(reportNow, options, rows);
    }

    /**
     * The {@code now} a report uses: {@code explicitNow} when given, else the source's latest poll, else the
     * clock. Truncated to microseconds, the resolution of polls.
     *
     * @throws IllegalArgumentException when {@code explicitNow} is outside {@link #EARLIEST_NOW} to
     *     {@link #LATEST_NOW}
     */
    public Instant resolveNow(ReportSource source, Instant explicitNow) {
        Objects.requireNonNull(source, "source");
        return resolveNow(explicitNow == null ? source.latestPollTime() : Optional.empty(), explicitNow);
    }

    private Instant resolveNow(Optional<Instant> latestPoll, Instant explicitNow) {
        if (explicitNow != null && (explicitNow.isBefore(EARLIEST_NOW) || explicitNow.isAfter(LATEST_NOW))) {
            throw new IllegalArgumentException("now " + explicitNow + " is outside the years 1 to 9999");
        }
        Instant now = explicitNow != null ? explicitNow : latestPoll.orElseGet(clock::instant);
        return now.truncatedTo(ChronoUnit.MICROS);
    }

    /** The earliest poll timestamp a report ending at {@code now} considers: {@code now - 7d - lookback}. */
    public Instant consideredFrom(Instant now) {
        return now.minus(Duration.ofDays(7)).minus(options.lookback());
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
        return StoreTimeline.compute(profile, polls, at, options);
    }

    /**
     * One store's timeline read from {@code reader}: its polls from a day before the considered range up to
     * {@code now}, so that the polls just outside the lookback show up as such.
     *
     * @param now where the windows end; {@code null} for the latest poll of any store (or the clock without polls)
     * @return empty when the reader does not know the store
     * @throws IllegalArgumentException when {@code now} is outside {@link #EARLIEST_NOW} to {@link #LATEST_NOW}
     */
    public Optional<StoreTimeline> timeline(StoreReader reader, String storeId, Instant now) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(storeId, "storeId");
        Optional<StoreProfile> profile = reader.profile(storeId);
        if (profile.isEmpty()) {
            return Optional.empty();
        }
        Instant at = resolveNow(now == null ? reader.latestPollTime() : Optional.empty(), now);
        Instant from = consideredFrom(at).minus(TIMELINE_POLL_MARGIN);
        PollSeries polls = reader.polls(storeId, from.isBefore(EARLIEST_NOW) ? EARLIEST_NOW : from, at);
        return Optional.of(StoreTimeline.compute(profile.get(), polls, at, options));
    }

    /** The row of one store whose polls (in time order) are {@code polls}, for windows ending at {@code now}. */
    public StoreUptime compute(Store store, PollSeries polls, Instant now) {
        return compute(store, polls, EpochMicros.of(now));
    }

    private StoreUptime compute(Store store, PollSeries polls, long now) {
        return StoreComputation.compute(store, polls, now, options, null);
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
