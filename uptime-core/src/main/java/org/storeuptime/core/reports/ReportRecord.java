package org.storeuptime.core.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;
import org.storeuptime.core.ReportWindow;

/**
 * What is known about one report: its state, times, options, windows and progress. The CSV itself is read with
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
 * @param windows the windows asked for, in column order; empty for the classic three
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
        List<ReportWindow> windows,
        int storesDone,
        int storesTotal,
        @Nullable Integer storeCount,
        @Nullable String error) {

    public ReportRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(options, "options");
        windows = List.copyOf(windows);
        if (storesDone < 0 || storesTotal < 0) {
            throw new IllegalArgumentException("progress must not be negative: " + storesDone + "/" + storesTotal);
        }
        if (state == ReportState.FAILED && error == null) {
            throw new IllegalArgumentException("a failed report needs an error");
        }
    }

    /** A report with the classic three windows. */
    public ReportRecord(UUID id, ReportState state, Instant createdAt, @Nullable Instant startedAt,
            @Nullable Instant finishedAt, @Nullable Instant requestedNow, @Nullable Instant now, ReportOptions options,
            int storesDone, int storesTotal, @Nullable Integer storeCount, @Nullable String error) {
        this(id, state, createdAt, startedAt, finishedAt, requestedNow, now, options, List.of(), storesDone,
                storesTotal, storeCount, error);
    }

    /** A new pending report with the classic three windows. */
    public static ReportRecord pending(UUID id, Instant createdAt, @Nullable Instant requestedNow,
            ReportOptions options) {
        return new ReportRecord(id, ReportState.PENDING, createdAt, null, null, requestedNow, null, options, 0, 0,
                null, null);
    }

    /** A new pending report of {@code request}. */
    public static ReportRecord pending(UUID id, Instant createdAt, ReportRequest request) {
        return new ReportRecord(id, ReportState.PENDING, createdAt, null, null, request.now().orElse(null), null,
                request.options(), request.windows(), 0, 0, null, null);
    }

    /** What was asked for: {@link #requestedNow()}, {@link #options()} and {@link #windows()}. */
    public ReportRequest request() {
        return new ReportRequest(Optional.ofNullable(requestedNow), options.lookback(), options.extrapolation(),
                windows);
    }

    /** Whether it has the classic three windows. */
    public boolean isClassic() {
        return windows.isEmpty();
    }

    /** This report in {@code state} with the given times and figures; the request stays. */
    ReportRecord with(ReportState state, @Nullable Instant startedAt, @Nullable Instant finishedAt,
            @Nullable Instant now, int storesDone, int storesTotal, @Nullable Integer storeCount,
            @Nullable String error) {
        return new ReportRecord(id, state, createdAt, startedAt, finishedAt, requestedNow, now, options, windows,
                storesDone, storesTotal, storeCount, error);
    }
}
