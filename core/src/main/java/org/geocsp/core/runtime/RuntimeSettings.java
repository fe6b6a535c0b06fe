package org.geocsp.core.runtime;

import java.nio.file.Path;

/**
 * How the PyTorch engine is started. Applied once per JVM, by the first
 * {@link GeoRuntime#start(RuntimeSettings)}; later calls with different settings are refused
 * with a message, because DJL caches the engine for the life of the JVM.
 *
 * @param cacheDir where DJL unpacks the PyTorch libraries; {@code null} = DJL's default
 *     ({@code DJL_CACHE_DIR}, else {@code ~/.djl.ai})
 * @param offline no network access by DJL (default true; the natives ship in a jar)
 * @param intraOpThreads PyTorch intra-op threads; 0 = PyTorch's default (one per core)
 * @param interOpThreads PyTorch inter-op threads; 0 = PyTorch's default
 * @param libtorchDir a folder holding a user-supplied libtorch 2.7.1 (for CUDA), or
 *     {@code null}; the environment variable {@code PYTORCH_LIBRARY_PATH} is the alternative
 */
public record RuntimeSettings(Path cacheDir, boolean offline, int intraOpThreads, int interOpThreads,
        Path libtorchDir) {

    public RuntimeSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be 0 (default) or more");
        }
    }

    /** Defaults: DJL's cache folder, offline, PyTorch's thread defaults, bundled CPU natives. */
    public static RuntimeSettings defaults() {
        return new RuntimeSettings(null, true, 0, 0, null);
    }

    public RuntimeSettings withCacheDir(Path dir) {
        return new RuntimeSettings(dir, offline, intraOpThreads, interOpThreads, libtorchDir);
    }

    public RuntimeSettings withOffline(boolean value) {
        return new RuntimeSettings(cacheDir, value, intraOpThreads, interOpThreads, libtorchDir);
    }

    public RuntimeSettings withThreads(int intraOp, int interOp) {
        return new RuntimeSettings(cacheDir, offline, intraOp, interOp, libtorchDir);
    }

    public RuntimeSettings withLibtorchDir(Path dir) {
        return new RuntimeSettings(cacheDir, offline, intraOpThreads, interOpThreads, dir);
    }
}
