package org.storeuptime.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storeuptime.core.UptimeException;

/**
 * The binary COPY reader on streams written here by a plain {@link DataOutputStream} and cut into messages
 * at every possible place, so that every header, count, length and value is split across buffers somewhere.
 */
class BinaryCopyReaderTest {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final List<String> IDS = List.of("a", "caf\u00e9", "\u5e97\u8217\u6771\u4eac",
            "\ud83c\udfea-\ud83d\ude00", "", "\u00e9".repeat(127) + "x");

    /** Tuples of (text, int8, bool) for {@link #IDS}, one NULL text, and a header extension of 5 bytes. */
    private static byte[] stream() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SIGNATURE);
        out.writeInt(0);
        out.writeInt(5);
        out.write(new byte[] {1, 2, 3, 4, 5});
        for (int i = 0; i < IDS.size(); i++) {
            byte[] text = IDS.get(i).getBytes(StandardCharsets.UTF_8);
            out.writeShort(3);
            out.writeInt(text.length);
            out.write(text);
            out.writeInt(8);
            out.writeLong(Long.MIN_VALUE + i);
            out.writeInt(1);
            out.writeByte(i % 2);
        }
        out.writeShort(3);
        out.writeInt(-1);
        out.writeInt(8);
        out.writeLong(42);
        out.writeInt(1);
        out.writeByte(1);
        out.writeShort(-1);
        return bytes.toByteArray();
    }

    private static List<String> readAll(BinaryCopyReader reader) throws SQLException {
        List<String> tuples = new ArrayList<>();
        int fields;
        while ((fields = reader.nextTuple()) != -1) {
            assertThat(fields).isEqualTo(3);
            int length = reader.nextField();
            String text = length < 0 ? "NULL"
                    : new String(reader.field(), reader.fieldStart(), reader.fieldLength(), StandardCharsets.UTF_8);
            assertThat(reader.nextField()).isEqualTo(8);
            long number = reader.fieldLong();
            assertThat(reader.nextField()).isEqualTo(1);
            tuples.add(text + "|" + number + "|" + reader.fieldBoolean());
        }
        assertThat(reader.atEnd()).isTrue();
        return tuples;
    }

    private static List<String> expected() {
        List<String> tuples = new ArrayList<>();
        for (int i = 0; i < IDS.size(); i++) {
            tuples.add(IDS.get(i) + "|" + (Long.MIN_VALUE + i) + "|" + (i % 2 == 1));
        }
        tuples.add("NULL|42|true");
        return tuples;
    }

    @Test
    void readsTheWholeStreamInOneMessage() throws Exception {
        assertThat(readAll(new BinaryCopyReader(new CopyStreams.Chunked(stream())))).isEqualTo(expected());
    }

    @Test
    void readsTheStreamCutInTwoAtEveryByte() throws Exception {
        byte[] bytes = stream();
        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(readAll(new BinaryCopyReader(new CopyStreams.Chunked(bytes, cut)))).as("cut at %d", cut)
                    .isEqualTo(expected());
        }
    }

    @ParameterizedTest(name = "{0}-byte messages")
    @ValueSource(ints = {1, 2, 3, 5, 7, 13})
    void readsTheStreamInSmallMessages(int size) throws Exception {
        byte[] bytes = stream();
        int[] cuts = IntStream.iterate(size, c -> c < bytes.length, c -> c + size).toArray();
        assertThat(readAll(new BinaryCopyReader(new CopyStreams.Chunked(bytes, cuts)))).isEqualTo(expected());
    }

    @Test
    void aFieldLargerThanTheJoiningBufferIsStitchedTogether() throws Exception {
        String big = "\ud83c\udfea".repeat(10_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SIGNATURE);
        out.writeLong(0);
        byte[] text = big.getBytes(StandardCharsets.UTF_8);
        out.writeShort(1);
        out.writeInt(text.length);
        out.write(text);
        out.writeShort(-1);
        byte[] all = bytes.toByteArray();
        int[] cuts = IntStream.iterate(1000, c -> c < all.length, c -> c + 1000).toArray();

        BinaryCopyReader reader = new BinaryCopyReader(new CopyStreams.Chunked(all, cuts));
        assertThat(reader.nextTuple()).isEqualTo(1);
        assertThat(reader.nextField()).isEqualTo(text.length);
        assertThat(new String(reader.field(), reader.fieldStart(), reader.fieldLength(), StandardCharsets.UTF_8))
                .isEqualTo(big);
        assertThat(reader.nextTuple()).isEqualTo(-1);
        assertThat(reader.atEnd()).isTrue();
    }

    @Test
    void readsAnInt2SplitAcrossMessagesAndRefusesOtherWidths() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SIGNATURE);
        out.writeLong(0);
        out.writeShort(2);
        out.writeInt(2);
        out.writeShort(-2);
        out.writeInt(8);
        out.writeLong(6);
        out.writeShort(-1);
        byte[] all = bytes.toByteArray();

        // cut between the int2's two bytes
        BinaryCopyReader reader = new BinaryCopyReader(new CopyStreams.Chunked(all, SIGNATURE.length + 8 + 2 + 4 + 1));
        assertThat(reader.nextTuple()).isEqualTo(2);
        assertThat(reader.nextField()).isEqualTo(2);
        assertThat(reader.fieldShort()).isEqualTo((short) -2);
        assertThat(reader.nextField()).isEqualTo(8);
        assertThatThrownBy(reader::fieldShort).isInstanceOf(UptimeException.class)
                .hasMessage("binary COPY from the database: expected a 2-byte field, got 8");
        assertThat(reader.nextTuple()).isEqualTo(-1);
    }

    @Test
    void aStreamWithoutTheSignatureIsRefused() {
        byte[] bytes = "COPY text\n".repeat(3).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new BinaryCopyReader(new CopyStreams.Chunked(bytes)))
                .isInstanceOf(UptimeException.class)
                .hasMessage("binary COPY from the database is malformed: no binary COPY signature");
    }

    @Test
    void aStreamThatEndsInsideATupleIsRefused() throws Exception {
        byte[] bytes = stream();
        // the header, its 5-byte extension, the field count and half of the first field's length
        byte[] cutShort = java.util.Arrays.copyOf(bytes, 19 + 5 + 2 + 2);
        BinaryCopyReader reader = new BinaryCopyReader(new CopyStreams.Chunked(cutShort, 20));
        assertThat(reader.nextTuple()).isEqualTo(3);
        assertThatThrownBy(reader::nextField)
                .isInstanceOf(UptimeException.class)
                .hasMessage("binary COPY from the database is malformed: the stream ended inside a tuple");
    }

    @Test
    void aNegativeFieldLengthIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SIGNATURE);
        out.writeLong(0);
        out.writeShort(1);
        out.writeInt(-2);
        BinaryCopyReader reader = new BinaryCopyReader(new CopyStreams.Chunked(bytes.toByteArray()));
        reader.nextTuple();
        assertThatThrownBy(reader::nextField).hasMessage("binary COPY from the database is malformed: field length -2");
    }
    /** One tuple: a text array, an int2 array and an empty array, as array_send writes them. */
    private static byte[] arrays() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SIGNATURE);
        out.writeInt(0);
        out.writeInt(0);
        out.writeShort(3);
        List<byte[]> texts = IDS.stream().map(id -> id.getBytes(StandardCharsets.UTF_8)).toList();
        int textLength = 20 + texts.stream().mapToInt(t -> 4 + t.length).sum();
        out.writeInt(textLength);
        out.writeInt(1);
        out.writeInt(0);
        out.writeInt(25); // text
        out.writeInt(texts.size());
        out.writeInt(1);
        for (byte[] text : texts) {
            out.writeInt(text.length);
            out.write(text);
        }
        out.writeInt(20 + 2 * 6);
        out.writeInt(1);
        out.writeInt(0);
        out.writeInt(21); // int2
        out.writeInt(2);
        out.writeInt(1);
        out.writeInt(2);
        out.writeShort(6);
        out.writeInt(2);
        out.writeShort(-2);
        out.writeInt(12);
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(21);
        out.writeShort(-1);
        return bytes.toByteArray();
    }

    @Test
    void readsOneDimensionalArraysWhereverTheMessagesAreCut() throws SQLException, IOException {
        byte[] all = arrays();
        for (int cut = 1; cut < all.length; cut++) {
            BinaryCopyReader reader = new BinaryCopyReader(new CopyStreams.Chunked(all, cut));
            assertThat(reader.nextTuple()).isEqualTo(3);
            reader.nextField();
            List<String> texts = new ArrayList<>();
            int count = reader.startArray();
            for (int i = 0; i < count; i++) {
                reader.nextElement();
                texts.add(reader.fieldText());
            }
            assertThat(texts).as("cut at %d", cut).isEqualTo(IDS);
            reader.nextField();
            assertThat(reader.startArray()).isEqualTo(2);
            reader.nextElement();
            assertThat(reader.fieldShort()).isEqualTo((short) 6);
            reader.nextElement();
            assertThat(reader.fieldShort()).isEqualTo((short) -2);
            assertThatThrownBy(reader::nextElement).isInstanceOf(UptimeException.class)
                    .hasMessageContaining("no array element left");
            reader.nextField();
            assertThat(reader.startArray()).isZero();
            assertThat(reader.nextTuple()).isEqualTo(-1);
            assertThat(reader.atEnd()).isTrue();
        }
    }

    @Test
    void anArrayWithANullOrOfTwoDimensionsIsMalformed() throws SQLException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SIGNATURE);
        out.writeInt(0);
        out.writeInt(0);
        out.writeShort(2);
        out.writeInt(24); // one NULL element
        out.writeInt(1);
        out.writeInt(1);
        out.writeInt(21);
        out.writeInt(1);
        out.writeInt(1);
        out.writeInt(-1);
        out.writeInt(28); // two dimensions
        out.writeInt(2);
        out.writeInt(0);
        out.writeInt(21);
        out.writeInt(1);
        out.writeInt(1);
        out.writeInt(1);
        out.writeInt(1);
        out.writeShort(-1);
        BinaryCopyReader reader = new BinaryCopyReader(new CopyStreams.Chunked(bytes.toByteArray()));
        reader.nextTuple();
        reader.nextField();
        assertThat(reader.startArray()).isEqualTo(1);
        assertThatThrownBy(reader::nextElement).isInstanceOf(UptimeException.class)
                .hasMessageContaining("a NULL array element");
        reader.nextField();
        assertThatThrownBy(reader::startArray).isInstanceOf(UptimeException.class)
                .hasMessageContaining("an array of 2 dimensions");
    }
}
