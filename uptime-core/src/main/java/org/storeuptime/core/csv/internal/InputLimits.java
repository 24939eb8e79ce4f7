package org.storeuptime.core.csv.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The limits every input row must keep, checked here once for the file reports and the database import
 * (the importer reads through {@link InputCsv}), so that both accept exactly the same rows and nothing the
 * reader accepts can make PostgreSQL fail the import.
 *
 * <p>The published data has store ids of at most 36 characters, timestamps in 2023 and 2024 and fields of a
 * few dozen characters; the limits are far above that and far below what breaks the database (a btree key
 * over about 2.7 KB, a NUL in text, a timestamp before 4713 BC) or the engine (years outside 1 to 9999).
 */
final class InputLimits {

    /** A store id's longest UTF-8 encoding, in bytes. */
    static final int MAX_STORE_ID_BYTES = 255;
    /** The longest value of any column read, in characters; longer ones are rejected before parsing. */
    static final int MAX_FIELD_CHARS = 1_000;
    /** The earliest accepted poll, 0001-01-01T00:00:00Z, in microseconds since the epoch. */
    static final long MIN_EPOCH_MICROS = micros(Instant.parse("0001-01-01T00:00:00Z"));
    /** The latest accepted poll, 9999-12-31T23:59:59.999999Z, in microseconds since the epoch. */
    static final long MAX_EPOCH_MICROS = micros(Instant.parse("9999-12-31T23:59:59.999999Z"));

    private InputLimits() {
    }

    /** Why {@code value} is too long, or null. */
    static @Nullable String fieldTooLong(String value) {
        if (value.length() <= MAX_FIELD_CHARS) {
            return null;
        }
        return "value of " + value.length() + " characters is longer than the limit of " + MAX_FIELD_CHARS
                + " (starts " + InputCsv.quote(value) + ")";
    }

    /**
     * Why {@code storeId} (already stripped) cannot be a store id, or null: empty, a control character
     * (NUL, tab, line breaks, DEL, C1), an unpaired surrogate (only possible through the {@code Reader} API;
     * a file with one is not UTF-8), or more than {@link #MAX_STORE_ID_BYTES} bytes of UTF-8.
     */
    static @Nullable String storeIdProblem(String storeId) {
        if (storeId.isEmpty()) {
            return "empty store id";
        }
        int bytes = 0;
        int length = storeId.length();
        for (int i = 0; i < length; i++) {
            char c = storeId.charAt(i);
            if (c < 0x80) {
                if (c < 0x20 || c == 0x7f) {
                    return "store id contains the control character U+" + hex(c) + " at character " + (i + 1);
                }
                bytes++;
            } else if (c < 0x800) {
                if (c <= 0x9f) {
                    return "store id contains the control character U+" + hex(c) + " at character " + (i + 1);
                }
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(storeId.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                return "store id contains the unpaired surrogate U+" + hex(c) + " at character " + (i + 1)
                        + ", which has no UTF-8 form";
            } else {
                bytes += 3;
            }
        }
        if (bytes > MAX_STORE_ID_BYTES) {
            return "store id of " + bytes + " bytes (UTF-8) is longer than the limit of " + MAX_STORE_ID_BYTES
                    + " bytes: " + InputCsv.quote(storeId);
        }
        return null;
    }

    /** Whether a parsed timestamp lies in the years 1 to 9999 (UTC). */
    static boolean inRange(long epochMicros) {
        return epochMicros >= MIN_EPOCH_MICROS && epochMicros <= MAX_EPOCH_MICROS;
    }

    private static String hex(char c) {
        return String.format(Locale.ROOT, "%04X", (int) c);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
