package org.storeuptime.server.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.StoreReader;
import org.storeuptime.core.reports.ReportRecord;
import org.storeuptime.core.reports.ReportRepository;

/** What both report services answer straight from their {@link ReportRepository}. */
abstract class RepositoryBackedReportService implements ReportService {

    final ReportRepository repository;
    private final StoreReader stores;

    RepositoryBackedReportService(ReportRepository repository, StoreReader stores) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.stores = stores;
    }

    @Override
    public final ReportRecord trigger(ReportOptions options) {
        return queue(null, Objects.requireNonNull(options, "options"));
    }

    @Override
    public final ReportRecord trigger(Instant now, ReportOptions options) {
        return queue(Objects.requireNonNull(now, "now"), Objects.requireNonNull(options, "options"));
    }

    /** Records and queues a new report; {@code now} {@code null} for the latest poll when it runs. */
    abstract ReportRecord queue(@Nullable Instant now, ReportOptions options);

    @Override
    public Optional<StoreReader> stores() {
        return Optional.ofNullable(stores);
    }

    @Override
    public Optional<ReportRecord> find(UUID id) {
        return repository.find(id);
    }

    @Override
    public List<ReportRecord> list(int limit) {
        return repository.list(limit);
    }

    @Override
    public Optional<byte[]> csv(UUID id) {
        return repository.csv(id);
    }
}
