package org.geocsp.core.nn;

import static org.geocsp.core.nn.NnTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResidualAndSirenStackTest {

    static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = GeoRuntime.manager(Device.cpu());
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    static double relu(double v) {
        return Math.max(0, v);
    }

    @Test
    void residualStackComputesFcNet() {
        StackSpec spec = DefaultStacks.forEncoder("wrap");
        try (NDManager m = manager.newSubManager()) {
            ResidualStack s = init(new ResidualStack(spec, 4), m, 1);
            NDArray x = randomInput(m, 10, 4, 2, 1.0);
            NDArray y = run(s, m, x, false);
            assertEquals(new Shape(10, 256), y.getShape());
            double[][] h = map(linear(rows(x), s.inputLayer()), ResidualAndSirenStackTest::relu);
            for (ResidualStack.ResBlock b : s.blocks()) {
                double[][] inner = map(linear(map(linear(h, b.w1()), ResidualAndSirenStackTest::relu), b.w2()),
                        ResidualAndSirenStackTest::relu);
                h = add(h, inner);
            }
            assertTrue(maxAbsDiff(h, rows(y)) < 1e-4, "max diff " + maxAbsDiff(h, rows(y)));

            // with W2 = 0 and b2 = 0 each block adds ReLU(0) = 0: the output is ReLU(first layer)
            for (ResidualStack.ResBlock b : s.blocks()) {
                set(b.w2().weight(), new float[256 * 256]);
                set(b.w2().bias(), new float[256]);
            }
            double[][] first = map(linear(rows(x), s.inputLayer()), ResidualAndSirenStackTest::relu);
            assertTrue(maxAbsDiff(first, rows(run(s, m, x, false))) < 1e-5);
        }
    }

    @Test
    void residualDropoutOnlyInTrainingAndTorchDefaultInit() {
        try (NDManager m = manager.newSubManager()) {
            ResidualStack s = init(new ResidualStack(DefaultStacks.forEncoder("wrap"), 4), m, 3);
            NDArray x = randomInput(m, 32, 4, 4, 1.0);
            assertArrayEquals(run(s, m, x, false).toFloatArray(), run(s, m, x, false).toFloatArray());
            assertFalse(java.util.Arrays.equals(run(s, m, x, true).toFloatArray(),
                    run(s, m, x, true).toFloatArray()));
            // nn.Linear default: U(±1/√fan_in) for weight and bias
            float[] w1 = values(s.blocks().get(0).w1().weight());
            double bound = 1 / Math.sqrt(256);
            double max = 0;
            for (float v : w1) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max <= bound && max > 0.99 * bound, "max " + max + " bound " + bound);
        }
    }

    @Test
    void residualReferenceNamesFollowFcNetFeats() {
        ResidualStack s = new ResidualStack(DefaultStacks.forEncoder("wrap"), 4);
        Map<String, Parameter> names = new LinkedHashMap<>();
        s.collectReferenceNames("loc_enc.", names);
        assertEquals(18, names.size());
        assertEquals(List.of("loc_enc.feats.0.weight", "loc_enc.feats.0.bias", "loc_enc.feats.2.w1.weight",
                "loc_enc.feats.2.w1.bias", "loc_enc.feats.2.w2.weight", "loc_enc.feats.2.w2.bias"),
                List.copyOf(names.keySet()).subList(0, 6));
        assertTrue(names.containsKey("loc_enc.feats.5.w2.bias"));
    }

    @Test
    void sirenComputesSineLayersThenLinear() {
        StackSpec spec = DefaultStacks.forEncoder("spherical_harmonics").withHiddenDim(64).withOutputDim(16);
        try (NDManager m = manager.newSubManager()) {
            SirenStack s = init(new SirenStack(spec, 100), m, 1);
            assertEquals(2, s.sineLayers().size());
            NDArray x = randomInput(m, 12, 100, 5, 1.0);
            NDArray y = run(s, m, x, false);
            assertEquals(new Shape(12, 16), y.getShape());
            double[][] h = rows(x);
            for (SirenStack.SineLayer l : s.sineLayers()) {
                double w0 = l.w0();
                h = map(linear(h, l.linear()), v -> Math.sin(w0 * v));
            }
            double[][] want = linear(h, s.lastLayer());
            assertTrue(maxAbsDiff(want, rows(y)) < 2e-5, "max diff " + maxAbsDiff(want, rows(y)));
            assertEquals(30.0, s.sineLayers().get(0).w0());
            assertEquals(1.0, s.sineLayers().get(1).w0());
            // dropout (before the sine) acts only in training
            assertArrayEquals(y.toFloatArray(), run(s, m, x, false).toFloatArray());
            assertFalse(java.util.Arrays.equals(run(s, m, x, true).toFloatArray(), run(s, m, x, true).toFloatArray()));
        }
    }

    @Test
    void sirenInitialisation() {
        StackSpec spec = DefaultStacks.forEncoder("spherical_harmonics");
        try (NDManager m = manager.newSubManager()) {
            SirenStack s = init(new SirenStack(spec, 100), m, 2);
            // first layer U(±1/in); then U(±√(6/in)/w0) with w0 = 1; the last layer likewise
            double[] bounds = {1.0 / 100, Math.sqrt(6.0 / 256), Math.sqrt(6.0 / 256)};
            Parameter[] ws = {s.sineLayers().get(0).linear().weight(), s.sineLayers().get(1).linear().weight(),
                    s.lastLayer().weight()};
            for (int i = 0; i < ws.length; i++) {
                double max = 0;
                for (float v : values(ws[i])) {
                    max = Math.max(max, Math.abs(v));
                }
                assertTrue(max <= bounds[i] && max > 0.99 * bounds[i], "layer " + i + ": max " + max
                        + " bound " + bounds[i]);
            }
            Map<String, Parameter> names = new LinkedHashMap<>();
            s.collectReferenceNames("loc_enc.", names);
            assertEquals(List.of("loc_enc.nnet.layers.0.weight", "loc_enc.nnet.layers.0.bias",
                    "loc_enc.nnet.layers.1.weight", "loc_enc.nnet.layers.1.bias", "loc_enc.nnet.last_layer.weight",
                    "loc_enc.nnet.last_layer.bias"), List.copyOf(names.keySet()));
        }
    }
}
