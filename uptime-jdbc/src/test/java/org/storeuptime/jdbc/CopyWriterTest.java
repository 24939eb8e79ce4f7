package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The binary COPY writer, byte by byte, read back by a plain {@link DataInputStream} following the format's
 * documentation (not by the writer's own code): header, tuples, field lengths, UTF-8 text, the trailer.
 */
class CopyWriterTest {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    /** Reads the header and returns the stream positioned at the first tuple. */
    private static DataInputStream afterHeader(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        byte[] signature = new byte[SIGNATURE.length];
        in.readFully(signature);
        assertThat(signature).isEqualTo(SIGNATURE);
        assertThat(in.readInt()).as("flags").isZero();
        assertThat(in.readInt()).as("header extension").isZero();
        return in;
    }

    private static byte[] field(DataInputStream in) throws IOException {
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        return value;
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "plain-ascii", "caf\u00e9 \u00fcber \u00df", "\u5e97\u8217 \u6771\u4eac \u20ac",
            "\ud83c\udfea \ud83d\ude00 \ud800\udc00 \udbff\udfff", "mixed a\u00e9\u20ac\ud83c\udfea z",
            "\u007f\u0080\u07ff\u0800\uffff", "\ud7ff\ue000"})
    void textIsUtf8WithItsByteLength(String text) throws Exception {
        CopyStreams.Collecting copy = new CopyStreams.Collecting();
        CopyWriter out = new CopyWriter(copy);
        out.row(1).text(text);
        out.endRow();
        out.finish();

        DataInputStream in = afterHeader(copy.bytes.toByteArray());
        assertThat(in.readShort()).isEqualTo((short) 1);
        byte[] value = field(in);
        assertThat(value).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(in.readShort()).as("trailer").isEqualTo((short) -1);
        assertThat(in.available()).isZero();
        assertThat(copy.isActive()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\udc00", "ab\ud83c", "\udfea\ud83c", "x\ud83cy"})
    void anUnpairedSurrogateIsRefusedAndWritesNothingOfTheField(String text) throws Exception {
        CopyStreams.Collecting copy = new CopyStreams.Collecting();
        CopyWriter out = new CopyWriter(copy);
        out.row(2).text("before");
        assertThatThrownBy(() -> out.text(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
        out.text("after");
        out.finish();

        DataInputStream in = afterHeader(copy.bytes.toByteArray());
        assertThat(in.readShort()).isEqualTo((short) 2);
        assertThat(new String(field(in), StandardCharsets.UTF_8)).isEqualTo("before");
        assertThat(new String(field(in), StandardCharsets.UTF_8)).isEqualTo("after");
        assertThat(in.readShort()).isEqualTo((short) -1);
    }

    @Test
    void numbersTimestampsTimesAndBooleansAreBigEndianInPostgresUnits() throws Exception {
        CopyStreams.Collecting copy = new CopyStreams.Collecting();
        CopyWriter out = new CopyWriter(copy);
        Instant instant = Instant.parse("2023-01-22T12:09:39.388884Z");
        long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        out.row(7).int8(-2L).int2(6).bool(true).bool(false).timestamp(micros).time(LocalTime.of(9, 30, 0, 500_000_000))
                .time(LocalTime.MAX);
        out.endRow();
        out.finish();

        DataInputStream in = afterHeader(copy.bytes.toByteArray());
        assertThat(in.readShort()).isEqualTo((short) 7);
        assertThat(in.readInt()).isEqualTo(8);
        assertThat(in.readLong()).isEqualTo(-2L);
        assertThat(in.readInt()).isEqualTo(2);
        assertThat(in.readShort()).isEqualTo((short) 6);
        assertThat(in.readInt()).isEqualTo(1);
        assertThat(in.readByte()).isEqualTo((byte) 1);
        assertThat(in.readInt()).isEqualTo(1);
        assertThat(in.readByte()).isEqualTo((byte) 0);
        assertThat(in.readInt()).isEqualTo(8);
        // microseconds since 2000-01-01T00:00:00Z
        assertThat(in.readLong()).isEqualTo(micros - 946_684_800_000_000L);
        assertThat(in.readInt()).isEqualTo(8);
        assertThat(in.readLong()).isEqualTo((9 * 3600 + 30 * 60) * 1_000_000L + 500_000);
        assertThat(in.readInt()).isEqualTo(8);
        assertThat(in.readLong()).as("24:00:00").isEqualTo(86_400_000_000L);
        assertThat(in.readShort()).isEqualTo((short) -1);
    }

    @Test
    void manyRowsGoOutInSeveralWritesThatJoinToTheWholeStream() throws Exception {
        CopyStreams.Collecting copy = new CopyStreams.Collecting();
        CopyWriter out = new CopyWriter(copy);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            String id = "st\u00f6re-\u5e97-\ud83c\udfea-" + i;
            ids.add(id);
            out.row(2).text(id).int8(i);
            out.endRow();
        }
        out.finish();

        assertThat(copy.writes).as("the buffer is sent whenever it is nearly full").hasSizeGreaterThan(2)
                .allMatch(size -> size <= 1 << 20);
        DataInputStream in = afterHeader(copy.bytes.toByteArray());
        for (int i = 0; i < ids.size(); i++) {
            assertThat(in.readShort()).isEqualTo((short) 2);
            assertThat(new String(field(in), StandardCharsets.UTF_8)).isEqualTo(ids.get(i));
            assertThat(in.readInt()).isEqualTo(8);
            assertThat(in.readLong()).isEqualTo(i);
        }
        assertThat(in.readShort()).isEqualTo((short) -1);
        assertThat(in.available()).isZero();
    }

    @Test
    void aFieldLargerThanTheBufferGrowsIt() throws Exception {
        CopyStreams.Collecting copy = new CopyStreams.Collecting();
        CopyWriter out = new CopyWriter(copy);
        String big = "\u20ac".repeat(500_000); // 1.5 MB of UTF-8
        out.row(1).text(big);
        out.endRow();
        out.finish();

        DataInputStream in = afterHeader(copy.bytes.toByteArray());
        in.readShort();
        assertThat(new String(field(in), StandardCharsets.UTF_8)).isEqualTo(big);
    }

    @Test
    void cancelAbandonsTheCopy() throws SQLException {
        CopyStreams.Collecting copy = new CopyStreams.Collecting();
        CopyWriter out = new CopyWriter(copy);
        out.row(1).text("x");
        out.cancel();
        assertThat(copy.cancelled).isTrue();
        assertThat(copy.isActive()).isFalse();
        out.cancel(); // twice is harmless
    }
}
