package org.geocsp.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.geocsp.core.geo.GreatCircle;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.testutil.Nd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** False-negative masking, the embedding queue and the learnable temperature of {@link McLoss}. */
class McLossFeaturesTest {

    static NDManager manager;

    /** Paris, London, Berlin, Paris again, 3.5 km from Berlin, Tokyo. */
    static final double[][] COORDS = {
        {2.3522, 48.8566}, {-0.1276, 51.5072}, {13.4050, 52.5200}, {2.3522, 48.8566}, {13.4550, 52.5000}, {139.69, 35.69}};
    static final double RADIUS_KM = 10;

    @BeforeAll
    static void setUp() {
        manager = GeoRuntime.manager(Device.cpu());
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    static double[][] random(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return x;
    }

    static double[][] normalized(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double n = 0;
            for (double a : x[i]) {
                n += a * a;
            }
            n = Math.sqrt(n);
            y[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                y[i][j] = x[i][j] / n;
            }
        }
        return y;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static boolean near(int i, int j) {
        return i != j && GreatCircle.distanceKm(COORDS[i][0], COORDS[i][1], COORDS[j][0], COORDS[j][1]) <= RADIUS_KM;
    }

    /**
     * Independent plain-Java CE: mean over rows i of −log softmax over the allowed columns.
     * {@code rowsAreB}: logits(i, j) = ⟨a_i, b_j⟩/τ; masked pairs are simply left out of the sum.
     */
    static double ceMasked(double[][] a, double[][] b, double tau, boolean mask, double[][] extraColumns) {
        int n = a.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double pos = dot(a[i], b[i]) / tau;
            double denom = 0;
            for (int j = 0; j < n; j++) {
                if (mask && near(i, j)) {
                    continue; // de-duplicated: the near-duplicate column does not exist
                }
                denom += Math.exp(dot(a[i], b[j]) / tau);
            }
            if (extraColumns != null) {
                for (double[] q : extraColumns) {
                    denom += Math.exp(dot(a[i], q) / tau);
                }
            }
            total += Math.log(denom) - pos;
        }
        return total / n;
    }

