package org.storeuptime.core;

import java.time.Instant;

/** Conversions between {@link Instant} and microseconds since the epoch, the engine's unit of time. */
final class EpochMicros {

    private EpochMicros() {
    }

    /** Microseconds since the epoch; sub-microsecond digits are truncated toward the past. */
    static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
