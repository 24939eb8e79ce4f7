package org.storeuptime.core.reports;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.ReportOptions;

/**
 * What is known about one report: its state, times, options and progress. The CSV itself is read with
 * {@link ReportRepository#csv(UUID)}.
 *
 * @param id the report id
 * @param state its state
 * @param createdAt when it was triggered
 * @param startedAt when a worker last started it; {@code null} while pending
 * @param finishedAt when it completed or failed; {@code null} before
 * @param requestedNow the {@code now} asked for by the trigger; {@code null} for the default (latest poll)
 * @param now the {@code now} the report's windows end at, once known; {@code null} before
 * @param options lookback and extrapolation
 * @param storesDone stores computed so far
 * @param storesTotal stores to compute; 0 until known
 * @param storeCount rows of the complete report; {@code null} until complete
 * @param error why it failed; {@code null} unless failed
 */
public record ReportRecord(
        UUID id,
        ReportState state,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Instant requestedNow,
        @Nullable Instant now,
        ReportOptions options,
        int storesDone,
        int storesTotal,
        @Nullable Integer storeCount,
        @Nullable String error) {

    public ReportRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(options, "options");
        if (storesDone < 0 || storesTotal < 0) {
            throw new IllegalArgumentException("progress must not be negative: " + storesDone + "/" + storesTotal);
        }
        if (state == ReportState.FAILED && error == null) {
            throw new IllegalArgumentException("a failed report needs an error");
        }
    }

    /** A new pending report. */
    public static ReportRecord pending(UUID id, Instant createdAt, @Nullable Instant requestedNow,
            ReportOptions options) {
        return new ReportRecord(id, ReportState.PENDING, createdAt, null, null, requestedNow, null, options, 0, 0,
                null, null);
    }
}
