package org.geocsp.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.Test;

class ActivationAndSpecTest {

    @Test
    void activationsMatchTheirDefinitions() {
        try (NDManager m = GeoRuntime.manager(Device.cpu())) {
            float[] x = {-2f, -1f, 0.5f, 1f};
            // exact GELU x·Φ(x); Φ values from tables. The tanh approximation gives 0.841192 at 1.
            float[] gelu = Activation.GELU.apply(m.create(x)).toFloatArray();
            double[] phi = {0.022750131948179195, 0.15865525393145707, 0.6914624612740131, 0.8413447460685429};
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i] * phi[i], gelu[i], 1e-6, "GELU(" + x[i] + ")");
            }
            float[] leaky = Activation.LEAKYRELU.apply(m.create(x)).toFloatArray();
            assertEquals(-0.4f, leaky[0], 1e-7);
            assertEquals(1f, leaky[3], 0);
            float[] relu = Activation.RELU.apply(m.create(x)).toFloatArray();
            assertEquals(0f, relu[0], 0);
            assertEquals(0.5f, relu[2], 0);
            assertEquals(Math.tanh(-2), Activation.TANH.apply(m.create(x)).toFloatArray()[0], 1e-6);
            assertEquals(1 / (1 + Math.exp(2)), Activation.SIGMOID.apply(m.create(x)).toFloatArray()[0], 1e-6);
        }
    }

    @Test
    void parseAcceptsReferenceNamesAndListsValidOnes() {
        assertEquals(Activation.LEAKYRELU, Activation.parse("leakyrelu"));
        assertEquals(Activation.LEAKYRELU, Activation.parse("Leaky_ReLU"));
        assertEquals(Activation.GELU, Activation.parse(" GELU "));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Activation.parse("swish"));
        assertTrue(e.getMessage().contains("'swish'"), e.getMessage());
        assertTrue(e.getMessage().contains("leakyrelu, relu, gelu, tanh, sigmoid"), e.getMessage());
    }

    @Test
    void stackSpecListsEveryProblem() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new StackSpec(StackKind.FFN, -1, 0, 256, null, 1.5, true, true, 30, 0));
        assertEquals(5, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().contains("Hidden layers"));
        assertTrue(e.getMessage().contains("Hidden dimension"));
        assertTrue(e.getMessage().contains("activation"));
        assertTrue(e.getMessage().contains("Dropout"));
        assertTrue(e.getMessage().contains("SIREN w0 must"));
        InvalidInputException r = assertThrows(InvalidInputException.class,
                () -> new StackSpec(StackKind.RESIDUAL, 4, 256, 128, Activation.RELU, 0.5, false, false, 30, 1));
        assertTrue(r.getMessage().contains("must equal the hidden dimension"), r.getMessage());
        assertThrows(InvalidInputException.class,
                () -> new StackSpec(StackKind.SIREN, 0, 256, 256, null, 0.5, false, false, 30, 1));
    }

    @Test
    void cspAndDefaultStacks() {
        StackSpec csp = StackSpec.csp();
        assertEquals(StackKind.FFN, csp.kind());
        assertEquals(1, csp.hiddenLayers());
        assertEquals(512, csp.hiddenDim());
        assertEquals(256, csp.outputDim());
        assertEquals(Activation.LEAKYRELU, csp.activation());
        assertEquals(0.5, csp.dropout());
        assertTrue(csp.layerNorm() && csp.skipConnection());

        StackSpec wrap = DefaultStacks.forEncoder("wrap");
        assertEquals(StackKind.RESIDUAL, wrap.kind());
        assertEquals(4, wrap.hiddenLayers());
        assertEquals(256, wrap.hiddenDim());
        assertEquals(Activation.RELU, wrap.activation());

        StackSpec sh = DefaultStacks.forEncoder("spherical_harmonics");
        assertEquals(StackKind.SIREN, sh.kind());
        assertEquals(2, sh.hiddenLayers());
        assertEquals(30, sh.sirenW0Initial());
        assertEquals(1, sh.sirenW0());
        assertNull(sh.activation());
        assertEquals(StackKind.SIREN, DefaultStacks.forEncoder("SphericalHarmonics").kind());

        assertEquals(csp, DefaultStacks.forEncoder("Space2Vec-grid"));
        assertEquals(csp, DefaultStacks.forEncoder("Sphere2Vec-sphereC+"));
    }
}
