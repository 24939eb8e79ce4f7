package org.storeuptime.core;

import org.jspecify.annotations.Nullable;

/** Whether a poll counted in a store's figures and, if not, why: see {@link StoreTimeline#polls()}. */
public enum PollVerdict {
    /** Considered: inside the considered range and inside business time. */
    COUNTED(null),
    /** Another poll of the store at the same instant was read first, and that one decides. */
    DUPLICATE("duplicate"),
    /** Outside the range of polls considered: before {@code now - 7d - lookback} or after {@code now}. */
    OUTSIDE_LOOKBACK("outside_lookback"),
    /** Taken while the store was closed: says nothing about its business hours. */
    OUTSIDE_BUSINESS_HOURS("outside_business_hours"),
    /** Taken during a planned closure of the store: closed time is not business time. */
    CLOSED("closed");

    private final @Nullable String reason;

    PollVerdict(@Nullable String reason) {
        this.reason = reason;
    }

    /** Whether the poll counted. */
    public boolean counted() {
        return this == COUNTED;
    }

    /**
     * Why the poll was ignored, as named in the API ({@code duplicate}, {@code outside_lookback},
     * {@code outside_business_hours}, {@code closed}); {@code null} when it counted.
     */
    public @Nullable String reason() {
        return reason;
    }
}
