package org.geocsp.osgitest;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts an Equinox framework with the GeoCSP bundles and calls into them the way a KNIME node
 * does: from a worker thread whose context class loader is not a bundle's (here the application
 * loader, which holds no DJL). Also runnable as a program ({@link #main}) for the warm start in a
 * second JVM; it then prints {@code key=value} lines.
 */
final class EquinoxHarness implements AutoCloseable {

    static final String CORE = "org.geocsp.core";
    static final String LIBS = "org.geocsp.djl";
    static final String NATIVES = "org.geocsp.djl.natives.linux.x86_64";

    final Framework framework;
    final Map<String, Bundle> bundles = new HashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "knime-like-worker");
        t.setContextClassLoader(ClassLoader.getSystemClassLoader());
        return t;
    });

    EquinoxHarness(Path storage, Path bundlesDir) throws BundleException, IOException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // slf4j-api 2 requires an OSGi service-loader mediator (SPI Fly) at resolve time. KNIME has its own
        // logging set-up; here the system bundle declares the two capabilities so that slf4j resolves (it then
        // finds no provider and logs nothing).
        config.put(Constants.FRAMEWORK_SYSTEMCAPABILITIES_EXTRA,
                "osgi.extender;osgi.extender=\"osgi.serviceloader.processor\";version:Version=\"1.0\","
                        + "osgi.serviceloader;osgi.serviceloader=\"org.slf4j.spi.SLF4JServiceProvider\"");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        framework = factory.newFramework(config);
        framework.start();
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> jars = Files.list(bundlesDir)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList())) {
                Bundle b = framework.getBundleContext().installBundle(jar.toUri().toString());
                bundles.put(b.getSymbolicName(), b);
                installed.add(b);
            }
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
    }

    Bundle bundle(String symbolicName) {
        Bundle b = bundles.get(symbolicName);
        if (b == null) {
            throw new IllegalStateException("bundle " + symbolicName + " is not installed; have " + bundles.keySet());
        }
        return b;
    }

    /** Runs {@code body} on the worker thread (context class loader = application loader). */
    <T> T onWorker(Callable<T> body) throws Exception {
        Future<T> f = worker.submit(body);
        try {
            return f.get(10, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** Calls a public static method of a class in a bundle, unwrapping reflection's exception wrapper. */
    static Object invokeStatic(Bundle b, String className, String method, Class<?>[] types, Object... args)
            throws Exception {
        Class<?> c = b.loadClass(className);
        try {
            return c.getMethod(method, types).invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /** {@code EngineOptions.defaults().withCacheDir(cache).withThreads(1, 1)}, as the core bundle sees the class. */
    Object settings(Path cache, int intraOp, int interOp) throws Exception {
        Class<?> rs = bundle(CORE).loadClass("org.geocsp.djl.EngineOptions");
        Object s = rs.getMethod("defaults").invoke(null);
        s = rs.getMethod("withCacheDir", Path.class).invoke(s, cache);
        return rs.getMethod("withThreads", int.class, int.class).invoke(s, intraOp, interOp);
    }

    /** {@code GeoRuntime.start(options)}: returns the engine object. */
    Object startEngine(Object settings) throws Exception {
        Class<?> rs = bundle(CORE).loadClass("org.geocsp.djl.EngineOptions");
        return invokeStatic(bundle(CORE), "org.geocsp.core.runtime.GeoRuntime", "start", new Class<?>[] {rs}, settings);
    }

    Object geoRuntime(String method) throws Exception {
        return invokeStatic(bundle(CORE), "org.geocsp.core.runtime.GeoRuntime", method, new Class<?>[0]);
    }

    double[] selfTest(int steps, long seed) throws Exception {
        return (double[]) invokeStatic(bundle(CORE), "org.geocsp.core.train.SelfTest", "pretrainLosses",
                new Class<?>[] {int.class, long.class}, steps, seed);
    }

    @Override
    public void close() throws BundleException {
        worker.shutdownNow();
        framework.stop();
        try {
            framework.waitForStop(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Second-JVM entry: {@code EquinoxHarness <bundlesDir> <storage> <cacheDir>}; starts the engine on
     * the worker thread, runs 8 self-test steps and prints timings and losses.
     */
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try (EquinoxHarness h = new EquinoxHarness(Path.of(args[1]), Path.of(args[0]))) {
            long t1 = System.nanoTime();
            h.onWorker(() -> h.startEngine(h.settings(Path.of(args[2]), 1, 1)));
            long t2 = System.nanoTime();
            double[] losses = h.onWorker(() -> h.selfTest(8, 3));
            System.out.println("framework_ms=" + (t1 - t0) / 1_000_000);
            System.out.println("engine_start_ms=" + (t2 - t1) / 1_000_000);
            System.out.println("cache_dir=" + h.onWorker(() -> h.geoRuntime("cacheDir")));
            System.out.println("losses=" + Arrays.stream(losses).mapToObj(Double::toString).collect(Collectors.joining(",")));
        }
    }
}
