package org.storeuptime.jdbc;

import java.sql.SQLException;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Locale;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows in PostgreSQL's binary COPY format into a {@link CopyIn}, through a large buffer: the rows go to
 * the server while the file is still being read, without a round trip per row. Binary rather than text
 * because the server then stores a timestamp's 8 bytes as they come instead of parsing text, which on two
 * cores leaves more of the machine to reading the file.
 */
final class CopyWriter {

    private static final int BUFFER = 1 << 20;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01 00:00 UTC. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final CopyIn copy;
    private byte[] buffer = new byte[BUFFER];
    private int size;

    CopyWriter(CopyIn copy) {
        this.copy = copy;
        bytes(HEADER);
    }

    /** Starts a row of {@code fields} fields. */
    CopyWriter row(int fields) {
        ensure(2);
        return int16(fields);
    }

    CopyWriter int8(long value) {
        ensure(12);
        int32(8);
        return int64(value);
    }

    CopyWriter int2(int value) {
        ensure(6);
        int32(2);
        return int16(value);
    }

    CopyWriter bool(boolean value) {
        ensure(5);
        int32(1);
        buffer[size++] = (byte) (value ? 1 : 0);
        return this;
    }

    /**
     * Text as UTF-8 (the connection's client encoding, which pgjdbc always sets).
     *
     * @throws IllegalArgumentException for an unpaired surrogate, which UTF-8 cannot encode (nothing of the
     *     field is written then)
     */
    CopyWriter text(String value) {
        int length = value.length();
        // At most three bytes per UTF-16 unit (a surrogate pair, two units, makes four).
        ensure(4 + 3 * length);
        int lengthAt = size;
        size += 4;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                buffer[size++] = (byte) c;
            } else if (c < 0x800) {
                buffer[size++] = (byte) (0xc0 | c >> 6);
                buffer[size++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                buffer[size++] = (byte) (0xf0 | cp >> 18);
                buffer[size++] = (byte) (0x80 | cp >> 12 & 0x3f);
                buffer[size++] = (byte) (0x80 | cp >> 6 & 0x3f);
                buffer[size++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                // No UTF-8 form. The core's readers reject such store ids, so this is a caller's bug; writing
                // '?' (as String.getBytes does) would silently store another id.
                size = lengthAt;
                throw new IllegalArgumentException("text with an unpaired surrogate U+"
                        + Integer.toHexString(c).toUpperCase(Locale.ROOT) + " at index " + i
                        + " has no UTF-8 form");
            } else {
                buffer[size++] = (byte) (0xe0 | c >> 12);
                buffer[size++] = (byte) (0x80 | c >> 6 & 0x3f);
                buffer[size++] = (byte) (0x80 | c & 0x3f);
            }
        }
        int bytes = size - lengthAt - 4;
        int end = size;
        size = lengthAt;
        int32(bytes);
        size = end;
        return this;
    }

    /** An instant given in microseconds since the Unix epoch, as a timestamptz: exact to the microsecond. */
    CopyWriter timestamp(long epochMicros) {
        return int8(epochMicros - POSTGRES_EPOCH_MICROS);
    }

    /** A local time; the end of the day ({@link LocalTime#MAX}) is PostgreSQL's {@code 24:00:00}. */
    CopyWriter time(LocalTime time) {
        return int8(time.equals(LocalTime.MAX) ? MICROS_PER_DAY : time.toNanoOfDay() / 1000);
    }

    /** Sends the buffer when it is nearly full; call after each row. */
    void endRow() throws SQLException {
        if (size > BUFFER - 4096) {
            flush();
        }
    }

    /** Sends what is buffered and ends the COPY; returns the rows the server took. */
    long finish() throws SQLException {
        ensure(2);
        int16(-1);
        flush();
        return copy.endCopy();
    }

    /** Abandons the COPY (after a failure while reading), so that the connection can roll back. */
    void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // The transaction is rolled back next anyway; a failed cancel only loses this detail.
        }
    }

    private void flush() throws SQLException {
        if (size > 0) {
            copy.writeToCopy(buffer, 0, size);
            size = 0;
        }
    }

    private CopyWriter int16(int value) {
        buffer[size++] = (byte) (value >> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    private void int32(int value) {
        buffer[size++] = (byte) (value >> 24);
        buffer[size++] = (byte) (value >> 16);
        buffer[size++] = (byte) (value >> 8);
        buffer[size++] = (byte) value;
    }

    private CopyWriter int64(long value) {
        int32((int) (value >> 32));
        int32((int) value);
        return this;
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buffer, size, b.length);
        size += b.length;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
