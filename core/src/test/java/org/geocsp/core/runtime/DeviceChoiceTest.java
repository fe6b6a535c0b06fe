package org.geocsp.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.geocsp.djl.EngineOptions;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {

    @Test
    void parsesEveryForm() {
        assertEquals(DeviceChoice.AUTO, DeviceChoice.parse("auto"));
        assertEquals(DeviceChoice.CPU, DeviceChoice.parse(" CPU "));
        assertEquals(DeviceChoice.gpu(0), DeviceChoice.parse("gpu"));
        assertEquals(DeviceChoice.gpu(1), DeviceChoice.parse("gpu1"));
        assertEquals(DeviceChoice.gpu(2), DeviceChoice.parse("gpu:2"));
        assertEquals("gpu2", DeviceChoice.gpu(2).toString());
    }

    @Test
    void rejectsNonsenseNamingTheValidForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("tpu"));
        assertTrue(e.getMessage().contains("auto, cpu, gpu or gpuN"));
        assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("gpux"));
    }

    @Test
    void resolvesAgainstTheEngine() {
        assertEquals(Device.cpu(), GeoRuntime.resolveDevice(DeviceChoice.CPU));
        int gpus = GeoRuntime.engine().getGpuCount();
        Device auto = GeoRuntime.resolveDevice(DeviceChoice.AUTO);
        assertEquals(gpus > 0 ? Device.gpu(0) : Device.cpu(), auto);
        // A GPU index beyond the engine's count is refused with a message naming both remedies.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GeoRuntime.resolveDevice(DeviceChoice.gpu(gpus)));
        assertTrue(e.getMessage().contains("PYTORCH_LIBRARY_PATH"), e.getMessage());
        assertTrue(e.getMessage().contains("offline mode off"), e.getMessage());
    }

    @Test
    void engineStartsOnceAndRefusesConflictingSettings() {
        GeoRuntime.engine();
        assertTrue(GeoRuntime.isStarted());
        assertEquals(GeoRuntime.engine(), GeoRuntime.start(EngineOptions.defaults()));
        assertThrows(IllegalStateException.class,
                () -> GeoRuntime.start(EngineOptions.defaults().withThreads(7, 3)));
    }
}
