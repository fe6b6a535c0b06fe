package org.geocsp.core.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.geocsp.core.io.InvalidInputException;
import org.geocsp.core.runtime.GeoRuntime;
import org.geocsp.core.testutil.Golden;
import org.geocsp.core.testutil.Nd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RbfEncoderTest {

    static NDManager manager;
    static JsonObject rbfGolden;
    static double[][] coords;

    @BeforeAll
    static void setUp() {
        manager = GeoRuntime.manager(Device.cpu());
        JsonObject golden = Golden.json("pe_raw.json");
        coords = Golden.matrix(golden.get("coords_lonlat_deg"));
        rbfGolden = golden.getAsJsonObject("encoders").getAsJsonObject("rbf");
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    static double[][] forward(PositionEncoder enc, NDManager m, ParameterStore ps, double[][] lonLat) {
        NDArray in = Nd.matrix(m, lonLat).toType(DataType.FLOAT32, false);
        enc.initialize(m, DataType.FLOAT32, in.getShape());
        NDArray out = enc.forward(ps, new NDList(in), false).head();
        assertEquals(DataType.FLOAT32, out.getDataType());
        return Nd.toMatrix(out);
    }

    static double[][] forward(PositionEncoder enc, double[][] lonLat) {
        try (NDManager m = manager.newSubManager()) {
            return forward(enc, m, new ParameterStore(m, false), lonLat);
        }
    }

    @Test
    void matchesReferenceGoldenWithStoredAnchors() {
        double[][] anchors = Golden.matrix(rbfGolden.get("anchors_lonlat_deg"));
        double sigma = rbfGolden.get("kernel_size_sigma").getAsDouble();
        EncoderSpec spec = EncoderSpec.of("rbf").withNumAnchors(anchors.length).withKernelSize(sigma);
        RbfEncoder enc = new RbfEncoder(spec, anchors);
        assertEquals(10, enc.outputDim());
        Golden.assertClose(Golden.matrix(rbfGolden.get("values")), forward(enc, coords), 1e-5, "rbf");
    }

    @Test
    void defaultAnchorsAreSeededPointsOnTheSphere() {
        EncoderSpec spec = EncoderSpec.of("rbf").withNumAnchors(2000);
        double[][] a = new RbfEncoder(spec).anchorsLonLatDeg();
        double[][] same = new RbfEncoder(spec).anchorsLonLatDeg();
        double[][] other = new RbfEncoder(spec.withSeed(43)).anchorsLonLatDeg();
        assertEquals(2000, a.length);
        assertTrue(java.util.Arrays.deepEquals(a, same), "same seed, same anchors");
        assertFalse(java.util.Arrays.deepEquals(a, other), "other seed, other anchors");
        // Area-uniform: sin(lat) is U(−1, 1), so its mean is ~0 and a third of the points have |lat| > 41.8°
        // (sin 41.81° = 2/3); a lon/lat-uniform sample would put 53% there.
        double meanSin = 0;
        int high = 0;
        for (double[] p : a) {
            assertTrue(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90);
            meanSin += Math.sin(Math.toRadians(p[1])) / a.length;
            if (Math.abs(p[1]) > Math.toDegrees(Math.asin(2.0 / 3))) {
                high++;
            }
        }
        assertEquals(0, meanSin, 0.05);
        assertEquals(1.0 / 3, high / 2000.0, 0.04);
    }

    /** Training locations on a 0.5° lattice (exact in float32), all distinct. */
    static double[][] trainingLocations(int n) {
        double[] lon = new double[n];
        double[] lat = new double[n];
        for (int i = 0; i < n; i++) {
            lon[i] = -179.5 + 0.5 * (i % 700);
            lat[i] = -80 + 0.5 * (i / 700);
        }
        return new double[][] {lon, lat};
    }

    @Test
    void fitToDataPicksDistinctTrainingLocationsReproducibly() {
        double[][] train = trainingLocations(5000);
        Set<String> trainSet = new HashSet<>();
        for (int i = 0; i < train[0].length; i++) {
            trainSet.add(train[0][i] + "," + train[1][i]);
        }
        EncoderSpec spec = EncoderSpec.of("rbf").withNumAnchors(300);
        RbfEncoder a = new RbfEncoder(spec);
        double[][] before = a.anchorsLonLatDeg();
        a.fitToData(train[0], train[1], 5);
        double[][] fitted = a.anchorsLonLatDeg();
        Set<String> picked = new HashSet<>();
        for (double[] p : fitted) {
            String key = p[0] + "," + p[1];
            assertTrue(trainSet.contains(key), "anchor " + key + " is not a training location");
            picked.add(key);
        }
        assertEquals(300, picked.size(), "sampled without replacement");
        assertFalse(java.util.Arrays.deepEquals(before, fitted));

        RbfEncoder b = new RbfEncoder(spec.withSeed(999)); // the encoder's own seed does not matter here
        b.fitToData(train[0], train[1], 5);
        assertTrue(java.util.Arrays.deepEquals(fitted, b.anchorsLonLatDeg()), "same seed, same anchors");
        RbfEncoder c = new RbfEncoder(spec);
        c.fitToData(train[0], train[1], 6);
        assertFalse(java.util.Arrays.deepEquals(fitted, c.anchorsLonLatDeg()), "other seed, other anchors");

        // With exactly M rows every row becomes an anchor.
        double[][] small = trainingLocations(300);
        RbfEncoder d = new RbfEncoder(spec);
        d.fitToData(small[0], small[1], 1);
        Set<String> all = new HashSet<>();
        for (double[] p : d.anchorsLonLatDeg()) {
            all.add(p[0] + "," + p[1]);
        }
        assertEquals(300, all.size());
    }

    @Test
    void fitToDataRejectsFewerRowsThanAnchors() {
        double[][] train = trainingLocations(150);
        RbfEncoder enc = new RbfEncoder(EncoderSpec.of("rbf").withNumAnchors(200));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> enc.fitToData(train[0], train[1], 1));
        assertTrue(e.getMessage().contains("num_anchors is 200"), e.getMessage());
        assertTrue(e.getMessage().contains("only 150 rows"), e.getMessage());
        assertTrue(e.getMessage().contains("at most 150"), e.getMessage());
    }

    @Test
    void explicitAnchorsAreValidated() {
        EncoderSpec spec = EncoderSpec.of("rbf").withNumAnchors(2);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new RbfEncoder(spec, new double[][] {{0, 0}, {200, 0}, {0, Double.NaN}}));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("3 anchors given but num_anchors is 2"));
    }

    @Test
    void fitAfterInitialisationUpdatesTheParameterInPlace() {
        double[][] train = {{10, 20, 30}, {-5, 0, 5}};
        double[][] query = {{10, -5}, {20, 0}, {30, 5}};
        RbfEncoder enc = new RbfEncoder(EncoderSpec.of("rbf").withNumAnchors(3), new double[][] {{-100, 0}, {-110, 0},
            {-120, 0}});
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            double[][] far = forward(enc, m, ps, query);
            for (double[] row : far) {
                for (double v : row) {
                    assertEquals(0, v, 1e-12);
                }
            }
            enc.fitToData(train[0], train[1], 3);
            // The same store (which cached the anchor array) sees the new anchors: each query is an anchor.
            double[][] near = forward(enc, m, ps, query);
            for (double[] row : near) {
                double max = 0;
                for (double v : row) {
                    max = Math.max(max, v);
                }
                assertEquals(1.0, max, 1e-7);
            }
            assertArrayEquals(near[0], forward(enc, m, new ParameterStore(m, false), query)[0], 0);
        }
    }
}
