package org.storeuptime.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows in PostgreSQL's COPY text format into a {@link CopyIn}, through a large buffer: the rows go to
 * the server while the file is still being read, without a round trip per row.
 */
final class CopyWriter {

    private static final int BUFFER = 1 << 20;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final CopyIn copy;
    private byte[] buffer = new byte[BUFFER];
    private int size;
    private long cachedDay = Long.MIN_VALUE;
    private byte[] cachedDate;

    CopyWriter(CopyIn copy) {
        this.copy = copy;
    }

    CopyWriter number(long value) {
        return ascii(Long.toString(value));
    }

    CopyWriter bool(boolean value) {
        return ascii(value ? "t" : "f");
    }

    /** Text, escaped as COPY's text format requires. */
    CopyWriter text(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> ascii("\\\\");
                    case '\t' -> ascii("\\t");
                    case '\n' -> ascii("\\n");
                    case '\r' -> ascii("\\r");
                    default -> put((byte) c);
                }
            } else {
                int end = i + 1;
                while (end < value.length() && value.charAt(end) >= 0x80) {
                    end++;
                }
                bytes(value.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return this;
    }

    /** An instant as {@code yyyy-mm-dd hh:mm:ss.ffffff+00}: exact to the microsecond, whatever the session zone. */
    CopyWriter timestamp(long epochMicros) {
        long day = Math.floorDiv(epochMicros, MICROS_PER_DAY);
        if (day != cachedDay) {
            cachedDay = day;
            cachedDate = (LocalDate.ofEpochDay(day) + " ").getBytes(StandardCharsets.US_ASCII);
        }
        bytes(cachedDate);
        long micros = Math.floorMod(epochMicros, MICROS_PER_DAY);
        long seconds = micros / 1_000_000;
        two((int) (seconds / 3600));
        put((byte) ':');
        two((int) (seconds / 60 % 60));
        put((byte) ':');
        two((int) (seconds % 60));
        put((byte) '.');
        int fraction = (int) (micros % 1_000_000);
        for (int divisor = 100_000; divisor > 0; divisor /= 10) {
            put((byte) ('0' + fraction / divisor % 10));
        }
        return ascii("+00");
    }

    /** A local time; the end of the day ({@link LocalTime#MAX}) is PostgreSQL's {@code 24:00:00}. */
    CopyWriter time(LocalTime time) {
        return ascii(time.equals(LocalTime.MAX) ? "24:00:00" : time.toString());
    }

    CopyWriter tab() {
        return put((byte) '\t');
    }

    void endRow() throws SQLException {
        put((byte) '\n');
        if (size > BUFFER - 4096) {
            flush();
        }
    }

    /** Sends what is buffered and ends the COPY; returns the rows the server took. */
    long finish() throws SQLException {
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

    private void two(int value) {
        put((byte) ('0' + value / 10));
        put((byte) ('0' + value % 10));
    }

    private CopyWriter ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            put((byte) s.charAt(i));
        }
        return this;
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buffer, size, b.length);
        size += b.length;
    }

    private CopyWriter put(byte b) {
        ensure(1);
        buffer[size++] = b;
        return this;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
