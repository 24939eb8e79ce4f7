package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The read-ahead of a report's poll COPY: bounded, and the same bytes in the same order as without it. */
class ReadAheadCopyOutTest {

    private static final byte[] BYTES = new byte[1000];

    static {
        for (int i = 0; i < BYTES.length; i++) {
            BYTES[i] = (byte) i;
        }
    }

    /** Messages of 100 bytes each. */
    private static CopyStreams.Chunked tenMessages() {
        return new CopyStreams.Chunked(BYTES, 100, 200, 300, 400, 500, 600, 700, 800, 900);
    }

    private static byte[] readAll(ReadAheadCopyOut copy) throws SQLException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] message = copy.readFromCopy(); message != null; message = copy.readFromCopy()) {
            all.writeBytes(message);
        }
        return all.toByteArray();
    }

    @Test
    void readsAheadUpToTheLimitAndHandsOutEveryByteInOrder() throws SQLException {
        ReadAheadCopyOut copy = new ReadAheadCopyOut(tenMessages());
        assertThat(copy.readAheadWhile(() -> true, 250)).as("whole messages until the limit is reached").isEqualTo(300);
        assertThat(copy.isActive()).isTrue();
        assertThat(readAll(copy)).isEqualTo(BYTES);
        assertThat(copy.isActive()).isFalse();
    }

    @Test
    void stopsWhenToldAndWhenTheCopyEnds() throws SQLException {
        AtomicInteger asked = new AtomicInteger();
        ReadAheadCopyOut copy = new ReadAheadCopyOut(tenMessages());
        assertThat(copy.readAheadWhile(() -> asked.incrementAndGet() <= 2, Long.MAX_VALUE)).isEqualTo(200);
        assertThat(copy.readAheadWhile(() -> true, Long.MAX_VALUE)).as("to the end").isEqualTo(1000);
        assertThat(copy.readFromCopy()).hasSize(100);
        assertThat(readAll(copy)).hasSize(900);
        assertThat(copy.readFromCopy()).as("ended").isNull();
    }
}
