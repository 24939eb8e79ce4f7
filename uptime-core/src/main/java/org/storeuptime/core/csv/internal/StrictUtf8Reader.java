package org.storeuptime.core.csv.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Decodes UTF-8 strictly and, on a bad byte sequence, says on which line it is.
 *
 * <p>An {@link java.io.InputStreamReader} decodes thousands of bytes ahead of the CSV parser, so the parser's
 * line number at the moment of the error is far before the bad bytes (bad bytes on line 50,001 were
 * named as 49,418). This reader counts the line breaks it has decoded itself, so the line it names is the
 * physical line holding the bad bytes: one more than the {@code \n} before them.
 */
final class StrictUtf8Reader extends Reader {

    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private boolean endOfInput;
    private boolean flushed;
    private long lineBreaks;

    StrictUtf8Reader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /** Thrown for bytes that are not UTF-8; {@link #line()} is the 1-based line they are on. */
    static final class BadUtf8Exception extends CharacterCodingException {
        private static final long serialVersionUID = 1L;
        private final long line;
        private final String bytes;

        BadUtf8Exception(long line, String bytes) {
            this.line = line;
            this.bytes = bytes;
        }

        long line() {
            return line;
        }

        /** The offending bytes in hex, like {@code 0xC3 0x28}. */
        String bytes() {
            return bytes;
        }

        @Override
        public String getMessage() {
            return "line " + line + ": invalid UTF-8 bytes " + bytes;
        }
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (out.position() == offset) {
            if (flushed) {
                return -1;
            }
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                throw badBytes(target, offset, out.position(), result.length());
            }
            if (result.isOverflow()) {
                break;
            }
            if (endOfInput) {
                if (decoder.flush(out).isOverflow()) {
                    break;
                }
                flushed = true;
            } else {
                fill();
            }
        }
        int produced = out.position() - offset;
        countLineBreaks(target, offset, out.position());
        return produced == 0 ? -1 : produced;
    }

    private void fill() throws IOException {
        bytes.compact();
        try {
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + n);
            }
        } finally {
            bytes.flip();
        }
    }

    private BadUtf8Exception badBytes(char[] decoded, int from, int to, int badLength) {
        countLineBreaks(decoded, from, to);
        HexFormat hex = HexFormat.ofDelimiter(" ").withPrefix("0x").withUpperCase();
        byte[] bad = new byte[badLength];
        bytes.get(bytes.position(), bad);
        return new BadUtf8Exception(lineBreaks + 1, hex.formatHex(bad));
    }

    private void countLineBreaks(char[] chars, int from, int to) {
        long count = 0;
        for (int i = from; i < to; i++) {
            if (chars[i] == '\n') {
                count++;
            }
        }
        lineBreaks += count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
