package org.storeuptime.server.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.storeuptime.core.ReportOptions;
import org.storeuptime.core.ReportRequest;
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
        return queue(ReportRequest.builder().options(Objects.requireNonNull(options, "options")).build());
    }

    @Override
    public final ReportRecord trigger(Instant now, ReportOptions options) {
        return queue(ReportRequest.builder().options(Objects.requireNonNull(options, "options"))
                .now(Objects.requireNonNull(now, "now")).build());
    }

    @Override
    public final ReportRecord trigger(ReportRequest request) {
        return queue(Objects.requireNonNull(request, "request"));
    }

    /** Records and queues a new report of {@code request}; without its {@code now}, the latest poll when it runs. */
    abstract ReportRecord queue(ReportRequest request);

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
