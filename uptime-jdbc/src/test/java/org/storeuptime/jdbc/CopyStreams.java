package org.storeuptime.jdbc;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;
import org.postgresql.util.ByteStreamWriter;

/** In-memory ends of a COPY, for testing {@link CopyWriter} and {@link BinaryCopyReader} without a server. */
final class CopyStreams {

    private CopyStreams() {
    }

    /** Collects what a {@link CopyWriter} sends, remembering the size of each write. */
    static final class Collecting implements CopyIn {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Integer> writes = new ArrayList<>();
        boolean active = true;
        boolean cancelled;

        @Override
        public void writeToCopy(byte[] buf, int off, int siz) {
            if (!active) {
                throw new IllegalStateException("COPY is not active");
            }
            bytes.write(buf, off, siz);
            writes.add(siz);
        }

        @Override
        public void writeToCopy(ByteStreamWriter from) {
            throw new UnsupportedOperationException("CopyWriter writes byte arrays");
        }

        @Override
        public void flushCopy() {
        }

        @Override
        public long endCopy() {
            active = false;
            return 0;
        }

        @Override
        public int getFieldCount() {
            return 0;
        }

        @Override
        public int getFormat() {
            return 1;
        }

        @Override
        public int getFieldFormat(int field) {
            return 1;
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public void cancelCopy() {
            active = false;
            cancelled = true;
        }

        @Override
        public long getHandledRowCount() {
            return 0;
        }
    }

    /** Hands out {@code bytes} in the given chunks, as the server's CopyData messages would. */
    static final class Chunked implements CopyOut {
        private final List<byte[]> chunks = new ArrayList<>();
        private int next;

        /** {@code bytes} cut before each of {@code cuts} (ascending offsets). */
        Chunked(byte[] bytes, int... cuts) {
            int from = 0;
            for (int cut : cuts) {
                chunks.add(java.util.Arrays.copyOfRange(bytes, from, cut));
                from = cut;
            }
            chunks.add(java.util.Arrays.copyOfRange(bytes, from, bytes.length));
        }

        @Override
        public byte[] readFromCopy() {
            return next < chunks.size() ? chunks.get(next++) : null;
        }

        @Override
        public byte[] readFromCopy(boolean block) {
            return readFromCopy();
        }

        @Override
        public int getFieldCount() {
            return 0;
        }

        @Override
        public int getFormat() {
            return 1;
        }

        @Override
        public int getFieldFormat(int field) {
            return 1;
        }

        @Override
        public boolean isActive() {
            return next < chunks.size();
        }

        @Override
        public void cancelCopy() {
            next = chunks.size();
        }

        @Override
        public long getHandledRowCount() {
            return 0;
        }
    }
}
