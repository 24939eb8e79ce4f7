package org.storeuptime.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a report reads: its polls from {@code from} to {@code to} (both included), each window's considered range,
 * and the shortest of those ranges, so that a source may serve each store's {@link PollDigest} instead of all its
 * polls ({@link ReportSource#forEachStore(ConsideredPolls, ReportSource.StoreConsumer)}).
 *
 * @param from the earliest poll read
 * @param to the latest poll read
 * @param shortestRange a lower bound of every window's considered range {@code [a, b]}, for every store's zone
 * @param windowRanges each window's considered range, widened to hold it for every zone ({@code [a, b]} of
 *     SEMANTICS.md, "Which polls count")
 */
public record ConsideredPolls(Instant from, Instant to, Duration shortestRange, List<TimeInterval> windowRanges) {

    public ConsideredPolls {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(shortestRange, "shortestRange");
        windowRanges = List.copyOf(windowRanges);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
        if (shortestRange.isNegative()) {
            throw new IllegalArgumentException("shortestRange must not be negative");
        }
    }
}
