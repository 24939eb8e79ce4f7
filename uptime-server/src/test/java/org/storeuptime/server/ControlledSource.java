package org.storeuptime.server;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.storeuptime.core.ReportSource;
import org.storeuptime.core.ReportFailedException;

/**
 * A source whose next report can be held after its first store (to watch it running) or made to fail: what the
 * web page shows for a running and a failed report, on one server.
 */
final class ControlledSource extends DelegatingSource {

    /** What the next report does. */
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>();
    private volatile String failure;

    ControlledSource(ReportSource delegate) {
        super(delegate);
    }

    /** The next report stops after its first store until {@link #open()}. */
    void holdNext() {
        gate.set(new CountDownLatch(1));
    }

    void open() {
        CountDownLatch latch = gate.getAndSet(null);
        if (latch != null) {
            latch.countDown();
        }
    }

    /** The next report fails with {@code message}. */
    void failNext(String message) {
        failure = message;
    }

    @Override
    public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
        String message = failure;
        failure = null;
        if (message != null) {
            throw new ReportFailedException(message);
        }
        CountDownLatch latch = gate.get();
        int[] seen = {0};
        delegate.forEachStore(from, to, (store, polls) -> {
            consumer.accept(store, polls);
            if (++seen[0] == 1 && latch != null) {
                await(latch);
            }
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the held report was never let go");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
