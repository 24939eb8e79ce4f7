package org.storeuptime.core;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stores, time zones, business hours and polls held in memory: the source of offline reports and of the
 * programmatic API. Polls are kept as primitives (about 9 bytes each).
 *
 * <pre>{@code
 * StoreDataSet data = StoreDataSet.builder()
 *         .timeZone("s1", ZoneId.of("America/Chicago"))
 *         .openingPeriod("s1", OpeningPeriod.of(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)))
 *         .poll("s1", Instant.parse("2023-01-23T16:14:00Z"), PollStatus.INACTIVE)
 *         .build();
 * }</pre>
 */
public final class StoreDataSet implements ReportSource, StoreReader {

    private final NavigableSet<String> storeIds;
    private final Map<String, Store> stores;
    private final Map<String, PollSeries> polls;
    /** Stores without a time zone of their own. */
    private final Set<String> zoneDefaulted;
    private final long pollCount;
    private final long duplicatePolls;
    private final Instant latestPoll;
    private final List<Closure> closures;

    private StoreDataSet(Builder builder) {
        this.storeIds = Collections.unmodifiableNavigableSet(new TreeSet<>(builder.stores.keySet()));
        this.stores = new HashMap<>(builder.stores.size() * 2);
        this.polls = new HashMap<>(builder.stores.size() * 2);
        Set<String> defaulted = new HashSet<>();
        long count = 0;
        long duplicates = 0;
        long latest = Long.MIN_VALUE;
        for (Map.Entry<String, StoreInput> e : builder.stores.entrySet()) {
            StoreInput input = e.getValue();
            ZoneId zone = input.zone != null ? input.zone : Store.DEFAULT_ZONE;
            if (input.zone == null) {
                defaulted.add(e.getKey());
            }
            stores.put(e.getKey(), Store.of(e.getKey(), zone, BusinessHours.of(new ArrayList<>(input.periods))));
            PollSeries series = input.sortedDistinctPolls();
            duplicates += input.size - series.size();
            count += series.size();
            if (series.size() > 0) {
                latest = Math.max(latest, series.epochMicros(series.size() - 1));
            }
            polls.put(e.getKey(), series);
        }
        this.zoneDefaulted = defaulted;
        this.pollCount = count;
        this.duplicatePolls = duplicates;
        this.latestPoll = latest == Long.MIN_VALUE ? null : EpochMicros.toInstant(latest);
        this.closures = List.copyOf(builder.closures.values());
    }

    /** A builder for a data set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every store id of any input, in plain string order. */
    public NavigableSet<String> storeIds() {
        return storeIds;
    }

    /**
     * The store with its zone (default America/Chicago) and hours (default always open).
     *
     * @throws IllegalArgumentException when the data set has no such store
     */
    public Store store(String storeId) {
        Store store = stores.get(storeId);
        if (store == null) {
            throw new IllegalArgumentException("no store '" + storeId + "' in this data set");
        }
        return store;
    }

    @Override
    public Optional<StoreProfile> profile(String storeId) {
        Store store = stores.get(Objects.requireNonNull(storeId, "storeId"));
        return store == null ? Optional.empty() : Optional.of(new StoreProfile(store, zoneDefaulted.contains(storeId)));
    }

    @Override
    public PollSeries polls(String storeId, Instant from, Instant to) {
        Objects.requireNonNull(storeId, "storeId");
        PollSeries all = polls.get(storeId);
        if (all == null) {
            return new PollSeries(1);
        }
        int lo = lowerBound(all.rawMicros(), all.size(), EpochMicros.of(from));
        int hi = upperBound(all, EpochMicros.of(to));
        PollBuffer copy = new PollBuffer(Math.max(1, hi - lo));
        for (int i = lo; i < hi; i++) {
            copy.add(all.epochMicros(i), all.isActive(i));
        }
        return copy;
    }

    @Override
    public StorePage list(String idContains, int limit, int offset, Instant pollsFrom, Instant pollsTo) {
        StorePage.checkPaging(limit, offset);
        String needle = idContains == null ? "" : asciiLowerCase(idContains.strip());
        long fromMicros = EpochMicros.of(pollsFrom);
        long toMicros = EpochMicros.of(pollsTo);
        List<StoreSummary> page = new ArrayList<>(Math.min(limit, 64));
        long total = 0;
        for (String id : storeIds) {
            if (!needle.isEmpty() && !asciiLowerCase(id).contains(needle)) {
                continue;
            }
            if (total >= offset && page.size() < limit) {
                PollSeries all = polls.get(id);
                long count = Math.max(0, upperBound(all, toMicros) - lowerBound(all.rawMicros(), all.size(), fromMicros));
                page.add(new StoreSummary(id, stores.get(id).zone(), zoneDefaulted.contains(id), count,
                        lastPoll(all)));
            }
            total++;
        }
        return new StorePage(total, page);
    }

