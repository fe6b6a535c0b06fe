package org.geocsp.core.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The one entry point that starts DJL's PyTorch engine. Every DJL use in GeoCSP goes through
 * here (directly, or via {@link #manager(Device)}), so that the engine is always found:
 * DJL looks its engine up through the thread context class loader and caches a failed lookup
 * for the life of the JVM, which inside OSGi (KNIME) means the context class loader must be
 * this bundle's while the engine starts.
 */
public final class GeoRuntime {

    private static RuntimeSettings started;
    private static Engine engine;

    private GeoRuntime() {}

    /** Starts the engine with {@link RuntimeSettings#defaults()} if it is not running yet. */
    public static Engine engine() {
        synchronized (GeoRuntime.class) {
            if (engine != null) {
                return engine;
            }
        }
        return start(RuntimeSettings.defaults());
    }

    /**
     * Starts the engine with these settings, once per JVM. A second call with equal settings
     * returns the running engine; with other settings it returns the running engine only if the
     * new settings would not change anything that already took effect, else it throws.
     */
    public static synchronized Engine start(RuntimeSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (engine != null) {
            if (!settings.equals(started) && !settings.equals(RuntimeSettings.defaults())) {
                throw new IllegalStateException("The PyTorch engine already runs with " + started
                        + "; it cannot be restarted with " + settings + " in the same JVM."
                        + " Restart the application to change these settings.");
            }
            return engine;
        }
        applySystemProperties(settings);
        engine = withContextClassLoader(() -> {
            Engine e = Engine.getEngine("PyTorch");
            // Touch the native library now so that a broken install fails here, with context.
            try (NDManager m = e.newBaseManager()) {
                m.zeros(new ai.djl.ndarray.types.Shape(1)).sum();
            }
            return e;
        });
        started = settings;
        return engine;
    }

    /** True once the engine has been started in this JVM. */
    public static synchronized boolean isStarted() {
        return engine != null;
    }

    /** The settings the engine was started with, or null. */
    public static synchronized RuntimeSettings startedSettings() {
        return started;
    }

    /** A new base manager on the given device, with the engine started first. */
    public static NDManager manager(Device device) {
        Engine e = engine();
        return withContextClassLoader(() -> e.newBaseManager(device));
    }

    /**
     * Resolves a device choice against the running engine. {@code auto} picks GPU 0 when the
     * engine reports a GPU, else the CPU.
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
                            + "engine reports " + gpus + " usable GPU(s) (engine flavour: "
                            + System.getProperty("PYTORCH_FLAVOR", System.getenv().getOrDefault("PYTORCH_FLAVOR", "cpu"))
                            + "). The bundled PyTorch libraries are CPU-only. To use a GPU, either point the libtorch "
                            + "folder setting (environment variable PYTORCH_LIBRARY_PATH, with PYTORCH_VERSION=2.7.1 and "
                            + "PYTORCH_FLAVOR=cu128) at a CUDA build of libtorch 2.7.1, or run once online with "
                            + "offline mode off so that DJL downloads the CUDA libraries; an NVIDIA driver is needed.");
                }
                yield Device.gpu(choice.gpuIndex());
            }
        };
    }

    /** Runs {@code body} with this library's class loader as the thread context class loader. */
    public static <T> T withContextClassLoader(Supplier<T> body) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(GeoRuntime.class.getClassLoader());
        try {
            return body.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** Like {@link #withContextClassLoader(Supplier)} for bodies that throw checked exceptions. */
    public static <T> T callWithContextClassLoader(Callable<T> body) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(GeoRuntime.class.getClassLoader());
        try {
            return body.call();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static void applySystemProperties(RuntimeSettings s) {
        if (s.offline()) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (s.cacheDir() != null) {
            System.setProperty("DJL_CACHE_DIR", s.cacheDir().toAbsolutePath().toString());
            System.setProperty("ENGINE_CACHE_DIR", s.cacheDir().toAbsolutePath().toString());
        }
        if (s.intraOpThreads() > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(s.intraOpThreads()));
        }
        if (s.interOpThreads() > 0) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(s.interOpThreads()));
        }
        if (s.libtorchDir() != null) {
            System.setProperty("PYTORCH_LIBRARY_PATH", s.libtorchDir().toAbsolutePath().toString());
            System.setProperty("PYTORCH_VERSION", "2.7.1");
        }
    }
}