    static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray()[0];
    }

    @Test
    void maskedLossEqualsLossWithoutTheNearDuplicateColumns() {
        assertTrue(near(0, 3) && near(2, 4) && !near(0, 1) && !near(0, 0), "fixture: which pairs are near");
        double[][] e = random(6, 8, 1);
        double[][] v = random(6, 8, 2);
        double[][] e2 = random(6, 8, 3);
        double tauB = 0.5;
        double tauD = 0.7;
        McLoss masked = new McLoss(McLoss.Settings.csp(true, tauB, 1, tauD, 0, 1).withFalseNegativeRadiusKm(RADIUS_KM));
        McLoss plain = new McLoss(McLoss.Settings.csp(true, tauB, 1, tauD, 0, 1));
        try (NDManager m = manager.newSubManager()) {
            ContrastiveBatch batch = ContrastiveBatch.of(Nd.matrix(m, e), Nd.matrix(m, v))
                    .withSecondPass(Nd.matrix(m, e2))
                    .withCoordinates(Nd.matrix(m, COORDS).toType(DataType.FLOAT32, false));
            LossTerms got = masked.compute(batch);
            double[][] en = normalized(e);
            double[][] vn = normalized(v);
            double[][] e2n = normalized(e2);
            double lb = ceMasked(en, vn, tauB, true, null) + ceMasked(vn, en, tauB, true, null);
            double ld = ceMasked(en, e2n, tauD, true, null);
            assertEquals(lb, scalar(got.component(LossTerms.L_B)), 1e-10, "masked L_B (both directions)");
            assertEquals(ld, scalar(got.component(LossTerms.L_D)), 1e-10, "masked L_D");
            assertEquals(lb + ld, scalar(got.total()), 1e-10, "masked total");
            // Control: without the mask, the plain CE (which differs) is reproduced.
            double lbPlain = ceMasked(en, vn, tauB, false, null) + ceMasked(vn, en, tauB, false, null);
            assertEquals(lbPlain, scalar(plain.compute(batch).component(LossTerms.L_B)), 1e-10);
            assertTrue(Math.abs(lbPlain - lb) > 1e-3, "the mask changes the loss");
        }
    }

    @Test
    void maskNeverRemovesThePositive() {
        double[][] e = random(6, 8, 4);
        double[][] v = random(6, 8, 5);
        // A radius covering the whole globe masks every off-diagonal pair: only the positive is
        // left in each denominator, so every CE is exactly 0 (and not NaN).
        McLoss all = new McLoss(McLoss.Settings.csp(true, 0.1, 1, 1, 0, 0).withFalseNegativeRadiusKm(30000));
        try (NDManager m = manager.newSubManager()) {
            ContrastiveBatch batch = ContrastiveBatch.of(Nd.matrix(m, e), Nd.matrix(m, v))
                    .withCoordinates(Nd.matrix(m, COORDS));
            assertEquals(0.0, scalar(all.compute(batch).total()), 1e-12);
        }
    }

    @Test
    void maskingNeedsCoordinates() {
        McLoss masked = new McLoss(McLoss.Settings.csp(false, 1, 1, 1, 0, 0).withFalseNegativeRadiusKm(5));
        try (NDManager m = manager.newSubManager()) {
            ContrastiveBatch batch = ContrastiveBatch.of(Nd.matrix(m, random(3, 4, 1)), Nd.matrix(m, random(3, 4, 2)));
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> masked.compute(batch));
            assertTrue(ex.getMessage().contains("coordinates"), ex.getMessage());
        }
    }

    @Test
    void queueIsFifoWithCapacity() {
        try (NDManager m = manager.newSubManager(); EmbeddingQueue q = new EmbeddingQueue(manager, 5)) {
            assertTrue(q.isEmpty());
            q.enqueue(rowsNumbered(m, 0, 3), coordsNumbered(m, 0, 3));
            assertArrayEquals(new double[] {0, 1, 2}, firstColumn(q.embeddings()));
            q.enqueue(rowsNumbered(m, 10, 3), coordsNumbered(m, 10, 3));
            assertEquals(5, q.size());
            assertArrayEquals(new double[] {1, 2, 10, 11, 12}, firstColumn(q.embeddings()), "oldest dropped first");
            assertArrayEquals(new double[] {1, 2, 10, 11, 12}, firstColumn(q.coordinates()), "coordinates follow");
            q.enqueue(rowsNumbered(m, 20, 7), coordsNumbered(m, 20, 7));
            assertArrayEquals(new double[] {22, 23, 24, 25, 26}, firstColumn(q.embeddings()),
                    "a batch larger than the queue keeps its newest rows");
            assertThrows(IllegalArgumentException.class, () -> q.enqueue(rowsNumbered(m, 0, 2), null),
                    "entries with and without coordinates do not mix");
            q.clear();
            assertEquals(0, q.size());
        }
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingQueue(manager, 0));
    }

    @Test
    void queueHoldsDetachedCopies() {
        try (NDManager m = manager.newSubManager(); EmbeddingQueue q = new EmbeddingQueue(manager, 8)) {
            NDArray source = rowsNumbered(m, 0, 2);
            q.enqueue(source, null);
            source.addi(100);
            assertArrayEquals(new double[] {0, 1}, firstColumn(q.embeddings()), "a copy, not a view");

            double[][] e = random(3, 4, 7);
            double[][] v = random(3, 4, 8);
            NDArray x = Nd.matrix(m, random(2, 4, 9));
            x.setRequiresGradient(true);
            NDArray eNd = Nd.matrix(m, e);
            NDArray vNd = Nd.matrix(m, v);
            vNd.setRequiresGradient(true);
            McLoss loss = new McLoss(McLoss.Settings.csp(true, 1, 1, 1, 0, 0), q);
            try (GradientCollector gc = GeoRuntime.engine().newGradientCollector()) {
                q.clear();
                q.enqueue(x.mul(2), null); // x reaches the loss only through the queue
                assertFalse(q.embeddings().hasGradient(), "queued entries do not require a gradient");
                gc.backward(loss.compute(ContrastiveBatch.of(eNd, vNd)).total());
            }
            assertEquals(0.0, scalar(x.getGradient().abs().sum()), 0.0, "no gradient flows into the queue");
            assertTrue(scalar(vNd.getGradient().abs().sum()) > 0, "the image side is trained");
        }
    }

    @Test
    void queueEntriesAreExtraImageToLocationNegatives() {
        double[][] e = random(6, 8, 11);
        double[][] v = random(6, 8, 12);
        double[][] queued = random(4, 8, 13);
        double tau = 0.3;
        try (NDManager m = manager.newSubManager(); EmbeddingQueue q = new EmbeddingQueue(manager, 16)) {
            q.enqueue(Nd.matrix(m, queued), null);
            McLoss loss = new McLoss(McLoss.Settings.csp(true, tau, 1, 1, 0, 0), q);
            double got = scalar(loss.compute(ContrastiveBatch.of(Nd.matrix(m, e), Nd.matrix(m, v))).total());
            double[][] en = normalized(e);
            double[][] vn = normalized(v);
            double expected = ceMasked(en, vn, tau, false, null) + ceMasked(vn, en, tau, false, normalized(queued));
            assertEquals(expected, got, 1e-10);
            assertThrows(InvalidInputException.class,
                    () -> new McLoss(McLoss.Settings.csp(false, 1, 1, 1, 0, 0), q), "queue needs the symmetric loss");
        }
    }

    @Test
    void maskedQueueColumnsUseTheirCoordinates() {
        double[][] e = random(6, 8, 21);
        double[][] v = random(6, 8, 22);
        double[][] queued = random(2, 8, 23);
        // Queue entry 0 sits at Tokyo (row 5's location), entry 1 far from every row.
        double[][] queuedCoords = {{139.69, 35.69}, {-70.0, -30.0}};
        double tau = 0.4;
        try (NDManager m = manager.newSubManager(); EmbeddingQueue q = new EmbeddingQueue(manager, 16)) {
            q.enqueue(Nd.matrix(m, queued), Nd.matrix(m, queuedCoords));
            McLoss loss = new McLoss(McLoss.Settings.csp(true, tau, 1, 1, 0, 0).withFalseNegativeRadiusKm(RADIUS_KM), q);
            ContrastiveBatch batch = ContrastiveBatch.of(Nd.matrix(m, e), Nd.matrix(m, v)).withCoordinates(Nd.matrix(m, COORDS));
            double got = scalar(loss.compute(batch).total());
            double[][] en = normalized(e);
            double[][] vn = normalized(v);
            double[][] qn = normalized(queued);
            double imageToLocation = 0;
            for (int i = 0; i < 6; i++) {
                double denom = 0;
                for (int j = 0; j < 6; j++) {
                    denom += near(i, j) ? 0 : Math.exp(dot(vn[i], en[j]) / tau);
                }
                for (int k = 0; k < 2; k++) {
                    boolean masked = GreatCircle.distanceKm(COORDS[i][0], COORDS[i][1], queuedCoords[k][0],
                            queuedCoords[k][1]) <= RADIUS_KM;
                    denom += masked ? 0 : Math.exp(dot(vn[i], qn[k]) / tau);
                }
                imageToLocation += Math.log(denom) - dot(vn[i], en[i]) / tau;
            }
            double expected = ceMasked(en, vn, tau, true, null) + imageToLocation / 6;
            assertEquals(expected, got, 1e-10);
        }
    }

    @Test
    void learnableTemperature() {
        double[][] e = random(5, 8, 31);
        double[][] v = random(5, 8, 32);
        McLoss learn = new McLoss(McLoss.Settings.csp(true, 1, 1, 1, 0, 0).withLearnableTemperature(true));
        try (NDManager m = manager.newSubManager()) {
            LogitScaleBlock block = new LogitScaleBlock();
            block.initialize(m, DataType.FLOAT32);
            assertEquals(Math.log(1 / 0.07), block.parameter().getArray().getFloat(0), 1e-6, "CLIP initial value");
            ParameterStore ps = new ParameterStore(m, false);
            NDArray eNd = Nd.matrix(m, e).toType(DataType.FLOAT32, false);
            NDArray vNd = Nd.matrix(m, v).toType(DataType.FLOAT32, false);
            double withScale;
            try (GradientCollector gc = GeoRuntime.engine().newGradientCollector()) {
                NDArray scale = block.forward(ps, new NDList(), true).head();
                LossTerms terms = learn.compute(ContrastiveBatch.of(eNd, vNd).withLogitScale(scale));
                withScale = scalar(terms.total());
                gc.backward(terms.total());
            }
            double grad = block.parameter().getArray().getGradient().getFloat(0);
            assertTrue(Double.isFinite(grad) && grad != 0, "logit scale gradient " + grad);
            double fixed = scalar(new McLoss(McLoss.Settings.csp(true, 0.07, 1, 1, 0, 0))
                    .compute(ContrastiveBatch.of(eNd, vNd)).total());
            assertEquals(fixed, withScale, 1e-5 * fixed, "exp(logit_scale) multiplies = 1/τ_b divides");

            // Above ln(100) the scale is clamped: same loss as τ_b = 0.01 and no gradient.
            LogitScaleBlock big = new LogitScaleBlock(Math.log(1000));
            big.initialize(m, DataType.FLOAT32);
            double clamped;
            try (GradientCollector gc = GeoRuntime.engine().newGradientCollector()) {
                NDArray scale = big.value(new ParameterStore(m, false), Device.cpu(), true);
                LossTerms terms = learn.compute(ContrastiveBatch.of(eNd, vNd).withLogitScale(scale));
                clamped = scalar(terms.total());
                gc.backward(terms.total());
            }
            double capped = scalar(new McLoss(McLoss.Settings.csp(true, 0.01, 1, 1, 0, 0))
                    .compute(ContrastiveBatch.of(eNd, vNd)).total());
            assertEquals(capped, clamped, 1e-5 * capped);
            assertEquals(0.0, big.parameter().getArray().getGradient().getFloat(0), 0.0);
            assertNotEquals(withScale, clamped);
        }
    }

    @Test
    void badSettingsAreAllReported() {
        InvalidInputException ex = assertThrows(InvalidInputException.class,
                () -> McLoss.Settings.csp(false, 0, -1, Double.NaN, -2, 0));
        assertEquals(4, ex.problems().size(), ex.getMessage());
        assertTrue(ex.getMessage().contains("tau_b"), ex.getMessage());
    }

    /** Rows whose every entry equals the row's number (start, start+1, ...). */
    static NDArray rowsNumbered(NDManager m, int start, int n) {
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(x[i], start + i);
        }
        return Nd.matrix(m, x).toType(DataType.FLOAT32, false);
    }

    static NDArray coordsNumbered(NDManager m, int start, int n) {
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            x[i][0] = start + i;
            x[i][1] = 0;
        }
        return Nd.matrix(m, x);
    }

    static double[] firstColumn(NDArray a) {
        double[][] x = Nd.toMatrix(a);
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i][0];
        }
        return c;
    }
}