    /**
     * Lower case of ASCII letters only, the way PostgreSQL's {@code lower()} treats ids in the "C" collation,
     * so that memory and database find the same stores.
     */
    static String asciiLowerCase(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    private static int upperBound(PollSeries series, long toMicros) {
        return lowerBound(series.rawMicros(), series.size(), toMicros == Long.MAX_VALUE ? toMicros : toMicros + 1);
    }

    /** The distinct polls of a store in time order (empty for an unknown store). */
    public List<Poll> polls(String storeId) {
        PollSeries series = polls.get(storeId);
        return series == null ? List.of() : series.toList();
    }

    /** How many distinct polls it holds. */
    public long pollCount() {
        return pollCount;
    }

    /** How many polls were dropped because an earlier-read poll of the same store had the same timestamp. */
    public long duplicatePolls() {
        return duplicatePolls;
    }

    /** Every planned closure, in the order first added (of equal store and bounds, the first one). */
    @Override
    public List<Closure> closures() {
        return closures;
    }

    @Override
    public List<Closure> closures(String storeId) {
        Objects.requireNonNull(storeId, "storeId");
        if (!stores.containsKey(storeId)) {
            return List.of();
        }
        return closures.stream().filter(c -> c.appliesTo(storeId)).toList();
    }

    @Override
    public Optional<Instant> lastPoll(String storeId) {
        Objects.requireNonNull(storeId, "storeId");
        return Optional.ofNullable(lastPoll(polls.get(storeId)));
    }

    private static Instant lastPoll(PollSeries series) {
        return series == null || series.size() == 0 ? null : EpochMicros.toInstant(series.epochMicros(series.size() - 1));
    }

    @Override
    public Optional<Instant> latestPollTime() {
        return Optional.ofNullable(latestPoll);
    }

    @Override
    public int storeCount() {
        return storeIds.size();
    }

    @Override
    public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
        long fromMicros = EpochMicros.of(from);
        long toMicros = EpochMicros.of(to);
        PollSeries slice = new PollSeries(1);
        for (String id : storeIds) {
            PollSeries all = polls.get(id);
            long[] micros = all.rawMicros();
            int lo = lowerBound(micros, all.size(), fromMicros);
            int hi = lowerBound(micros, all.size(), toMicros == Long.MAX_VALUE ? toMicros : toMicros + 1);
            slice.viewOf(all, lo, hi); // no copy: the series of a built data set never change
            consumer.accept(stores.get(id), slice);
        }
    }

    /** The first index whose value is {@code >= key}. */
    private static int lowerBound(long[] sorted, int size, long key) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Collects the inputs of a {@link StoreDataSet}, in any order. Not thread-safe. */
    public static final class Builder {
        private final Map<String, StoreInput> stores = new HashMap<>();
        /** By store and bounds: the same closure again is a duplicate, and the first reason stays. */
        private final Map<List<Object>, Closure> closures = new LinkedHashMap<>();

        private Builder() {
        }

        private StoreInput input(String storeId) {
            Objects.requireNonNull(storeId, "storeId");
            StoreInput input = stores.get(storeId);
            if (input == null) {
                if (storeId.isBlank()) {
                    throw new IllegalArgumentException("store id must not be empty");
                }
                input = new StoreInput();
                stores.put(storeId, input);
            }
            return input;
        }

        /** Makes the store part of the data set even without zone, hours or polls. */
        public Builder store(String storeId) {
            input(storeId);
            return this;
        }

        /** Sets the store's time zone; the first one given wins. */
        public Builder timeZone(String storeId, ZoneId zone) {
            addTimeZone(storeId, zone);
            return this;
        }

        /** Sets the store's time zone unless it has one; false when it already had one (a duplicate). */
        public boolean addTimeZone(String storeId, ZoneId zone) {
            Objects.requireNonNull(zone, "zone");
            StoreInput input = input(storeId);
            if (input.zone != null) {
                return false;
            }
            input.zone = zone;
            return true;
        }

        /** Adds a business-hours row. */
        public Builder openingPeriod(String storeId, OpeningPeriod period) {
            addOpeningPeriod(storeId, period);
            return this;
        }

        /** Adds a business-hours row; false when the store already had the very same row (a duplicate). */
        public boolean addOpeningPeriod(String storeId, OpeningPeriod period) {
            Objects.requireNonNull(period, "period");
            return input(storeId).periods.add(period);
        }

        /** Adds a poll. */
        public Builder poll(String storeId, Instant timestamp, PollStatus status) {
            return poll(storeId, EpochMicros.of(timestamp), status == PollStatus.ACTIVE);
        }

        /** Adds a poll given in microseconds since the epoch. */
        public Builder poll(String storeId, long epochMicros, boolean active) {
            input(storeId).add(epochMicros, active);
            return this;
        }

        /** Adds a planned closure; it does not make its store part of the data set. */
        public Builder closure(Closure closure) {
            addClosure(closure);
            return this;
        }

        /**
         * Adds a planned closure; false when one with the same store and bounds was added before (a duplicate: the
         * first one's reason stays).
         */
        public boolean addClosure(Closure closure) {
            Objects.requireNonNull(closure, "closure");
            return closures.putIfAbsent(List.of(closure.storeId(), closure.start(), closure.end()), closure) == null;
        }

        /** Adds polls. */
        public Builder polls(String storeId, Poll... polls) {
            for (Poll poll : polls) {
                poll(storeId, poll.timestamp(), poll.status());
            }
            return this;
        }

        /** The data set; polls are sorted by time, and of equal timestamps the first added is kept. */
        public StoreDataSet build() {
            return new StoreDataSet(this);
        }
    }

    private static final class StoreInput {
        ZoneId zone;
        final Set<OpeningPeriod> periods = new LinkedHashSet<>(4);
        long[] micros = new long[0];
        boolean[] active = new boolean[0];
        int size;

        void add(long epochMicros, boolean isActive) {
            if (size == micros.length) {
                int capacity = Math.max(8, size * 2);
                micros = Arrays.copyOf(micros, capacity);
                active = Arrays.copyOf(active, capacity);
            }
            micros[size] = epochMicros;
            active[size] = isActive;
            size++;
        }

        PollSeries sortedDistinctPolls() {
            StableSort.sort(micros, active, size);
            PollSeries series = new PollSeries(size);
            for (int i = 0; i < size; i++) {
                if (i == 0 || micros[i] != micros[i - 1]) {
                    series.addPoll(micros[i], active[i]);
                }
            }
            // the arrays stay (sorted, which a later sort keeps stable) so that the builder can build again
            return series;
        }
    }
}
