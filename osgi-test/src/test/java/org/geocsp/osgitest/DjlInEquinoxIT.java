package org.geocsp.osgitest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.framework.namespace.PackageNamespace;

/**
 * DJL + PyTorch inside a real Equinox framework, called as KNIME calls: from a thread whose context
 * class loader is not a bundle's. The steps share one framework and one JVM (the native libraries
 * load once per JVM), so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DjlInEquinoxIT {

    @TempDir
    static Path tmp;

    static Path bundlesDir;
    static Path cache;
    static EquinoxHarness osgi;
    static Object firstEngine;

    @BeforeAll
    static void startFramework() throws Exception {
        bundlesDir = Path.of(System.getProperty("geocsp.bundles.dir", "target/bundles"));
        cache = tmp.resolve("djl-cache");
        osgi = new EquinoxHarness(tmp.resolve("osgi-storage"), bundlesDir);
    }

    @AfterAll
    static void stopFramework() throws Exception {
        if (osgi != null) {
            osgi.close();
        }
    }

    @Test
    @Order(1)
    void bundlesResolveAndTheNativeFragmentAttachesToTheLibsBundle() throws Exception {
        for (String name : List.of(EquinoxHarness.CORE, EquinoxHarness.LIBS)) {
            assertEquals(Bundle.ACTIVE, osgi.bundle(name).getState(), name + " is not active");
        }
        Bundle libs = osgi.bundle(EquinoxHarness.LIBS);
        List<String> fragments = new ArrayList<>();
        for (BundleWire w : libs.adapt(BundleWiring.class).getProvidedWires(HostNamespace.HOST_NAMESPACE)) {
            fragments.add(w.getRequirer().getSymbolicName());
        }
        assertEquals(List.of(EquinoxHarness.NATIVES), fragments);
        // core gets DJL from the libs bundle, not from a copy of its own.
        Map<String, String> providers = new HashMap<>();
        for (BundleWire w : osgi.bundle(EquinoxHarness.CORE).adapt(BundleWiring.class)
                .getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            providers.put(String.valueOf(w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)),
                    w.getProvider().getSymbolicName());
        }
        assertEquals(EquinoxHarness.LIBS, providers.get("ai.djl.engine"));
        assertEquals(EquinoxHarness.LIBS, providers.get("org.geocsp.djl"));
        // The worker thread's context class loader really cannot see DJL (the KNIME situation).
        assertThrows(ClassNotFoundException.class, () -> osgi.onWorker(() ->
                Class.forName("ai.djl.engine.Engine", false, Thread.currentThread().getContextClassLoader())));
    }

    @Test
    @Order(2)
    void nativeLibrariesAreCarriedOnlyByTheFragment() throws IOException {
        Map<String, Long> sizes = new HashMap<>();
        try (Stream<Path> jars = Files.list(bundlesDir)) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                sizes.put(jar.getFileName().toString(), Files.size(jar));
                try (ZipFile z = new ZipFile(jar.toFile())) {
                    boolean hasNatives = z.getEntry("native/lib/pytorch.properties") != null
                            || z.stream().anyMatch(e -> e.getName().endsWith("libtorch_cpu.so"));
                    assertEquals(jar.getFileName().toString().startsWith("geocsp-djl-natives-"), hasNatives,
                            jar.getFileName().toString());
                }
            }
        }
        sizes.forEach((k, v) -> System.out.printf("[size] %-55s %,12d bytes%n", k, v));
    }

    @Test
    @Order(3)
    void firstStartFromAForeignContextLoaderTrainsAndUnpacksIntoTheChosenCacheFolder() throws Exception {
        assertTrue(Files.notExists(cache));
        long t0 = System.nanoTime();
        firstEngine = osgi.onWorker(() -> osgi.startEngine(osgi.settings(cache, 1, 1)));
        long firstStartMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[time] first start (empty cache, unpacks the CPU libraries): " + firstStartMs + " ms");

        assertEquals(cache, osgi.onWorker(() -> osgi.geoRuntime("cacheDir")));
        assertTrue(String.valueOf(osgi.onWorker(() -> osgi.geoRuntime("nativeSource"))).startsWith("bundled CPU"));
        assertTrue(Files.isRegularFile(libtorch()), "no libtorch in the cache folder " + cache);
        try (Stream<Path> s = Files.list(libtorch().getParent())) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().endsWith("libdjl_torch.so")), "JNI library not unpacked");
        }

        double[] losses = osgi.onWorker(() -> osgi.selfTest(8, 1));
        System.out.println("[loss] inside Equinox: " + Arrays.toString(losses));
        assertFallingLoss(losses);
        // The context class loader was switched only for the calls and restored afterwards.
        assertSame(ClassLoader.getSystemClassLoader(),
                osgi.onWorker(() -> Thread.currentThread().getContextClassLoader()));
    }

    @Test
    @Order(4)
    void secondStartInTheSameFrameworkReusesTheRunningEngine() throws Exception {
        long libtorchModified = Files.getLastModifiedTime(libtorch()).toMillis();
        // (a) a second start call returns the running engine.
        assertSame(firstEngine, osgi.onWorker(() -> osgi.startEngine(osgi.settings(cache, 1, 1))));

        // (b) stop and start the libs and core bundles (their class loaders survive): engine still there.
        Bundle core = osgi.bundle(EquinoxHarness.CORE);
        Bundle libs = osgi.bundle(EquinoxHarness.LIBS);
        core.stop();
        libs.stop();
        libs.start();
        core.start();
        long t0 = System.nanoTime();
        assertSame(firstEngine, osgi.onWorker(() -> osgi.startEngine(osgi.settings(cache, 1, 1))));
        System.out.println("[time] start after bundle restart: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertFallingLoss(osgi.onWorker(() -> osgi.selfTest(6, 2)));

        // (c) refresh core: a new class loader, fresh statics in core; the engine lives on in the libs bundle.
        Class<?> oldRuntime = core.loadClass("org.geocsp.core.runtime.GeoRuntime");
        refresh(core);
        assertEquals(Bundle.ACTIVE, core.getState());
        assertNotSame(oldRuntime, core.loadClass("org.geocsp.core.runtime.GeoRuntime"));
        assertSame(firstEngine, osgi.onWorker(() -> osgi.startEngine(osgi.settings(cache, 1, 1))));
        assertFallingLoss(osgi.onWorker(() -> osgi.selfTest(6, 3)));
        // Settings that cannot take effect any more are refused with a message, not silently ignored.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> osgi.onWorker(() -> osgi.startEngine(osgi.settings(cache, 2, 1))));
        assertTrue(e.getMessage().contains("already runs"), e.getMessage());

        assertEquals(libtorchModified, Files.getLastModifiedTime(libtorch()).toMillis(), "libraries were unpacked again");
    }

    @Test
    @Order(5)
    void warmStartInANewJvmReusesTheCacheFolder() throws Exception {
        long libtorchModified = Files.getLastModifiedTime(libtorch()).toMillis();
        String cp = codeSource(org.osgi.framework.launch.Framework.class) + java.io.File.pathSeparator
                + codeSource(EquinoxHarness.class);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx1g", "-cp", cp, EquinoxHarness.class.getName(),
                bundlesDir.toString(), tmp.resolve("osgi-storage-2").toString(), cache.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        Map<String, String> out = new HashMap<>();
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                all.append(line).append('\n');
                int eq = line.indexOf('=');
                if (eq > 0 && !line.contains(" ")) {
                    out.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), all.toString());
        System.out.println("[time] warm start in a new JVM (cache filled): framework " + out.get("framework_ms")
                + " ms, engine " + out.get("engine_start_ms") + " ms");
        assertEquals(cache.toString(), out.get("cache_dir"));
        String[] parts = String.valueOf(out.get("losses")).split(",");
        assertFallingLoss(Arrays.stream(parts).mapToDouble(Double::parseDouble).toArray());
        assertEquals(libtorchModified, Files.getLastModifiedTime(libtorch()).toMillis(), "libraries were unpacked again");
    }

    private static Path libtorch() throws IOException {
        try (Stream<Path> s = Files.list(cache.resolve("pytorch"))) {
            Path dir = s.filter(p -> p.getFileName().toString().matches("2\\.7\\.1-.*cpu-linux-x86_64"))
                    .findFirst().orElseThrow(() -> new AssertionError("no 2.7.1 cpu folder in " + cache));
            return dir.resolve("libtorch.so");
        }
    }

    private static void assertFallingLoss(double[] losses) {
        assertTrue(Arrays.stream(losses).allMatch(Double::isFinite), Arrays.toString(losses));
        assertTrue(losses[losses.length - 1] < 0.9 * losses[0], "loss did not fall: " + Arrays.toString(losses));
    }

    private static void refresh(Bundle b) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        osgi.framework.adapt(FrameworkWiring.class).refreshBundles(List.of(b), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        assertTrue(done.await(60, TimeUnit.SECONDS), "refresh did not finish");
    }

    private static String codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
