package org.geocsp.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.function.Function;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.runtime.GeoRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every loss is differentiable: one backward pass through a GradientCollector gives finite,
 * non-zero gradients for every input it uses. Collectors are opened one at a time.
 */
class LossGradientTest {

    static final int B = 6;
    static final int D = 8;
    static NDManager manager;

    @BeforeAll
    static void setUp() {
        manager = GeoRuntime.manager(Device.cpu());
        GeoRuntime.engine().setRandomSeed(7);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    static NDArray leaf(NDManager m, long... shape) {
        NDArray a = m.randomNormal(new Shape(shape));
        a.setRequiresGradient(true);
        return a;
    }

    static void assertGradients(List<NDArray> leaves, String what) {
        for (int i = 0; i < leaves.size(); i++) {
            float[] g = leaves.get(i).getGradient().toFloatArray();
            double abs = 0;
            for (float x : g) {
                assertTrue(Float.isFinite(x), what + ": gradient of input " + i + " is not finite");
                abs += Math.abs(x);
            }
            assertTrue(abs > 0, what + ": gradient of input " + i + " is zero");
        }
    }

    /** Runs {@code loss} on fresh leaves e, e2, v, rand (K = 2) and coordinates; checks the listed leaves. */
    static void check(String what, Function<ContrastiveBatch, LossTerms> loss, boolean usesE2, boolean usesRand) {
        try (NDManager m = manager.newSubManager()) {
            NDArray e = leaf(m, B, D);
            NDArray e2 = leaf(m, B, D);
            NDArray v = leaf(m, B, D);
            NDArray rand = leaf(m, 2 * B, D);
            NDArray coords = m.create(new double[] {0, 0, 0, 0, 10, 10, 20, 20, 30, 30, 40, 40}, new Shape(B, 2));
            ContrastiveBatch batch = ContrastiveBatch.of(e, v).withSecondPass(e2).withRandomEmbeddings(rand)
                    .withCoordinates(coords);
            try (GradientCollector gc = GeoRuntime.engine().newGradientCollector()) {
                LossTerms t = loss.apply(batch);
                assertTrue(Double.isFinite(t.values().get(LossTerms.TOTAL)), what + ": finite loss");
                gc.backward(t.total());
            }
            List<NDArray> used = new java.util.ArrayList<>(List.of(e, v));
            if (usesE2) {
                used.add(e2);
            }
            if (usesRand) {
                used.add(rand);
            }
            assertGradients(used, what);
        }
    }

    @Test
    void contrastiveLossesAreDifferentiable() {
        for (Objective o : Objective.values()) {
            if (o == Objective.L2REGRESS) {
                continue;
            }
            PretrainingLoss loss = o.create(0.5, 1, 1, 1, 1);
            check(o.referenceName(), loss::compute, o.usesSecondDropoutPass(), o.usesRandomLocations());
        }
        // Masking (rows 0 and 1 share a location) keeps the loss finite and differentiable.
        McLoss masked = new McLoss(McLoss.Settings.csp(true, 0.1, 1, 0.1, 1, 1).withFalseNegativeRadiusKm(1));
        check("contsoftmaxsym masked", masked::compute, true, true);
    }

    @Test
    void mseIsDifferentiable() {
        try (NDManager m = manager.newSubManager()) {
            NDArray decoded = leaf(m, B, 12);
            NDArray target = m.randomNormal(new Shape(B, 12));
            try (GradientCollector gc = GeoRuntime.engine().newGradientCollector()) {
                gc.backward(new MseLoss().compute(decoded, target).total());
            }
            assertGradients(List.of(decoded), "l2regress");
            assertThrows(IllegalArgumentException.class,
                    () -> new MseLoss().compute(decoded, m.zeros(new Shape(B, 11))));
        }
    }

    @Test
    void fineTuningLossesAreDifferentiable() {
        try (NDManager m = manager.newSubManager()) {
            NDArray logits = leaf(m, B, 5);
            NDArray randLogits = leaf(m, B, 5);
            NDArray labels = m.create(new int[] {0, 1, 2, 3, 4, 0});
            try (GradientCollector gc = GeoRuntime.engine().newGradientCollector()) {
                gc.backward(PresenceAbsenceLoss.reference(5, 1).compute(logits, labels, randLogits).total());
            }
            assertGradients(List.of(logits, randLogits), "presence-absence");
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray logits = leaf(m, B, 5);
            NDArray labels = m.create(new long[] {0, 1, 2, 3, 4, 0});
            try (GradientCollector gc = GeoRuntime.engine().newGradientCollector()) {
                gc.backward(new SoftmaxCrossEntropy(0.1).compute(logits, labels).total());
            }
            assertGradients(List.of(logits), "softmax CE");
        }
    }

    @Test
    void softmaxCrossEntropyValues() {
        // logits (2 rows, 3 classes); hand-computed log-softmax.
        double[] row0 = {1, 2, 3};
        double[] row1 = {0, 0, 0};
        double lse0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        double lse1 = Math.log(3);
        int[] labels = {2, 0};
        double nll0 = lse0 - 3;
        double nll1 = lse1;
        double meanNll0 = lse0 - 2; // mean of (lse0 - z) over z = 1, 2, 3
        double meanNll1 = lse1;
        try (NDManager m = manager.newSubManager()) {
            NDArray logits = m.create(new double[] {row0[0], row0[1], row0[2], row1[0], row1[1], row1[2]}, new Shape(2, 3));
            NDArray lab = m.create(labels);
            assertEquals((nll0 + nll1) / 2, new SoftmaxCrossEntropy().compute(logits, lab).total().getDouble(), 1e-12);
            double eps = 0.2;
            double smoothed = ((1 - eps) * nll0 + eps * meanNll0 + (1 - eps) * nll1 + eps * meanNll1) / 2;
            assertEquals(smoothed, new SoftmaxCrossEntropy(eps).compute(logits, lab).total().getDouble(), 1e-12);
        }
        assertThrows(InvalidInputException.class, () -> new SoftmaxCrossEntropy(1.0));
    }

    @Test
    void missingInputsAreNamed() {
        try (NDManager m = manager.newSubManager()) {
            ContrastiveBatch batch = ContrastiveBatch.of(m.randomNormal(new Shape(B, D)), m.randomNormal(new Shape(B, D)));
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> Objective.CONTSOFTMAX.create(1, 1, 1, 1, 0.5).compute(batch));
            assertTrue(ex.getMessage().contains("random-location") && ex.getMessage().contains("second dropout-pass"),
                    ex.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> batch.withRandomEmbeddings(m.zeros(new Shape(B + 1, D))), "rand rows must be K·B");
            assertThrows(IllegalArgumentException.class, () -> NceLoss.imgcontlossNoLocNeg().compute(
                    ContrastiveBatch.of(m.zeros(new Shape(1, D)), m.zeros(new Shape(1, D)))), "NCE needs B ≥ 2");
        }
    }

    @Test
    void objectiveNames() {
        for (Objective o : Objective.values()) {
            assertEquals(o, Objective.parse(" " + o.referenceName().toUpperCase(java.util.Locale.ROOT) + " "));
        }
        InvalidInputException ex = assertThrows(InvalidInputException.class, () -> Objective.parse("contrastive"));
        for (Objective o : Objective.values()) {
            assertTrue(ex.getMessage().contains(o.referenceName()), ex.getMessage());
        }
        assertTrue(ex.getMessage().contains("'objective'"), ex.getMessage());
        assertThrows(InvalidInputException.class, () -> Objective.L2REGRESS.create(1, 1, 1, 1, 0));
        assertEquals("contsoftmaxsym", Objective.CONTSOFTMAXSYM.create(1, 1, 1, 1, 0).name());
    }
}
