package org.storeuptime.core.csv;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that it appears whole or not at all: into a temporary file next to it, then renamed over
 * it. Readers never see a half-written report, and a failed write leaves the old file (if any) untouched.
 *
 * <p>The temporary file is created like any new file (so the umask applies, not owner-only permissions), and
 * when the target exists its POSIX permissions are kept.
 */
final class AtomicFile {

    /** Writes the content of a file. */
    @FunctionalInterface
    interface Content {
        /** Writes everything to {@code out}; the stream is closed by the caller. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** How many random temporary names are tried before giving up. */
    private static final int MAX_NAME_ATTEMPTS = 10;

    private AtomicFile() {
    }

    /**
     * Writes {@code file} whole, replacing it if it exists.
     *
     * @throws IOException when writing or renaming fails; the target is then unchanged
     */
    static void write(Path file, Content content) throws IOException {
        Objects.requireNonNull(content, "content");
        Path target = file.toAbsolutePath();
        Path temp = null;
        OutputStream opened = null;
        // A random name, created only if new (so never another's file, nor a link): a name taken is tried again.
        // Not UUID.randomUUID(), whose SecureRandom took a command-line report 5 ms to start.
        for (int attempt = 1; opened == null; attempt++) {
            temp = target.resolveSibling("." + target.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                opened = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt == MAX_NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
        try {
            try (OutputStream out = new BufferedOutputStream(opened, 1 << 16)) {
                content.writeTo(out);
            }
            keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView existing = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (existing != null && Files.exists(target)) {
            Files.setPosixFilePermissions(temp, existing.readAttributes().permissions());
        }
    }
}
