package org.geocsp.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.Test;

class FastDropoutTest {

    @Test
    void keepsOneMinusPAndScalesTheKeptUnits() {
        try (NDManager m = GeoRuntime.manager(Device.cpu())) {
            int n = 200_000;
            NDArray ones = m.ones(new Shape(400, 500));
            for (double p : new double[] {0.1, 0.5, 0.9}) {
                float[] out = FastDropout.apply(ones, p).toFloatArray();
                int kept = 0;
                for (float v : out) {
                    if (v != 0) {
                        kept++;
                        assertEquals(1 / (1 - p), v, 1e-5, "kept units are scaled by 1/(1-p)");
                    }
                }
                double rate = kept / (double) n;
                double sigma = Math.sqrt(p * (1 - p) / n);
                assertEquals(1 - p, rate, 5 * sigma, "keep rate for p=" + p);
            }
        }
    }

    @Test
    void masksFollowTheEngineSeedAndDifferBetweenCalls() {
        try (NDManager m = GeoRuntime.manager(Device.cpu())) {
            NDArray x = m.ones(new Shape(64, 33)); // odd element count
            GeoRuntime.engine().setRandomSeed(7);
            float[] a1 = FastDropout.apply(x, 0.5).toFloatArray();
            float[] a2 = FastDropout.apply(x, 0.5).toFloatArray();
            GeoRuntime.engine().setRandomSeed(7);
            float[] b1 = FastDropout.apply(x, 0.5).toFloatArray();
            assertArrayEquals(a1, b1);
            assertFalse(java.util.Arrays.equals(a1, a2));
        }
    }

    @Test
    void evalModeAndZeroRateAreTheIdentity() {
        try (NDManager m = GeoRuntime.manager(Device.cpu())) {
            NDArray x = m.randomNormal(new Shape(10, 10));
            assertTrue(LocationStack.dropout(x, 0.5, false) == x);
            assertTrue(LocationStack.dropout(x, 0.0, true) == x);
        }
    }
}
