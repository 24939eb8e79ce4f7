package org.storeuptime.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyOut;
import org.storeuptime.core.DatabaseException;

/**
 * Reads the output of {@code COPY ... TO STDOUT (FORMAT binary)} tuple by tuple, without an object per field.
 *
 * <p>PostgreSQL sends one message per tuple, but the format does not promise that, so the reader treats the
 * messages as one byte stream: a tuple split across messages is stitched together in a reused buffer. See
 * <a href="https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4">the binary format</a>.
 */
final class BinaryCopyReader {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private final CopyOut copy;
    private byte[] chunk = new byte[0];
    private int position;
    /** Bytes of the field read last, and where in them it starts: {@link #fieldStart()}, {@link #fieldLength()}. */
    private byte[] field;
    private int fieldStart;
    private int fieldLength;
    private byte[] joined = new byte[256];
    /** The array being read by {@link #nextElement()}: its bytes, the next element's position, its end. */
    private byte[] array;
    private int arrayPosition;
    private int arrayEnd;
    private int elementsLeft;

    BinaryCopyReader(CopyOut copy) throws SQLException {
        this.copy = copy;
        byte[] header = bytes(SIGNATURE.length + 8);
        int start = fieldStart;
        if (!Arrays.equals(header, start, start + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw malformed("no binary COPY signature");
        }
        int extension = readInt(header, start + SIGNATURE.length + 4);
        if (extension < 0) {
            throw malformed("negative header extension length");
        }
        bytes(extension);
    }

    /**
     * Starts the next tuple.
     *
     * @return its number of fields, or -1 after the last tuple
     */
    int nextTuple() throws SQLException {
        byte[] b = bytes(2);
        int fields = (short) ((b[fieldStart] & 0xff) << 8 | b[fieldStart + 1] & 0xff);
        if (fields < -1) {
            throw malformed("field count " + fields);
        }
        return fields;
    }

    /**
     * Reads the next field of the current tuple; its bytes are then {@link #field()} from {@link #fieldStart()}
     * for {@link #fieldLength()} bytes, valid until the next call.
     *
     * @return its length, or -1 for NULL
     */
    int nextField() throws SQLException {
        byte[] b = bytes(4);
        int length = readInt(b, fieldStart);
        if (length < -1) {
            throw malformed("field length " + length);
        }
        if (length > 0) {
            bytes(length);
        } else {
            fieldLength = 0;
        }
        return length;
    }

    byte[] field() {
        return field;
    }

    int fieldStart() {
        return fieldStart;
    }

    int fieldLength() {
        return fieldLength;
    }

    /** The current field as a big-endian 64-bit integer (an int8 or a timestamp). */
    long fieldLong() {
        if (fieldLength != 8) {
            throw new DatabaseException("binary COPY from the database: expected an 8-byte field, got " + fieldLength);
        }
        return (long) readInt(field, fieldStart) << 32 | readInt(field, fieldStart + 4) & 0xffff_ffffL;
    }

    /** The current field as a big-endian 16-bit integer (an int2). */
    short fieldShort() {
        if (fieldLength != 2) {
            throw new DatabaseException("binary COPY from the database: expected a 2-byte field, got " + fieldLength);
        }
        return (short) ((field[fieldStart] & 0xff) << 8 | field[fieldStart + 1] & 0xff);
    }

    /** The current field as a boolean. */
    boolean fieldBoolean() {
        if (fieldLength != 1) {
            throw new DatabaseException("binary COPY from the database: expected a 1-byte boolean, got " + fieldLength);
        }
        return field[fieldStart] != 0;
    }

    /**
     * Starts reading the current field as a one-dimensional array without NULL elements (as {@code array_agg} of a
     * NOT NULL column gives); {@link #nextElement()} then steps through its elements. See
     * <a href="https://github.com/postgres/postgres/blob/REL_15_STABLE/src/backend/utils/adt/arrayfuncs.c">array_send</a>:
     * dimensions, a NULL flag, the element type, per dimension its size and lower bound, then each element as a
     * length and its bytes.
     *
     * @return the number of elements
     */
    int startArray() {
        if (fieldLength < 12) {
            throw malformed("an array field of " + fieldLength + " bytes");
        }
        byte[] b = field;
        int at = fieldStart;
        int dimensions = readInt(b, at);
        if (dimensions == 0) {
            elementsLeft = 0;
            return 0;
        }
        if (dimensions != 1 || fieldLength < 20) {
            throw malformed("an array of " + dimensions + " dimensions where one was expected");
        }
        int size = readInt(b, at + 12);
        if (size < 0) {
            throw malformed("an array of " + size + " elements");
        }
        array = b;
        arrayPosition = at + 20;
        arrayEnd = at + fieldLength;
        elementsLeft = size;
        return size;
    }

    /**
     * Moves to the next element of the array started by {@link #startArray()}: its bytes become {@link #field()}
     * from {@link #fieldStart()} for {@link #fieldLength()} bytes, read with the same methods as a field.
     */
    void nextElement() {
        if (elementsLeft <= 0) {
            throw malformed("no array element left");
        }
        if (arrayEnd - arrayPosition < 4) {
            throw malformed("an array element beyond the field's end");
        }
        int length = readInt(array, arrayPosition);
        if (length < 0 || arrayEnd - arrayPosition - 4 < length) {
            throw malformed(length < 0 ? "a NULL array element" : "an array element beyond the field's end");
        }
        field = array;
        fieldStart = arrayPosition + 4;
        fieldLength = length;
        arrayPosition += 4 + length;
        elementsLeft--;
    }

    /** The current field or element as UTF-8 text. */
    String fieldText() {
        return new String(field, fieldStart, fieldLength, StandardCharsets.UTF_8);
    }

    /** Whether the stream has ended: true once the server has nothing more after the trailer. */
    boolean atEnd() throws SQLException {
        while (position == chunk.length) {
            byte[] next = copy.readFromCopy();
            if (next == null) {
                return true;
            }
            chunk = next;
            position = 0;
        }
        return false;
    }

    /** Makes the next {@code count} bytes available as {@link #field} from {@link #fieldStart}. */
    private byte[] bytes(int count) throws SQLException {
        if (chunk.length - position >= count) {
            field = chunk;
            fieldStart = position;
            fieldLength = count;
            position += count;
            return chunk;
        }
        if (joined.length < count) {
            joined = new byte[Math.max(count, joined.length * 2)];
        }
        int have = 0;
        while (have < count) {
            if (position == chunk.length) {
                byte[] next = copy.readFromCopy();
                if (next == null) {
                    throw malformed("the stream ended inside a tuple");
                }
                chunk = next;
                position = 0;
            }
            int take = Math.min(count - have, chunk.length - position);
            System.arraycopy(chunk, position, joined, have, take);
            position += take;
            have += take;
        }
        field = joined;
        fieldStart = 0;
        fieldLength = count;
        return joined;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    private static DatabaseException malformed(String what) {
        return new DatabaseException("binary COPY from the database is malformed: " + what);
    }
}
