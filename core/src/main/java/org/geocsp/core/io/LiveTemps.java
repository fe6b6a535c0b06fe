package org.geocsp.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files of {@link AtomicFiles} being written right now. A JVM shutdown hook
 * (Ctrl-C, SIGTERM, {@code System.exit}) deletes the ones still listed, so an interrupted run
 * leaves no temporary file behind; the target is then absent or the old file. SIGKILL runs no
 * hook: a hidden {@code .NAME.<random>.tmp} may remain, which no later run reads or reuses.
 */
public final class LiveTemps {

    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    /** Guards creating a listed file against the hook: no file is created once it has run. */
    private static final Object LOCK = new Object();
    private static volatile boolean hooked;
    private static boolean closing;

    private LiveTemps() {}

    /**
     * Creates the empty file {@code tmp} and lists it, or refuses once the JVM is shutting down
     * (other threads keep running while the hook runs: a file created after it would remain).
     */
    static Path create(Path tmp) throws IOException {
        hookOnce();
        synchronized (LOCK) {
            if (closing) {
                throw new OutputFileException("not writing " + tmp.getFileName() + ": the program is stopping");
            }
            Path created = Files.createFile(tmp);
            LIVE.add(tmp.toAbsolutePath());
            return created;
        }
    }

    static void forget(Path tmp) {
        LIVE.remove(tmp.toAbsolutePath());
    }

    /** The temporary files being written now (for tests and diagnostics). */
    public static Set<Path> live() {
        return Set.copyOf(LIVE);
    }

    private static void hookOnce() {
        if (hooked) {
            return;
        }
        synchronized (LiveTemps.class) {
            if (hooked) {
                return;
            }
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(LiveTemps::shutdown, "geocsp-delete-temporary-files"));
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the caller's finally block deletes its file
            }
            hooked = true;
        }
    }

    /** The shutdown hook: no temporary file is created from now on, and the listed ones are deleted. */
    static void shutdown() {
        synchronized (LOCK) {
            closing = true;
        }
        deleteAll();
    }

    /** Allows creating files again after {@link #shutdown()} (tests run it without exiting). */
    static void reopenForTests() {
        synchronized (LOCK) {
            closing = false;
        }
    }

    /** Deletes every listed temporary file. */
    static void deleteAll() {
        for (Path p : LIVE) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // nothing more can be done while the JVM exits
            }
        }
        LIVE.clear();
    }
}
