package org.geocsp.core.model;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file so that the target is either the old or the complete new file, never partial. */
public final class AtomicFiles {

    /** Writes the body to an output stream. */
    public interface Body {
        void writeTo(OutputStream os) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes to a temporary file next to {@code target}, forces it to disk, then moves it over
     * the target (atomically where the file system can). On any failure the temporary file is
     * deleted and the target is untouched.
     */
    public static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        // createFile, not createTempFile: the result gets the usual permissions (umask), not owner-only
        Path tmp = createUnique(dir, "." + abs.getFileName() + ".");
        boolean done = false;
        try {
            try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
                    OutputStream os = new BufferedOutputStream(fos, 1 << 16)) {
                body.writeTo(os);
                os.flush();
                fos.getChannel().force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static Path createUnique(Path dir, String prefix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = (dir == null ? Path.of("") : dir).resolve(prefix + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            try {
                return Files.createFile(p);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
}
