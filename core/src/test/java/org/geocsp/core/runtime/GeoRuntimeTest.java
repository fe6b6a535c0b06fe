package org.geocsp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.geocsp.djl.DjlEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GeoRuntime on the plain class path (the OSGi case is covered by the osgi-test module). */
class GeoRuntimeTest {

    @Test
    void startsFromTheBundledCpuLibrariesIntoTheEffectiveCacheFolder() {
        GeoRuntime.engine();
        assertTrue(GeoRuntime.nativeSource().startsWith("bundled CPU libraries"), GeoRuntime.nativeSource());
        assertTrue(Files.isDirectory(GeoRuntime.cacheDir().resolve("pytorch")), GeoRuntime.cacheDir().toString());
    }

    @Test
    void switchesTheContextClassLoaderOnlyForTheCall() {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        ClassLoader foreign = new ClassLoader(null) {};
        t.setContextClassLoader(foreign);
        try {
            ClassLoader inside = GeoRuntime.withContextClassLoader(() -> Thread.currentThread().getContextClassLoader());
            assertSame(DjlEngine.classLoader(), inside);
            assertSame(foreign, t.getContextClassLoader());
        } finally {
            t.setContextClassLoader(before);
        }
    }

    @Test
    void aLibtorchFolderWithoutLibtorchIsRefusedNamingTheSetting(@TempDir Path empty) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeoRuntime.start(RuntimeSettings.defaults().withLibtorchDir(empty)));
        assertTrue(e.getMessage().contains("libtorch folder"), e.getMessage());
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }

    @Test
    void startedSettingsAreReported() {
        GeoRuntime.engine();
        assertTrue(GeoRuntime.isStarted());
        assertNotNull(GeoRuntime.startedSettings());
    }
}
