package org.storeuptime.core.reports;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.storeuptime.core.ReportRequest;

/** A {@link ReportRepository} in this process's memory: for offline use and tests; lost on restart. */
public final class InMemoryReportRepository implements ReportRepository {

    private static final Comparator<ReportRecord> NEWEST_FIRST =
            Comparator.comparing(ReportRecord::createdAt).thenComparing(ReportRecord::id).reversed();

    private final Map<UUID, ReportRecord> records = new HashMap<>();
    private final Map<UUID, byte[]> csvs = new HashMap<>();

    @Override
    public synchronized ReportRecord create(UUID id, Instant createdAt, ReportRequest request) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        if (records.containsKey(id)) {
            throw new IllegalArgumentException("report " + id + " exists already");
        }
        ReportRecord record = ReportRecord.pending(id, createdAt, request);
        records.put(id, record);
        return record;
    }

    @Override
    public synchronized Optional<ReportRecord> find(UUID id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public synchronized List<ReportRecord> list(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return records.values().stream().sorted(NEWEST_FIRST).limit(limit).toList();
    }

    @Override
    public synchronized boolean claim(UUID id, Instant startedAt) {
        return start(id, ReportState.PENDING, startedAt);
    }

    @Override
    public synchronized boolean restart(UUID id, Instant startedAt) {
        return start(id, ReportState.RUNNING, startedAt);
    }

    private boolean start(UUID id, ReportState from, Instant startedAt) {
        ReportRecord r = records.get(id);
        if (r == null || r.state() != from) {
            return false;
        }
        records.put(id, r.with(ReportState.RUNNING, startedAt, null, null, 0, 0, null, null));
        return true;
    }

    @Override
    public synchronized void progress(UUID id, int storesDone, int storesTotal) {
        ReportRecord r = records.get(id);
        if (r != null && r.state() == ReportState.RUNNING) {
            records.put(id, r.with(r.state(), r.startedAt(), null, r.now(), storesDone, storesTotal, null, null));
        }
    }

    @Override
    public synchronized boolean complete(UUID id, Instant now, int storeCount, byte[] csv, Instant finishedAt) {
        Objects.requireNonNull(csv, "csv");
        ReportRecord r = records.get(id);
        if (r == null || r.state() != ReportState.RUNNING) {
            return false;
        }
        csvs.put(id, csv.clone());
        records.put(id, r.with(ReportState.COMPLETE, r.startedAt(), finishedAt, now, storeCount, storeCount, storeCount,
                null));
        return true;
    }

    @Override
    public synchronized boolean fail(UUID id, String error, Instant finishedAt) {
        Objects.requireNonNull(error, "error");
        ReportRecord r = records.get(id);
        if (r == null || r.state().isFinished()) {
            return false;
        }
        records.put(id, r.with(ReportState.FAILED, r.startedAt(), finishedAt, r.now(), r.storesDone(), r.storesTotal(),
                null, error));
        return true;
    }

    @Override
    public synchronized Optional<byte[]> csv(UUID id) {
        byte[] csv = csvs.get(id);
        return csv == null ? Optional.empty() : Optional.of(csv.clone());
    }

    @Override
    public synchronized List<ReportRecord> unfinished() {
        return records.values().stream()
                .filter(r -> !r.state().isFinished())
                .sorted(NEWEST_FIRST.reversed())
                .toList();
    }

    @Override
    public synchronized int prune(ReportRetention retention, Instant now) {
        Objects.requireNonNull(retention, "retention");
        Instant cutoff = retention.cutoff(now);
        List<ReportRecord> finished = records.values().stream()
                .filter(r -> r.state().isFinished())
                .sorted(NEWEST_FIRST)
                .toList();
        int removed = 0;
        for (int i = 0; i < finished.size(); i++) {
            ReportRecord r = finished.get(i);
            if (i >= retention.maxCount() || (r.finishedAt() != null && r.finishedAt().isBefore(cutoff))) {
                records.remove(r.id());
                csvs.remove(r.id());
                removed++;
            }
        }
        return removed;
    }
}
