package org.storeuptime.server;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.storeuptime.core.ReportSource;

/** A source that stops after its first store until {@link #open()} is called: reports stay running meanwhile. */
final class GatedSource extends DelegatingSource {

    private final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch reachedGate = new CountDownLatch(1);

    GatedSource(ReportSource delegate) {
        super(delegate);
    }

    void open() {
        gate.countDown();
    }

    @Override
    public void forEachStore(Instant from, Instant to, StoreConsumer consumer) {
        int[] seen = {0};
        delegate.forEachStore(from, to, (store, polls) -> {
            consumer.accept(store, polls);
            if (++seen[0] == 1) {
                reachedGate.countDown();
                try {
                    if (!gate.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("gate was never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        });
    }
}
