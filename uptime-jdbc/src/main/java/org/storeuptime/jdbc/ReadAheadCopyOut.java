package org.storeuptime.jdbc;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.postgresql.copy.CopyOut;

/**
 * A {@code COPY ... TO STDOUT} whose messages can be read ahead into memory, up to a limit, and are then handed out
 * before the rest. A report reads its polls ahead while the stores' zones and hours still load on another
 * connection: the server goes on sending instead of waiting for a full socket to drain.
 */
final class ReadAheadCopyOut implements CopyOut {

    private final CopyOut copy;
    private final ArrayDeque<byte[]> ahead = new ArrayDeque<>();
    private boolean ended;

    ReadAheadCopyOut(CopyOut copy) {
        this.copy = Objects.requireNonNull(copy, "copy");
    }

    /**
     * Reads messages ahead while {@code keepReading} says so, the COPY has more, and less than {@code limitBytes}
     * are held.
     *
     * @return the bytes held
     */
    long readAheadWhile(BooleanSupplier keepReading, long limitBytes) throws SQLException {
        long held = 0;
        for (byte[] message : ahead) {
            held += message.length;
        }
        while (!ended && held < limitBytes && keepReading.getAsBoolean()) {
            byte[] message = copy.readFromCopy();
            if (message == null) {
                ended = true;
            } else {
                ahead.add(message);
                held += message.length;
            }
        }
        return held;
    }

    @Override
    public byte[] readFromCopy() throws SQLException {
        byte[] message = ahead.poll();
        if (message != null || ended) {
            return message;
        }
        return copy.readFromCopy();
    }

    @Override
    public byte[] readFromCopy(boolean block) throws SQLException {
        byte[] message = ahead.poll();
        if (message != null || ended) {
            return message;
        }
        return copy.readFromCopy(block);
    }

    @Override
    public int getFieldCount() {
        return copy.getFieldCount();
    }

    @Override
    public int getFormat() {
        return copy.getFormat();
    }

    @Override
    public int getFieldFormat(int field) {
        return copy.getFieldFormat(field);
    }

    @Override
    public boolean isActive() {
        return !ahead.isEmpty() || copy.isActive();
    }

    @Override
    public void cancelCopy() throws SQLException {
        ahead.clear();
        copy.cancelCopy();
    }

    @Override
    public long getHandledRowCount() {
        return copy.getHandledRowCount();
    }
}
