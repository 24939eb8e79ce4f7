package org.storeuptime.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open interval {@code [start, end)} on the UTC time line.
 *
 * @param start the first instant inside the interval
 * @param end the first instant after the interval; not before {@code start}
 */
public record TimeInterval(Instant start, Instant end) {

    public TimeInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
    }

    /** The interval {@code [startInclusive, endExclusive)}. */
    public static TimeInterval of(Instant startInclusive, Instant endExclusive) {
        return new TimeInterval(startInclusive, endExclusive);
    }

    /** The interval of {@code duration} that ends at {@code endExclusive}. */
    public static TimeInterval endingAt(Instant endExclusive, Duration duration) {
        return new TimeInterval(endExclusive.minus(duration), endExclusive);
    }

    /** Whether the interval holds no instant. */
    public boolean isEmpty() {
        return start.equals(end);
    }

    /** Its length. */
    public Duration duration() {
        return Duration.between(start, end);
    }

    /** Whether {@code instant} is inside: {@code start <= instant < end}. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    /** Whether both intervals share at least one instant (an empty interval shares none). */
    public boolean overlaps(TimeInterval other) {
        return start.isBefore(other.end) && other.start.isBefore(end) && !isEmpty() && !other.isEmpty();
    }

    /** Whether one ends exactly where the other starts. */
    public boolean abuts(TimeInterval other) {
        return end.equals(other.start) || other.end.equals(start);
    }

    /**
     * The instants in both intervals.
     *
     * @throws IllegalArgumentException when they neither overlap nor abut
     */
    public TimeInterval intersection(TimeInterval other) {
        Instant s = start.isAfter(other.start) ? start : other.start;
        Instant e = end.isBefore(other.end) ? end : other.end;
        if (e.isBefore(s)) {
            throw new IllegalArgumentException(this + " and " + other + " do not overlap");
        }
        return new TimeInterval(s, e);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
