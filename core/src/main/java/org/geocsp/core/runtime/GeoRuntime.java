package org.geocsp.core.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.geocsp.djl.DjlEngine;
import org.geocsp.djl.EngineOptions;

/**
 * The one entry point to DJL's PyTorch engine for GeoCSP code. Every DJL use goes through here
 * (directly, via {@link #manager(Device)}, or inside {@link #withContextClassLoader(Supplier)}).
 *
 * <p>It delegates to {@link DjlEngine} in the bundle {@code org.geocsp.djl}, which holds DJL and to
 * which the native fragments attach. DJL looks its engine and native libraries up through the
 * thread context class loader and caches a failed lookup for the life of the JVM; inside OSGi
 * (KNIME) the context class loader must therefore be the DJL bundle's loader (not this bundle's,
 * which does not see DJL's {@code META-INF/services} or the fragment's
 * {@code native/lib/pytorch.properties}). On a plain class path both are the application loader.
 */
public final class GeoRuntime {

    private GeoRuntime() {}

    /** Starts the engine with {@link EngineOptions#defaults()} if it is not running yet. */
    public static Engine engine() {
        return DjlEngine.engine();
    }

    /**
     * Starts the engine with these options, once per JVM. A second call with equal options (or the
     * defaults; the device counts only as GPU wanted or not) returns the running engine; with other
     * options it throws, naming both. The device text is checked first ({@link DeviceChoice#parse}).
     *
     * @throws IllegalStateException when the engine already runs with other options
     * @throws IllegalArgumentException when the libtorch folder holds no libtorch
     * @throws org.geocsp.core.io.InvalidInputException when the device is not auto, cpu or gpuN
     */
    public static synchronized Engine start(EngineOptions options) {
        Objects.requireNonNull(options, "options");
        return DjlEngine.start(options.withDevice(deviceChoice(options).toString()));
    }

    /** The device of the options, parsed. */
    public static DeviceChoice deviceChoice(EngineOptions options) {
        return DeviceChoice.parse(options.device());
    }

    /** True once the engine has been started in this JVM. */
    public static boolean isStarted() {
        return DjlEngine.isStarted();
    }

    /** The options the engine was started with (device in canonical form), or null. */
    public static EngineOptions startedOptions() {
        return DjlEngine.startedOptions();
    }

    /**
     * The folder DJL really unpacks to: the cache folder setting unless the environment variable
     * {@code ENGINE_CACHE_DIR} or {@code DJL_CACHE_DIR} is set, which wins.
     */
    public static Path cacheDir() {
        return DjlEngine.effectiveCacheDir();
    }

    /** Where the running engine's PyTorch libraries came from, in words (null before the start). */
    public static String nativeSource() {
        return DjlEngine.nativeSource();
    }

    /** A new base manager on the given device, with the engine started first. */
    public static NDManager manager(Device device) {
        Engine e = engine();
        return DjlEngine.get(() -> e.newBaseManager(device));
    }

    /**
     * Resolves a device choice against the running engine. {@code auto} picks GPU 0 when the engine
     * reports a usable GPU, else the CPU.
     *
     * @throws IllegalStateException when a GPU is requested and none (or not that one) is usable,
     *     naming the two ways to make one usable
     */
    public static Device resolveDevice(DeviceChoice choice) {
        Engine e = engine();
        int gpus = e.getGpuCount();
        return switch (choice.kind()) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu(0) : Device.cpu();
            case GPU -> {
                if (choice.gpuIndex() >= gpus) {
                    throw new IllegalStateException("GPU " + choice.gpuIndex() + " was requested but the PyTorch "
                            + "engine reports " + gpus + " usable GPU(s); its libraries are the " + nativeSource()
                            + ". The bundled PyTorch libraries are CPU-only. To use a GPU (an NVIDIA driver is needed),"
                            + " either (1) set the libtorch folder setting, or the environment variable"
                            + " PYTORCH_LIBRARY_PATH, to the lib folder of a CUDA build of libtorch "
                            + DjlEngine.PYTORCH_VERSION + " (cu128), or (2) run once with offline mode off on a machine"
                            + " that is online, so that DJL downloads its CUDA libraries into the cache folder "
                            + cacheDir() + ". Both take effect after a restart of the application.");
                }
                yield Device.gpu(choice.gpuIndex());
            }
        };
    }

    /**
     * Runs {@code body} with the DJL bundle's class loader as the thread context class loader; wrap
     * every DJL call that may look up a service or a resource (model building, managers, training).
     */
    public static <T> T withContextClassLoader(Supplier<T> body) {
        return DjlEngine.get(body);
    }

    /** Like {@link #withContextClassLoader(Supplier)} for bodies that throw checked exceptions. */
    public static <T> T callWithContextClassLoader(Callable<T> body) throws Exception {
        return DjlEngine.call(body);
    }
}
