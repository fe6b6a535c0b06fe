package org.geocsp.core.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.testutil.Nd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RffEncoderTest {

    static NDManager manager;

    static final double[][] POINTS = {{0, 0}, {-180, -90}, {180, 90}, {-122.4194, 37.7749}, {151.2093, -33.8688},
        {36.8219, -1.2921}, {-21.9426, 64.1466}};

    @BeforeAll
    static void setUp() {
        manager = GeoRuntime.manager(Device.cpu());
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    /** The encoder's output and its W (row-major, 2·D) and b after initialisation. */
    record Run(double[][] out, double[] w, double[] b) {}

    static Run run(RffEncoder enc, double[][] lonLat) {
        try (NDManager m = manager.newSubManager()) {
            NDArray in = Nd.matrix(m, lonLat);
            enc.initialize(m, DataType.FLOAT32, in.getShape());
            NDArray out = enc.forward(new ParameterStore(m, false), new NDList(in), false).head();
            assertEquals(DataType.FLOAT32, out.getDataType());
            var params = enc.getParameters();
            NDArray w = params.get(RffEncoder.W).getArray();
            NDArray b = params.get(RffEncoder.B).getArray();
            int d = enc.outputDim();
            assertEquals(new Shape(2, d), w.getShape());
            assertEquals(new Shape(d), b.getShape());
            assertFalse(params.get(RffEncoder.W).requiresGradient());
            assertFalse(params.get(RffEncoder.B).requiresGradient());
            return new Run(Nd.toMatrix(out), Nd.toMatrix(w.reshape(1, 2 * d))[0], Nd.toMatrix(b.reshape(1, d))[0]);
        }
    }

    @Test
    void deterministicBySeed() {
        EncoderSpec spec = EncoderSpec.of("rff").withFrequencyNum(64);
        Run a = run(new RffEncoder(spec), POINTS);
        Run again = run((RffEncoder) EncoderRegistry.create(spec), POINTS);
        Run other = run(new RffEncoder(spec.withSeed(7)), POINTS);
        assertArrayEquals(a.w(), again.w(), 0);
        assertArrayEquals(a.b(), again.b(), 0);
        for (int i = 0; i < POINTS.length; i++) {
            assertArrayEquals(a.out()[i], again.out()[i], 0);
        }
        assertFalse(java.util.Arrays.equals(a.w(), other.w()));
        assertFalse(java.util.Arrays.equals(a.out()[3], other.out()[3]));
    }

    @Test
    void valuesEqualADirectComputationFromTheParameters() {
        int d = 48;
        RffEncoder enc = new RffEncoder(EncoderSpec.of("rff").withFrequencyNum(d).withKernelSize(3.0));
        Run r = run(enc, POINTS);
        for (int i = 0; i < POINTS.length; i++) {
            double x = (POINTS[i][0] + 180) / 360 * 2 - 1;
            double y = (POINTS[i][1] + 90) / 180 * 2 - 1;
            for (int j = 0; j < d; j++) {
                double expected = Math.sqrt(2.0 / d) * Math.cos(x * r.w()[j] + y * r.w()[d + j] + r.b()[j]);
                assertEquals(expected, r.out()[i][j], 1e-6, "row " + i + " feature " + j);
            }
        }
        for (double b : r.b()) {
            assertTrue(b >= 0 && b < 2 * Math.PI + 1e-6, "phase " + b + " outside [0, 2π)");
        }
    }

    @Test
    void frequencyVarianceIsTheKernelSize() {
        int d = 4000;
        for (double sigma : new double[] {0.25, 4.0}) {
            Run r = run(new RffEncoder(EncoderSpec.of("rff").withFrequencyNum(d).withKernelSize(sigma)),
                    new double[][] {{0, 0}});
            double mean = 0;
            double var = 0;
            for (double w : r.w()) {
                mean += w / r.w().length;
            }
            for (double w : r.w()) {
                var += (w - mean) * (w - mean) / (r.w().length - 1);
            }
            // 8000 draws: the sample variance has relative standard error √(2/8000) ≈ 1.6%; allow 5 of them.
            assertEquals(sigma, var, 0.08 * sigma, "variance of W for kernel_size " + sigma);
            assertEquals(0, mean, 5 * Math.sqrt(sigma / r.w().length));
            double bMean = 0;
            for (double b : r.b()) {
                bMean += b / d;
            }
            assertEquals(Math.PI, bMean, 5 * 2 * Math.PI / Math.sqrt(12 * d), "b is U(0, 2π)");
        }
    }
}
