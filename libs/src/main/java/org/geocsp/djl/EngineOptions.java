package org.geocsp.djl;

import java.nio.file.Path;

/**
 * How {@link DjlEngine} starts PyTorch. Only JDK types, so that any bundle can build one.
 *
 * @param cacheDir folder where DJL unpacks the PyTorch libraries, or {@code null} for DJL's default
 *     ({@code ~/.djl.ai}); the environment variables {@code ENGINE_CACHE_DIR} and {@code DJL_CACHE_DIR}
 *     win over this setting when they are set (DJL reads them first)
 * @param offline true: DJL opens no network connection (the environment variable {@code DJL_OFFLINE} wins)
 * @param intraOpThreads PyTorch intra-op threads, 0 = PyTorch's default
 * @param interOpThreads PyTorch inter-op threads, 0 = PyTorch's default
 * @param libtorchDir folder holding a libtorch 2.7.1 build (for CUDA), or {@code null}; when null the
 *     environment variable {@code PYTORCH_LIBRARY_PATH} is used if set
 * @param wantGpu true when the caller would use a GPU if one can be had (device auto or gpuN); false
 *     for device cpu, which always uses the bundled CPU libraries
 */
public record EngineOptions(Path cacheDir, boolean offline, int intraOpThreads, int interOpThreads, Path libtorchDir,
        boolean wantGpu) {

    public EngineOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be 0 (PyTorch's default) or more, got "
                    + intraOpThreads + " and " + interOpThreads);
        }
        cacheDir = cacheDir == null ? null : cacheDir.toAbsolutePath().normalize();
        libtorchDir = libtorchDir == null ? null : libtorchDir.toAbsolutePath().normalize();
    }

    /** Offline, DJL's cache folder, PyTorch's thread defaults, bundled libraries, GPU if usable. */
    public static EngineOptions defaults() {
        return new EngineOptions(null, true, 0, 0, null, true);
    }
}
