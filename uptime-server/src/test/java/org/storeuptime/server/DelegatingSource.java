package org.storeuptime.server;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.storeuptime.core.Closure;
import org.storeuptime.core.ReportSource;

/** A test source that answers like {@code delegate}; subclasses change only how stores are streamed. */
public abstract class DelegatingSource implements ReportSource {

    protected final ReportSource delegate;

    protected DelegatingSource(ReportSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<Instant> latestPollTime() {
        return delegate.latestPollTime();
    }

    @Override
    public List<Closure> closures() {
        return delegate.closures();
    }

    @Override
    public int storeCount() {
        return delegate.storeCount();
    }
}
