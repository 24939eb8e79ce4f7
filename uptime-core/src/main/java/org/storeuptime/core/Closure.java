package org.storeuptime.core;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A planned closure: local wall-clock time {@code [start, end)} taken out of a store's business time (a holiday, a
 * renovation, a planned power cut). Closed time is neither uptime nor downtime, and polls inside it are not
 * considered. Identified by its store and bounds; the reason is only shown.
 *
 * @param storeId the store, or {@link #ALL_STORES} for every store, each in its own zone
 * @param start the first local date-time closed
 * @param end the first local date-time open again; after {@code start}
 * @param reason free text, may be empty
 */
public record Closure(String storeId, LocalDateTime start, LocalDateTime end, String reason) {

    /** The store id of a closure of every store. */
    public static final String ALL_STORES = "*";

    public Closure {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(reason, "reason");
        if (storeId.isBlank()) {
            throw new IllegalArgumentException("closure store id must not be empty");
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("closure end " + end + " is not after its start " + start);
        }
    }

    /** A closure of {@code storeId} (or {@link #ALL_STORES}) from {@code start} to {@code end}, local time. */
    public static Closure of(String storeId, LocalDateTime start, LocalDateTime end, String reason) {
        return new Closure(storeId, start, end, reason);
    }

    /** Whether it closes the store {@code storeId}: its own closure or one of every store. */
    public boolean appliesTo(String storeId) {
        return this.storeId.equals(ALL_STORES) || this.storeId.equals(storeId);
    }

    /**
     * The closed instants for a store in {@code zone}: both bounds by {@code ZonedDateTime.of} (a time in a
     * spring-forward gap moves later, one in a fall-back overlap takes the earlier offset); empty when the end
     * instant is not after the start instant (a closure inside a gap).
     */
    public Optional<TimeInterval> interval(ZoneId zone) {
        Instant from = ZonedDateTime.of(start, zone).toInstant();
        Instant to = ZonedDateTime.of(end, zone).toInstant();
        return to.isAfter(from) ? Optional.of(TimeInterval.of(from, to)) : Optional.empty();
    }
}
