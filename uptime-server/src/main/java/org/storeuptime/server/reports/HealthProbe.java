package org.storeuptime.server.reports;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers "is the database there?" within a bound, whatever the data source does: the check runs on its own
 * thread, at most one at a time, and callers wait for it at most {@code timeout}. While a check hangs (a database
 * that accepts connections but never answers, a pool waiting for a connection), every caller gets "down" after the
 * timeout instead of piling up more checks.
 */
final class HealthProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthProbe.class);

    private final BooleanSupplier check;
    private final Duration timeout;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "uptime-health-probe");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Boolean> current;

    HealthProbe(BooleanSupplier check, Duration timeout) {
        this.check = check;
        this.timeout = timeout;
    }

    /** Whether the check passed within the timeout. Never throws. */
    boolean healthy() {
        CompletableFuture<Boolean> probe;
        synchronized (this) {
            if (current == null || current.isDone()) {
                try {
                    current = CompletableFuture.supplyAsync(check::getAsBoolean, thread);
                } catch (RejectedExecutionException e) {
                    return false; // closed
                }
            }
            probe = current;
        }
        try {
            return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("health check: the database did not answer within {}", timeout);
            return false;
        } catch (ExecutionException e) {
            LOG.warn("health check failed: {}", e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
