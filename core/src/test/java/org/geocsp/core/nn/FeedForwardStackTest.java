package org.geocsp.core.nn;

import static org.geocsp.core.nn.NnTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeedForwardStackTest {

    static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = GeoRuntime.manager(Device.cpu());
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    /** Independent re-computation of the reference MultiLayerFeedForwardNN in eval mode. */
    static double[][] reference(FeedForwardStack s, double[][] x) {
        double[][] h = x;
        for (FeedForwardStack.Layer l : s.layers()) {
            double[][] y = map(linear(h, l.linear()), v -> act(s.spec().activation(), v));
            if (l.hasSkip()) {
                y = add(y, h);
            }
            if (l.layerNorm() != null) {
                y = layerNorm(y, l.layerNorm());
            }
            h = y;
        }
        return h;
    }

    static double act(Activation a, double v) {
        return switch (a) {
            case LEAKYRELU -> leaky(v);
            case RELU -> Math.max(0, v);
            case TANH -> Math.tanh(v);
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case GELU -> throw new UnsupportedOperationException();
        };
    }

    @Test
    void cspStructureFollowsTheCodeNotTheDocstring() {
        FeedForwardStack s = new FeedForwardStack(StackSpec.csp(), 128);
        List<FeedForwardStack.Layer> layers = s.layers();
        assertEquals(2, layers.size());
        assertEquals(128, layers.get(0).linear().inputDim());
        assertEquals(512, layers.get(0).linear().outputDim());
        assertNotNull(layers.get(0).layerNorm());
        assertFalse(layers.get(0).hasSkip(), "no skip when 128 != 512");
        assertEquals(256, layers.get(1).linear().outputDim());
        assertNull(layers.get(1).layerNorm(), "the last layer has no LayerNorm");
        assertFalse(layers.get(1).hasSkip());

        FeedForwardStack deep = new FeedForwardStack(StackSpec.csp().withHiddenLayers(3), 512);
        assertEquals(4, deep.layers().size());
        assertTrue(deep.layers().get(0).hasSkip() && deep.layers().get(1).hasSkip() && deep.layers().get(2).hasSkip());
        assertFalse(deep.layers().get(3).hasSkip());

        FeedForwardStack single = new FeedForwardStack(StackSpec.csp().withHiddenLayers(0), 128);
        assertEquals(1, single.layers().size());
        assertEquals(128, single.layers().get(0).linear().inputDim());
        assertEquals(256, single.layers().get(0).linear().outputDim());
        assertNull(single.layers().get(0).layerNorm());
    }

    @Test
    void evalForwardMatchesIndependentComputationIncludingSkipAndLayerNorm() {
        // hidden 64 -> 64 layers carry skip connections; perturbed gamma/beta must be used
        StackSpec spec = StackSpec.csp().withHiddenLayers(2).withHiddenDim(64).withOutputDim(32);
        try (NDManager m = manager.newSubManager()) {
            FeedForwardStack s = init(new FeedForwardStack(spec, 64), m, 5);
            long k = 100;
            for (FeedForwardStack.Layer l : s.layers()) {
                if (l.layerNorm() != null) {
                    randomize(l.layerNorm().gamma(), k++, 0.5, 1.5);
                    randomize(l.layerNorm().beta(), k++, -0.5, 0.5);
                }
            }
            NDArray x = randomInput(m, 9, 64, 1, 2.0);
            double[][] got = rows(run(s, m, x, false));
            double[][] want = reference(s, rows(x));
            assertTrue(maxAbsDiff(want, got) < 1e-5, "max diff " + maxAbsDiff(want, got));
        }
    }

    @Test
    void layerNormGammaAndBetaAreUsed() {
        try (NDManager m = manager.newSubManager()) {
            FeedForwardStack s = init(new FeedForwardStack(StackSpec.csp(), 16), m, 1);
            NDArray x = randomInput(m, 4, 16, 2, 1.0);
            float[] before = run(s, m, x, false).toFloatArray();
            LayerNormLayer ln = s.layers().get(0).layerNorm();
            set(ln.gamma(), filled(512, 2f));
            float[] withGamma = run(s, m, x, false).toFloatArray();
            set(ln.beta(), filled(512, 0.3f));
            float[] withBeta = run(s, m, x, false).toFloatArray();
            assertFalse(java.util.Arrays.equals(before, withGamma), "gamma has no effect");
            assertFalse(java.util.Arrays.equals(withGamma, withBeta), "beta has no effect");
            double[][] want = reference(s, rows(x));
            assertTrue(maxAbsDiff(want, rows(run(s, m, x, false))) < 1e-5);
        }
    }

    @Test
    void lastLayerHasTheActivation() {
        try (NDManager m = manager.newSubManager()) {
            FeedForwardStack s = init(new FeedForwardStack(StackSpec.csp().withHiddenDim(32).withOutputDim(8), 16),
                    m, 3);
            NDArray x = randomInput(m, 50, 16, 4, 1.0);
            FeedForwardStack.Layer first = s.layers().get(0);
            double[][] h = layerNorm(map(linear(rows(x), first.linear()), NnTestSupport::leaky), first.layerNorm());
            double[][] pre = linear(h, s.layers().get(1).linear());
            double[][] got = rows(run(s, m, x, false));
            int negatives = 0;
            for (int i = 0; i < pre.length; i++) {
                for (int j = 0; j < pre[i].length; j++) {
                    if (pre[i][j] < -0.05) {
                        negatives++;
                        // with the activation the output is 0.2·pre, without it would equal pre
                        assertEquals(0.2 * pre[i][j], got[i][j], 1e-5);
                    } else if (pre[i][j] > 0) {
                        assertEquals(pre[i][j], got[i][j], 1e-5);
                    }
                }
            }
            assertTrue(negatives > 20, "test needs negative pre-activations, got " + negatives);
        }
    }

    @Test
    void dropoutOnlyInTraining() {
        try (NDManager m = manager.newSubManager()) {
            StackSpec spec = StackSpec.csp().withLayerNorm(false).withActivation(Activation.RELU);
            FeedForwardStack s = init(new FeedForwardStack(spec, 16), m, 1);
            NDArray x = randomInput(m, 64, 16, 9, 1.0);
            float[] eval1 = run(s, m, x, false).toFloatArray();
            float[] eval2 = run(s, m, x, false).toFloatArray();
            assertArrayEquals(eval1, eval2, "eval mode must be deterministic");
            assertTrue(maxAbsDiff(reference(s, rows(x)), rows(run(s, m, x, false))) < 1e-5,
                    "eval mode must not drop or rescale");
            float[] train1 = run(s, m, x, true).toFloatArray();
            float[] train2 = run(s, m, x, true).toFloatArray();
            assertFalse(java.util.Arrays.equals(train1, train2), "two training passes must drop different units");
            assertFalse(java.util.Arrays.equals(eval1, train1));
        }
        // one layer (n = 0): ReLU then Dropout(0.5); in training about half of the units that are
        // positive in eval are exactly zero and the others are scaled by 1/(1-p) = 2
        try (NDManager m = manager.newSubManager()) {
            StackSpec spec = StackSpec.csp().withHiddenLayers(0).withActivation(Activation.RELU);
            FeedForwardStack s = init(new FeedForwardStack(spec, 16), m, 2);
            NDArray x = randomInput(m, 64, 16, 10, 1.0);
            float[] eval = run(s, m, x, false).toFloatArray();
            float[] train = run(s, m, x, true).toFloatArray();
            int positive = 0;
            int dropped = 0;
            for (int i = 0; i < eval.length; i++) {
                if (eval[i] > 0) {
                    positive++;
                    if (train[i] == 0) {
                        dropped++;
                    } else {
                        assertEquals(2 * eval[i], train[i], 1e-5);
                    }
                }
            }
            double frac = dropped / (double) positive;
            assertTrue(positive > 1000 && frac > 0.45 && frac < 0.55, "dropped fraction " + frac + " of " + positive);
        }
    }

    @Test
    void xavierAndBiasInitBounds() {
        try (NDManager m = manager.newSubManager()) {
            FeedForwardStack s = init(new FeedForwardStack(StackSpec.csp(), 128), m, 11);
            float[] w = values(s.layers().get(0).linear().weight());
            double bound = Math.sqrt(6.0 / (128 + 512));
            double max = 0;
            double sq = 0;
            for (float v : w) {
                max = Math.max(max, Math.abs(v));
                sq += v * v;
            }
            assertTrue(max <= bound, "max " + max + " exceeds Xavier bound " + bound);
            assertTrue(max > 0.99 * bound, "max " + max + " far below Xavier bound " + bound);
            double var = sq / w.length;
            assertEquals(bound * bound / 3, var, 0.03 * bound * bound / 3, "variance of U(-b, b)");

            float[] b = values(s.layers().get(0).linear().bias());
            double bb = 1 / Math.sqrt(128);
            double bmax = 0;
            for (float v : b) {
                bmax = Math.max(bmax, Math.abs(v));
            }
            assertTrue(bmax <= bb && bmax > 0.95 * bb, "bias max " + bmax + " vs bound " + bb);
            float[] gamma = values(s.layers().get(0).layerNorm().gamma());
            float[] beta = values(s.layers().get(0).layerNorm().beta());
            assertArrayEquals(filled(512, 1f), gamma);
            assertArrayEquals(filled(512, 0f), beta);
        }
    }

    @Test
    void seededInitIsDeterministic() {
        try (NDManager m = manager.newSubManager()) {
            FeedForwardStack a = init(new FeedForwardStack(StackSpec.csp(), 32), m, 7);
            FeedForwardStack b = init(new FeedForwardStack(StackSpec.csp(), 32), m, 7);
            FeedForwardStack c = init(new FeedForwardStack(StackSpec.csp(), 32), m, 8);
            Parameter wa = a.layers().get(1).linear().weight();
            assertArrayEquals(values(wa), values(b.layers().get(1).linear().weight()));
            assertFalse(java.util.Arrays.equals(values(wa), values(c.layers().get(1).linear().weight())));
            // distinct parameters get distinct streams
            assertFalse(java.util.Arrays.equals(values(a.layers().get(0).linear().bias()),
                    java.util.Arrays.copyOf(values(a.layers().get(1).linear().bias()), 512)));
        }
    }

    @Test
    void referenceNames() {
        FeedForwardStack s = new FeedForwardStack(StackSpec.csp().withHiddenLayers(2), 128);
        Map<String, Parameter> names = new LinkedHashMap<>();
        s.collectReferenceNames("loc_enc.", names);
        assertEquals(List.of("loc_enc.spa_enc.ffn.layers.0.linear.weight", "loc_enc.spa_enc.ffn.layers.0.linear.bias",
                "loc_enc.spa_enc.ffn.layers.0.layernorm.weight", "loc_enc.spa_enc.ffn.layers.0.layernorm.bias",
                "loc_enc.spa_enc.ffn.layers.1.linear.weight", "loc_enc.spa_enc.ffn.layers.1.linear.bias",
                "loc_enc.spa_enc.ffn.layers.1.layernorm.weight", "loc_enc.spa_enc.ffn.layers.1.layernorm.bias",
                "loc_enc.spa_enc.ffn.layers.2.linear.weight", "loc_enc.spa_enc.ffn.layers.2.linear.bias"),
                List.copyOf(names.keySet()));
    }

    static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
