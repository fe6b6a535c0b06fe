package org.geocsp.core.io;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/**
 * The one way GeoCSP writes an output file (models, CSV tables, PNGs, checkpoints, JSON): the
 * target is either absent/the old file or the complete new file, never partial or mixed.
 *
 * <ul>
 *   <li>The bytes go to a new hidden temporary file beside the target, {@code .NAME.<random>.tmp},
 *       created exclusively, so two writers of the same target never share a temporary file and an
 *       unrelated {@code NAME.part} (or any other file) is never touched.
 *   <li>The temporary file gets the usual permissions (mode 0666 minus the umask), not owner-only.
 *   <li>It is forced to disk, then renamed over the target (atomically where the file system
 *       can): the rename is the only visible change. With two concurrent writers the last
 *       rename wins and the target is one writer's complete output.
 *   <li>On any failure the temporary file is deleted and the target is untouched; on Ctrl-C or
 *       SIGTERM a shutdown hook deletes every temporary file still being written
 *       ({@link LiveTemps}). After SIGKILL a hidden {@code .NAME.*.tmp} file may remain; it
 *       disturbs nothing (each run uses a new name) and may be deleted.
 *   <li>A missing parent folder is created (the output-folder policy of every command).
 * </ul>
 */
public final class AtomicFiles {

    /** Writes the content to an output stream (closing that stream is allowed and harmless). */
    public interface Body {
        void writeTo(OutputStream os) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {}

    /**
     * Writes {@code body} to {@code target} atomically (see the class comment).
     *
     * @throws OutputFileException if the output cannot be written (full disk, read-only folder,
     *     ...), naming the target, never the temporary file; exceptions of {@code body} that are
     *     not about the output (e.g. a bad input row) propagate unchanged
     */
    public static void write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new OutputFileException(abs + " is a directory, not a file");
        }
        Path dir = abs.getParent();
        createFolder(dir, abs);
        Path tmp = createTemp(dir, abs, TEMP_SUFFIX);
        boolean done = false;
        try {
            try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
                    TargetStream os = new TargetStream(new BufferedOutputStream(fos, 1 << 16), abs)) {
                body.writeTo(os);
                os.flush();
                try {
                    fos.getChannel().force(true);
                } catch (IOException e) {
                    throw cannotWrite(abs, e);
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof OutputFileException o) {
                    throw o;
                }
                throw e;
            }
            try {
                try {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw cannotWrite(abs, e);
            }
            done = true;
        } finally {
            LiveTemps.forget(tmp);
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure matters more; the hidden temp name disturbs no later run
                }
            }
        }
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, os -> os.write(bytes));
    }

    /** Writes {@code text} as UTF-8 to {@code target} atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** True if {@code name} is the name of one of this class's temporary files for {@code target}. */
    public static boolean isTempFor(Path target, Path name) {
        String n = name.getFileName().toString();
        String prefix = "." + target.getFileName() + ".";
        return n.startsWith(prefix) && n.endsWith(TEMP_SUFFIX) && n.length() > prefix.length() + TEMP_SUFFIX.length();
    }

    /**
     * Checks that a file can be created in {@code folder} by creating and deleting a temporary
     * file there (the only reliable test: permissions, read-only mounts, /proc).
     */
    static void probe(Path folder, Path target) throws IOException {
        Path tmp = createTemp(folder, target, ".probe");
        LiveTemps.forget(tmp);
        Files.deleteIfExists(tmp);
    }

    static void createFolder(Path dir, Path target) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new OutputFileException("cannot create the folder of " + target + ": " + e.getFile()
                    + " exists and is not a folder", e);
        } catch (IOException e) {
            throw new OutputFileException("cannot create the folder " + dir + " for " + target + ": " + reason(e), e);
        }
    }

    /** A new, empty, hidden temporary file beside {@code target}, registered for deletion on exit. */
    private static Path createTemp(Path dir, Path target, String suffix) throws IOException {
        Path folder = dir == null ? Path.of("") : dir;
        for (int attempt = 0;; attempt++) {
            Path p = folder.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + suffix);
            try {
                // createFile, not createTempFile: the result gets the usual permissions (umask), not owner-only
                return LiveTemps.create(p);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw new OutputFileException("cannot create a temporary file beside " + target, e);
                }
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
        }
    }

    static OutputFileException cannotWrite(Path target, IOException e) {
        if (e instanceof OutputFileException o) {
            return o;
        }
        return new OutputFileException("cannot write " + target + ": " + reason(e), e);
    }

    /**
     * The reason of an I/O failure in words, without the temporary file's name (the JDK puts the
     * path into AccessDeniedException and friends).
     */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof java.nio.file.FileSystemException fse) {
            String r = fse.getReason();
            return r != null ? lower(r) : e.getClass().getSimpleName();
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // FileOutputStream messages look like "/path/.x.123.tmp (Read-only file system)"
        int open = m.lastIndexOf(" (");
        if (open > 0 && m.endsWith(")") && m.substring(0, open).endsWith(TEMP_SUFFIX)) {
            return lower(m.substring(open + 2, m.length() - 1));
        }
        return lower(m);
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * The stream handed to a {@link Body}: failures to write turn into {@link OutputFileException}
     * naming the target; close only flushes (the writer forces and renames afterwards).
     */
    private static final class TargetStream extends FilterOutputStream {
        private final Path target;

        TargetStream(OutputStream out, Path target) {
            super(out);
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
