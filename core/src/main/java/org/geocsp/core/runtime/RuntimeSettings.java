package org.geocsp.core.runtime;

import java.nio.file.Path;

/**
 * How the PyTorch engine is started. Applied once per JVM, by the first
 * {@link GeoRuntime#start(RuntimeSettings)}; later calls with different settings are refused
 * with a message, because DJL caches the engine for the life of the JVM.
 *
 * @param cacheDir where DJL unpacks the PyTorch libraries; {@code null} = DJL's default
 *     ({@code ~/.djl.ai}). The environment variables {@code ENGINE_CACHE_DIR} and
 *     {@code DJL_CACHE_DIR} win over this setting when set
 * @param offline no network access by DJL (default true; the natives ship in a fragment/jar)
 * @param intraOpThreads PyTorch intra-op threads; 0 = PyTorch's default (one per core)
 * @param interOpThreads PyTorch inter-op threads; 0 = PyTorch's default
 * @param libtorchDir a folder holding a user-supplied libtorch 2.7.1 (for CUDA), or
 *     {@code null}; the environment variable {@code PYTORCH_LIBRARY_PATH} is the alternative
 * @param device the device the application means to use: {@code cpu} always loads the bundled CPU
 *     libraries; {@code auto} and {@code gpuN} load CUDA libraries when they can be had (libtorch
 *     folder, or DJL's cached or downloaded CUDA build with a visible GPU)
 */
public record RuntimeSettings(Path cacheDir, boolean offline, int intraOpThreads, int interOpThreads,
        Path libtorchDir, DeviceChoice device) {

    public RuntimeSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be 0 (default) or more");
        }
        cacheDir = cacheDir == null ? null : cacheDir.toAbsolutePath().normalize();
        libtorchDir = libtorchDir == null ? null : libtorchDir.toAbsolutePath().normalize();
        device = device == null ? DeviceChoice.AUTO : device;
    }

    /** Settings with device {@code auto}. */
    public RuntimeSettings(Path cacheDir, boolean offline, int intraOpThreads, int interOpThreads, Path libtorchDir) {
        this(cacheDir, offline, intraOpThreads, interOpThreads, libtorchDir, DeviceChoice.AUTO);
    }

    /** Defaults: DJL's cache folder, offline, PyTorch's thread defaults, bundled CPU natives, device auto. */
    public static RuntimeSettings defaults() {
        return new RuntimeSettings(null, true, 0, 0, null, DeviceChoice.AUTO);
    }

    public RuntimeSettings withCacheDir(Path dir) {
        return new RuntimeSettings(dir, offline, intraOpThreads, interOpThreads, libtorchDir, device);
    }

    public RuntimeSettings withOffline(boolean value) {
        return new RuntimeSettings(cacheDir, value, intraOpThreads, interOpThreads, libtorchDir, device);
    }

    public RuntimeSettings withThreads(int intraOp, int interOp) {
        return new RuntimeSettings(cacheDir, offline, intraOp, interOp, libtorchDir, device);
    }

    public RuntimeSettings withLibtorchDir(Path dir) {
        return new RuntimeSettings(cacheDir, offline, intraOpThreads, interOpThreads, dir, device);
    }

    public RuntimeSettings withDevice(DeviceChoice choice) {
        return new RuntimeSettings(cacheDir, offline, intraOpThreads, interOpThreads, libtorchDir, choice);
    }
}
