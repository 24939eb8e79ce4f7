package org.storeuptime.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A print stream that keeps the first write error instead of only setting a flag, so that "cannot write the
 * report to standard out: No space left on device" can name the cause. After an error it writes nothing more
 * (a closed pipe or a full disk stays so), and {@link #checkError()} is true as for any print stream.
 */
final class CheckedPrintStream extends PrintStream {

    private IOException failure;

    CheckedPrintStream(OutputStream out) {
        super(out, false, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (failure == null) {
            try {
                out.write(b);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) {
        if (failure == null) {
            try {
                out.write(buf, off, len);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    @Override
    public synchronized void flush() {
        if (failure == null) {
            try {
                out.flush();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    /** The first write error, if any. */
    synchronized Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    private void fail(IOException e) {
        failure = e;
        setError();
    }
}
