package org.geocsp.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The one way to start DJL's PyTorch engine, in the bundle that holds DJL.
 *
 * <p>DJL finds its engine ({@code META-INF/services}) and its native libraries
 * ({@code native/lib/pytorch.properties} of the native fragment, {@code jnilib/} of pytorch-jni)
 * through the thread context class loader, and remembers a failed engine lookup for the life of the
 * JVM. Inside OSGi (KNIME) the context class loader of a worker thread is not this bundle's, so every
 * DJL call that may load something runs through {@link #call(Callable)} / {@link #get(Supplier)},
 * which switch it to this bundle's loader (which also sees the native fragment). On a plain class
 * path that loader is the application loader and the switch changes nothing.
 *
 * <p>The engine starts once per JVM: native libraries cannot be unloaded or loaded twice. Its state
 * lives here rather than in the callers, so a caller bundle that is stopped, restarted or refreshed
 * finds the running engine again.
 */
public final class DjlEngine {

    /** The PyTorch version DJL 0.36 is built for; a libtorch folder must hold this version. */
    public static final String PYTORCH_VERSION = "2.7.1";

    private static final String NATIVE_PROPERTIES = "native/lib/pytorch.properties";
    private static final System.Logger LOG = System.getLogger(DjlEngine.class.getName());

    private static Engine engine;
    private static EngineOptions started;
    private static String nativeSource;

    private DjlEngine() {}

    /** The running engine, started with {@link EngineOptions#defaults()} if none runs yet. */
    public static synchronized Engine engine() {
        return engine != null ? engine : start(EngineOptions.defaults());
    }

    /**
     * Starts the engine with these options, once per JVM. A later call with the same options, or with
     * {@link EngineOptions#defaults()}, returns the running engine; with other options it throws,
     * because thread counts, cache folder and native libraries cannot change in a running JVM.
     *
     * @throws IllegalStateException naming both option sets when the engine already runs differently
     * @throws IllegalArgumentException when the libtorch folder setting does not hold libtorch
     */
    public static synchronized Engine start(EngineOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.libtorchDir() != null) {
            checkLibtorchDir(options.libtorchDir());
        }
        if (engine != null) {
            if (!options.forEngine().equals(started.forEngine())
                    && !options.forEngine().equals(EngineOptions.defaults())) {
                throw new IllegalStateException("The PyTorch engine already runs with " + started
                        + "; it cannot be restarted with " + options + " in the same JVM."
                        + " Restart the application to change these settings.");
            }
            return engine;
        }
        applySystemProperties(options);
        ClassLoader loader = chooseNatives(options);
        engine = withContextClassLoader(loader, () -> {
            if (!Engine.hasEngine("PyTorch")) {
                // Engine's static initialiser already ran under a context class loader that sees no DJL.
                throw new IllegalStateException("DJL was first used before its engine was started through"
                        + " GeoRuntime/DjlEngine, from a thread whose context class loader does not see DJL, so DJL"
                        + " found no engine and keeps that result for the life of the JVM. Start the engine through"
                        + " GeoRuntime before any other DJL call (never Engine.getInstance() or Device.fromName()"
                        + " directly), then restart the application.");
            }
            Engine e = Engine.getEngine("PyTorch");
            // Load the native libraries now, so that a broken install fails here, with context.
            try (NDManager m = e.newBaseManager()) {
                m.zeros(new Shape(1)).sum();
            }
            return e;
        });
        started = options;
        return engine;
    }

    /** True once the engine runs in this JVM. */
    public static synchronized boolean isStarted() {
        return engine != null;
    }

    /** The options the engine was started with, or null. */
    public static synchronized EngineOptions startedOptions() {
        return started;
    }

    /** Where the running engine's PyTorch libraries came from, in words; null before the start. */
    public static synchronized String nativeSource() {
        return nativeSource;
    }

    /**
     * The folder DJL actually uses as its cache: the option, unless the environment variable
     * {@code ENGINE_CACHE_DIR} or {@code DJL_CACHE_DIR} is set, which wins.
     */
    public static Path effectiveCacheDir() {
        return Utils.getEngineCacheDir();
    }

    /** The class loader that sees DJL and the native fragment: use it as context class loader. */
    public static ClassLoader classLoader() {
        return DjlEngine.class.getClassLoader();
    }

    /** Runs {@code body} with {@link #classLoader()} as the thread context class loader. */
    public static <T> T get(Supplier<T> body) {
        return withContextClassLoader(classLoader(), body);
    }

    /** Like {@link #get(Supplier)} for bodies that throw checked exceptions. */
    public static <T> T call(Callable<T> body) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(classLoader());
        try {
            return body.call();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static <T> T withContextClassLoader(ClassLoader loader, Supplier<T> body) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return body.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static void applySystemProperties(EngineOptions o) {
        System.setProperty("ai.djl.offline", Boolean.toString(o.offline()));
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (o.cacheDir() != null) {
            String dir = o.cacheDir().toString();
            System.setProperty("DJL_CACHE_DIR", dir);
            // DJL reads ENGINE_CACHE_DIR before DJL_CACHE_DIR, each from the environment before the system
            // properties. Leaving the property unset when DJL_CACHE_DIR is in the environment makes the rule
            // simple: either environment variable, when set, wins over the setting.
            if (System.getenv("DJL_CACHE_DIR") == null) {
                System.setProperty("ENGINE_CACHE_DIR", dir);
            }
            String env = firstEnv("ENGINE_CACHE_DIR", "DJL_CACHE_DIR");
            if (env != null && !Path.of(env).toAbsolutePath().normalize().equals(o.cacheDir())) {
                LOG.log(System.Logger.Level.WARNING, "The cache folder setting {0} is overridden by the environment"
                        + " variable ENGINE_CACHE_DIR/DJL_CACHE_DIR = {1}", dir, env);
            }
        }
        if (o.intraOpThreads() > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(o.intraOpThreads()));
        }
        if (o.interOpThreads() > 0) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(o.interOpThreads()));
        }
    }

    /**
     * Picks the PyTorch libraries, in this order: a libtorch folder (setting, else the environment
     * variable PYTORCH_LIBRARY_PATH); for a GPU wish with a CUDA device, DJL's CUDA build in the cache
     * or, when online, DJL's one-time download of it; else the bundled CPU libraries.
     *
     * @return the context class loader to start the engine with
     */
    private static ClassLoader chooseNatives(EngineOptions o) {
        Path libtorch = o.libtorchDir();
        String envLibtorch = System.getenv("PYTORCH_LIBRARY_PATH");
        if (libtorch == null && envLibtorch != null && !envLibtorch.isBlank()) {
            libtorch = Path.of(envLibtorch);
        }
        if (libtorch != null) {
            checkLibtorchDir(libtorch);
            System.setProperty("PYTORCH_LIBRARY_PATH", libtorch.toString());
            System.setProperty("PYTORCH_VERSION", PYTORCH_VERSION);
            // DJL would otherwise guess a "-precxx11" flavour, for which pytorch-jni has no library.
            boolean cuda = Files.exists(libtorch.resolve(System.mapLibraryName("torch_cuda")));
            System.setProperty("PYTORCH_FLAVOR", cuda ? "cu128" : "cpu");
            nativeSource = "libtorch folder " + libtorch + (cuda ? " (CUDA)" : " (CPU)");
            return classLoader();
        }
        if (o.wantGpu() && (hasCachedCudaBuild() || !Utils.isOfflineMode()) && CudaUtils.getGpuCount() > 0) {
            // Hide the bundled CPU build so that DJL takes its download path: it reuses a CUDA build
            // already in the cache folder, or (online) downloads one there once.
            nativeSource = "DJL's CUDA build in " + effectiveCacheDir().resolve("pytorch");
            return new HidingLoader(classLoader());
        }
        nativeSource = "bundled CPU libraries, unpacked to " + effectiveCacheDir().resolve("pytorch");
        return classLoader();
    }

    private static void checkLibtorchDir(Path libtorch) {
        if (!Files.isRegularFile(libtorch.resolve(System.mapLibraryName("torch")))) {
            throw new IllegalArgumentException("The libtorch folder " + libtorch + " holds no "
                    + System.mapLibraryName("torch") + ": point the libtorch folder setting (or the environment"
                    + " variable PYTORCH_LIBRARY_PATH) at the lib folder of a libtorch " + PYTORCH_VERSION
                    + " build, or clear it to use the bundled CPU libraries.");
        }
    }

    private static boolean hasCachedCudaBuild() {
        Path dir = effectiveCacheDir().resolve("pytorch");
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(PYTORCH_VERSION)
                    && p.getFileName().toString().contains("-cu")
                    && Files.isRegularFile(p.resolve(System.mapLibraryName("torch"))));
        } catch (IOException e) {
            return false;
        }
    }

    private static String firstEnv(String... names) {
        for (String n : names) {
            String v = System.getenv(n);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    /** Delegates everything except the bundled CPU build's marker file. */
    private static final class HidingLoader extends ClassLoader {
        HidingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        public URL getResource(String name) {
            return NATIVE_PROPERTIES.equals(name) ? null : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return NATIVE_PROPERTIES.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
        }
    }
}
