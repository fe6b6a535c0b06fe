package org.geocsp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The MFU is reported only against a baseline from the same device (devices injected: no GPU needed). */
class UtilisationTest {

    static final Utilisation.Baseline CPU_150 = new Utilisation.Baseline(150.0, Device.cpu());

    @Test
    void sameDeviceGivesTheRatio() {
        Utilisation.Result r = Utilisation.of(75e9, Device.cpu(), CPU_150);
        assertTrue(r.reported());
        assertEquals(0.5, r.value(), 1e-15);
        assertEquals("0.500", r.text());
        Map<String, Object> json = new LinkedHashMap<>();
        r.putInto(json, "mfu");
        assertEquals(Map.of("mfu", 0.5), json);
        assertTrue(Utilisation.of(3e12, Device.gpu(0), new Utilisation.Baseline(6000, Device.gpu(0))).reported());
    }

    @Test
    void aModelOnAGpuAgainstACpuBaselineHasNoMfu() {
        Utilisation.Result r = Utilisation.of(75e9, Device.gpu(0), CPU_150);
        assertFalse(r.reported());
        assertTrue(Double.isNaN(r.value()));
        assertEquals("the model ran on gpu0 but the matmul baseline was measured on cpu; an MFU needs both on the"
                + " same device", r.omittedBecause());
        assertTrue(r.text().startsWith("omitted: the model ran on gpu0"), r.text());
        Map<String, Object> json = new LinkedHashMap<>();
        r.putInto(json, "mfu");
        assertFalse(json.containsKey("mfu"), "no number that could be mistaken for an MFU");
        assertEquals(r.omittedBecause(), json.get("mfu_omitted"));
    }

    @Test
    void otherDeviceMismatchesAndMissingRatesAreOmittedToo() {
        assertFalse(Utilisation.of(1e9, Device.cpu(), new Utilisation.Baseline(150, Device.gpu(0))).reported());
        assertFalse(Utilisation.of(1e9, Device.gpu(1), new Utilisation.Baseline(150, Device.gpu(0))).reported());
        Utilisation.Result zero = Utilisation.of(1e9, Device.cpu(), new Utilisation.Baseline(0, Device.cpu()));
        assertTrue(zero.omittedBecause().contains("baseline gave no rate"), zero.omittedBecause());
        assertFalse(Utilisation.of(Double.NaN, Device.cpu(), CPU_150).reported());
    }

    @Test
    void deviceNames() {
        assertEquals("cpu", Utilisation.name(Device.cpu()));
        assertEquals("gpu0", Utilisation.name(Device.gpu()));
        assertEquals("gpu3", Utilisation.name(Device.gpu(3)));
    }
}
