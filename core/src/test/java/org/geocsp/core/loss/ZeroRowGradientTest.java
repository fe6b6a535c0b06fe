package org.geocsp.core.loss;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.Test;

/** A zero row (e.g. a fully dropped-out embedding) must give finite gradients, not 0/0 = NaN. */
class ZeroRowGradientTest {

    @Test
    void l2NormalizeHasFiniteGradientsAtAZeroRow() {
        try (NDManager m = GeoRuntime.manager(Device.cpu())) {
            NDArray x = m.randomNormal(new Shape(4, 8));
            x.set(new ai.djl.ndarray.index.NDIndex("1"), 0f);
            x.setRequiresGradient(true);
            try (GradientCollector gc = GeoRuntime.engine().newGradientCollector()) {
                NDArray y = LossMath.l2Normalize(x).mul(m.randomNormal(new Shape(4, 8))).sum();
                gc.backward(y);
            }
            float[] g = x.getGradient().toFloatArray();
            for (float v : g) {
                assertTrue(Float.isFinite(v), "gradient must be finite, got " + v);
            }
        }
    }
}
