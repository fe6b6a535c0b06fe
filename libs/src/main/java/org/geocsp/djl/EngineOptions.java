package org.geocsp.djl;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How the PyTorch engine is started: the one engine-options record of GeoCSP (core's
 * {@code GeoRuntime}, the CLI, Spark and the KNIME preferences all build this). Applied once per
 * JVM by the first start; a later start with other options is refused with a message, because DJL
 * keeps the engine for the life of the JVM. Only JDK types, so that any bundle can build one.
 *
 * @param cacheDir folder where DJL unpacks the PyTorch libraries, or {@code null} for DJL's default
 *     ({@code ~/.djl.ai}); the environment variables {@code ENGINE_CACHE_DIR} and {@code DJL_CACHE_DIR}
 *     win over this setting when they are set (DJL reads them first)
 * @param offline true: DJL opens no network connection (the environment variable {@code DJL_OFFLINE} wins)
 * @param intraOpThreads PyTorch intra-op threads, 0 = PyTorch's default (one per core)
 * @param interOpThreads PyTorch inter-op threads, 0 = PyTorch's default
 * @param libtorchDir folder holding a libtorch 2.7.1 build (for CUDA), or {@code null}; when null the
 *     environment variable {@code PYTORCH_LIBRARY_PATH} is used if set
 * @param device the device the application means to use, as text ({@code auto}, {@code cpu},
 *     {@code gpuN}; parsed and checked by core's {@code DeviceChoice}); {@code cpu} always loads the
 *     bundled CPU libraries, the others load CUDA libraries when they can be had. Null or blank: auto
 */
public record EngineOptions(Path cacheDir, boolean offline, int intraOpThreads, int interOpThreads, Path libtorchDir,
        String device) {

    /** The device text of "a GPU if one is usable, else the CPU". */
    public static final String AUTO = "auto";
    /** The device text of the CPU. */
    public static final String CPU = "cpu";

    public EngineOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be 0 (PyTorch's default) or more, got "
                    + intraOpThreads + " and " + interOpThreads);
        }
        cacheDir = cacheDir == null ? null : cacheDir.toAbsolutePath().normalize();
        libtorchDir = libtorchDir == null ? null : libtorchDir.toAbsolutePath().normalize();
        device = device == null || device.isBlank() ? AUTO : device.strip().toLowerCase(Locale.ROOT);
    }

    /** Offline, DJL's cache folder, PyTorch's thread defaults, bundled libraries, device auto. */
    public static EngineOptions defaults() {
        return new EngineOptions(null, true, 0, 0, null, AUTO);
    }

    /** True when the caller would use a GPU if one can be had (any device but {@code cpu}). */
    public boolean wantGpu() {
        return !device.equals(CPU);
    }

    /**
     * These options as far as they decide how the engine starts: the device reduced to whether a
     * GPU is wanted ({@code auto} or {@code cpu}), since {@code gpu0} and {@code gpu1} start the
     * same engine.
     */
    public EngineOptions forEngine() {
        return withDevice(wantGpu() ? AUTO : CPU);
    }

    public EngineOptions withCacheDir(Path dir) {
        return new EngineOptions(dir, offline, intraOpThreads, interOpThreads, libtorchDir, device);
    }

    public EngineOptions withOffline(boolean value) {
        return new EngineOptions(cacheDir, value, intraOpThreads, interOpThreads, libtorchDir, device);
    }

    public EngineOptions withThreads(int intraOp, int interOp) {
        return new EngineOptions(cacheDir, offline, intraOp, interOp, libtorchDir, device);
    }

    public EngineOptions withLibtorchDir(Path dir) {
        return new EngineOptions(cacheDir, offline, intraOpThreads, interOpThreads, dir, device);
    }

    public EngineOptions withDevice(String d) {
        return new EngineOptions(cacheDir, offline, intraOpThreads, interOpThreads, libtorchDir, d);
    }
}
