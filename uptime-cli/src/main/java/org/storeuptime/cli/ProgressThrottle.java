package org.storeuptime.cli;

import java.time.Clock;

/** Lets a progress line through at most every two seconds, so that short runs stay quiet. */
final class ProgressThrottle {

    private static final long INTERVAL_MILLIS = 2_000;

    private final Clock clock;
    private long next;

    ProgressThrottle(Clock clock) {
        this.clock = clock;
        this.next = clock.millis() + INTERVAL_MILLIS;
    }

    /** Whether a line may be printed now; if so, the next one waits another interval. */
    boolean due() {
        long millis = clock.millis();
        if (millis < next) {
            return false;
        }
        next = millis + INTERVAL_MILLIS;
        return true;
    }
}
