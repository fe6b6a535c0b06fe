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
    private static volatile boolean hooked;

    private LiveTemps() {}

    static void register(Path tmp) {
        hookOnce();
        LIVE.add(tmp.toAbsolutePath());
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
                Runtime.getRuntime().addShutdownHook(new Thread(LiveTemps::deleteAll, "geocsp-delete-temporary-files"));
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the caller's finally block deletes its file
            }
            hooked = true;
        }
    }

    /** Deletes every listed temporary file (the shutdown hook). */
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
