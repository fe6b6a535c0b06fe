package org.geocsp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.djl.DjlEngine;
import org.geocsp.djl.EngineOptions;
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
                () -> GeoRuntime.start(EngineOptions.defaults().withLibtorchDir(empty)));
        assertTrue(e.getMessage().contains("libtorch folder"), e.getMessage());
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }

    @Test
    void startedOptionsAreReported() {
        GeoRuntime.engine();
        assertTrue(GeoRuntime.isStarted());
        assertNotNull(GeoRuntime.startedOptions());
    }

    @Test
    void engineOptionsCarryTheDeviceAsText() {
        EngineOptions d = new EngineOptions(null, true, 1, 1, null, null);
        assertEquals("auto", d.device(), "no device means auto");
        assertTrue(d.wantGpu());
        EngineOptions cpu = d.withDevice(" CPU ");
        assertEquals("cpu", cpu.device());
        assertFalse(cpu.wantGpu());
        assertEquals(DeviceChoice.CPU, GeoRuntime.deviceChoice(cpu));
        assertEquals(DeviceChoice.gpu(1), GeoRuntime.deviceChoice(d.withDevice("gpu:1")));
        assertEquals(d.withDevice("auto"), d.withDevice("gpu1").forEngine(), "gpuN starts the engine as auto does");
        assertEquals(cpu, cpu.forEngine());
    }

    @Test
    void aBadDeviceIsRefusedBeforeTheEngineIsTouched() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GeoRuntime.start(EngineOptions.defaults().withDevice("tpu")));
        assertTrue(e.getMessage().contains("device 'tpu'"), e.getMessage());
    }

    @Test
    void aGpuChoiceOnARunningAutoEngineReturnsIt() {
        GeoRuntime.engine();
        if (GeoRuntime.startedOptions().forEngine().equals(EngineOptions.defaults())) {
            assertSame(GeoRuntime.engine(), GeoRuntime.start(EngineOptions.defaults().withDevice("gpu0")));
        }
    }
}
